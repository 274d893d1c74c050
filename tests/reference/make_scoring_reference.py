#!/usr/bin/python3
"""Reference values for the scoring tests (NPS, proportions, sample sizes, CSAT, CES).

    /usr/bin/python3 tests/reference/make_scoring_reference.py > tests/data/scoring_reference.json

Sources: numpy and scipy on the expanded raw responses (an NPS is the mean of per-response
scores +100 / 0 / -100, so its trinomial standard error is their population standard
deviation over sqrt(n)); statsmodels for the pooled two-proportion z test, Newcombe's
interval, Wilson intervals and Cochran's sample size; R's qt for Student t quantiles.
The adjusted-Wald NPS interval is computed as a weighted mean of the scores with pseudo-
counts 0.75 / 1.5 / 0.75 added, a different route from cxmetrics' share formula.
"""
import math

import numpy as np
import scipy.stats as st
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest, samplesize_confint_proportion)

from reference_tools import r_qt, tool_versions, write_reference

rng = np.random.default_rng(31)
LEVELS = (0.9, 0.95, 0.99)
SCORE = np.array([-100.0] * 7 + [0.0] * 2 + [100.0] * 2)  # per rating 0..10


def z(level):
    return float(st.norm.ppf(0.5 + level / 2))


def weighted_nps(values, weights):
    """Score, shares, effective n and SE from per-response scores and weights."""
    s = SCORE[values]
    w = np.asarray(weights, dtype=float)
    v1, v2 = w.sum(), (w ** 2).sum()
    mean = float(np.average(s, weights=w))
    var = float(np.average((s - mean) ** 2, weights=w))  # trinomial: population variance
    n = v1 * v1 / v2
    shares = [float(w[np.asarray(values) >= 9].sum() / v1),
              float(w[(np.asarray(values) >= 7) & (np.asarray(values) <= 8)].sum() / v1),
              float(w[np.asarray(values) <= 6].sum() / v1)]
    return mean, shares, n, math.sqrt(var / n)


def adjusted(values, weights):
    """Adjusted Wald: scores with pseudo-counts of 0.75 promoter, 1.5 passive, 0.75 detractor."""
    _, _, n, _ = weighted_nps(values, weights)
    shares = weighted_nps(values, weights)[1]
    counts = np.array([shares[2], shares[1], shares[0]]) * n + np.array([0.75, 1.5, 0.75])
    s = np.array([-100.0, 0.0, 100.0])
    mean = float(np.average(s, weights=counts))
    var = float(np.average((s - mean) ** 2, weights=counts))
    return mean, math.sqrt(var / (n + 3.0))


def intervals(values, weights):
    score, _, _, se = weighted_nps(values, weights)
    center, adj_se = adjusted(values, weights)
    out = []
    for level in LEVELS:
        out.append({"level": level,
                    "wald": [max(-100.0, score - z(level) * se), min(100.0, score + z(level) * se)],
                    "adjusted_wald": [max(-100.0, center - z(level) * adj_se),
                                      min(100.0, center + z(level) * adj_se)]})
    return out


def nps_case(counts):
    values = np.repeat(np.arange(11), counts)
    weights = np.ones(len(values))
    score, shares, n, se = weighted_nps(values, weights)
    return {"counts": counts, "score": score, "promoter_share": shares[0],
            "passive_share": shares[1], "detractor_share": shares[2], "n": n,
            "standard_error": se, "intervals": intervals(values, weights)}


def nps_cases():
    shapes = [
        [0] * 10 + [1],                       # one promoter
        [1] + [0] * 10,                       # one detractor
        [0] * 9 + [1, 1],                     # two promoters
        [0] * 9 + [40, 60],                   # all promoters
        [5, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0],    # all detractors
        [0] * 7 + [30, 20, 0, 0],             # all passives
        [1, 0, 0, 1, 0, 1, 0, 1, 3, 4, 2],    # small mixed
        [3, 1, 0, 2, 1, 4, 5, 8, 12, 20, 25],
        rng.integers(0, 200000, 11).tolist(),  # large n
        [10, 20, 30, 40, 50, 60, 70, 900, 800, 700, 600],
    ]
    return [nps_case(c) for c in shapes]


