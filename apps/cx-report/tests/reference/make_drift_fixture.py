#!/usr/bin/python3
"""A small export whose monthly NPS drops and stays down: the positive case for the report's
EWMA and CUSUM (the bundled export is in control, so neither signals there). Their centre
is the whole series' mean, so both signal on both sides: the months before the drop above
it, the drop itself below.

    /usr/bin/python3 apps/cx-report/tests/reference/make_drift_fixture.py > apps/cx-report/tests/data/drift_export.csv

Sixteen months of 120 answers each, in the bundled export's columns. The first ten months
draw promoters, passives and detractors with probabilities 0.50 / 0.35 / 0.15 (NPS 35),
the last six with 0.40 / 0.38 / 0.22 (NPS 18): a lasting drop of about 2.5 standard errors
of a month's score. Seeded; the values are whatever the draws are, and
make_report_reference.py computes the expected results from this file.
"""
import csv
import sys

import numpy as np

rng = np.random.default_rng(20261202)
AGENTS = ["Ana Costa", "Ben Okafor", "Chen Wei"]
CHANNELS = ["email", "phone"]
PROMOTER, PASSIVE, DETRACTOR = [9, 10], [7, 8], list(range(0, 7))

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["response_id", "submitted_at", "channel", "agent", "nps", "self_assessment", "reason", "weight",
              "comment"])
response = 0
for month in range(16):
    year, mon = 2025 + month // 12, month % 12 + 1
    p = [0.50, 0.35, 0.15] if month < 10 else [0.40, 0.38, 0.22]
    for _ in range(120):
        response += 1
        group = [PROMOTER, PASSIVE, DETRACTOR][rng.choice(3, p=p)]
        score = int(rng.choice(group))
        day = int(rng.integers(1, 29))
        out.writerow([response, f"{year}-{mon:02d}-{day:02d}", CHANNELS[int(rng.integers(2))],
                      AGENTS[int(rng.integers(3))], score, "", "", 1, ""])
