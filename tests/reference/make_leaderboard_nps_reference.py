#!/usr/bin/python3
"""Reference values for the leaderboard ranked by the lower bound of the NPS interval.

    /usr/bin/python3 tests/reference/make_leaderboard_nps_reference.py > tests/data/leaderboard_nps_reference.json

Issue 17's example: agent "more_promoters" (8 promoters, 3 passives, 3 detractors: NPS
+35.7) has the larger promoter share, so ranking by the promoter share's Wilson bound puts
it above "fewer_detractors" (11, 10, 2: NPS +39.1). The NPS bounds come from the raw
responses: each response scores +100 / 0 / -100; the adjusted Wald interval (Sauro and
Lewis; Rocks 2016) is the weighted mean of the scores with pseudo-responses of weight 0.75
(promoter), 1.5 (passive) and 0.75 (detractor) added, +- z * the weighted population SD /
sqrt(n + 3) (numpy.average, scipy.stats.norm), a different route from cxmetrics' share
formula; the Wald interval is the plain mean +- z * population SD / sqrt(n). The Wilson
bound of the promoter share is statsmodels' proportion_confint(method="wilson").
"""
import math

import numpy as np
import scipy.stats as st
from statsmodels.stats.proportion import proportion_confint

from reference_tools import tool_versions, write_reference

agents = {  # counts of 0..10
    "more_promoters": [3, 0, 0, 0, 0, 0, 0, 2, 1, 4, 4],
    "fewer_detractors": [0, 0, 0, 0, 1, 0, 1, 5, 5, 6, 5],
    "short_record": [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1],
}


def raw_scores(counts):
    values = np.repeat(np.arange(11), counts)
    return np.where(values >= 9, 100.0, np.where(values <= 6, -100.0, 0.0))


rows = {}
for level in (0.9, 0.95):
    z = float(st.norm.isf((1 - level) / 2))
    for name, counts in agents.items():
        s = raw_scores(counts)
        n = len(s)
        wald_center = float(s.mean())
        wald_se = float(s.std(ddof=0)) / math.sqrt(n)
        values = np.concatenate([s, [100.0, 0.0, -100.0]])
        weights = np.concatenate([np.ones(n), [0.75, 1.5, 0.75]])
        center = float(np.average(values, weights=weights))
        sd = math.sqrt(float(np.average((values - center) ** 2, weights=weights)))
        se = sd / math.sqrt(n + 3)
        promoters = int((s == 100.0).sum())
        lower, upper = proportion_confint(promoters, n, alpha=1 - level, method="wilson")
        rows.setdefault(name, {"counts": counts, "n": n, "nps": wald_center, "levels": []})["levels"].append({
            "level": level,
            "adjusted_wald": [max(-100.0, center - z * se), min(100.0, center + z * se)],
            "wald": [max(-100.0, wald_center - z * wald_se), min(100.0, wald_center + z * wald_se)],
            "promoter_wilson": [float(lower), float(upper)]})

write_reference("tests/reference/make_leaderboard_nps_reference.py", {"agents": rows},
                tools=tool_versions("numpy", "scipy", "statsmodels"))
