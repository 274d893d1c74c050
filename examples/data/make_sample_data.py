#!/usr/bin/python3
"""Writes the bundled sample survey export used by the demo (seeded, reproducible).

    /usr/bin/python3 examples/data/make_sample_data.py > examples/data/survey_responses.csv

The shape follows a typical survey-tool export: one row per response, with the date, the
channel and agent that served the customer, and the 0..10 "would you recommend" answer.
The data are synthetic; nothing here describes a real organisation.
"""
import csv
import datetime
import random
import sys

rng = random.Random(20261123)
channels = {"phone": 0.3, "chat": 0.0, "email": -0.6}
agents = [f"agent-{i:02d}" for i in range(1, 13)]
skill = {a: rng.gauss(0.0, 0.5) for a in agents}
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["response_id", "date", "channel", "agent", "nps_rating"])
start = datetime.date(2026, 9, 1)
response = 0
for day in range(84):
    date = start + datetime.timedelta(days=day)
    drift = -0.8 if day >= 63 else 0.0  # a late dip for the consistency pillar to find
    for _ in range(rng.randint(15, 35)):
        channel = rng.choice(list(channels))
        agent = rng.choice(agents)
        latent = 7.6 + channels[channel] + skill[agent] + drift + rng.gauss(0.0, 1.9)
        rating = max(0, min(10, round(latent)))
        response += 1
        out.writerow([response, date.isoformat(), channel, agent, rating])