def weighted_cases():
    cases = []
    for size, shape in [(30, 2.0), (200, 0.5), (12, 5.0)]:
        values = rng.integers(0, 11, size)
        weights = rng.gamma(shape, 1.0, size)
        if size == 12:
            weights[0] = 40.0  # one heavy weight
        score, shares, n, se = weighted_nps(values, weights)
        cases.append({"values": values.tolist(), "weights": weights.tolist(), "score": score,
                      "promoter_share": shares[0], "passive_share": shares[1],
                      "detractor_share": shares[2], "n": n, "standard_error": se,
                      "total_weight": float(weights.sum()),
                      "intervals": intervals(values, weights)})
    return cases


def compare_cases():
    pairs = [
        ([3, 1, 0, 2, 1, 4, 5, 8, 12, 20, 25], [5, 2, 1, 2, 3, 6, 9, 10, 12, 15, 14]),
        ([0] * 9 + [4, 6], [2, 1, 0, 0, 0, 0, 1, 1, 1, 2, 2]),
        ([10, 20, 30, 40, 50, 60, 70, 900, 800, 700, 600], [10, 20, 30, 40, 50, 60, 70, 900, 800, 700, 650]),
        ([1, 0, 0, 1, 0, 1, 0, 1, 3, 4, 2], [0] * 9 + [1, 0]),
    ]
    cases = []
    for a, b in pairs:
        va, vb = np.repeat(np.arange(11), a), np.repeat(np.arange(11), b)
        sa, _, _, ea = weighted_nps(va, np.ones(len(va)))
        sb, _, _, eb = weighted_nps(vb, np.ones(len(vb)))
        ca, ja = adjusted(va, np.ones(len(va)))
        cb, jb = adjusted(vb, np.ones(len(vb)))
        case = {"first": a, "second": b, "tests": []}
        for method, d, se in [("wald", sa - sb, math.hypot(ea, eb)),
                              ("adjusted_wald", ca - cb, math.hypot(ja, jb))]:
            if se == 0:
                continue
            zz = d / se
            for level in LEVELS:
                case["tests"].append({
                    "method": method, "level": level, "difference": d, "standard_error": se,
                    "statistic": zz, "p_value": float(2 * st.norm.sf(abs(zz))),
                    "ci": [max(-200.0, d - z(level) * se), min(200.0, d + z(level) * se)]})
        cases.append(case)
    return cases


def proportion_cases():
    cases = []
    for x1, n1, x2, n2 in [(30, 50, 20, 50), (5, 12, 9, 11), (0, 10, 0, 12), (10, 10, 12, 12),
                           (0, 20, 3, 25), (480, 1000, 430, 1000), (1, 3, 2, 3), (7.5, 20.25, 4.0, 18.5)]:
        for level in LEVELS:
            lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb",
                                                compare="diff", alpha=1 - level)
            case = {"x1": x1, "n1": n1, "x2": x2, "n2": n2, "level": level,
                    "ci": [float(lo), float(hi)]}
            pooled = (x1 + x2) / (n1 + n2)
            if 0 < pooled < 1:
                stat, p = proportions_ztest([x1, x2], [n1, n2])
                case.update({"difference": x1 / n1 - x2 / n2, "statistic": float(stat),
                             "p_value": float(p),
                             "standard_error": math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))})
            cases.append(case)
    return cases


