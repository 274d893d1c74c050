#!/usr/bin/python3
"""Reference values for cx-report's CSAT and CES paths on apps/cx-report/tests/data/csat_ces_export.csv.

    /usr/bin/python3 examples/data/make_sample_data.py csat-export > apps/cx-report/tests/data/csat_ces_export.csv
    /usr/bin/python3 apps/cx-report/tests/reference/make_report_csat_reference.py > apps/cx-report/tests/data/report_csat_reference.json

The fixture (columns date, agent, channel, csat, ces, weight; January to June 2026, a CSAT
drop in April, a few skipped answers) is read with Python's csv module under cx-report's
documented reading rules, independently of cxmetrics: the score column is `csat` for
`--metric csat` and `ces` for `--metric ces --score ces`; a record whose trimmed score cell
is empty is a missing score; a non-empty score must be a whole number on the metric's scale
(1..5, 1..7), the date an ISO date (YYYY-MM-DD, a real calendar date) and, when weighted,
the weight a positive decimal number, or the row is malformed (the fixture has none); the
period is the month (YYYY-MM) of the date as written. Every number below comes from
statsmodels, scipy, numpy or R, never from cxmetrics:

* `--metric csat`: the score is 100 x the share of answers 4-5 (the top-2 box of 1..5), its
  interval the Wilson score interval (statsmodels `proportion_confint(method='wilson')`)
  times 100, checked against R's `prop.test(x, n, correct = FALSE)$conf.int`; a month
  against the previous one is the pooled two-proportion z test of later - earlier
  (statsmodels `proportions_ztest`, checked against R's `prop.test(correct = FALSE)`),
  whose difference and pooled standard error are reported x100, with Newcombe's hybrid
  score interval of the difference (statsmodels `confint_proportions_2indep(method=
  'newcomb')`) x100; the breakdown is the mean rating and the share of 1-2 (numpy).
* `--metric ces --score ces`: the score is the mean rating with the Student t interval
  mean +- t(0.975, n - 1) s / sqrt(n) (numpy and scipy.stats.sem; the quantile from R's qt,
  since scipy 1.10's t.ppf is accurate to only ~1e-11; checked against scipy's t.interval
  and R's t.test); a month against the previous one is Welch's t test of later - earlier
  (scipy `ttest_ind(later, earlier, equal_var=False)`, Welch-Satterthwaite df from
  statsmodels' `ttest_ind(usevar='unequal')`, interval with R's qt at that df; checked
  against R's `t.test(later, earlier)`); the breakdown is the share of 5-7 and of 1-3.
* `--metric ces --score ces --weight weight`: the weighted mean with Kish's effective n
  (statsmodels DescrStatsW with the weights rescaled to sum to Kish's n, ddof = 1: the
  reliability-weights variance), the t interval at df = n_eff - 1 with R's qt; months
  compared by statsmodels' `CompareMeans.ttest_ind(usevar='unequal')` of those
  DescrStatsW (interval with R's qt, checked against `tconfint_diff` to 1e-8).

In each case the month-to-month p-values are Holm-adjusted (statsmodels `multipletests(
method='holm')`), and the same score and interval are given per agent and per channel. The
leaderboard ranks the agents by the Wilson lower bound (statsmodels) of the share of their
responses (unweighted) in the success box, 4-5 for CSAT and "easy" 5-7 for CES, best first,
ties by more responses, equal bounds sharing a rank.
"""
import csv
import datetime
import math
import os
import re
import sys
from collections import defaultdict

import numpy as np
import scipy.stats as st
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest)
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW
from statsmodels.stats.weightstats import ttest_ind as sm_ttest_ind

HERE = os.path.dirname(os.path.abspath(__file__))
# The reference plumbing shared with the library's scripts, imported from where it lives.
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "tests", "reference"))
from reference_tools import r_numbers, r_numbers_on_csv, r_qt_many, tool_versions, write_reference  # noqa: E402

RELATIVE = "apps/cx-report/tests/data/csat_ces_export.csv"
DATA = os.path.join(HERE, "..", "..", "..", "..", RELATIVE)
HEADER = ["date", "agent", "channel", "csat", "ces", "weight"]
WHOLE = re.compile(r"[+-]?[0-9]{1,6}")
DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DECIMAL = re.compile(r"[0-9+\-.eE]+")


def calendar_date(cell):
    """An ISO date YYYY-MM-DD from 1900 on that exists in the calendar."""
    m = DATE.fullmatch(cell)
    if m is None or int(m.group(1)) < 1900:
        return False
    try:
        datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return True


