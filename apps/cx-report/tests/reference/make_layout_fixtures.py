#!/usr/bin/python3
"""Survey exports laid out as survey tools write them, and what cx-report must find in them.

    /usr/bin/python3 apps/cx-report/tests/reference/make_layout_fixtures.py

writes apps/cx-report/tests/data/layouts/*.csv and layouts_reference.json (seeded: the same
bytes every run). Each layout draws its responses first (score, date-time, agent), then
writes them the way that tool does: Qualtrics (three header rows), SurveyMonkey (a
"Response" row, US 12-hour dates), Google Forms ("Timestamp", "10 - Extremely likely",
M/D/YYYY), Delighted (epoch seconds), Zendesk (good/bad/offered/unoffered, "... UTC"),
Typeform (choice text mapped with --map, ISO dates with offsets), Medallia (pandas floats
"9.0", epoch milliseconds), Salesforce (D/M/YYYY, footer lines), a German Excel file
(semicolons, decimal commas, D.M.YYYY, Windows-1252), and Excel's "Unicode text" (UTF-16 LE
and BE with a byte-order mark, tabs, Excel serial dates).

The expected values come from the draws, never from reading the files back: counts, the
overall score and its interval (NPS: Sauro-Lewis adjusted Wald; shares: statsmodels'
Wilson interval), monthly n and scores, and responses per agent. A reader that misreads a
date, a label or an encoding gets different numbers.
"""
import codecs
import datetime as dt
import json
import math
import os
import random

from scipy.stats import norm
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "layouts")
Z95 = float(norm.ppf(0.975))
AGENTS = ["Ana Souza", "Ben Okafor", "Chloé Martin", "Jörg Müller", "Renée Dubois", "Zoë Park"]
START = dt.datetime(2026, 1, 1)


def draw(rng, n, lo, hi, skip=0.05):
    """n responses: (score or None for a skipped question, date-time, agent)."""
    rows = []
    for _ in range(n):
        when = START + dt.timedelta(seconds=rng.randrange(0, 181 * 86400))  # January to June
        agent = rng.choice(AGENTS)
        if rng.random() < skip:
            rows.append((None, when, agent))
            continue
        bias = AGENTS.index(agent) * 0.4 + (1.5 if when.month >= 4 else 0.0)
        centre = lo + (hi - lo) * 0.55 + bias * (hi - lo) / 20
        score = max(lo, min(hi, round(rng.gauss(centre, (hi - lo) / 4))))
        rows.append((score, when, agent))
    return rows


def nps_summary(scores):
    n = len(scores)
    p = sum(s >= 9 for s in scores)
    d = sum(s <= 6 for s in scores)
    pa, da = (p + 0.75) / (n + 3.0), (d + 0.75) / (n + 3.0)
    centre, se = 100.0 * (pa - da), 100.0 * math.sqrt((pa + da - (pa - da) ** 2) / (n + 3.0))
    return {"n": n, "score": 100.0 * (p - d) / n, "ci": [max(-100.0, centre - Z95 * se), min(100.0, centre + Z95 * se)]}


def share_summary(scores, success):
    n = len(scores)
    k = sum(1 for s in scores if s >= success)
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    return {"n": n, "score": 100.0 * k / n, "ci": [100.0 * lo, 100.0 * hi]}


def expected(rows, metric, month_of=lambda when: when.strftime("%Y-%m")):
    answered = [(s, w, a) for s, w, a in rows if s is not None]
    scores = [s for s, _, _ in answered]
    summary = nps_summary if metric == "nps" else (lambda v: share_summary(v, 1 if metric == "binary" else 4))
    months, agents = {}, {}
    for s, w, a in answered:
        months.setdefault(month_of(w), []).append(s)
        agents[a] = agents.get(a, 0) + 1
    return {"n": len(scores), "missing": len(rows) - len(scores), "rows": len(rows), "overall": summary(scores),
            "months": {m: summary(v) for m, v in sorted(months.items())}, "agents": agents}


