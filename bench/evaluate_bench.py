"""Benchmark: events per second through the library API and through the CLI on a large file.

    python bench/evaluate_bench.py [--events 1000000[,2000000...]] [--holders 100000] [--seed 7] [--repeat 3]

Builds a reproducible history (acquisitions, sales, options, issuances, buybacks and groups)
over many holders and writes it as a JSON file.  Then, each ``--repeat`` times, giving the best:

* library: ``scenario_from_data`` (validation) and ``evaluate`` on the data in this process;
* library from the file: ``load_scenario`` and ``evaluate`` in a fresh process (its peak
  memory is that of a caller who reads the file: the figure that should grow with the holders);
* CLI: ``rightsplan evaluate --json FILE`` in a fresh process, end to end.

Each figure is given in CPU time (the machine is shared, so CPU time is the steadier one) and
wall-clock time, with peak resident memory.  Several sizes (``--events 1000000,2000000``) end
with a table of the peaks by size: the figures that should not grow with the events.  With
``--holders 10000`` the random joins link most holders into one group of thousands that becomes
Acquiring Persons together (the giant-group path).  A benchmark script, not a test: it prints
figures and asserts nothing.  README "Performance" gives the figures before and after issue 10.
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
    ap.add_argument("--events", default="1000000", help="events, or several sizes separated by commas")
    ap.add_argument("--holders", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best CPU time is given")
    args = ap.parse_args()
    peaks = [(n, *measure(n, args.holders, args.seed, args.repeat)) for n in (int(x) for x in args.events.split(","))]
    if len(peaks) > 1:
        print("events     | peak, library from the file | peak, CLI")
        for n, from_file, cli in peaks:
            print(f"{n:>10,} | {from_file:,.0f} MB | {cli:,.0f} MB")


def measure(n_events: int, n_holders: int, seed: int, repeat: int) -> tuple[float, float]:
    """Every measurement on one history; returns the peaks (MB) of the library from the file and of the CLI."""
    data = history(n_events, n_holders, seed)
    n = len(data["events"])
    print(f"{n:,} events, {n_holders:,} holders; best of {repeat} runs (CPU time), wall time of that run")
    library(data, repeat)
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large-scenario.json"
        path.write_text(json.dumps(data))
        del data
        print(f"JSON file: {path.stat().st_size / 1e6:.1f} MB")
        baseline = child(_MEASURE_IMPORT, path)
        print(f"a process that only imports rightsplan.spec: peak {baseline[2]:,.0f} MB")
        for name, code in (("library from the file", _MEASURE_LIBRARY), ("cli evaluate --json", _MEASURE_CLI)):
            runs = [child(code, path) for _ in range(repeat)]
            cpu, wall, _ = min(runs)
            peaks.append(max(r[2] for r in runs))
            print(f"{name}: cpu {cpu:.2f} s -> {n / cpu:,.0f} events/s; wall {wall:.2f} s -> {n / wall:,.0f} "
                  f"events/s; peak {peaks[-1]:,.0f} MB")
    return peaks[0], peaks[1]


def library(data: dict[str, Any], repeat: int) -> None:
    """Validation and evaluation of the data in this process, best of ``repeat`` runs."""
    n = len(data["events"])
    rss_data = current_rss_mb()
    runs = []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        scenario = scenario_from_data(data, "<bench>")
        w1, c1 = time.perf_counter(), time.process_time()
        result = evaluate(scenario)
        w2, c2 = time.perf_counter(), time.process_time()
        runs.append((c2 - c0, c1 - c0, c2 - c1, w2 - w0))
        found = len(result.acquiring_persons), len(result.explanations)
        del scenario, result  # so that each run's peak is its own
    total, validate, evaluate_cpu, wall = min(runs)
    print(f"library (validate + evaluate the data): cpu {validate:.2f} s + {evaluate_cpu:.2f} s -> {n / total:,.0f} "
          f"events/s (evaluate alone {n / evaluate_cpu:,.0f}); wall {wall:.2f} s -> {n / wall:,.0f} events/s")
    print(f"  memory: {rss_data:,.0f} MB with the caller's data built, peak {peak_rss_mb():,.0f} MB "
          f"(+{peak_rss_mb() - rss_data:,.0f} MB); Acquiring Persons: {found[0]}, explanations: {found[1]}")


def child(code: str, path: Path) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak MB of ``code`` run on the file in a fresh process."""
    w0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    wall = time.perf_counter() - w0
    if proc.returncode:
        sys.exit(f"failed: {proc.stderr.strip()[:300]}")
    cpu, peak = (float(x) for x in proc.stdout.split())
    return cpu, wall, peak


# Each measurement runs in a small launcher that reports its child's CPU time and peak memory.
# Started straight from this (large) process, the child's peak would count this process's pages
# too: Linux keeps the high-water mark of the forked child across its exec.
_LAUNCH = """
import resource, subprocess, sys
proc = subprocess.run([sys.executable, *ARGS, sys.argv[1]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                      text=True)
if proc.returncode:
    sys.exit(proc.stderr.strip()[:300])
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(used.ru_utime + used.ru_stime, used.ru_maxrss / 1024)
"""
_MEASURE_IMPORT = _LAUNCH.replace("ARGS", repr(["-c", "import rightsplan.spec"]))
_MEASURE_LIBRARY = _LAUNCH.replace("ARGS", repr(
    ["-c", "import sys; from rightsplan.spec import evaluate, load_scenario; evaluate(load_scenario(sys.argv[1]))"]))
_MEASURE_CLI = _LAUNCH.replace("ARGS", repr(["-m", "rightsplan.proofs.cli", "evaluate", "--json"]))


def current_rss_mb() -> float:
    """The resident memory of this process now (Linux), in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def peak_rss_mb() -> float:
    """The peak resident memory of this process (Linux reports kilobytes), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
