#!/usr/bin/python3
"""Reference values for the perception-gap tests.

    /usr/bin/python3 tests/reference/make_gap_reference.py > tests/data/gap_reference.json

R (Debian r-base-core) runs t.test and wilcox.test(exact = FALSE, correct = TRUE) on the raw
data expanded from each histogram with rep(); cxmetrics computes the same statistics from
the histograms alone. Cliff's delta is checked through R's W (delta = 2 W / (n1 n2) - 1),
Cohen's d with numpy, Hedges' exact J with scipy's gamma function, Spearman's correlation
with scipy.stats.spearmanr.

Weighted Welch: statsmodels' CompareMeans.ttest_ind(usevar="unequal") on DescrStatsW, which
treats weights as frequencies; with each group's weights rescaled to sum to Kish's effective
n, sum(w)^2 / sum(w^2), its nobs is Kish's n and its variance (ddof = 1) equals the
reliability-weights variance SS / (V1 - V2 / V1) that cxmetrics uses: the same test.
"""
import math

import numpy as np
import scipy.special as sp
import scipy.stats as st

from reference_tools import r_numbers, r_qt, r_vec, tool_versions, write_reference

rng = np.random.default_rng(55)


def unpaired_cases():
    specs = [
        (1, 5, [1, 2, 5, 30, 40], [10, 15, 20, 25, 12]),
        (1, 5, [0, 1, 0, 1, 0], [1, 0, 1, 0, 1]),
        (1, 5, [0, 0, 3, 3, 0], [0, 2, 0, 2, 2]),
        (0, 10, [0, 0, 0, 0, 1, 2, 4, 9, 15, 12, 7], [3, 2, 4, 5, 6, 9, 12, 14, 10, 6, 4]),
        (1, 7, rng.integers(1000, 60000, 7).tolist(), rng.integers(1000, 60000, 7).tolist()),
    ]
    cases = []
    for lo, hi, a, b in specs:
        x = f"rep({lo}:{hi}, {r_vec(a, integers=True)})"
        y = f"rep({lo}:{hi}, {r_vec(b, integers=True)})"
        cases_levels = []
        for level in (0.9, 0.95, 0.99):
            t = r_numbers(f"x <- {x}; y <- {y}; t <- t.test(x, y, conf.level = {level}); "
                          "cat(sprintf('%.17g', c(t$estimate[1] - t$estimate[2], t$stderr, t$statistic, "
                          "t$parameter, t$p.value, t$conf.int)))")
            cases_levels.append({"level": level, "difference": t[0], "standard_error": t[1], "statistic": t[2],
                                 "df": t[3], "p_value": t[4], "ci": [t[5], t[6]]})
        w, wp = r_numbers(f"w <- wilcox.test({x}, {y}, exact = FALSE, correct = TRUE); "
                          "cat(sprintf('%.17g', c(w$statistic, w$p.value)))")
        xs = np.repeat(np.arange(lo, hi + 1), a).astype(float)
        ys = np.repeat(np.arange(lo, hi + 1), b).astype(float)
        n1, n2 = len(xs), len(ys)
        pooled = math.sqrt(((n1 - 1) * xs.var(ddof=1) + (n2 - 1) * ys.var(ddof=1)) / (n1 + n2 - 2))
        d = (xs.mean() - ys.mean()) / pooled
        df = n1 + n2 - 2
        j = float(np.exp(sp.gammaln(df / 2) - sp.gammaln((df - 1) / 2)) / math.sqrt(df / 2))
        cases.append({"lo": lo, "hi": hi, "first": a, "second": b, "welch": cases_levels,
                      "mann_whitney": {"statistic": w, "p_value": wp,
                                       "abs_z": float(st.norm.isf(wp / 2)) if wp > 0 else None},
                      "cliffs_delta": 2 * w / (n1 * n2) - 1, "cohens_d": float(d), "hedges_g": float(d * j)})
    return cases


