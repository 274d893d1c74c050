#!/usr/bin/python3
"""How often the Nelson and Western Electric rule sets signal on a stable series.

    /usr/bin/python3 tests/reference/make_rule_rates_reference.py > tests/data/rule_rates_reference.json

For iid N(0, 1) series of 12, 52 and 365 points: the probability that at least one rule
fires somewhere in the series, with the centre and sigma known (0 and 1) and with both
estimated from the series itself as an individuals chart does (mean; mean moving range /
d2, d2 = 2 / sqrt(pi)). Each rule is written here from Nelson (1984) and the Western
Electric handbook (1956) in vectorised numpy, independently of cxmetrics' C++; the
probabilities come from 200,000 simulated series each, so their standard errors are
below 0.0012. Also written: the closed-form lower bound (rule 1 alone,
1 - (1 - 2 Phi(-3))^n) for known limits.
"""
import math

import numpy as np

from reference_tools import tool_versions, write_reference

SERIES = 200_000
BATCH = 20_000
D2 = 2.0 / math.sqrt(math.pi)


def runs(cond, length):
    """True per row where `cond` holds on `length` consecutive points somewhere."""
    run = np.zeros(cond.shape[0], dtype=np.int32)
    fired = np.zeros(cond.shape[0], dtype=bool)
    for t in range(cond.shape[1]):
        run = np.where(cond[:, t], run + 1, 0)
        fired |= run >= length
    return fired


def count_in_window(cond, window, needed):
    """True per row where some `window` consecutive points hold `needed` or more of `cond`."""
    n = cond.shape[1]
    if n < window:
        return np.zeros(cond.shape[0], dtype=bool)
    c = np.concatenate([np.zeros((cond.shape[0], 1), dtype=np.int32), np.cumsum(cond, axis=1, dtype=np.int32)], axis=1)
    counts = c[:, window:] - c[:, :-window]
    return (counts >= needed).any(axis=1)


def nelson(z):
    d = np.diff(z, axis=1)
    r1 = (np.abs(z) > 3).any(axis=1)
    r2 = runs(z > 0, 9) | runs(z < 0, 9)
    r3 = runs(d > 0, 5) | runs(d < 0, 5)
    # 14 alternating points: 13 non-zero steps, each of the opposite sign to the one before.
    flips = (d[:, 1:] * d[:, :-1] < 0)
    r4 = runs(flips, 12) if z.shape[1] >= 14 else np.zeros(z.shape[0], dtype=bool)
    r5 = count_in_window(z > 2, 3, 2) | count_in_window(z < -2, 3, 2)
    r6 = count_in_window(z > 1, 5, 4) | count_in_window(z < -1, 5, 4)
    r7 = runs(np.abs(z) < 1, 15)
    r8 = runs(np.abs(z) > 1, 8)
    return r1 | r2 | r3 | r4 | r5 | r6 | r7 | r8


def western_electric(z):
    r1 = (np.abs(z) > 3).any(axis=1)
    r2 = count_in_window(z > 2, 3, 2) | count_in_window(z < -2, 3, 2)
    r3 = count_in_window(z > 1, 5, 4) | count_in_window(z < -1, 5, 4)
    r4 = runs(z > 0, 8) | runs(z < 0, 8)
    return r1 | r2 | r3 | r4


def standardise(x, estimated):
    if not estimated:
        return x
    center = x.mean(axis=1, keepdims=True)
    sigma = np.abs(np.diff(x, axis=1)).mean(axis=1, keepdims=True) / D2
    return (x - center) / sigma


def main():
    rng = np.random.default_rng(20261202)
    out = {"series": SERIES, "rates": []}
    for n in (12, 52, 365):
        for estimated in (False, True):
            hits = {"nelson": 0, "western_electric": 0}
            for _ in range(SERIES // BATCH):
                z = standardise(rng.standard_normal((BATCH, n)), estimated)
                hits["nelson"] += int(nelson(z).sum())
                hits["western_electric"] += int(western_electric(z).sum())
            for rules, h in hits.items():
                p = h / SERIES
                out["rates"].append({"rules": rules, "points": n, "limits": "estimated" if estimated else "known",
                                     "probability": p, "standard_error": math.sqrt(p * (1 - p) / SERIES)})
    p1 = math.erfc(3 / math.sqrt(2))
    out["rule_1_lower_bound"] = {str(n): 1 - (1 - p1) ** n for n in (12, 52, 365)}
    write_reference("tests/reference/make_rule_rates_reference.py", out, tools=tool_versions("numpy"))


if __name__ == "__main__":
    main()