def quote(cell, delimiter=","):
    cell = str(cell)
    if any(c in cell for c in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def lines(table, delimiter=","):
    return "".join(delimiter.join(quote(c, delimiter) for c in row) + "\r\n" for row in table)


def write(name, text, encoding="utf-8"):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(text.encode(encoding) if isinstance(text, str) else text)


def us_12h(when):
    hour = when.hour % 12 or 12
    return f"{when.month:02d}/{when.day:02d}/{when.year} {hour:02d}:{when.minute:02d}:{when.second:02d} {'AM' if when.hour < 12 else 'PM'}"


def qualtrics(rng):
    rows = draw(rng, 300, 0, 10)
    table = [["StartDate", "EndDate", "Status", "Progress", "Finished", "RecordedDate", "ResponseId", "Q1", "Q1_NPS_GROUP", "Agent"],
             ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Recorded Date", "Response ID",
              "How likely are you to recommend us to a friend or colleague?", "How likely are you to recommend us? - Group", "Agent"],
             ['{"ImportId":"startDate","timeZone":"America/Denver"}', '{"ImportId":"endDate","timeZone":"America/Denver"}',
              '{"ImportId":"status"}', '{"ImportId":"progress"}', '{"ImportId":"finished"}',
              '{"ImportId":"recordedDate","timeZone":"America/Denver"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID1"}',
              '{"ImportId":"QID1_NPS_GROUP"}', '{"ImportId":"agent"}']]
    for i, (s, when, agent) in enumerate(rows):
        started = when - dt.timedelta(minutes=3)
        group = "" if s is None else 3 if s >= 9 else 2 if s >= 7 else 1
        table.append([started.strftime("%Y-%m-%d %H:%M:%S"), when.strftime("%Y-%m-%d %H:%M:%S"), "IP Address", 100, "True",
                      when.strftime("%Y-%m-%d %H:%M:%S"), f"R_{i:015x}", "" if s is None else s, group, agent])
    write("qualtrics.csv", "\ufeff" + lines(table))
    return {"options": {"score": "Q1"}, "header_rows": 3, "encoding": "UTF-8 with BOM", **expected(rows, "nps")}


def surveymonkey(rng):
    rows = draw(rng, 300, 0, 10)
    question = "How likely is it that you would recommend us to a friend or colleague?"
    table = [["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", question, "Agent"],
             ["", "", "", "", "", "", "Response", "Response"]]
    for i, (s, when, agent) in enumerate(rows):
        table.append([11400000000 + i, 431000000, us_12h(when - dt.timedelta(minutes=2)), us_12h(when), "203.0.113.7", "",
                      "" if s is None else s, agent])
    write("surveymonkey.csv", lines(table))
    return {"options": {}, "header_rows": 2, "encoding": "UTF-8", **expected(rows, "nps")}


def google_forms(rng):
    rows = draw(rng, 300, 0, 10)
    table = [["Timestamp", "How likely are you to recommend us to a friend?", "Which agent helped you?", "Anything else?"]]
    labels = {0: "0 - Not at all likely", 10: "10 - Extremely likely"}
    for s, when, agent in rows:
        stamp = f"{when.month}/{when.day}/{when.year} {when.hour}:{when.minute:02d}:{when.second:02d}"
        table.append([stamp, "" if s is None else labels.get(s, s), agent, rng.choice(["", "Thanks, great help", "slow, but ok"])])
    write("google_forms.csv", lines(table))
    return {"options": {"agent": "Which agent helped you?"}, "header_rows": 1, "encoding": "UTF-8", **expected(rows, "nps")}


def delighted(rng):
    rows = draw(rng, 300, 0, 10)
    table = [["Response ID", "Email", "Score", "Comment", "Created At", "Agent"]]
    for i, (s, when, agent) in enumerate(rows):
        epoch = int(when.replace(tzinfo=dt.timezone.utc).timestamp())
        table.append([90000 + i, f"customer{i}@example.com", "" if s is None else s, "", epoch, agent])
    write("delighted.csv", lines(table))
    return {"options": {}, "header_rows": 1, "encoding": "UTF-8", **expected(rows, "nps")}


def zendesk(rng):
    rows = draw(rng, 300, 0, 1, skip=0.0)
    table = [["Ticket ID", "Satisfaction Score", "Satisfaction Comment", "Assignee", "Created at"]]
    truth = []
    for i, (s, when, agent) in enumerate(rows):
        state = rng.random()
        if state < 0.10:
            cell, s = "offered", None
        elif state < 0.15:
            cell, s = "unoffered", None
        else:
            cell = ["Bad", "Good"][s] if i % 7 == 0 else ["bad", "good"][s]
        truth.append((s, when, agent))
        table.append([5000 + i, cell, "", agent, when.strftime("%Y-%m-%d %H:%M:%S") + " UTC"])
    write("zendesk.csv", lines(table))
    return {"options": {"metric": "binary"}, "header_rows": 1, "encoding": "UTF-8", **expected(truth, "binary")}


def typeform(rng):
    rows = draw(rng, 300, 1, 5)
    choices = {5: "Very satisfied", 4: "Satisfied", 3: "Neutral", 2: "Dissatisfied", 1: "Very dissatisfied"}
    table = [["#", "How satisfied were you with our support?", "Agent", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]]
    for i, (s, when, agent) in enumerate(rows):
        offset = rng.choice(["+05:30", "-0800", "Z", "+01:00"])
        table.append([f"tf{i:06d}", "" if s is None else choices[s], agent, when.strftime("%Y-%m-%dT%H:%M:%S") + offset,
                      when.strftime("%Y-%m-%dT%H:%M:%S") + offset, "a1b2c3"])
    write("typeform.csv", lines(table))
    mapping = ",".join(f"{text}={value}" for value, text in choices.items())
    return {"options": {"metric": "csat", "time": "Submit Date (UTC)", "map": mapping}, "header_rows": 1, "encoding": "UTF-8",
            **expected(rows, "csat")}


