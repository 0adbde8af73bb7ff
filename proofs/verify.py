"""`make verify`: run the property catalogue, cross-check every result, write the report.

For each property: one-step induction over Houdini-strengthened invariants (PROVED, with
the sections of its unsat core, re-checked by cvc5); otherwise bounded model checking by
iterative deepening (COUNTEREXAMPLE at the shortest depth, or BOUNDED(k)).  Every premise
must have a witness.  Every counterexample is written as a scenario file and replayed
through the reference implementation; it is reported only if the replay agrees with the
model at every step.  Exit status is non-zero on any surprise.
"""

from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"


@lru_cache(maxsize=None)
def _invariants(readings: tuple[tuple[str, str], ...]) -> tuple[list[str], bool]:
    from rightsplan.solver.engines import houdini, recheck_invariants
    from rightsplan.solver.model import Config

    cfg = Config().with_readings(**dict(readings))
    keep = houdini(cfg)
    return keep, recheck_invariants(cfg, keep)


def check(prop_ids: list[str], depth: int) -> list[dict[str, Any]]:
    """Decide properties that share readings, with one incremental unrolling; plain data out."""
    from rightsplan.proofs.catalogue import BY_ID
    from rightsplan.solver.engines import bmc, clock, induction, recheck_property
    from rightsplan.solver.model import Config

    props = [BY_ID[i] for i in prop_ids]
    readings = props[0].readings
    cfg = Config().with_readings(**readings)
    invariants, cvc5_inv = _invariants(tuple(sorted(readings.items())))
    results, proved = {}, set()
    for p in props:
        t0 = clock()
        verdict, sections = induction(cfg, p.holds, invariants)
        r: dict[str, Any] = {"id": p.id, "expect": p.expect, "sections": list(p.sections), "cvc5": None,
                             "core_sections": list(sections), "trace": None, "induction": verdict}
        if verdict == "unsat":
            proved.add(p.id)
            r["cvc5"] = "agrees" if cvc5_inv and recheck_property(cfg, p.holds, invariants) else "DISAGREES"
            how = "1-induction" if sections else "valid from the definitions"
            r |= {"status": "PROVED", "detail": f"{how}, {len(invariants)} Houdini invariants", "depth": 0}
        r["seconds"] = clock() - t0
        results[p.id] = r
    # A proof covers every depth, so for proved properties the search only looks for premise witnesses.
    found = bmc(cfg, {p.id: (p.holds, p.when) for p in props}, depth, stop_when_proved=proved)
    for p in props:
        r, f = results[p.id], found[p.id]
        r |= {"witness_depth": f.witness_depth, "bmc_depth": f.depth, "seconds": round(r["seconds"] + f.seconds, 3)}
        if p.id in proved:
            if f.counterexample is not None:
                r["engines_disagree"] = f"bounded search found a counterexample at depth {f.cex_depth}"
        elif f.counterexample is not None:
            r |= {"status": "COUNTEREXAMPLE", "detail": "", "depth": f.cex_depth, "trace": f.counterexample}
        elif f.unknown is not None:
            r |= {"status": "UNKNOWN", "detail": f.unknown, "depth": f.depth}
        else:
            r |= {"status": "BOUNDED", "detail": f"induction: {r['induction']}", "depth": f.depth}
    return [results[p.id] for p in props]


def batches(ids: list[str], jobs: int) -> list[list[str]]:
    """Properties grouped by readings, each group split round-robin over the jobs."""
    from rightsplan.proofs.catalogue import BY_ID

    groups: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for pid in ids:
        groups.setdefault(tuple(sorted(BY_ID[pid].readings.items())), []).append(pid)
    out = []
    for members in groups.values():
        n = max(1, min(jobs, len(members)))
        out += [members[k::n] for k in range(n)]
    return out


def label(r: dict[str, Any]) -> str:
    if r["status"] == "PROVED":
        return f"PROVED ({r['detail']})"
    if r["status"] in ("BOUNDED", "UNKNOWN"):
        return f"BOUNDED({r['depth']})" if r["status"] == "BOUNDED" else f"UNKNOWN ({r['detail']})"
    return "COUNTEREXAMPLE"


