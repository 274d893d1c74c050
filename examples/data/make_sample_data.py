#!/usr/bin/python3
"""Writes the bundled sample exports used by the demo and examples (seeded, reproducible).

    /usr/bin/python3 examples/data/make_sample_data.py survey > examples/data/survey_responses.csv
    /usr/bin/python3 examples/data/make_sample_data.py employees > examples/data/employee_survey.csv
    /usr/bin/python3 examples/data/make_sample_data.py interactions > examples/data/rated_interactions.csv
    /usr/bin/python3 examples/data/make_sample_data.py servqual > examples/data/servqual_responses.csv
    /usr/bin/python3 examples/data/make_sample_data.py agents > examples/data/agent_csat.csv
    /usr/bin/python3 examples/data/make_sample_data.py reasons > examples/data/complaint_reasons.csv
    /usr/bin/python3 examples/data/make_sample_data.py drivers > examples/data/driver_survey.csv
    /usr/bin/python3 examples/data/make_sample_data.py support > examples/data/support_survey.csv
    /usr/bin/python3 examples/data/make_sample_data.py export > examples/data/survey_export.csv
    /usr/bin/python3 examples/data/make_sample_data.py csat-export > apps/cx-report/tests/data/csat_ces_export.csv

survey: a customer survey-tool export, one row per response, with the date, the channel and
agent that served the customer, and the 0..10 "would you recommend" answer; 12 weeks with a
dip in the last three.
employees: an engagement survey, "how likely are you to recommend working here?" (0..10),
by department, over two quarters.
interactions: support interactions rated by the agent who handled them and by the customer.
servqual: 120 SERVQUAL questionnaires (22 expectation and 22 perception items, 1..7) with an
overall satisfaction rating.
agents: CSAT per agent, with three new hires who have only a few responses.
reasons: complaint reason codes over two months.
drivers: attribute ratings, overall rating and office temperature per response.
support: a post-contact survey with CSAT, CES and a 7-point Likert item per channel.
export: what a survey tool's export really looks like, for cx-report: a UTF-8 byte-order
mark, CRLF line ends, ISO date-times, twelve months (Nov 2025 - Oct 2026) of NPS answers
by agent and channel, the agent's own prediction of the answer (self-assessment, 0..10),
reason codes, survey weights, free-text comments with commas, quotes and line breaks,
skipped answers (empty cells) and six malformed rows. One drift episode: a broken chat-bot
hand-off from 1 June to 12 July 2026 pulls chat scores down and "bot could not help" up.
csat-export: a post-contact survey export for cx-report's CSAT and CES reference tests
(tests/reference/make_report_csat_reference.py): one row per contact from 1 January to 30
June 2026, with the date, the agent and channel, CSAT (1..5), CES (1..7, 7 = easy) and a
survey weight (channel post-stratification with a per-row factor, all positive). Five agents
all along and a new hire with a handful of contacts in June; about 1% of CSAT and of CES
cells empty (skipped questions). One drop: a billing migration in April makes CSAT fall
clearly and the effort score with it; May recovers.
The data are synthetic; nothing here describes a real organisation.
"""
import csv
import datetime
import io
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


def interactions(out):
    """Each support interaction rated 1..5 by the agent (self) and by the customer."""
    rng = random.Random(11)
    agents = {f"agent-{i:02d}": (rng.gauss(3.7, 0.45), rng.gauss(0.7, 0.4)) for i in range(1, 9)}
    out.writerow(["interaction_id", "agent", "self_rating", "customer_rating"])
    interaction = 0
    for agent, (quality, overconfidence) in agents.items():
        for _ in range(rng.randint(18, 40)):
            experienced = quality + rng.gauss(0.0, 0.9)
            interaction += 1
            customer = max(1, min(5, round(experienced)))
            self_rating = max(1, min(5, round(experienced + overconfidence + rng.gauss(0.0, 0.5))))
            out.writerow([interaction, agent, self_rating, customer])


def servqual(out):
    """SERVQUAL: expectation e1..e22 and perception p1..p22 (1..7) and overall satisfaction."""
    rng = random.Random(23)
    dims = [4, 5, 4, 4, 5]
    perception_shift = [0.2, -1.1, -0.6, -0.1, -0.4]  # reliability disappoints most
    weight = [0.1, 0.45, 0.25, 0.1, 0.1]               # what drives overall satisfaction
    out.writerow(["respondent"] + [f"e{i}" for i in range(1, 23)] + [f"p{i}" for i in range(1, 23)] + ["overall"])
    for respondent in range(1, 121):
        e, p, drive = [], [], 0.0
        for d, items in enumerate(dims):
            mood = rng.gauss(0.0, 0.8)
            for _ in range(items):
                expect = rng.gauss(6.1, 0.6)
                perceive = expect + perception_shift[d] + mood + rng.gauss(0.0, 0.6)
                e.append(max(1, min(7, round(expect))))
                p.append(max(1, min(7, round(perceive))))
            drive += weight[d] * (perception_shift[d] + mood)
        overall = max(1, min(7, round(5.2 + 1.5 * drive + rng.gauss(0.0, 0.5))))
        out.writerow([respondent] + e + p + [overall])