def medallia(rng):
    rows = draw(rng, 300, 0, 10)
    table = [["Survey ID", "Response Date", "Likelihood to Recommend", "Agent Name", "Channel"]]
    for i, (s, when, agent) in enumerate(rows):
        millis = int(when.replace(tzinfo=dt.timezone.utc).timestamp()) * 1000 + rng.randrange(1000)
        table.append([700000 + i, millis, "" if s is None else f"{s:.1f}", agent, rng.choice(["phone", "chat", "email"])])
    write("medallia.csv", lines(table))
    return {"options": {}, "header_rows": 1, "encoding": "UTF-8", **expected(rows, "nps")}


def salesforce(rng):
    rows = draw(rng, 300, 1, 5)
    table = [["Case Number", "Case Owner", "Date/Time Opened", "CSAT Score"]]
    for i, (s, when, agent) in enumerate(rows):
        table.append([f"{i:08d}", agent, f"{when.day:02d}/{when.month:02d}/{when.year} {when.hour:02d}:{when.minute:02d}",
                      "" if s is None else s])
    footer = ('\r\n"Grand Totals (300 records)"\r\n\r\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r\n'
              '"Confidential Information - Do Not Distribute"\r\n"Generated By:  Jane Doe  04/07/2026 10:15"\r\n"Salesforce.com"\r\n')
    write("salesforce.csv", lines(table) + footer)
    return {"options": {"metric": "csat", "time": "Date/Time Opened"}, "header_rows": 1, "footer_lines": 5,
            "encoding": "UTF-8", **expected(rows, "csat")}


def german_excel(rng):
    rows = draw(rng, 300, 1, 5)
    table = [["Datum", "Mitarbeiter", "Kanal", "Zufriedenheit", "Gewicht"]]
    weights = []
    for s, when, agent in rows:
        w = rng.choice([0.5, 0.75, 1.0, 1.25, 2.0])
        weights.append(w)
        table.append([f"{when.day}.{when.month}.{when.year}", agent, rng.choice(["Telefon", "E-Mail"]), "" if s is None else s,
                      f"{w:.2f}".replace(".", ",")])
    write("german_excel.csv", lines(table, ";"), "cp1252")
    answered = [(s, w) for (s, _, _), w in zip(rows, weights) if s is not None]
    total = sum(w for _, w in answered)
    weighted = {"score": 100.0 * sum(w for s, w in answered if s >= 4) / total,
                "effective_n": total ** 2 / sum(w * w for _, w in answered)}
    return {"options": {"metric": "csat", "time": "Datum", "agent": "Mitarbeiter", "score": "Zufriedenheit", "weight": "Gewicht"},
            "header_rows": 1, "encoding": "Windows-1252", "delimiter": ";", "weighted": weighted, **expected(rows, "csat")}


def unicode_text(rng, name, codec, bom, label):
    rows = draw(rng, 200, 0, 10)
    table = [["Date", "NPS", "Agent"]]
    for s, when, agent in rows:
        serial = (when - dt.datetime(1899, 12, 30)).total_seconds() / 86400.0
        table.append([f"{serial:.5f}", "" if s is None else s, agent])
    write(name, bom + lines(table, "\t").encode(codec))
    return {"options": {}, "header_rows": 1, "encoding": label, "delimiter": "\t", **expected(rows, "nps")}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20261202)
    reference = {
        "qualtrics.csv": qualtrics(rng),
        "surveymonkey.csv": surveymonkey(rng),
        "google_forms.csv": google_forms(rng),
        "delighted.csv": delighted(rng),
        "zendesk.csv": zendesk(rng),
        "typeform.csv": typeform(rng),
        "medallia.csv": medallia(rng),
        "salesforce.csv": salesforce(rng),
        "german_excel.csv": german_excel(rng),
        "excel_unicode_le.txt": unicode_text(rng, "excel_unicode_le.txt", "utf-16-le", codecs.BOM_UTF16_LE, "UTF-16LE with BOM"),
        "excel_unicode_be.txt": unicode_text(rng, "excel_unicode_be.txt", "utf-16-be", codecs.BOM_UTF16_BE, "UTF-16BE with BOM"),
    }
    with open(os.path.join(OUT, "layouts_reference.json"), "w") as f:
        json.dump(reference, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


main()
