"""Benchmark: events per second through the library API and through the CLI on a large file.

    python bench/evaluate_bench.py [--events 1000000] [--holders 100000] [--seed 7]

Builds a reproducible history (acquisitions, sales, options, issuances, buybacks and groups)
over many holders, evaluates it with ``rightsplan.spec.evaluate`` and times it, then writes
the same scenario as a JSON file and times ``rightsplan evaluate --json`` on it.  Each figure
is given in wall-clock time and in CPU time (the machine is shared, so the CPU figure is the
steadier one), with the peak resident memory of the process (and of the CLI's process).
A benchmark script, not a test: it prints figures and asserts nothing.

README "Performance" gives the figures before and after the speed work of issue 10.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rightsplan.spec import evaluate, scenario_from_data


def history(n_events: int, n_holders: int, seed: int) -> dict[str, Any]:
    """A plausible, valid history: many small holders, a few large ones near the thresholds."""
    rng = random.Random(seed)
    outstanding = 50_000_000
    names = [f"h{i}" for i in range(n_holders)]
    persons: dict[str, Any] = {n: {} for n in names}
    persons["h0"] = {"role": "walden"}
    persons["h1"] = {"role": "hq"}
    persons["h2"] = {"role": "employee_plan"}
    held = {n: 100 for n in names}
    held.update({"h0": 6_000_000, "h1": 5_000_000, "h2": 4_000_000, "h3": 7_480_000})
    total = sum(held.values())
    events: list[dict[str, Any]] = []
    day = date(2003, 4, 1)
    per_day = max(1, n_events // 2500)  # spread the events over about ten years of days
    for i in range(n_events):
        if i and i % per_day == 0 and day < date(2010, 10, 1):
            day += timedelta(days=1)
        r = rng.random()
        who = names[rng.randrange(4)] if r < 0.002 else names[rng.randrange(n_holders)]
        if r < 0.6 and total + 1000 <= outstanding:
            e = {"type": "acquire", "person": who, "shares": rng.randint(1, 1000)}
            held[who] += e["shares"]
            total += e["shares"]
        elif r < 0.97 and held[who] > 0:
            e = {"type": "dispose", "person": who, "shares": rng.randint(1, min(held[who], 1000))}
            held[who] -= e["shares"]
            total -= e["shares"]
        elif r < 0.98:
            e = {"type": "option", "person": who, "shares": rng.randint(1, 1000)}
        elif r < 0.99:
            e = {"type": "issue", "shares": rng.randint(1, 10_000)}
            outstanding += e["shares"]
        elif r < 0.999 and outstanding - total > 10_000:
            e = {"type": "repurchase", "shares": rng.randint(1, 10_000)}
            outstanding -= e["shares"]
        else:
            e = {"type": "join_group", "persons": rng.sample(names[4:], 2)}
        e["date"] = day.isoformat()
        events.append(e)
    return {"outstanding": 50_000_000, "persons": persons, "holdings": held_at_start(n_holders), "events": events}


def held_at_start(n_holders: int) -> dict[str, int]:
    held = {f"h{i}": 100 for i in range(n_holders)}
    held.update({"h0": 6_000_000, "h1": 5_000_000, "h2": 4_000_000, "h3": 7_480_000})
    return held


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--holders", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    data = history(args.events, args.holders, args.seed)
    rss_data = current_rss_mb()
    w0, c0 = time.perf_counter(), time.process_time()
    scenario = scenario_from_data(data, "<bench>")
    w1, c1 = time.perf_counter(), time.process_time()
    rss_validated = current_rss_mb()
    result = evaluate(scenario)
    w2, c2 = time.perf_counter(), time.process_time()
    n = len(scenario.events)
    print(f"library: {n:,} events, {args.holders:,} holders")
    print(f"  wall: validate {w1 - w0:.2f} s, evaluate {w2 - w1:.2f} s -> {n / (w2 - w0):,.0f} events/s")
    print(f"  cpu:  validate {c1 - c0:.2f} s, evaluate {c2 - c1:.2f} s -> {n / (c2 - c0):,.0f} events/s "
          f"(evaluate alone {n / (c2 - c1):,.0f} events/s)")
    print(f"  memory: {rss_data:,.0f} MB with the history built, {rss_validated:,.0f} MB validated, "
          f"peak {peak_rss_mb(resource.RUSAGE_SELF):,.0f} MB")
    print(f"  Acquiring Persons: {len(result.acquiring_persons)}; explanations: {len(result.explanations)}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large-scenario.json"
        path.write_text(json.dumps(data))
        size = path.stat().st_size / 1e6
        w3 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _MEASURE_CLI, str(path)], capture_output=True, text=True)
        w4 = time.perf_counter()
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr.strip()[:200]}"
        cpu, peak = (float(x) for x in proc.stdout.split()) if proc.returncode == 0 else (float("nan"),) * 2
        print(f"cli: {size:.1f} MB JSON file, wall {w4 - w3:.2f} s -> {n / (w4 - w3):,.0f} events/s; "
              f"cpu {cpu:.2f} s -> {n / cpu:,.0f} events/s; peak {peak:,.0f} MB ({status})")


# The CLI is started from a small Python process that reports the CLI's CPU time and peak memory.
# Started straight from this (large) process, the child's peak would count this process's pages
# too: Linux keeps the high-water mark of the forked child across its exec.
_MEASURE_CLI = """
import resource, subprocess, sys
proc = subprocess.run([sys.executable, "-m", "rightsplan.proofs.cli", "evaluate", "--json", sys.argv[1]],
                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
if proc.returncode:
    sys.exit(proc.stderr.strip()[:200])
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(used.ru_utime + used.ru_stime, used.ru_maxrss / 1024)
"""


def current_rss_mb() -> float:
    """The resident memory of this process now (Linux), in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def peak_rss_mb(who: int) -> float:
    """The peak resident memory (Linux reports kilobytes), in MB."""
    return resource.getrusage(who).ru_maxrss / 1024


if __name__ == "__main__":
    main()