def read_export(score_column, lo, hi, weighted):
    """cx-report's reading rules for this fixture's columns: see the module docstring."""
    with open(DATA, encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f))
    assert records[0] == HEADER, records[0]
    rows, malformed, missing = [], [], 0
    for index, cells in enumerate(records[1:]):
        line = index + 2  # no field of the fixture spans lines
        if len(cells) != len(HEADER):
            malformed.append(line)
            continue
        rec = {k: v.strip(" \t") for k, v in zip(HEADER, cells)}
        if rec[score_column] == "":
            missing += 1
            continue
        ok = WHOLE.fullmatch(rec[score_column]) is not None and lo <= int(rec[score_column]) <= hi
        month = None
        if ok and rec["date"]:
            ok = calendar_date(rec["date"])
            month = rec["date"][:7] if ok else None
        weight = 1.0
        if ok and weighted:
            ok = DECIMAL.fullmatch(rec["weight"]) is not None
            weight = float(rec["weight"]) if ok else 0.0
            ok = ok and 1e-100 <= weight <= 1e100
        if not ok:
            malformed.append(line)
            continue
        rows.append({"score": int(rec[score_column]), "month": month, "agent": rec["agent"],
                     "channel": rec["channel"], "weight": weight})
    return len(records) - 1, rows, missing, malformed


def groups_of(rows, key):
    out = defaultdict(list)
    for r in rows:
        if r[key]:
            out[r[key]].append(r)
    return dict(sorted(out.items()))


def holm(changes):
    if changes:
        adjusted = multipletests([c["p_value"] for c in changes], method="holm")[1]
        for c, a in zip(changes, adjusted):
            c["adjusted_p_value"] = float(a)


# --- CSAT: % satisfied (4-5), Wilson -------------------------------------------------------

def satisfied(rows):
    return sum(1 for r in rows if r["score"] >= 4), len(rows)


def wilson_percent(x, n):
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    return [100.0 * float(lo), 100.0 * float(hi)]


def csat_summary(rows):
    x, n = satisfied(rows)
    return {"n": n, "satisfied": x, "score": 100.0 * x / n, "ci": wilson_percent(x, n)}


def csat_change(later, earlier):
    (x1, n1), (x2, n2) = satisfied(later), satisfied(earlier)
    z, p = proportions_ztest([x1, x2], [n1, n2])  # pooled variance, two-sided
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    diff = x1 / n1 - x2 / n2
    assert math.isclose(diff / se, float(z), rel_tol=1e-13), (diff / se, z)
    lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=0.05)
    return {"difference": 100.0 * diff, "standard_error": 100.0 * se, "statistic": float(z),
            "p_value": float(p), "ci": [100.0 * float(lo), 100.0 * float(hi)]}


def csat_report(records, rows, missing, malformed):
    scores = np.array([r["score"] for r in rows])
    x, n = satisfied(rows)
    # R's prop.test without continuity correction gives the Wilson interval and the pooled test.
    r_ci = r_numbers(f"cat(sprintf('%.17g', prop.test({x}, {n}, correct = FALSE)$conf.int))")
    assert np.allclose(r_ci, [v / 100.0 for v in wilson_percent(x, n)], rtol=1e-12, atol=0), r_ci
    months = groups_of(rows, "month")
    keys = list(months)
    periods = [dict(period=k, **csat_summary(months[k])) for k in keys]
    changes = []
    for entry, prev, cur in zip(periods[1:], keys, keys[1:]):
        c = csat_change(months[cur], months[prev])
        (x1, n1), (x2, n2) = satisfied(months[cur]), satisfied(months[prev])
        r_p = r_numbers(f"cat(sprintf('%.17g', prop.test(c({x1}, {x2}), c({n1}, {n2}), correct = FALSE)$p.value))")[0]
        assert math.isclose(r_p, c["p_value"], rel_tol=1e-9), (cur, r_p, c["p_value"])
        entry["change"] = c
        changes.append(c)
    holm(changes)
    return {"rows": records, "n": len(rows), "missing_score": missing, "malformed": malformed,
            "overall": {"n": n, "score": 100.0 * x / n, "ci": wilson_percent(x, n)},
            "breakdown": {"mean_rating": float(scores.mean()),
                          "dissatisfied": float(np.count_nonzero(scores <= 2)) / len(scores)},
            "periods": periods,
            "groups": {k: csat_summary(v) for k, v in groups_of(rows, "agent").items()},
            "channels": {k: csat_summary(v) for k, v in groups_of(rows, "channel").items()},
            "leaderboard": leaderboard(rows, 4, 5)}


