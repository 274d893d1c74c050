#!/usr/bin/python3
"""cx-report end to end against pandas on the same export: throughput and peak memory.

    /usr/bin/python3 benchmarks/cx_report_vs_pandas.py BUILD/apps/cx-report/cx-report [rows] [big_gb]

Writes a seeded export of `rows` rows (default 2.2 million, about 150 MB: response id, ISO
date-time in time order, channel, 60 agents, NPS, self-assessment, reason, weight, a
comment, some quoted with commas) to /tmp, then times, best of 3:

* cx-report FILE --json (the whole report: intervals, tests, chart, leaderboard, gap, Pareto);
* pandas: read_csv of the same file, then the NPS counts grouped by month, by agent and by
  channel (the three groupbys a report needs at the least; no intervals, no tests).

Peak resident memory of each comes from getrusage of the child. With big_gb (e.g. 2), the
file is also repeated up to that size and cx-report alone is run on it for its peak memory
(pandas would need several times the file in memory). Prints a Markdown table.
"""
import os
import resource
import subprocess
import sys
import time

import numpy as np

PANDAS = r'''
import sys, pandas as pd
df = pd.read_csv(sys.argv[1])
df["month"] = df["submitted_at"].str.slice(0, 7)
promoter = (df["nps"] >= 9).astype("int64")
detractor = (df["nps"] <= 6).astype("int64")
df = df.assign(promoter=promoter, detractor=detractor)
out = [df.groupby(key)[["promoter", "detractor"]].agg(["sum", "count"]) for key in ("month", "agent", "channel")]
print(sum(len(o) for o in out))
'''


def write_export(path, rows, seed=20261202):
    rng = np.random.default_rng(seed)
    agents = np.array([f"Agent {i:02d}" for i in range(60)])
    channels = np.array(["phone", "chat", "email"])
    reasons = np.array(["", "", "billing", "long wait", "bot could not help", "rude", "fixed fast"])
    comments = np.array(["", "", "", "great", "\"slow, but fine\"", "would not recommend"])
    with open(path, "w", newline="") as f:
        f.write("response_id,submitted_at,channel,agent,nps,self_assessment,reason,weight,comment\r\n")
        # In time order, as survey tools export responses.
        offsets = np.sort(rng.integers(0, 365 * 86400, rows))
        block = 200_000
        for start in range(0, rows, block):
            n = min(block, rows - start)
            stamps = np.datetime64("2025-11-01T00:00:00") + offsets[start:start + n].astype("timedelta64[s]")
            nps = np.clip(np.rint(rng.normal(7.2, 2.4, n)), 0, 10).astype(int)
            self_a = np.clip(nps + rng.integers(-1, 3, n), 0, 10)
            lines = [f"{start + i},{str(stamps[i])}Z,{channels[c]},{agents[a]},{s},{sa},{reasons[r]},{w:.2f},{comments[k]}\r\n"
                     for i, (c, a, s, sa, r, w, k) in enumerate(zip(rng.integers(0, 3, n), rng.integers(0, 60, n), nps, self_a,
                                                                     rng.integers(0, len(reasons), n), rng.uniform(0.5, 2, n),
                                                                     rng.integers(0, len(comments), n)))]
            f.write("".join(lines))


def run(command):
    """Seconds and peak RSS (MB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024.0


def peak_of(command):
    """Peak RSS in MB of one run, from /usr/bin/time (getrusage keeps the maximum over children)."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M %e"] + command, check=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    kb, seconds = result.stderr.strip().splitlines()[-1].split()
    return float(kb) / 1024.0, float(seconds)


def main():
    program = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 2_200_000
    big_gb = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    path = f"/tmp/cx_report_bench_{rows}.csv"
    if not os.path.exists(path):
        write_export(path, rows)
    size_mb = os.path.getsize(path) / 1e6
    cx, pd_ = [], []
    for _ in range(3):
        cx.append(peak_of([program, path, "--json"]))
        pd_.append(peak_of([sys.executable, "-c", PANDAS, path]))
    cx_time, pd_time = min(s for _, s in cx), min(s for _, s in pd_)
    cx_rss, pd_rss = max(m for m, _ in cx), max(m for m, _ in pd_)
    print(f"| file | rows | tool | best of 3 | MB/s | peak RSS |")
    print(f"| --- | --- | --- | --- | --- | --- |")
    print(f"| {size_mb:.0f} MB | {rows:,} | cx-report --json | {cx_time:.2f} s | {size_mb / cx_time:.0f} | {cx_rss:.0f} MB |")
    print(f"| {size_mb:.0f} MB | {rows:,} | pandas read_csv + 3 groupbys | {pd_time:.2f} s | {size_mb / pd_time:.0f} | {pd_rss:.0f} MB |")
    print(f"\ncx-report is {pd_time / cx_time:.1f}x pandas end to end")
    if big_gb > 0:
        big = f"/tmp/cx_report_bench_{big_gb:g}GB.csv"
        if not os.path.exists(big):
            with open(path, "rb") as src:
                header = src.readline()
                body = src.read()
            with open(big, "wb") as out:
                out.write(header)
                while out.tell() < big_gb * 1e9:
                    out.write(body)
        rss, seconds = peak_of([program, big, "--json"])
        print(f"\n{os.path.getsize(big) / 1e9:.2f} GB export: cx-report --json in {seconds:.1f} s "
              f"({os.path.getsize(big) / 1e6 / seconds:.0f} MB/s), peak RSS {rss:.0f} MB")


main()
