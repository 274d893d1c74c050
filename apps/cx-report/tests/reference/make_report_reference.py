#!/usr/bin/python3
"""Reference values for cx-report on examples/data/survey_export.csv.

    /usr/bin/python3 apps/cx-report/tests/reference/make_report_reference.py > apps/cx-report/tests/data/report_reference.json

Reads the export with Python's csv module (UTF-8 with byte-order mark, CRLF, quoted fields
that may hold commas, doubled quotes and line breaks) and applies cx-report's documented
reading rules independently of cxmetrics:

* a record is malformed (skipped, its starting physical line recorded) when its field count
  differs from the header's, or the trimmed nps cell is non-empty but not a whole number
  (optional sign, ASCII digits) on 0..10, or the submitted_at cell is non-empty but not an ISO
  date YYYY-MM-DD (a real calendar date, checked with datetime.date) optionally followed by
  T or space, hh:mm[:ss[.frac]] and an optional Z or +-hh:mm, or the self_assessment cell is
  non-empty but not a whole number on 0..10; the weight column is ignored;
* after the field-count check, a record whose trimmed nps cell is empty is a missing score;
* line numbers are 1-based physical lines (header = line 1) on which a record starts, counted
  from the '\\n' characters consumed by the csv reader before the record.

From the used rows it computes: the overall NPS with the Sauro & Lewis adjusted-Wald interval
(0.75 / 1.5 / 0.75 pseudo-counts, z from scipy.stats.norm.ppf(0.975), clipped to [-100, 100]);
the same per month (YYYY-MM of the date as written), agent and channel; month-to-month
changes tested as z tests of the adjusted-Wald scores (their trinomial standard errors),
two-sided normal p-values (scipy) and Holm adjustment (statsmodels.stats.multitest.multipletests); an individuals (I-MR) control chart
of the monthly scores (numpy, d2 = 2 / sqrt(pi)) with its sigma floor (the median of the
months' adjusted-Wald standard errors) and the verdict against a baseline of 0 (the t
interval of the mean margin with R's qt, the share of months above 0); the self-assessment vs customer perception
gap (scipy.stats.ttest_rel with its t interval, d_z from numpy, the Wilcoxon signed-rank
p-value from R's wilcox.test(self, customer, paired = TRUE, exact = FALSE, correct = TRUE),
checked against scipy.stats.wilcoxon, and the paired t test checked against R's t.test);
per-agent gap summaries with scipy's t interval of the customers' mean; and a Pareto table
of reasons. The EWMA and the CUSUM of the monthly scores, set for the 3-sigma limits'
in-control ARL with R spc, on this export and on the drift fixture (make_drift_fixture.py),
where both signal.
"""
import csv
import datetime
import math
import os
import re
import sys
from collections import Counter, defaultdict

import numpy as np
import scipy.stats as st
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))
# The reference plumbing shared with the library's scripts, imported from where it lives.
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "tests", "reference"))
from reference_tools import r_numbers, r_numbers_on_csv, r_vec, tool_versions, write_reference  # noqa: E402

DATA = os.path.join(HERE, "..", "..", "..", "..", "examples", "data", "survey_export.csv")
DRIFT = os.path.join(HERE, "..", "data", "drift_export.csv")  # make_drift_fixture.py
HEADER = ["response_id", "submitted_at", "channel", "agent", "nps", "self_assessment",
          "reason", "weight", "comment"]
Z95 = float(st.norm.ppf(0.975))
D2 = 2.0 / math.sqrt(math.pi)  # 1.128379167095513, d2 for moving ranges of two

WHOLE = re.compile(r"[+-]?[0-9]+")
ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
                 r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?")


def trim(cell):
    return cell.strip(" \t")


def whole_0_10(cell):
    """The int value of a whole number on 0..10, or None when the cell is not one."""
    if not WHOLE.fullmatch(cell):
        return None
    value = int(cell)
    return value if 0 <= value <= 10 else None


def iso_month(cell):
    """YYYY-MM of an ISO date/time with a real calendar date, or None."""
    m = ISO.fullmatch(cell)
    if not m:
        return None
    try:
        datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return f"{m.group(1)}-{m.group(2)}"