def agents(out):
    """CSAT (1..5) per agent, including new hires with a handful of responses."""
    rng = random.Random(31)
    out.writerow(["agent", "csat"])
    roster = [(f"agent-{i:02d}", rng.gauss(4.1, 0.3), rng.randint(60, 240)) for i in range(1, 13)]
    roster += [("new-hire-a", 4.6, 2), ("new-hire-b", 5.6, 1), ("new-hire-c", 4.2, 6)]  # b: one perfect 5
    for agent, quality, n in roster:
        for _ in range(n):
            out.writerow([agent, max(1, min(5, round(rng.gauss(quality, 0.9))))])


def reasons(out):
    """Reason codes of complaints over two months; 'delivery delay' grows in the second."""
    rng = random.Random(47)
    mix = {"2026-09": {"billing error": 0.28, "delivery delay": 0.22, "damaged item": 0.14, "rude agent": 0.06,
                       "app crash": 0.12, "refund slow": 0.10, "other": 0.08},
           "2026-10": {"billing error": 0.20, "delivery delay": 0.34, "damaged item": 0.13, "rude agent": 0.05,
                       "app crash": 0.10, "refund slow": 0.11, "other": 0.07}}
    out.writerow(["month", "reason"])
    for month, shares in mix.items():
        for _ in range(rng.randint(420, 480)):
            out.writerow([month, rng.choices(list(shares), weights=list(shares.values()))[0]])


def drivers(out):
    """Attribute ratings (1..5), overall (0..10) and the office temperature on the day."""
    rng = random.Random(59)
    out.writerow(["speed", "friendliness", "resolution", "overall", "office_temperature"])
    for _ in range(600):
        temperature = rng.gauss(22.0, 2.5)
        speed, friendly, resolved = rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1)
        friendly -= 0.12 * abs(temperature - 21.5)  # uncomfortable offices, less patience
        overall = 6.5 + 1.3 * resolved + 0.9 * speed + 0.5 * friendly + 0.4 * (speed + resolved) / 2 + rng.gauss(0, 1.2)
        def five(z):
            return max(1, min(5, round(3.4 + 0.9 * z)))
        out.writerow([five(speed + 0.3 * resolved), five(friendly), five(resolved), max(0, min(10, round(overall))),
                      round(temperature, 1)])


def support_survey(out):
    """Post-contact survey: CSAT (1..5), CES (1..7, "easy to resolve") and a 7-point Likert
    item ("the agent understood my problem"), per channel."""
    rng = random.Random(71)
    out.writerow(["channel", "csat", "ces", "understood"])
    for channel, ease in (("phone", 0.3), ("chat", 0.6), ("email", -0.5)):
        for _ in range(rng.randint(150, 260)):
            mood = rng.gauss(ease, 1.0)
            out.writerow([channel, max(1, min(5, round(3.9 + 0.8 * mood + rng.gauss(0, 0.5)))),
                          max(1, min(7, round(5.0 + 1.2 * mood + rng.gauss(0, 0.8)))),
                          max(1, min(7, round(5.3 + 0.9 * mood + rng.gauss(0, 0.9))))])


def csat_export(out):
    rng = random.Random(20260630)
    roster = {"Aiko Tanaka": (["phone", "chat"], 0.35), "Bruno Costa": (["phone"], 0.0),
              "Carmen Ruiz": (["chat", "email"], 0.2), "Dmitri Volkov": (["email"], -0.35),
              "Efua Mensah": (["phone", "email"], 0.1)}
    new_hire = {"Femi Adeyemi": (["chat"], -0.25)}  # joins in June: a handful of contacts
    channel_level = {"phone": 0.2, "chat": 0.05, "email": -0.4}
    weight_of = {"phone": 1.3, "chat": 0.8, "email": 1.1}  # contact volumes / responses
    out.writerow(["date", "agent", "channel", "csat", "ces", "weight"])
    start = datetime.date(2026, 1, 1)
    for day in range((datetime.date(2026, 6, 30) - start).days + 1):
        date = start + datetime.timedelta(days=day)
        team = dict(roster, **new_hire) if date.month == 6 else roster
        agent_weights = [0.12 if agent in new_hire else 1.0 for agent in team]
        billing = date.month == 4  # the billing migration
        for _ in range(rng.randint(4, 8) if date.weekday() >= 5 else rng.randint(9, 14)):
            agent = rng.choices(list(team), weights=agent_weights)[0]
            channels, skill = team[agent]
            channel = rng.choice(channels)
            mood = rng.gauss(channel_level[channel] + skill - (0.9 if billing else 0.0), 1.0)
            csat = max(1, min(5, round(3.9 + 0.8 * mood + rng.gauss(0.0, 0.5))))
            ces = max(1, min(7, round(5.1 + 0.7 * mood - (0.3 if billing else 0.0) + rng.gauss(0.0, 0.9))))
            weight = round(weight_of[channel] * rng.uniform(0.8, 1.25), 3)
            out.writerow([date.isoformat(), agent, channel,
                          "" if rng.random() < 0.01 else csat,   # skipped the question
                          "" if rng.random() < 0.01 else ces,
                          weight])