# --- CES: mean with the Student t interval -------------------------------------------------

def mean_summaries(groups):
    """Mean and t interval of each group of rows (all need n >= 2), R's qt in one run."""
    values = {k: np.array([r["score"] for r in rs], dtype=float) for k, rs in groups.items()}
    assert all(len(v) >= 2 for v in values.values())
    quantiles = dict(zip(values, r_qt_many(0.975, [len(v) - 1 for v in values.values()])))
    out = {}
    for k, v in values.items():
        m, sem = float(v.mean()), float(st.sem(v))
        ci = [m, m] if sem == 0.0 else [m - quantiles[k] * sem, m + quantiles[k] * sem]
        if sem > 0.0:
            lo, hi = st.t.interval(0.95, len(v) - 1, loc=m, scale=sem)
            assert np.allclose(ci, [lo, hi], rtol=1e-9, atol=0), (k, ci, lo, hi)
        out[k] = {"n": len(v), "score": m, "ci": ci}
    return out


def welch_changes(months):
    keys = list(months)
    pairs = []
    for prev, cur in zip(keys, keys[1:]):
        later = np.array([r["score"] for r in months[cur]], dtype=float)
        earlier = np.array([r["score"] for r in months[prev]], dtype=float)
        t = st.ttest_ind(later, earlier, equal_var=False)
        t_sm, p_sm, df = sm_ttest_ind(later, earlier, usevar="unequal")
        assert math.isclose(float(t.statistic), float(t_sm), rel_tol=1e-12)
        assert math.isclose(float(t.pvalue), float(p_sm), rel_tol=1e-12)
        se = math.sqrt(later.var(ddof=1) / len(later) + earlier.var(ddof=1) / len(earlier))
        diff = float(later.mean() - earlier.mean())
        assert math.isclose(diff / se, float(t.statistic), rel_tol=1e-12)
        pairs.append({"difference": diff, "standard_error": se, "statistic": float(t.statistic),
                      "df": float(df), "p_value": float(t.pvalue)})
    for c, q in zip(pairs, r_qt_many(0.975, [c["df"] for c in pairs])):
        c["ci"] = [c["difference"] - q * c["standard_error"], c["difference"] + q * c["standard_error"]]
    # R's t.test (Welch by default) on every pair of consecutive months, in one run.
    data = [(k, r["score"]) for k in keys for r in months[k]]
    r_out = r_numbers_on_csv(["month", "score"], data,
                             "m <- sort(unique(d$month)); for (i in 2:length(m)) { "
                             "t <- t.test(d$score[d$month == m[i]], d$score[d$month == m[i - 1]]); "
                             "cat(sprintf('%.17g', c(t$statistic, t$parameter, t$p.value, t$conf.int)), '') }")
    for i, c in enumerate(pairs):
        r_t, r_df, r_p, r_lo, r_hi = r_out[5 * i:5 * i + 5]
        assert math.isclose(r_t, c["statistic"], rel_tol=1e-12), (r_t, c)
        assert math.isclose(r_df, c["df"], rel_tol=1e-12), (r_df, c)
        assert math.isclose(r_p, c["p_value"], rel_tol=1e-9), (r_p, c)
        assert np.allclose([r_lo, r_hi], c["ci"], rtol=1e-12, atol=1e-14), ([r_lo, r_hi], c)
    return pairs


def ces_report(records, rows, missing, malformed):
    scores = np.array([r["score"] for r in rows], dtype=float)
    overall = mean_summaries({"all": rows})["all"]
    r_ci = r_numbers_on_csv(["score"], [(r["score"],) for r in rows], "cat(sprintf('%.17g', t.test(d$score)$conf.int))")
    assert np.allclose(r_ci, overall["ci"], rtol=1e-12, atol=0), (r_ci, overall)
    months = groups_of(rows, "month")
    summaries = mean_summaries(months)
    periods = [dict(period=k, **summaries[k]) for k in months]
    changes = welch_changes(months)
    for entry, c in zip(periods[1:], changes):
        entry["change"] = c
    holm(changes)
    return {"rows": records, "n": len(rows), "missing_score": missing, "malformed": malformed,
            "overall": overall,
            "breakdown": {"easy": float(np.count_nonzero(scores >= 5)) / len(scores),
                          "difficult": float(np.count_nonzero(scores <= 3)) / len(scores)},
            "periods": periods,
            "groups": mean_summaries(groups_of(rows, "agent")),
            "channels": mean_summaries(groups_of(rows, "channel")),
            "leaderboard": leaderboard(rows, 5, 7)}