def sample_size_cases():
    out = {"proportion": [], "nps_margin": [], "nps_per_group": []}
    for margin, p, level, population in [(0.05, 0.5, 0.95, None), (0.03, 0.5, 0.95, None),
                                         (0.05, 0.2, 0.9, None), (0.05, 0.5, 0.95, 2000),
                                         (0.01, 0.3, 0.99, 500), (0.1, 0.5, 0.95, 10)]:
        n0 = float(samplesize_confint_proportion(p, margin, alpha=1 - level))
        n = n0 if population is None else n0 / (1 + (n0 - 1) / population)
        out["proportion"].append({"margin": margin, "expected_share": p, "level": level,
                                  "population": population, "n": math.ceil(n)})
    for margin, pro, det, level, population in [(5, 0.4, 0.2, 0.95, None), (10, 0.3, 0.3, 0.9, None),
                                                (3, 0.5, 0.1, 0.95, 5000), (20, 0.6, 0.1, 0.99, None)]:
        var = 1e4 * (pro + det - (pro - det) ** 2)
        n0 = z(level) ** 2 * var / margin ** 2
        n = n0 if population is None else n0 / (1 + (n0 - 1) / population)
        out["nps_margin"].append({"margin": margin, "promoter_share": pro, "detractor_share": det,
                                  "level": level, "population": population, "n": math.ceil(n)})
    for a, b, level, power in [((0.4, 0.2), (0.45, 0.15), 0.95, 0.8), ((0.3, 0.3), (0.4, 0.2), 0.9, 0.9),
                               ((0.5, 0.1), (0.52, 0.1), 0.95, 0.8)]:
        va = 1e4 * (a[0] + a[1] - (a[0] - a[1]) ** 2)
        vb = 1e4 * (b[0] + b[1] - (b[0] - b[1]) ** 2)
        diff = 100 * ((a[0] - a[1]) - (b[0] - b[1]))
        closed = (z(level) + float(st.norm.ppf(power))) ** 2 * (va + vb) / diff ** 2
        # statsmodels counts the far tail too, so it may need slightly fewer responses.
        sm = NormalIndPower().solve_power(effect_size=abs(diff) / math.sqrt((va + vb) / 2),
                                          alpha=1 - level, power=power, ratio=1.0)
        assert math.ceil(sm) <= math.ceil(closed) <= math.ceil(sm) + 1, (sm, closed)
        out["nps_per_group"].append({"first": a, "second": b, "level": level, "power": power,
                                     "n": math.ceil(closed), "statsmodels_n": float(sm)})
    return out


def box_cases():
    cases = []
    for lo, hi, counts, top in [(1, 5, [3, 4, 10, 40, 43], 2), (1, 5, [0, 0, 0, 2, 3], 1),
                                (1, 7, [2, 3, 5, 10, 20, 30, 30], 3), (1, 10, [1] * 10, 3)]:
        values = np.repeat(np.arange(lo, hi + 1), counts)
        n = len(values)
        case = {"lo": lo, "hi": hi, "counts": counts, "top": top, "levels": []}
        for level in LEVELS:
            x_top = int((values > hi - top).sum())
            x_bottom = int((values < lo + top).sum())
            x_easy = int((values >= 5).sum())
            half = r_qt(0.5 + level / 2, n - 1) * float(st.sem(values))
            case["levels"].append({
                "level": level,
                "top": [x_top / n] + [float(v) for v in proportion_confint(x_top, n, 1 - level, "wilson")],
                "bottom": [x_bottom / n] + [float(v) for v in proportion_confint(x_bottom, n, 1 - level, "wilson")],
                "easy": [x_easy / n] + [float(v) for v in proportion_confint(x_easy, n, 1 - level, "wilson")],
                "mean": [float(values.mean()), float(values.mean() - half), float(values.mean() + half)]})
        cases.append(case)
    return cases


write_reference("tests/reference/make_scoring_reference.py", {
    "nps": nps_cases(),
    "weighted_nps": weighted_cases(),
    "compare_nps": compare_cases(),
    "compare_proportions": proportion_cases(),
    "sample_size": sample_size_cases(),
    "box_scores": box_cases(),
}, tools=tool_versions("numpy", "scipy", "statsmodels", "R"))