def confirm(r: dict[str, Any], out: Path) -> list[str]:
    """Write a counterexample as a scenario file and replay it; returns problems found."""
    from rightsplan.proofs.catalogue import BY_ID
    from rightsplan.proofs.replay import replay, trace_to_scenario
    from rightsplan.spec.scenario import load_scenario

    p = BY_ID[r["id"]]
    sentence = f"Counterexample to {p.id}: it is not so that \"{p.sentence}\" ({', '.join(p.sections)})."
    data, text = trace_to_scenario(r["trace"], p.readings, sentence)
    path = out / "counterexamples" / f"{p.id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    r["scenario"] = str(path.relative_to(out.parent.parent)) if out.parent.parent in path.parents else str(path)
    try:
        load_scenario(path)
        views, disagreement = replay(data, p.readings)
    except Exception as exc:  # a replay that cannot run is a failure of the run, reported by name
        return [f"{p.id}: replay failed: {type(exc).__name__}: {exc}"]
    from rightsplan.proofs.replay import model_view

    r["timeline"] = [_jsonable(v) for v in views]
    r["start_view"] = _jsonable(model_view(tuple(data["persons"]), r["trace"]["states"][0]))
    r["events"] = data["events"]
    r["start"] = {"outstanding": data["outstanding"], "holdings": data.get("holdings", {}),
                  "persons": data["persons"], "groups": data.get("groups", []),
                  "grandfathered": data.get("grandfathered", [])}
    if disagreement is not None:
        return [f"{p.id}: the model and the reference implementation part at {disagreement}"]
    return []


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, (frozenset, set, list, tuple)):
        return sorted(_jsonable(x) for x in v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def problems_of(r: dict[str, Any]) -> list[str]:
    """Everything about one result that must fail the run."""
    from rightsplan.proofs.catalogue import BY_ID

    out = []
    if r["status"] != r["expect"]:
        out.append(f"{r['id']}: expected {r['expect']}, got {label(r)}")
    if BY_ID[r["id"]].when is not None and r["witness_depth"] is None and r["status"] != "COUNTEREXAMPLE":
        out.append(f"{r['id']}: vacuous -- no reachable state satisfies its premise within the search depth")
    if r.get("engines_disagree"):
        out.append(f"{r['id']}: proved by induction, but {r['engines_disagree']}")
    if r["cvc5"] == "DISAGREES":
        out.append(f"{r['id']}: cvc5 does not confirm the proof")
    return out


def identities() -> list[dict[str, Any]]:
    """The SymPy identities of proofs/identities.py, when that module is present."""
    from rightsplan.proofs.identities import run_all

    return [{"id": r.name, "status": r.verdict, "sections": list(r.sections), "how": r.how} for r in run_all()]


def table(results: list[dict[str, Any]]) -> str:
    rows = [f"{'property':58} {'verdict':58} {'depth':>9} {'time s':>7}  sections"]
    for r in results:
        depth = str(r["depth"]) if r["status"] != "PROVED" else "unbounded"
        secs = ", ".join(r["core_sections"] or r["sections"])
        rows.append(f"{r['id']:58} {label(r):58} {depth:>9} {r['seconds']:7.2f}  {secs}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    from rightsplan.proofs.catalogue import PROPERTIES
    from rightsplan.proofs.report import write_report

    ap = argparse.ArgumentParser(prog="verify", description=__doc__.splitlines()[0])
    ap.add_argument("--depth", type=int, default=12, help="bounded-search depth (default 12)")
    ap.add_argument("--property", action="append", default=[], help="only properties whose id contains this")
    ap.add_argument("--jobs", type=int, default=1, help="properties checked in parallel processes")
    ap.add_argument("--out", type=Path, default=OUT, help="where report.md, report.json and counterexamples go")
    ap.add_argument("--no-identities", action="store_true", help="skip the SymPy identities")
    args = ap.parse_args(argv)
    chosen = [p.id for p in PROPERTIES if not args.property or any(f in p.id for f in args.property)]
    if not chosen:
        print(f"no property matches {args.property}", file=sys.stderr)
        return 2
    if not args.property:  # a full run replaces every saved counterexample
        for stale in (args.out / "counterexamples").glob("*.yaml"):
            stale.unlink()
    tasks = [(batch, args.depth) for batch in batches(chosen, args.jobs)]
    if args.jobs > 1:
        with get_context("spawn").Pool(args.jobs) as pool:
            done = pool.starmap(check, tasks)
    else:
        done = [check(*t) for t in tasks]
    order = {pid: k for k, pid in enumerate(chosen)}
    results = sorted((r for batch in done for r in batch), key=lambda r: order[r["id"]])
    problems = [msg for r in results for msg in problems_of(r)]
    for r in results:
        if r["status"] == "COUNTEREXAMPLE":
            problems += confirm(r, args.out)
    ids = [] if args.no_identities or args.property else identities()
    problems += [f"identity {i['id']}: {i['status']}" for i in ids if i["status"] != "PROVED"]
    print(table(results))
    for i in ids:
        print(f"{i['id']:58} {i['status']:58} {'':>5} {'':>7}  {', '.join(i['sections'])}")
    write_report(args.out, results, ids, problems, args.depth)
    total = sum(r["seconds"] for r in results)
    print(f"\n{len(results)} properties, {sum(r['status'] == 'PROVED' for r in results)} PROVED, "
          f"{sum(r['status'] == 'COUNTEREXAMPLE' for r in results)} COUNTEREXAMPLE; solver time {total:.1f} s")
    for msg in problems:
        print("FAIL:", msg, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