def export():
    rng = random.Random(20261101)
    roster = {  # agent: (channels, skill, over-confidence of the self-assessment)
        "Ana Souza": (["phone", "chat"], 0.5, 0.4), "Ben Okafor": (["phone"], 0.1, 1.6),
        "Chloé Martin": (["chat", "email"], 0.3, 0.2), "Dev Patel": (["chat"], -0.4, 1.9),
        "Emma Larsen": (["email"], 0.0, 0.9), "Farid Haddad": (["phone", "email"], -0.2, 1.2),
        "Grace Kim": (["chat", "phone"], 0.7, 0.6), "Jörg Weber": (["phone"], -0.6, 2.3)}
    new_hires = {"Hana Ito": (["chat"], 0.2, 1.0), "Iker Ruiz": (["phone"], 0.9, 0.5)}  # from Oct 2026
    channel_level = {"phone": 0.3, "chat": 0.1, "email": -0.5}
    weight_of = {"phone": 1.35, "chat": 0.85, "email": 1.1}  # post-stratification to contact volumes
    reasons = ["long wait", "issue not resolved", "billing error", "had to repeat myself", "rude agent", "other"]
    reason_mix = [0.3, 0.25, 0.15, 0.15, 0.05, 0.1]
    comments = ["Waited 40 minutes, then got cut off", 'Agent said "we are aware" and nothing else',
                "Great help.\nThanks!", "Quick, friendly, sorted", "Bot sent me round in circles, twice",
                "Billing still wrong, 3rd time", "Fine", "Excellent - knew exactly what to do"]
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(["response_id", "submitted_at", "channel", "agent", "nps", "self_assessment", "reason", "weight",
                  "comment"])
    start, response, lines = datetime.datetime(2025, 11, 1, 8, 0), 0, []
    for day in range((datetime.date(2026, 10, 31) - start.date()).days + 1):
        date = start + datetime.timedelta(days=day)
        weekend = date.weekday() >= 5
        team = dict(roster, **new_hires) if date.month == 10 and date.year == 2026 else roster
        bot_broken = datetime.date(2026, 6, 1) <= date.date() <= datetime.date(2026, 7, 12)
        for _ in range(rng.randint(6, 12) if weekend else rng.randint(14, 24)):
            agent = rng.choice(list(team))
            channels, skill, overconfidence = team[agent]
            channel = rng.choice(channels)
            drift = (-1.6 if channel == "chat" else -0.4) if bot_broken else 0.0
            latent = 7.5 + channel_level[channel] + skill + drift + rng.gauss(0.0, 1.9)
            nps = max(0, min(10, round(latent)))
            self_rating = max(0, min(10, round(latent + overconfidence + rng.gauss(0.0, 1.0))))
            reason = ""
            if nps <= 8 and rng.random() < 0.8:
                reason = ("bot could not help" if bot_broken and channel == "chat" and rng.random() < 0.6
                          else rng.choices(reasons, weights=reason_mix)[0])
            when = date + datetime.timedelta(seconds=rng.randint(0, 12 * 3600))
            response += 1
            row = [response, when.strftime("%Y-%m-%dT%H:%M:%SZ"), channel, agent,
                   "" if rng.random() < 0.02 else nps,             # skipped the question
                   "" if rng.random() < 0.25 else self_rating,     # agent did not assess
                   reason, weight_of[channel],
                   rng.choice(comments) if rng.random() < 0.12 else ""]
            lines.append(row)
    # Malformed rows as exports really contain them; cx-report reports each with its line.
    lines[500][4] = "11"                            # off the 0..10 scale
    lines[1500][4] = "7.5"                          # not a whole number
    lines[2500][4] = "ten"                          # not a number
    lines[3500][1] = "2026-02-30T10:00:00Z"         # no such date
    lines[4500][7] = "-1"                           # a negative weight
    lines[5500] = lines[5500][:3]                   # truncated: too few fields
    for row in lines:
        out.writerow(row)
    sys.stdout.buffer.write(("\ufeff" + buffer.getvalue()).encode("utf-8"))


if len(sys.argv) > 1 and sys.argv[1] == "export":
    export()
    sys.exit(0)
writer = csv.writer(sys.stdout, lineterminator="\n")
{"survey": survey, "employees": employees, "csat-export": csat_export, "interactions": interactions, "servqual": servqual,
 "agents": agents, "reasons": reasons, "drivers": drivers, "support": support_survey}[sys.argv[1] if len(sys.argv) > 1 else "survey"](writer)
