#!/usr/bin/python3
"""Writes the bundled sample exports used by the demo and examples (seeded, reproducible).

    /usr/bin/python3 examples/data/make_sample_data.py survey > examples/data/survey_responses.csv
    /usr/bin/python3 examples/data/make_sample_data.py employees > examples/data/employee_survey.csv

survey: a customer survey-tool export, one row per response, with the date, the channel and
agent that served the customer, and the 0..10 "would you recommend" answer; 12 weeks with a
dip in the last three.
employees: an engagement survey, "how likely are you to recommend working here?" (0..10),
by department, over two quarters.
The data are synthetic; nothing here describes a real organisation.
"""
import csv
import datetime
import random
import sys


def survey(out):
    rng = random.Random(20261123)
    channels = {"phone": 0.3, "chat": 0.0, "email": -0.6}
    agents = [f"agent-{i:02d}" for i in range(1, 13)]
    skill = {a: rng.gauss(0.0, 0.5) for a in agents}
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


def employees(out):
    rng = random.Random(7)
    departments = {"support": (7.4, 410), "sales": (6.6, 160), "engineering": (7.9, 240),
                   "operations": (6.9, 120)}
    out.writerow(["response_id", "quarter", "department", "enps_rating"])
    response = 0
    for quarter, shift in (("2026-Q2", 0.0), ("2026-Q3", 0.35)):
        for department, (level, size) in departments.items():
            answered = int(size * rng.uniform(0.55, 0.8))
            for _ in range(answered):
                latent = level + shift + rng.gauss(0.0, 2.0)
                response += 1
                out.writerow([response, quarter, department, max(0, min(10, round(latent)))])


writer = csv.writer(sys.stdout, lineterminator="\n")
{"survey": survey, "employees": employees}[sys.argv[1] if len(sys.argv) > 1 else "survey"](writer)
