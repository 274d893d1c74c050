#!/usr/bin/python3
"""Reference values for the core tests, from scipy, statsmodels and numpy.

Run with Debian's Python (the packages python3-scipy, python3-statsmodels, python3-numpy):

    /usr/bin/python3 tests/reference/make_core_reference.py > tests/data/core_reference.json

Every expected value here comes from an established implementation, never from cxmetrics.
Student t quantiles come from R's qt (Debian r-base-core): scipy 1.10's t.ppf is accurate
to only about 1e-11 (for df = 2, whose quantile has a closed form, it is off by 4e-11).
Where cxmetrics documents a convention the reference tool does not apply (clipping Wald
and Agresti-Coull intervals to [0, 1]; the Jeffreys boundary rule of Brown, Cai and
DasGupta), the script applies that documented rule on top of the tool's output.
"""
import numpy as np
import scipy.stats as st
from statsmodels.stats.proportion import proportion_confint

from reference_tools import r_qt, tool_versions, write_reference

rng = np.random.default_rng(20261123)


def proportion_cases():
    counts = [(0, 10), (1, 10), (5, 10), (10, 10), (3, 7), (42, 50), (0, 1), (1, 1),
              (123, 1000), (999, 1000), (7.5, 20.25), (500000, 1000000), (2, 3)]
    levels = [0.8, 0.9, 0.95, 0.99, 0.999]
    methods = {"wilson": "wilson", "agresti_coull": "agresti_coull",
               "clopper_pearson": "beta", "jeffreys": "jeffreys", "wald": "normal"}
    cases = []
    for x, n in counts:
        for level in levels:
            for ours, theirs in methods.items():
                if ours == "clopper_pearson" and x != int(x):
                    continue  # statsmodels' beta method is for integer counts
                lo, hi = proportion_confint(x, n, alpha=1 - level, method=theirs)
                lo, hi = float(lo), float(hi)
                if ours in ("wald", "agresti_coull"):
                    lo, hi = max(0.0, lo), min(1.0, hi)
                if ours == "jeffreys":
                    lo = 0.0 if x == 0 else lo
                    hi = 1.0 if x == n else hi
                if ours == "clopper_pearson":
                    lo = 0.0 if x == 0 else lo  # statsmodels gives nan at the boundary
                    hi = 1.0 if x == n else hi
                cases.append({"x": x, "n": n, "level": level, "method": ours,
                              "lower": lo, "upper": hi})
    return cases


def pearson_cases():
    cases = []
    for n, rho in [(4, 0.5), (10, -0.3), (50, 0.8), (1000, 0.1), (200, -0.95)]:
        x = rng.normal(50, 10, n)
        y = rho * (x - 50) / 10 + np.sqrt(1 - rho * rho) * rng.normal(0, 1, n) + 1e4
        res = st.pearsonr(x, y)
        for level in (0.9, 0.95, 0.99):
            ci = res.confidence_interval(confidence_level=level)
            cases.append({"x": x.tolist(), "y": y.tolist(), "level": level,
                          "r": float(res.statistic), "covariance": float(np.cov(x, y)[0, 1]),
                          "lower": float(ci.low), "upper": float(ci.high)})
    return cases


def histogram_cases():
    """Histograms given as counts per point; references from the expanded raw data."""
    specs = [
        ("nps", 0, 10, [3, 1, 0, 2, 1, 4, 5, 8, 12, 20, 25]),
        ("nps", 0, 10, [0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1]),
        ("csat", 1, 5, [1, 2, 5, 30, 40]),
        ("csat", 1, 5, [0, 0, 0, 1, 1]),
        ("diff", -3, 3, [2, 5, 9, 30, 7, 3, 1]),
        ("ces", 1, 7, rng.integers(0, 5000, 7).tolist()),
    ]
    probabilities = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1.0]
    cases = []
    for name, lo, hi, counts in specs:
        values = np.repeat(np.arange(lo, hi + 1), counts).astype(float)
        n = len(values)
        mean = float(np.mean(values))
        sem = float(st.sem(values))
        case = {"scale": name, "lo": lo, "hi": hi, "counts": counts, "mean": mean,
                "variance": float(np.var(values, ddof=1)),
                "quantiles": [[p, float(np.quantile(values, p, method="linear"))]
                              for p in probabilities],
                "shares": [[a, b, float(np.mean((values >= a) & (values <= b)))]
                           for a, b in [(lo, lo), (hi - 1, hi), (lo, hi), (lo + 1, hi - 1)]],
                "mean_intervals": []}
        for level in (0.9, 0.95, 0.99):
            half = r_qt(0.5 + level / 2, n - 1) * sem
            case["mean_intervals"].append([level, mean - half, mean + half])
        cases.append(case)
    return cases


def weighted_cases():
    cases = []
    for lo, hi, size, integer in [(0, 10, 40, False), (1, 5, 25, False), (1, 5, 30, True),
                                  (0, 10, 200, True)]:
        values = rng.integers(lo, hi + 1, size)
        weights = (rng.integers(1, 6, size).astype(float) if integer
                   else rng.gamma(2.0, 0.7, size))
        v1, v2 = weights.sum(), (weights ** 2).sum()
        mean = float(np.average(values, weights=weights))
        variance = float(np.cov(values, aweights=weights, ddof=1))
        neff = v1 * v1 / v2
        case = {"lo": lo, "hi": hi, "values": values.tolist(), "weights": weights.tolist(),
                "mean": mean, "variance": variance, "effective_n": float(neff),
                "shares": [[hi - 1, hi, float(weights[values >= hi - 1].sum() / v1)]],
                "mean_intervals": []}
        for level in (0.9, 0.95):
            half = r_qt(0.5 + level / 2, float(neff - 1)) * np.sqrt(variance / neff)
            case["mean_intervals"].append([level, float(mean - half), float(mean + half)])
        if integer:
            # Integer weights are frequencies: the weighted quantile is R's type 1
            # (numpy "inverted_cdf") of the data with each value repeated weight times.
            expanded = np.repeat(values, weights.astype(int))
            case["quantiles"] = [[p, float(np.quantile(expanded, p, method="inverted_cdf"))]
                                 for p in (0.1, 0.25, 0.5, 0.75, 0.9, 1.0)]
        cases.append(case)
    return cases


def holm_cases():
    """Holm-adjusted p-values from statsmodels' multipletests, including ties, 0, 1 and one test."""
    from statsmodels.stats.multitest import multipletests
    vectors = [[0.01, 0.04, 0.03], [0.5], [0.0, 1.0, 0.2, 0.2, 0.001], [0.04, 0.04, 0.04, 0.04],
               list(rng.uniform(0, 0.2, 11)), list(rng.beta(0.3, 1.0, 25))]
    return [{"p": [float(x) for x in v], "holm": [float(x) for x in multipletests(v, method="holm")[1]]}
            for v in vectors]


write_reference("tests/reference/make_core_reference.py", {
    "proportion_intervals": proportion_cases(),
    "pearson": pearson_cases(),
    "histograms": histogram_cases(),
    "weighted": weighted_cases(),
    "holm": holm_cases(),
}, tools=tool_versions("numpy", "scipy", "statsmodels", "R"))