# --- CES weighted: Kish's n, reliability weights -------------------------------------------

def descr(rows):
    v = np.array([r["score"] for r in rows], dtype=float)
    w = np.array([r["weight"] for r in rows], dtype=float)
    kish = w.sum() ** 2 / (w ** 2).sum()
    d = DescrStatsW(v, weights=w * kish / w.sum(), ddof=1)
    # The same variance from its definition: sum w (x - m)^2 / (V1 - V2 / V1).
    m = float(np.average(v, weights=w))
    var = float((w * (v - m) ** 2).sum() / (w.sum() - (w ** 2).sum() / w.sum()))
    assert math.isclose(float(d.mean), m, rel_tol=1e-13)
    assert math.isclose(float(d.var), var, rel_tol=1e-12), (d.var, var)
    return d, float(kish)


def weighted_summaries(groups):
    stats = {k: descr(rs) for k, rs in groups.items()}
    quantiles = dict(zip(stats, r_qt_many(0.975, [kish - 1.0 for _, kish in stats.values()])))
    out = {}
    for k, (d, kish) in stats.items():
        m, se = float(d.mean), float(d.std_mean)
        out[k] = {"n": len(groups[k]), "effective_n": kish, "score": m,
                  "ci": [m, m] if se == 0.0 else [m - quantiles[k] * se, m + quantiles[k] * se]}
    return out


def weighted_report(rows):
    months = groups_of(rows, "month")
    summaries = weighted_summaries(months)
    periods = [dict(period=k, **summaries[k]) for k in months]
    keys = list(months)
    changes = []
    for prev, cur in zip(keys, keys[1:]):
        later, earlier = descr(months[cur])[0], descr(months[prev])[0]
        cm = CompareMeans(later, earlier)
        t, p, df = cm.ttest_ind(usevar="unequal")
        changes.append({"difference": float(later.mean - earlier.mean),
                        "standard_error": float(cm.std_meandiff_separatevar), "statistic": float(t),
                        "df": float(df), "p_value": float(p), "tconfint_diff": cm.tconfint_diff(alpha=0.05, usevar="unequal")})
    for c, q in zip(changes, r_qt_many(0.975, [c["df"] for c in changes])):
        c["ci"] = [c["difference"] - q * c["standard_error"], c["difference"] + q * c["standard_error"]]
        sm_lo, sm_hi = c.pop("tconfint_diff")
        assert abs(sm_lo - c["ci"][0]) < 1e-8 and abs(sm_hi - c["ci"][1]) < 1e-8, (c, sm_lo, sm_hi)
    for entry, c in zip(periods[1:], changes):
        entry["change"] = c
    holm(changes)
    return {"n": len(rows), "overall": weighted_summaries({"all": rows})["all"], "periods": periods,
            "groups": weighted_summaries(groups_of(rows, "agent")),
            "channels": weighted_summaries(groups_of(rows, "channel"))}


# --- the leaderboard -----------------------------------------------------------------------

def leaderboard(rows, lo, hi):
    board = []
    for agent, rs in groups_of(rows, "agent").items():
        n = len(rs)
        x = sum(1 for r in rs if lo <= r["score"] <= hi)
        lower = float(proportion_confint(x, n, alpha=0.05, method="wilson")[0])
        board.append({"agent": agent, "n": n, "success_share": x / n, "success_lower_bound": lower})
    board.sort(key=lambda a: (-a["success_lower_bound"], -a["n"], a["agent"]))
    for i, a in enumerate(board):
        same = i > 0 and a["success_lower_bound"] == board[i - 1]["success_lower_bound"]
        a["rank"] = board[i - 1]["rank"] if same else i + 1
    return board


csat = csat_report(*read_export("csat", 1, 5, weighted=False))
ces = ces_report(*read_export("ces", 1, 7, weighted=False))
_, ces_rows_weighted, _, weighted_malformed = read_export("ces", 1, 7, weighted=True)
assert not weighted_malformed

write_reference("apps/cx-report/tests/reference/make_report_csat_reference.py", {
    "input": RELATIVE,
    "csat": csat,
    "ces": ces,
    "ces_weighted": weighted_report(ces_rows_weighted),
}, tools=tool_versions("numpy", "scipy", "statsmodels", "R"))