def read_export(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    consumed = [0]  # physical lines handed to the csv reader so far

    def physical_lines():
        start = 0
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end + 1
            consumed[0] += text[start:end].endswith("\n")
            yield text[start:end]
            start = end

    reader = csv.reader(physical_lines())
    header = next(reader)
    assert header == HEADER, header
    rows, malformed, missing, records = [], [], 0, 0
    while True:
        line = consumed[0] + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        records += 1
        if len(cells) != len(header):
            malformed.append(line)
            continue
        rec = dict(zip(header, cells))
        nps = trim(rec["nps"])
        if nps == "":
            missing += 1
            continue
        score = whole_0_10(nps)
        date = trim(rec["submitted_at"])
        month = iso_month(date) if date else None
        self_cell = trim(rec["self_assessment"])
        self_value = whole_0_10(self_cell) if self_cell else None
        if score is None or (date and month is None) or (self_cell and self_value is None):
            malformed.append(line)
            continue
        reason = rec["reason"].strip()
        rows.append({"score": score, "month": month, "agent": rec["agent"],
                     "channel": rec["channel"], "reason": reason or None, "self": self_value})
    return records, rows, missing, malformed


def shares(scores):
    s = np.asarray(scores)
    n = len(s)
    return n, float(np.count_nonzero(s >= 9)) / n, float(np.count_nonzero(s <= 6)) / n


def nps(scores):
    n, p, d = shares(scores)
    return 100.0 * (p - d)


def adjusted_centre_se(scores):
    """Sauro and Lewis: add 0.75 promoters, 1.5 passives, 0.75 detractors (n + 3)."""
    s = np.asarray(scores)
    n = len(s)
    pa = (np.count_nonzero(s >= 9) + 0.75) / (n + 3.0)
    da = (np.count_nonzero(s <= 6) + 0.75) / (n + 3.0)
    return 100.0 * (pa - da), 100.0 * math.sqrt((pa + da - (pa - da) ** 2) / (n + 3.0))


def adjusted_wald(scores):
    centre, se = adjusted_centre_se(scores)
    return [max(-100.0, centre - Z95 * se), min(100.0, centre + Z95 * se)]


def summary(scores):
    return {"n": len(scores), "score": nps(scores), "ci": adjusted_wald(scores)}


def by(rows, key):
    groups = defaultdict(list)
    for r in rows:
        groups[r[key]].append(r["score"])
    return {k: summary(v) for k, v in sorted(groups.items())}


def periods(rows):
    months = defaultdict(list)
    for r in rows:
        months[r["month"]].append(r["score"])
    assert None not in months, "a used row without a date"
    keys = sorted(months)
    out = [dict(period=k, **summary(months[k])) for k in keys]
    changes = []
    for prev, cur in zip(keys, keys[1:]):
        # The change shown is the difference of the scores; it is tested as a z test of the
        # adjusted-Wald scores (the pseudo-counts of the intervals), whose own difference is
        # "test_difference".
        (c_cur, se_cur), (c_prev, se_prev) = adjusted_centre_se(months[cur]), adjusted_centre_se(months[prev])
        test_diff = c_cur - c_prev
        se = math.sqrt(se_cur ** 2 + se_prev ** 2)
        stat = test_diff / se
        changes.append({"difference": nps(months[cur]) - nps(months[prev]), "test_difference": test_diff,
                        "standard_error": se, "statistic": stat,
                        "p_value": float(2.0 * st.norm.sf(abs(stat)))})
    if changes:
        adjusted = multipletests([c["p_value"] for c in changes], method="holm")[1]
        for entry, change, adj in zip(out[1:], changes, adjusted):
            change["adjusted_p_value"] = float(adj)
            entry["change"] = change
    return out


def control_chart(period_list):
    x = np.array([p["score"] for p in period_list])
    center = float(x.mean())
    sigma = float(np.abs(np.diff(x)).mean()) / D2
    lower, upper = center - 3.0 * sigma, center + 3.0 * sigma
    return {"center": center, "sigma": sigma, "lower": lower, "upper": upper,
            "beyond_limits": [p["period"] for p in period_list
                              if p["score"] < lower or p["score"] > upper]}


def verdict(period_list, rows, baseline):
    """The verdict "better than the baseline, all the time?" on the monthly scores with their
    standard errors (the adjusted-Wald ones, recomputed from the months' answers): R metafor's
    rma(method = "DL") of the margins score - baseline gives the mean, its SE, tau2 and the
    lower bound of its 95% z interval; the one-sided prediction bound of a new month's margin
    is mean - qt(0.9, k - 2) sqrt(tau2 + SE^2) (Higgins, Thompson and Spiegelhalter 2009).
    The share of months strictly above the baseline is reported too."""
    months = defaultdict(list)
    for r in rows:
        months[r["month"]].append(r["score"])
    x = np.array([p["score"] for p in period_list]) - baseline
    se = [adjusted_centre_se(months[p["period"]])[1] for p in period_list]
    yi, sei = r_vec(x, integers=False), r_vec(se, integers=False)
    code = (f"suppressMessages(library(metafor)); m <- rma(yi = {yi}, sei = {sei}, method = 'DL'); "
            f"k <- {len(x)}; cat(sprintf('%.17g', c(m$b, m$se, m$tau2, m$ci.lb, "
            f"m$b - qt(0.9, k - 2) * sqrt(m$tau2 + m$se^2))))")
    mean, se_mean, tau2, lower, predicted = r_numbers(code)
    return {"baseline": baseline, "random_effects_mean": mean, "random_effects_se": se_mean, "tau2": tau2,
            "mean_margin_lower": lower, "prediction_lower_bound": predicted,
            "share_beating": float(np.mean(x > 0))}


def ewma(period_list, chart, lam=0.2):
    """The EWMA of the monthly scores set for the 3-sigma limits' in-control ARL, 1 / (2
    Phi(-3)): L and the ARL at a 1-sigma shift from R spc (xewma.crit, xewma.arl, two-sided,
    exact "vacl" limits); the months it signals from the recursion z_t = lam x_t + (1 - lam)
    z_{t-1}, z_0 = centre, limits centre -+ L sigma sqrt(lam / (2 - lam) (1 - (1 - lam)^(2t)))."""
    arl0 = 1.0 / (2.0 * float(st.norm.cdf(-3.0)))
    code = (f"suppressMessages(library(spc)); L <- xewma.crit({lam}, {arl0!r}, sided = 'two', limits = 'vacl'); "
            f"cat(sprintf('%.17g', c(L, xewma.arl({lam}, L, 1, sided = 'two', limits = 'vacl'))))")
    L, arl1 = r_numbers(code)
    z, signals, below = chart["center"], [], []
    for t, p in enumerate(period_list, start=1):
        z = lam * p["score"] + (1 - lam) * z
        half = L * chart["sigma"] * math.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * t)))
        if abs(z - chart["center"]) > half:
            signals.append(p["period"])
            if z < chart["center"]:
                below.append(p["period"])
    return {"lambda": lam, "in_control_arl": arl0, "width": L, "arl_at_one_sigma": arl1, "signals": signals,
            "signals_below": below}