def paired_cases():
    cases = []
    for diff_counts in ([0, 1, 3, 5, 6, 10, 7, 2, 1],   # differences -4..4 (1..5 scales)
                        [0, 0, 0, 1, 20, 30, 25, 9, 2],
                        [2, 3, 1, 4, 0, 4, 1, 3, 2],
                        rng.integers(0, 5000, 9).tolist()):
        d = f"rep(-4:4, {r_vec(diff_counts, integers=True)})"
        levels = []
        for level in (0.9, 0.95):
            t = r_numbers(f"d <- {d}; t <- t.test(d, conf.level = {level}); "
                          "cat(sprintf('%.17g', c(t$estimate, t$stderr, t$statistic, t$parameter, t$p.value, t$conf.int)))")
            levels.append({"level": level, "difference": t[0], "standard_error": t[1], "statistic": t[2],
                           "df": t[3], "p_value": t[4], "ci": [t[5], t[6]]})
        v, vp = r_numbers(f"w <- wilcox.test({d}, exact = FALSE, correct = TRUE); "
                          "cat(sprintf('%.17g', c(w$statistic, w$p.value)))")
        values = np.repeat(np.arange(-4, 5), diff_counts).astype(float)
        cases.append({"differences": diff_counts, "t": levels,
                      "signed_rank": {"statistic": v, "p_value": vp, "abs_z": float(st.norm.isf(vp / 2)) if vp > 0 else None},
                      "self_above": float(np.mean(values > 0)), "equal": float(np.mean(values == 0)),
                      "self_below": float(np.mean(values < 0)),
                      "d_z": float(values.mean() / values.std(ddof=1))})
    return cases


def calibration_case():
    employees = []
    selfs = [4.5, 4.0, 5.0, 3.5, 4.0, 4.5]
    for i, s in enumerate(selfs):
        counts = rng.integers(1, 12, 5).tolist()
        employees.append({"employee": f"e{i}", "self": s, "counts": counts})
    means = [float(np.repeat(np.arange(1, 6), e["counts"]).mean()) for e in employees]
    rho = st.spearmanr(selfs, means).correlation
    return {"employees": employees, "customer_means": means, "rank_correlation": float(rho)}


def weighted_welch_cases():
    from statsmodels.stats.weightstats import CompareMeans, DescrStatsW
    cases = []
    for seed, (lo, hi), n1, n2 in ((1, (1, 7), 40, 55), (2, (1, 5), 12, 9), (3, (0, 10), 300, 250)):
        g = np.random.default_rng(seed)
        groups = []
        for n in (n1, n2):
            values = g.integers(lo, hi + 1, n)
            weights = g.uniform(0.3, 2.5, n)
            groups.append((values, weights))
        stats = []
        for values, weights in groups:
            kish = weights.sum() ** 2 / (weights ** 2).sum()
            stats.append(DescrStatsW(values.astype(float), weights=weights * kish / weights.sum(), ddof=1))
        cm = CompareMeans(stats[0], stats[1])
        t, p, df = cm.ttest_ind(usevar="unequal")
        # The interval from R's qt: scipy's t.ppf (which tconfint_diff uses) is off by ~1e-10 at
        # fractional df; cross-checked against tconfint_diff to 1e-8.
        se = float(cm.std_meandiff_separatevar)
        q = r_qt(0.975, float(df))
        diff = float(stats[0].mean - stats[1].mean)
        lo_ci, hi_ci = diff - q * se, diff + q * se
        sm_lo, sm_hi = cm.tconfint_diff(alpha=0.05, usevar="unequal")
        assert abs(sm_lo - lo_ci) < 1e-8 and abs(sm_hi - hi_ci) < 1e-8
        cases.append({"lo": lo, "hi": hi,
                      "first": [[int(v), float(w)] for v, w in zip(*groups[0])],
                      "second": [[int(v), float(w)] for v, w in zip(*groups[1])],
                      "difference": float(stats[0].mean - stats[1].mean),
                      "standard_error": float(cm.std_meandiff_separatevar), "statistic": float(t),
                      "df": float(df), "p_value": float(p), "ci": [float(lo_ci), float(hi_ci)]})
    return cases


write_reference("tests/reference/make_gap_reference.py", {
    "unpaired": unpaired_cases(),
    "paired": paired_cases(),
    "calibration": calibration_case(),
    "weighted_welch": weighted_welch_cases(),
}, tools=tool_versions("numpy", "scipy", "statsmodels", "R"))
