#!/usr/bin/python3
"""Reference values for the effects and switches of the rank tests (gap/rank_tests.hpp).

    /usr/bin/python3 tests/reference/make_rank_effect_reference.py > tests/data/rank_effect_reference.json

Every value comes from the raw data expanded from each histogram with numpy.repeat or R's
rep(), never from the histograms themselves:
- Mann-Whitney with and without the continuity correction: scipy.stats.mannwhitneyu(x, y,
  use_continuity=..., method="asymptotic"); its statistic is U of x (R's W).
- The probability of superiority P(x > y) + 0.5 P(x = y) and its Brunner-Munzel interval:
  statsmodels.stats.nonparametric.rank_compare_2indep(x, y) (use_t=True), which ranks the
  raw data: its prob1, its standard error sqrt(var / nobs) and Welch-Satterthwaite df, with
  R's qt for the quantile (checked against statsmodels' .conf_int() to 1e-8) (null where statsmodels' interval is
  NaN: samples that do not overlap; cxmetrics returns [0, 1] there).
- Signed-rank without the continuity correction: R wilcox.test(d, exact = FALSE, correct =
  FALSE); the paired effect's interval: R t.test(score, conf.level = level) on the scores
  1 (d > 0), 0.5 (d = 0), 0 (d < 0).
"""
import numpy as np
import scipy.stats as st
from statsmodels.stats.nonparametric import rank_compare_2indep

from reference_tools import r_numbers, r_qt, r_vec, tool_versions, write_reference

rng = np.random.default_rng(1717)


def unpaired():
    specs = [
        (1, 5, [1, 2, 5, 30, 40], [10, 15, 20, 25, 12]),
        (1, 5, [0, 0, 3, 3, 0], [0, 2, 0, 2, 2]),
        (1, 5, [2, 1, 0, 0, 0], [0, 0, 1, 2, 1]),
        (0, 10, [0, 0, 0, 0, 1, 2, 4, 9, 15, 12, 7], [3, 2, 4, 5, 6, 9, 12, 14, 10, 6, 4]),
        (1, 7, rng.integers(100, 3000, 7).tolist(), rng.integers(100, 3000, 7).tolist()),
    ]
    cases = []
    for lo, hi, a, b in specs:
        x = np.repeat(np.arange(lo, hi + 1), a).astype(float)
        y = np.repeat(np.arange(lo, hi + 1), b).astype(float)
        mw = {}
        for continuity in (True, False):
            r = st.mannwhitneyu(x, y, use_continuity=continuity, alternative="two-sided", method="asymptotic")
            mw["corrected" if continuity else "uncorrected"] = {"statistic": float(r.statistic),
                                                                 "p_value": float(r.pvalue)}
        with np.errstate(divide="ignore", invalid="ignore"):
            rc = rank_compare_2indep(x, y)
        levels = []
        for level in (0.9, 0.95, 0.99):
            with np.errstate(divide="ignore", invalid="ignore"):
                lower, upper = rc.conf_int(alpha=1 - level)
            # NaN where the Brunner-Munzel variance is 0 (samples that do not overlap):
            # written as null; cxmetrics answers the whole range [0, 1] there.
            ci = None
            if not np.isnan(lower):
                # statsmodels' estimate and standard error, R's t quantile: scipy 1.10's
                # t.isf is off by ~1e-9 relative at small non-integer df, R's qt and
                # Boost.Math agree to 1e-15. The two intervals agree to 1e-8.
                q = r_qt((1 + level) / 2, float(rc.df))
                half = q * float(np.sqrt(rc.var / rc.nobs))
                ci = [float(rc.prob1) - half, float(rc.prob1) + half]
                assert abs(ci[0] - lower) < 1e-8 and abs(ci[1] - upper) < 1e-8, (ci, lower, upper)
            levels.append({"level": level, "ci": ci})
        cases.append({"lo": lo, "hi": hi, "first": a, "second": b, "mann_whitney": mw,
                      "effect": float(rc.prob1), "effect_ci": levels})
    return cases


def paired():
    cases = []
    for counts in ([0, 1, 3, 5, 6, 10, 7, 2, 1], [2, 3, 1, 4, 0, 4, 1, 3, 2], rng.integers(0, 400, 9).tolist()):
        d = np.repeat(np.arange(-4, 5), counts).astype(float)
        score = np.where(d > 0, 1.0, np.where(d == 0, 0.5, 0.0))
        v, p = r_numbers(f"w <- wilcox.test({r_vec(d, integers=False)}, exact = FALSE, correct = FALSE); "
                         "cat(sprintf('%.17g', c(w$statistic, w$p.value)))")
        levels = []
        for level in (0.9, 0.95):
            ci = r_numbers(f"t <- t.test({r_vec(score, integers=False)}, conf.level = {level}); cat(sprintf('%.17g', t$conf.int))")
            levels.append({"level": level, "ci": ci})
        cases.append({"differences": counts, "uncorrected": {"statistic": v, "p_value": p},
                      "effect": float(score.mean()), "effect_ci": levels})
    return cases


write_reference("tests/reference/make_rank_effect_reference.py", {"unpaired": unpaired(), "paired": paired()},
                tools=tool_versions("numpy", "scipy", "statsmodels", "R"))