def cusum(period_list, chart, k=0.5):
    """The two-sided tabular CUSUM of the monthly scores set for the 3-sigma limits' in-control
    ARL: h and the ARL at a 1-sigma shift from R spc (xcusum.crit, xcusum.arl, sided = "two");
    the months it signals from Page's recursion C+ = max(0, C+ + z - k), C- = max(0, C- - z - k)
    on z = (x - centre) / sigma, a signal when either is above h (never restarted), below the
    centre when C- is."""
    arl0 = 1.0 / (2.0 * float(st.norm.cdf(-3.0)))
    code = (f"suppressMessages(library(spc)); h <- xcusum.crit({k}, {arl0!r}, sided = 'two'); "
            f"cat(sprintf('%.17g', c(h, xcusum.arl({k}, h, 1, sided = 'two'))))")
    h, arl1 = r_numbers(code)
    upper = lower = 0.0
    signals, below = [], []
    for p in period_list:
        z = (p["score"] - chart["center"]) / chart["sigma"]
        upper, lower = max(0.0, upper + z - k), max(0.0, lower - z - k)
        if upper > h or lower > h:
            signals.append(p["period"])
            if lower > h:
                below.append(p["period"])
    return {"k": k, "in_control_arl": arl0, "h": h, "arl_at_one_sigma": arl1, "signals": signals,
            "signals_below": below}


