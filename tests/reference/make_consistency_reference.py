#!/usr/bin/python3
"""Reference values for the consistency (SPC) tests.

    /usr/bin/python3 tests/reference/make_consistency_reference.py > tests/data/consistency_reference.json

No SPC package ships with Debian (R's qcc is not packaged), so this script is the
independent implementation: each chart written directly from its textbook definition
(Montgomery, Introduction to Statistical Quality Control, ch. 6, 7 and 9; Nelson 1984;
Laney 2002) in plain numpy, separately from cxmetrics' C++. Published values (Lucas and
Crosier's FIR CUSUM example) are checked in the C++ tests directly.
"""
import math

import numpy as np

from reference_tools import tool_versions, write_reference

rng = np.random.default_rng(404)


def ewma(xs, target, sigma, lam, L):
    z, out = target, []
    for t, x in enumerate(xs, start=1):
        z = lam * x + (1 - lam) * z
        half = L * sigma * math.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * t)))
        out.append({"value": z, "lower": target - half, "upper": target + half,
                    "signal": bool(z < target - half or z > target + half)})
    return out


def cusum(xs, target, sigma, k, h, head):
    cp = cm = head * sigma
    out = []
    for x in xs:
        cp = max(0.0, cp + x - target - k * sigma)
        cm = max(0.0, cm - x + target - k * sigma)
        out.append({"upper": cp, "lower": cm, "signal": bool(cp > h * sigma or cm > h * sigma)})
    return out


def nelson(xs, center, sigma):
    z = [(x - center) / sigma for x in xs]
    found = []

    def windows(n):
        return [(end - 1, z[end - n:end]) for end in range(n, len(z) + 1)]

    rules = {
        1: (1, lambda w: abs(w[0]) > 3),
        2: (9, lambda w: all(v > 0 for v in w) or all(v < 0 for v in w)),
        3: (6, lambda w: all(b > a for a, b in zip(w, w[1:])) or all(b < a for a, b in zip(w, w[1:]))),
        4: (14, lambda w: all(d != 0 for d in np.diff(w)) and
            all((d1 > 0) != (d2 > 0) for d1, d2 in zip(np.diff(w), np.diff(w)[1:]))),
        5: (3, lambda w: sum(v > 2 for v in w) >= 2 or sum(v < -2 for v in w) >= 2),
        6: (5, lambda w: sum(v > 1 for v in w) >= 4 or sum(v < -1 for v in w) >= 4),
        7: (15, lambda w: all(abs(v) < 1 for v in w)),
        8: (8, lambda w: all(abs(v) > 1 for v in w)),
    }
    for rule, (n, test) in rules.items():
        for index, w in windows(n):
            if test(w):
                found.append([rule, index])
    return found


def series_cases():
    cases = []
    for n, shift_at, shift, lam, L, k, h, head in [(40, 25, 1.0, 0.2, 3.0, 0.5, 5.0, 0.0),
                                                   (60, 30, -0.8, 0.1, 2.7, 0.5, 4.0, 2.0),
                                                   (30, 100, 0.0, 0.4, 3.0, 0.25, 8.0, 0.0)]:
        target, sigma = 50.0, 4.0
        xs = rng.normal(target, sigma, n)
        xs[shift_at:] += shift * sigma
        xs = [float(round(x, 3)) for x in xs]
        center = float(np.mean(xs))
        mr = float(np.mean(np.abs(np.diff(xs))))
        imr_sigma = mr / (2 / math.sqrt(math.pi))
        cases.append({
            "series": xs, "target": target, "sigma": sigma,
            "ewma": {"lambda": lam, "L": L, "points": ewma(xs, target, sigma, lam, L)},
            "cusum": {"k": k, "h": h, "head_start": head, "points": cusum(xs, target, sigma, k, h, head)},
            "individuals": {"center": center, "sigma": imr_sigma, "lower": center - 3 * imr_sigma,
                            "upper": center + 3 * imr_sigma, "mean_moving_range": mr,
                            "beyond": [i for i, x in enumerate(xs) if x < center - 3 * imr_sigma or x > center + 3 * imr_sigma]},
            "nelson": {"center": target, "sigma": sigma, "signals": nelson(xs, target, sigma)},
        })
    return cases


def p_chart_cases():
    cases = []
    for days, base, overdispersion in [(20, 0.3, 0.0), (30, 0.25, 0.04)]:
        sizes = rng.integers(40, 400, days).astype(float)
        p = np.clip(base + rng.normal(0, overdispersion, days), 0.01, 0.99)
        events = rng.binomial(sizes.astype(int), p).astype(float)
        pbar = events.sum() / sizes.sum()
        sigma_i = np.sqrt(pbar * (1 - pbar) / sizes)
        z = (events / sizes - pbar) / sigma_i
        sigma_z = float(np.mean(np.abs(np.diff(z))) / (2 / math.sqrt(math.pi)))
        out = {"events": events.tolist(), "sizes": sizes.tolist(), "center": float(pbar), "laney_sigma_z": sigma_z}
        for name, factor in (("plain", 1.0), ("laney", sigma_z)):
            lower = np.maximum(0.0, pbar - 3 * factor * sigma_i)
            upper = np.minimum(1.0, pbar + 3 * factor * sigma_i)
            share = events / sizes
            out[name] = {"lower": lower.tolist(), "upper": upper.tolist(),
                         "beyond": [int(i) for i in np.nonzero((share < lower) | (share > upper))[0]]}
        cases.append(out)
    return cases


write_reference("tests/reference/make_consistency_reference.py",
                {"series": series_cases(), "p_chart": p_chart_cases()}, tools=tool_versions("numpy"))
