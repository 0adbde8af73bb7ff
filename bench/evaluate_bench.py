"""Benchmark: events per second through the library API and through the CLI on a large file.

    python bench/evaluate_bench.py [--events 1000000] [--holders 100000] [--seed 7]

Builds a reproducible history (acquisitions, sales, options, issuances, buybacks, splits,
groups) over many holders, evaluates it with ``rightsplan.spec.evaluate`` and times it, then
writes the same scenario as a JSON file and times ``rightsplan evaluate --json`` on it.
A benchmark script, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
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
    t0 = time.perf_counter()
    scenario = scenario_from_data(data, "<bench>")
    t1 = time.perf_counter()
    result = evaluate(scenario)
    t2 = time.perf_counter()
    n = len(scenario.events)
    print(f"library: {n:,} events, {args.holders:,} holders")
    print(f"  validate {t1 - t0:.2f} s, evaluate {t2 - t1:.2f} s, total {t2 - t0:.2f} s "
          f"-> {n / (t2 - t0):,.0f} events/s (evaluate alone {n / (t2 - t1):,.0f} events/s)")
    print(f"  Acquiring Persons: {len(result.acquiring_persons)}; explanations: {len(result.explanations)}")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large-scenario.json"
        path.write_text(json.dumps(data))
        size = path.stat().st_size / 1e6
        t3 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "rightsplan.proofs.cli", "evaluate", "--json", str(path)],
                              capture_output=True, text=True)
        t4 = time.perf_counter()
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr.strip()[:200]}"
        print(f"cli: {size:.1f} MB JSON file, {t4 - t3:.2f} s -> {n / (t4 - t3):,.0f} events/s ({status})")


if __name__ == "__main__":
    main()