def funnel(rows, level=0.998, winsorize=0.1):
    """The funnel of agents (Spiegelhalter 2005): each agent's NPS against the team's, with
    the SE an agent would have at the team's shares, 100 sqrt((p + d - (p - d)^2) / n); z
    winsorized at the 10% and 90% quantiles (type 7); phi = mean z^2; additive tau2 =
    max(0, (I phi - (I - 1)) / (sum w - sum w^2 / sum w)), w = 1 / se^2; limits target -+
    z_{0.999} sqrt(se^2 + tau2)."""
    all_scores = [r["score"] for r in rows]
    n_all = len(all_scores)
    p = sum(s >= 9 for s in all_scores) / n_all
    d = sum(s <= 6 for s in all_scores) / n_all
    target = 100.0 * (p - d)
    agents = defaultdict(list)
    for r in rows:
        if r["agent"]:
            agents[r["agent"]].append(r["score"])
    names = sorted(agents)
    values = np.array([nps(agents[a]) for a in names])
    se = np.array([100.0 * math.sqrt((p + d - (p - d) ** 2) / len(agents[a])) for a in names])
    z = (values - target) / se
    zw = np.clip(z, np.quantile(z, winsorize), np.quantile(z, 1.0 - winsorize))
    phi = float(np.mean(zw ** 2))
    w = 1.0 / se ** 2
    units = len(names)
    tau2 = max(0.0, (units * phi - (units - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    za = float(st.norm.ppf(1.0 - (1.0 - level) / 2.0))
    spread = np.sqrt(se ** 2 + tau2)
    return {"target": target, "phi": phi, "tau2": tau2,
            "agents": {a: {"n": len(agents[a]), "value": float(values[i]), "z": float((values[i] - target) / spread[i]),
                           "limits": [float(target - za * spread[i]), float(target + za * spread[i])],
                           "outside": bool(abs(values[i] - target) > za * spread[i])}
                       for i, a in enumerate(names)}}


def sampling_se(rows):
    months = defaultdict(list)
    for r in rows:
        months[r["month"]].append(r["score"])
    return float(np.median([adjusted_centre_se(v)[1] for v in months.values()]))


def r_paired(selfs, customers):
    """R's paired wilcox.test p-value and t.test numbers, data passed in a temp file."""
    return r_numbers_on_csv(["self", "customer"], zip(selfs, customers),
                            "w <- wilcox.test(d$self, d$customer, paired = TRUE, exact = FALSE, correct = TRUE); "
                            "t <- t.test(d$self, d$customer, paired = TRUE); "
                            "cat(sprintf('%.17g', c(w$p.value, t$estimate, t$p.value, t$conf.int)))")


def t_interval(values):
    v = np.asarray(values, dtype=float)
    m = float(v.mean())
    sem = float(st.sem(v))
    if sem == 0.0:
        return [m, m]
    lo, hi = st.t.interval(0.95, len(v) - 1, loc=m, scale=sem)
    return [float(lo), float(hi)]


def perception_gap(rows):
    paired = [r for r in rows if r["self"] is not None]
    selfs = np.array([r["self"] for r in paired], dtype=float)
    cust = np.array([r["score"] for r in paired], dtype=float)
    diff = selfs - cust
    t = st.ttest_rel(selfs, cust)
    ci = t_interval(diff)
    ci_scipy = t.confidence_interval(0.95)
    assert np.allclose(ci, [ci_scipy.low, ci_scipy.high], rtol=1e-12, atol=0), (ci, ci_scipy)
    nz = diff[diff != 0]
    w_scipy = float(st.wilcoxon(nz, zero_method="wilcox", correction=True, mode="approx").pvalue)
    w_r, t_est, t_p, t_lo, t_hi = r_paired(selfs.astype(int), cust.astype(int))
    assert math.isclose(w_r, w_scipy, rel_tol=1e-9), (w_r, w_scipy)
    assert math.isclose(t_est, float(diff.mean()), rel_tol=1e-12)
    assert math.isclose(t_p, float(t.pvalue), rel_tol=1e-9), (t_p, t.pvalue)
    assert np.allclose([t_lo, t_hi], ci, rtol=1e-12, atol=0)
    per_agent = defaultdict(list)
    for r in paired:
        per_agent[r["agent"]].append(r)
    agents = {}
    for agent, rs in sorted(per_agent.items()):
        if len(rs) < 2:
            continue
        c = [r["score"] for r in rs]
        # The whole-file p-values underflow to 0, so also check R against scipy per agent.
        a_self = np.array([r["self"] for r in rs])
        a_diff = a_self - np.array(c)
        a_nz = a_diff[a_diff != 0]
        if len(a_nz) > 0:
            a_w = float(st.wilcoxon(a_nz, zero_method="wilcox", correction=True,
                                    mode="approx").pvalue)
            a_r = r_paired(a_self, c)
            assert math.isclose(a_r[0], a_w, rel_tol=1e-9), (agent, a_r[0], a_w)
            assert math.isclose(a_r[2], float(st.ttest_rel(a_self, c).pvalue), rel_tol=1e-9)
        agents[agent] = {"pairs": len(rs), "self_mean": float(np.mean([r["self"] for r in rs])),
                         "customer_mean": float(np.mean(c)), "customer_ci": t_interval(c)}
    return {"pairs": len(paired), "self_mean": float(selfs.mean()),
            "customer_mean": float(cust.mean()),
            "mean_gap": {"difference": float(diff.mean()), "p_value": float(t.pvalue), "ci": ci},
            "effect_size_dz": float(diff.mean() / diff.std(ddof=1)),
            "self_above": float(np.mean(diff > 0)), "equal": float(np.mean(diff == 0)),
            "self_below": float(np.mean(diff < 0)),
            "wilcoxon_p_value": w_r,
            "agents": agents}


def pareto(rows):
    counts = Counter(r["reason"] for r in rows if r["reason"] is not None)
    total = sum(counts.values())
    out, cum = [], 0
    for reason, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        cum += count
        out.append({"reason": reason, "count": count, "share": count / total,
                    "cumulative_share": cum / total})
    return {"reasons": out, "total": total}


def drift():
    """The drift fixture's monthly scores and the EWMA and CUSUM of them. Its moving ranges are
    below the months' sampling error, so the chart's sigma is the floor: the median of the
    months' adjusted-Wald standard errors."""
    _, drift_rows, _, _ = read_export(DRIFT)
    months = periods(drift_rows)
    chart = control_chart(months)
    chart["sigma"] = max(chart["sigma"], sampling_se(drift_rows))
    return {"periods": months,
            "center": chart["center"], "sigma": chart["sigma"],
            "ewma": ewma(months, chart), "cusum": cusum(months, chart)}


records, rows, missing, malformed = read_export(DATA)
scores = [r["score"] for r in rows]
period_list = periods(rows)

write_reference("apps/cx-report/tests/reference/make_report_reference.py", {
    "input": "examples/data/survey_export.csv",
    "rows": records,
    "n": len(rows),
    "missing_score": missing,
    "malformed": malformed,
    "overall": {"score": nps(scores), "ci": adjusted_wald(scores)},
    "periods": period_list,
    "groups": by(rows, "agent"),
    "channels": by(rows, "channel"),
    "control_chart": dict(control_chart(period_list), sampling_se=sampling_se(rows)),
    "verdict": verdict(period_list, rows, 0.0),
    "funnel": funnel(rows),
    "ewma": ewma(period_list, control_chart(period_list)),
    "cusum": cusum(period_list, control_chart(period_list)),
    "drift": drift(),
    "perception_gap": perception_gap(rows),
    "pareto": pareto(rows),
}, tools=tool_versions("numpy", "scipy", "statsmodels", "R"))
