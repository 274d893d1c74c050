#!/usr/bin/python3
"""numpy and pandas on the workloads of the C++ benchmarks, for ratios against cxmetrics.

    /usr/bin/python3 benchmarks/compare_python.py

Same shapes as the C++ benchmarks (uniform 0..10 ratings; 10M rows over 100k agents), from
numpy's generator with a fixed seed. Prints throughput in G items/s, best of 5 runs, timed
in process CPU time as Google Benchmark's rates are, so that ratios hold on a shared machine.
"""
import sys
import time

import numpy as np
import pandas as pd


def best(fn, repeats=5):
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


rng = np.random.default_rng(12345)
n = 256 << 20
ratings = rng.integers(0, 11, n, dtype=np.uint8)
t = best(lambda: np.bincount(ratings, minlength=11))
print(f"numpy/bincount/{n}: {n / t / 1e9:.3f} G ratings/s")
t = best(lambda: np.quantile(ratings[: 1 << 22], 0.5), repeats=3)
print(f"numpy/median/{1 << 22}: {(1 << 22) / t / 1e9:.3f} G ratings/s")

rows, agents = 10_000_000, 100_000
ids = rng.integers(0, agents, rows, dtype=np.uint32)
values = rng.integers(0, 11, rows, dtype=np.uint8)
frame = pd.DataFrame({"agent": ids, "rating": values})
t = best(lambda: frame.groupby("agent")["rating"].agg(["count", "mean"]), repeats=3)
print(f"pandas/groupby_count_mean/{rows}: {rows / t / 1e9:.4f} G rows/s")
t = best(lambda: np.bincount(ids.astype(np.int64) * 11 + values, minlength=agents * 11), repeats=3)
print(f"numpy/bincount_per_agent_histogram/{rows}: {rows / t / 1e9:.4f} G rows/s")
frame["name"] = pd.Series(ids).map(lambda i: f"agent-{i:05d}")
t = best(lambda: frame.groupby("name")["rating"].agg(["count", "mean"]), repeats=3)
print(f"pandas/groupby_string_ids_count_mean/{rows}: {rows / t / 1e9:.4f} G rows/s")
t = best(lambda: frame.groupby("agent")["rating"].value_counts(), repeats=1)
print(f"pandas/groupby_value_counts/{rows}: {rows / t / 1e9:.4f} G rows/s")
print(f"python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}")
