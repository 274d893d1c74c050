#!/usr/bin/python3
"""Reference values for the segments tests (leaderboards, Pareto, key drivers).

    /usr/bin/python3 tests/reference/make_segments_reference.py > tests/data/segments_reference.json

statsmodels: Wilson intervals, Goodman simultaneous multinomial intervals, pooled
two-proportion z tests and Holm's adjustment. scipy: Pearson (with its Fisher z interval)
and Spearman with ties on the expanded pairs. Johnson's relative weights: written here from
Johnson (2000) with numpy's eigh, independently of cxmetrics' Jacobi solver.
"""
import numpy as np
import scipy.stats as st
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (multinomial_proportions_confint, proportion_confint,
                                          proportions_ztest)

from reference_tools import tool_versions, write_reference

rng = np.random.default_rng(606)


def leaderboard_case():
    agents = {}
    for i in range(12):
        n = int(rng.integers(1, 60))
        agents[f"agent-{i:02d}"] = rng.multinomial(n, [0.05, 0.05, 0.15, 0.35, 0.4]).tolist()  # 1..5
    agents["agent-solo"] = [0, 0, 0, 0, 1]
    values = np.concatenate([np.repeat(np.arange(1, 6), c) for c in agents.values()])
    population_mean = float(values.mean())
    rows = {}
    for name, counts in agents.items():
        x = np.repeat(np.arange(1, 6), counts)
        n = len(x)
        top = int((x >= 4).sum())
        lo, hi = proportion_confint(top, n, alpha=0.05, method="wilson")
        rows[name] = {"n": n, "top_share": top / n, "wilson": [float(lo), float(hi)], "mean": float(x.mean()),
                      "bayes": float((population_mean * 10 + x.sum()) / (10 + n))}
    return {"agents": agents, "population_mean": population_mean, "rows": rows}


def pareto_case():
    reasons = ["billing", "delay", "rude", "wrong item", "app crash", "other", "refund"]
    before = rng.multinomial(400, [0.3, 0.25, 0.05, 0.15, 0.1, 0.1, 0.05]).tolist()
    after = rng.multinomial(380, [0.2, 0.35, 0.05, 0.15, 0.1, 0.1, 0.05]).tolist()
    out = {"reasons": reasons, "before": before, "after": after, "goodman": {}}
    for level in (0.9, 0.95):
        ci = multinomial_proportions_confint(np.array(before), alpha=1 - level, method="goodman")
        out["goodman"][str(level)] = ci.tolist()
    stats, pvalues = [], []
    for b, a in zip(before, after):
        z, p = proportions_ztest([a, b], [sum(after), sum(before)])
        stats.append(float(z))
        pvalues.append(float(p))
    out["z"] = stats
    out["p"] = pvalues
    out["holm"] = multipletests(pvalues, alpha=0.05, method="holm")[1].tolist()
    return out


def drivers_case():
    n = 300
    overall = rng.integers(0, 11, n)
    attributes = {}
    for name, strength in (("speed", 0.8), ("friendliness", 0.5), ("price", 0.1)):
        noise = rng.normal(0, 1.5, n)
        attributes[name] = np.clip(np.round(1 + 4 * (strength * overall / 10 + (1 - strength) * rng.random(n)) + 0.3 * noise), 1, 5).astype(int)
    out = {"overall": overall.tolist(), "attributes": {}}
    for name, x in attributes.items():
        r = st.pearsonr(x, overall)
        ci = r.confidence_interval(confidence_level=0.95)
        out["attributes"][name] = {"values": x.tolist(), "pearson": float(r.statistic), "ci": [float(ci.low), float(ci.high)],
                                   "spearman": float(st.spearmanr(x, overall).correlation)}
    # Johnson's relative weights from the correlation matrix.
    names = list(attributes)
    data = np.column_stack([attributes[k] for k in names] + [overall]).astype(float)
    corr = np.corrcoef(data, rowvar=False)
    rxx, rxy = corr[:-1, :-1], corr[:-1, -1]
    evals, evecs = np.linalg.eigh(rxx)
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T
    beta = np.linalg.solve(lam, rxy)
    weights = (lam ** 2) @ (beta ** 2)
    out["relative_weights"] = {"rxx": rxx.tolist(), "rxy": rxy.tolist(), "weights": weights.tolist(),
                               "r_squared": float(weights.sum()),
                               "ols_r_squared": float(rxy @ np.linalg.solve(rxx, rxy))}
    return out


write_reference("tests/reference/make_segments_reference.py",
                {"leaderboard": leaderboard_case(), "pareto": pareto_case(), "drivers": drivers_case()},
                tools=tool_versions("numpy", "scipy", "statsmodels"))
