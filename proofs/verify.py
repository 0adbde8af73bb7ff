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
import os
import sys
from functools import lru_cache, partial
from multiprocessing import get_context
from pathlib import Path
from queue import Empty
from time import monotonic
from typing import Any

from rightsplan.proofs.labels import label
from rightsplan.spec.terms import BUILTIN_PLAN

OUT = Path(__file__).resolve().parent / "out"


@lru_cache(maxsize=None)
def _invariants(readings: tuple[tuple[str, str], ...], plan: str = BUILTIN_PLAN) -> tuple[list[str], bool]:
    from rightsplan.solver.engines import houdini, recheck_invariants
    from rightsplan.solver.model import Config

    cfg = Config(plan=plan).with_readings(**dict(readings))
    keep = houdini(cfg)
    return keep, recheck_invariants(cfg, keep)


@lru_cache(maxsize=None)
def _clock_agrees(readings: tuple[tuple[str, str], ...], plan: str = BUILTIN_PLAN) -> bool:
    """cvc5: the model's fifth day is the properties' own table (proofs/independent.py), so re-checks may abstract it."""
    from rightsplan.proofs.independent import clock_agrees
    from rightsplan.solver.model import Config

    return clock_agrees(Config(plan=plan).with_readings(**dict(readings)))


@lru_cache(maxsize=None)
def _by_definition(readings: tuple[tuple[str, str], ...], plan: str = BUILTIN_PLAN) -> tuple[str, ...]:
    """The proved invariants that hold of any state at all: true by definition, they strengthen nothing."""
    from rightsplan.solver.engines import valid_alone
    from rightsplan.solver.model import Config

    return tuple(valid_alone(Config(plan=plan).with_readings(**dict(readings)), _invariants(readings, plan)[0]))


def check(prop_ids: list[str], depth: int, plan: str = BUILTIN_PLAN) -> list[dict[str, Any]]:
    """Decide properties that share readings, on one plan, with one incremental unrolling; plain data out."""
    from rightsplan.proofs.catalogue import BY_ID
    from rightsplan.proofs.labels import every_split_ratio, premise_warnings
    from rightsplan.solver.engines import (
        bmc, clock, conclusion_alone, recheck_property, unused_conjuncts,
    )
    from rightsplan.solver.model import Config

    everything = [BY_ID[i] for i in prop_ids]
    props = [p for p in everything if p.engine == "step"]
    key = tuple(sorted(everything[0].readings.items()))
    invariants, cvc5_inv = _invariants(key, plan)
    any_clock = _clock_agrees(key, plan)
    results, proved = {}, set()
    for p in everything:
        if p.engine != "step":  # the retroactive cure's final result: its own engine (proofs/cure_check.py)
            from rightsplan.proofs.cure_check import check as check_final

            results[p.id] = check_final(p, plan, invariants, cvc5_inv)
    if not props:
        return [results[p.id] for p in everything]
    cfg = Config(plan=plan).with_readings(**props[0].readings)
    for p in props:
        t0 = clock()
        verdict, sections, by = _induction(cfg, p.holds, invariants, any_clock)
        r: dict[str, Any] = {"id": p.id, "expect": p.expect, "sections": list(p.sections), "cvc5": None,
                             "invariants_by_definition": list(_by_definition(key, plan)), "plan": cfg.model_plan.name,
                             "core_sections": list(sections), "trace": None, "induction": verdict}
        if verdict == "unsat":
            proved.add(p.id)
            agrees = cvc5_inv and recheck_property(cfg, p.holds, invariants, any_clock=any_clock)
            r["cvc5"] = "agrees" if agrees else "DISAGREES"
            how = "1-induction" if sections else "valid from the definitions"
            r |= {"status": "PROVED", "detail": f"{how}, {len(invariants)} Houdini invariants", "depth": 0}
            every_split_ratio(r, by, p)
            if p.when is not None:
                r["warnings"] = premise_warnings(conclusion_alone(by, p.formula, invariants),
                                                 lambda: unused_conjuncts(by, p.when, p.formula, invariants))
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
            r |= _natural(p, f.cex_depth, tuple(invariants), f.counterexample, plan)
        elif f.unknown is not None:
            r |= {"status": "UNKNOWN", "detail": f.unknown, "depth": f.depth}
        else:
            r |= {"status": "BOUNDED", "detail": f"induction: {r['induction']}", "depth": f.depth}
    return [results[p.id] for p in everything]


def _induction(cfg: Any, formula: Any, invariants: list[str], any_clock: bool) -> tuple[str, tuple[str, ...], Any]:
    """1-induction, first with the fifth day as any clock when the model's equals the properties' own (then
    a proof for every clock is one for the real calendar), else on the real calendar; and the Config that proved it.

    The premise checks ask the same Config: a premise found idle for every clock is idle for the real one.
    """
    from dataclasses import replace

    from rightsplan.solver.engines import induction

    if any_clock:
        verdict, sections = induction(replace(cfg, clock="any"), formula, invariants)
        if verdict == "unsat":
            return verdict, sections, replace(cfg, clock="any")
    verdict, sections = induction(cfg, formula, invariants)
    return verdict, sections, cfg


def _natural(p: Any, depth: int, invariants: tuple[str, ...], found: dict[str, Any], plan: str) -> dict[str, Any]:
    """The natural, 1-minimal counterexample (proofs/minimize.py), searched for this property alone."""
    from rightsplan.proofs.minimize import counterexample

    found = counterexample(p, depth, invariants, found, plan)
    return {"trace": found["trace"], "scenario_data": found["data"], "minimization": found["minimization"]}


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


def confirm(r: dict[str, Any], out: Path) -> list[str]:
    """Write a counterexample as a scenario file and replay it; returns problems found."""
    from rightsplan.proofs.catalogue import BY_ID
    from rightsplan.proofs.minimize import model_ready
    from rightsplan.proofs.replay import _yaml, replay, trace_to_scenario
    from rightsplan.spec.scenario import load_scenario

    p = BY_ID[r["id"]]
    if p.engine != "step":  # replayed through the reference's final result as well (proofs/cure_check.py)
        from rightsplan.proofs.cure_check import confirm as confirm_final

        return confirm_final(r, out, OUT.parent.parent)
    sentence = f"Counterexample to {p.id}: it is not so that \"{p.sentence}\" ({', '.join(p.sections)})."
    how = r.get("minimization", {})
    if how.get("witness", "natural") != "natural":
        sentence += "\n# The solver's plain witness: " + "; ".join(how["notes"]) + "."
    data = r.get("scenario_data")
    data, text = (data, _yaml(data, sentence)) if data is not None else trace_to_scenario(r["trace"], p.readings, sentence)
    path = out / "counterexamples" / f"{p.id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    root = OUT.parent.parent  # the project: paths inside it are written relative to it, others absolute
    r["scenario"] = str(path.resolve().relative_to(root)) if root in path.resolve().parents else str(path.resolve())
    try:
        load_scenario(path)
        views, disagreement = replay(model_ready(data), p.readings)
    except Exception as exc:  # a replay that cannot run is a failure of the run, reported by name
        return [f"{p.id}: replay failed: {type(exc).__name__}: {exc}"]
    from rightsplan.proofs.replay import model_view

    r["timeline"] = [_jsonable(v) for v in views]
    plan = str(data.get("plan", BUILTIN_PLAN))
    r["start_view"] = _jsonable(model_view(tuple(data["persons"]), r["trace"]["states"][0], (), plan))
    r["events"] = data["events"]
    r["start"] = {"outstanding": data["outstanding"], "holdings": data.get("holdings", {}),
                  "persons": data["persons"], "groups": data.get("groups", []),
                  "grandfathered": data.get("grandfathered", [])}
    if disagreement is not None:
        return [f"{p.id}: the model and the reference implementation part at {disagreement}"]
    if how.get("witness") == "unconfirmed":
        return [f"{p.id}: the replay does not refute the property: {'; '.join(how['notes'])}"]
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
    searched = r["status"] not in ("COUNTEREXAMPLE", "UNKNOWN")  # a stopped search has no vacuity verdict
    if r.get("premise_unknown"):
        out.append(f"{r['id']}: the search for a history on which its premise holds gave up ({r['premise_unknown']}): "
                   "vacuity is not ruled out")
    elif BY_ID[r["id"]].when is not None and r["witness_depth"] is None and searched:
        out.append(f"{r['id']}: vacuous -- no reachable state satisfies its premise within the search depth")
    if r.get("engines_disagree"):
        out.append(f"{r['id']}: proved by induction, but {r['engines_disagree']}")
    if r["cvc5"] == "DISAGREES":
        out.append(f"{r['id']}: cvc5 does not confirm the proof")
    if r.get("scaling"):
        out.append(f"{r['id']}: proved for the model's five split ratios only, the scaling argument fails: {r['scaling'][0]}")
    return out


def identities() -> list[dict[str, Any]]:
    """The SymPy identities of proofs/identities.py, when that module is present."""
    from rightsplan.proofs.identities import run_all

    return [{"id": r.name, "status": r.verdict, "sections": list(r.sections), "how": r.how} for r in run_all()]


def row(r: dict[str, Any]) -> str:
    """One property's line: id, verdict, depth, time, the sections it rests on."""
    depth = str(r["depth"]) if r["status"] != "PROVED" else "unbounded"
    secs = ", ".join(r["core_sections"] or r["sections"])
    mark = "" if r["status"] == r["expect"] else "  <-- UNEXPECTED"
    return f"{r['id']:58} {label(r):58} {depth:>9} {r['seconds']:7.2f}  {secs}{mark}"


def table(results: list[dict[str, Any]]) -> str:
    rows = [f"{'property':58} {'verdict':58} {'depth':>9} {'time s':>7}  sections"]
    return "\n".join(rows + [row(r) for r in results])


def _worker(slot: int, tasks: Any, done: Any, depth: int, readings: dict[str, str], plan: str) -> None:
    """A checker process: warms up (the invariants of the run's readings and plan), then checks one property at a time.

    It puts ``(slot, None, None, None)`` when ready, then ``(slot, id, result, error)`` per property.
    """
    from rightsplan.proofs.catalogue import PROPERTIES, use_plan

    use_plan(plan)  # the catalogue in this plan's terms, with its beliefs
    apply_readings(readings)

    _invariants(tuple(sorted({**PROPERTIES[0].readings, **readings}.items())), plan)
    done.put((slot, None, None, None))
    while (pid := tasks.get()) is not None:
        try:
            done.put((slot, pid, check([pid], depth, plan)[0], None))
        except Exception as exc:  # reported as the property's UNKNOWN, never as proved
            done.put((slot, pid, None, f"{type(exc).__name__}: {exc}"))


def apply_readings(readings: dict[str, str]) -> None:
    """Run-wide readings: every property gets them, over the readings it names itself."""
    from dataclasses import replace

    from rightsplan.proofs.catalogue import BY_ID, PROPERTIES

    for k, p in enumerate(PROPERTIES):
        PROPERTIES[k] = BY_ID[p.id] = replace(p, readings={**p.readings, **readings})


def _unknown(pid: str, why: str, seconds: float) -> dict[str, Any]:
    from rightsplan.proofs.catalogue import BY_ID

    p = BY_ID[pid]
    return {"id": pid, "expect": p.expect, "sections": list(p.sections), "cvc5": None, "core_sections": [],
            "trace": None, "induction": None, "status": "UNKNOWN", "detail": why, "depth": 0,
            "witness_depth": None, "bmc_depth": 0, "seconds": round(seconds, 3)}


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
STUCK = 10  # a worker using no processor time is stopped after this many times the limit, by the wall clock


class _Pool:
    """Worker processes that each check one property at a time and can be stopped one by one."""

    def __init__(self, depth: int, readings: dict[str, str], todo: list[str], plan: str = BUILTIN_PLAN) -> None:
        self.ctx = get_context("spawn")
        self.done = self.ctx.Queue()
        self.depth, self.readings, self.todo, self.plan = depth, readings, list(todo), plan
        self.workers: dict[int, tuple[Any, Any]] = {}
        self.running: dict[int, tuple[str, float, float]] = {}  # slot -> (property, processor, wall clock at start)

    def start(self, slot: int) -> None:
        tasks = self.ctx.Queue()
        proc = self.ctx.Process(target=_worker, args=(slot, tasks, self.done, self.depth, self.readings, self.plan),
                                daemon=True)
        proc.start()
        self.workers[slot] = (proc, tasks)

    def clock(self, slot: int) -> float:
        """Seconds of processor time the worker has used (wall-clock time where /proc is not available)."""
        try:
            fields = Path(f"/proc/{self.workers[slot][0].pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return monotonic()
        return (int(fields[11]) + int(fields[12])) / _TICKS

    def hand_out(self, slot: int) -> None:
        """Give the worker the next property (its clock starts now), or tell it to stop."""
        self.running.pop(slot, None)
        pid = self.todo.pop(0) if self.todo else None
        self.workers[slot][1].put(pid)
        if pid is not None:
            self.running[slot] = (pid, self.clock(slot), monotonic())

    def overdue(self, timeout: float) -> list[tuple[int, str, float]]:
        """Properties whose worker has spent more than ``timeout`` seconds of processor time on them."""
        used = [(slot, pid, self.clock(slot) - t0, monotonic() - w0) for slot, (pid, t0, w0) in self.running.items()]
        return [(slot, pid, cpu) for slot, pid, cpu, wall in used if cpu > timeout or wall > STUCK * timeout]

    def restart(self, slot: int) -> None:
        proc = self.workers[slot][0]
        proc.kill()
        proc.join()
        self.running.pop(slot, None)
        self.start(slot)

    def close(self) -> None:
        for _, tasks in self.workers.values():
            tasks.put(None)  # a worker restarted after a timeout may still be waiting for work
        for proc, _ in self.workers.values():
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()


def run(chosen: list[str], depth: int, jobs: int, timeout: float, readings: dict[str, str],
        report: Any, plan: str = BUILTIN_PLAN) -> list[dict[str, Any]]:
    """Check each property in a worker process; one past ``timeout`` seconds is stopped: UNKNOWN (timeout).

    A worker's clock for a property starts when the property is handed to it, after the
    worker has warmed up, so start-up never counts against a property; it counts the
    worker's processor time, so a machine busy with other work does not turn a slow proof
    into UNKNOWN.
    """
    pool, results = _Pool(depth, readings, chosen, plan), []

    def record(r: dict[str, Any]) -> None:
        results.append(r)
        report(r, len(results), len(chosen))

    for slot in range(max(1, min(jobs, len(chosen)))):
        pool.start(slot)
    while len(results) < len(chosen):
        try:
            slot, pid, r, error = pool.done.get(timeout=0.5)
        except Empty:
            slot = None
        if slot is not None:
            if pid is not None:
                spent = pool.clock(slot) - pool.running[slot][1]
                record(r if error is None else _unknown(pid, f"error: {error}", spent))
            pool.hand_out(slot)
        for late, pid, seconds in pool.overdue(timeout):
            record(_unknown(pid, "timeout", seconds))
            pool.restart(late)
    pool.close()
    return results


def _printer(tty: bool) -> Any:
    def report(r: dict[str, Any], k: int, n: int) -> None:
        print(f"[{k:>{len(str(n))}}/{n}] {row(r)}" if tty else row(r), flush=True)
    return report


def closing(results: list[dict[str, Any]], problems: list[str], where: Path) -> str:
    """The last line: every verdict as expected and where the report is, or the unexpected ones."""
    from rightsplan.proofs.catalogue import BY_ID

    proved = sum(r["status"] == "PROVED" for r in results)
    found = [r for r in results if r["status"] == r["expect"] == "COUNTEREXAMPLE"]
    findings = len(found)
    if not problems:
        beliefs = sum(BY_ID[r["id"]].belief is not None for r in found if r["id"] in BY_ID)
        other = findings - beliefs
        what = [f"{beliefs} belief{'' if beliefs == 1 else 's'} the text does not support"] if beliefs else []
        what += [f"{other} propert{'y' if other == 1 else 'ies'} this plan's terms make false, as its terms file "
                 "expects"] if other else []
        return (f"all {len(results)} verdicts as expected ({proved} proved, {findings} finding"
                f"{'' if findings == 1 else 's'}: {'; '.join(what) or 'none'}, not failures); report: {where}")
    unexpected = [r["id"] for r in results if r["status"] != r["expect"]]
    return (f"{len(problems)} problem(s); unexpected verdicts: {', '.join(unexpected) or 'none'} "
            f"({proved} proved, {findings} expected findings); report: {where}")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def model_plan_of(given: str) -> tuple[str, str]:
    """The plan a run checks, as the model's Config names it (a shipped name, or a file's absolute path), and
    its name; a plan that does not load, or that the model cannot take, raises ScenarioError."""
    from rightsplan.solver.model import Config
    from rightsplan.spec.errors import ScenarioError
    from rightsplan.spec.terms import shipped_plans

    if given not in shipped_plans() and not Path(given).is_file():
        raise ScenarioError("verify", "--plan", given, f"a shipped plan ({', '.join(shipped_plans())}) or a terms file")
    plan = given if given in shipped_plans() else str(Path(given).resolve())
    return plan, Config(plan=plan).model_plan.name


def main(argv: list[str] | None = None) -> int:
    """``rightsplan verify``: the catalogue rendered for the run's plan and readings, which end with the run."""
    from rightsplan.proofs.catalogue import kept

    with kept():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    import time

    from rightsplan.proofs.catalogue import PROPERTIES
    from rightsplan.proofs.report import write_report
    from rightsplan.spec.cli import reading_overrides
    from rightsplan.spec.errors import ScenarioError

    ap = argparse.ArgumentParser(prog="verify", description=__doc__.splitlines()[0])
    ap.add_argument("--plan", default=BUILTIN_PLAN, metavar="FILE|NAME", help="the plan whose model is checked: "
                    f"a shipped plan's name or a terms file (default {BUILTIN_PLAN}); another plan's report goes "
                    "to proofs/out/plans/<name>/")
    ap.add_argument("--depth", type=int, default=12, help="bounded-search depth (default 12)")
    ap.add_argument("--property", action="append", default=[], help="only properties whose id contains this; "
                    "the report then goes to proofs/out/partial/<names>/ and the full report is left alone")
    ap.add_argument("--jobs", type=int, default=1, help="properties checked in parallel processes")
    ap.add_argument("--timeout", type=float, default=60, help="processor seconds per property before it is "
                    "stopped and reported UNKNOWN(timeout) (default 60)")
    ap.add_argument("--reading", action="append", default=[], metavar="NAME=VALUE",
                    help="a reading switch for every property (repeatable); a property that names its own "
                    "reading keeps it unless this sets the same reading")
    ap.add_argument("--out", type=Path, default=None, help="where report.html/.md/.json and counterexamples go "
                    "(default proofs/out, or proofs/out/partial/<names> with --property)")
    ap.add_argument("--no-identities", action="store_true", help="skip the SymPy identities")
    ap.add_argument("--matrix", nargs="*", metavar="SWITCH", default=None, help="then check every property under "
                    "each value of each reading switch it can depend on, or only these (proofs/matrix.py): 'Where "
                    "the readings matter' in the report")
    args = ap.parse_args(argv)
    try:
        readings = reading_overrides(args.reading)
        plan, plan_name = model_plan_of(args.plan)
        from rightsplan.proofs.catalogue import use_plan

        use_plan(plan)  # the properties of every plan in its terms, and its beliefs (proofs/catalogue.py)
    except ScenarioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.matrix:
        from rightsplan.proofs.matrix import unknown_switches

        if unknown_switches(args.matrix):
            print(f"error: {unknown_switches(args.matrix)}", file=sys.stderr)
            return 2
    apply_readings(readings)
    chosen = [p.id for p in PROPERTIES if not args.property or any(f in p.id for f in args.property)]
    if not chosen:
        print(f"no property matches {args.property}", file=sys.stderr)
        return 2
    home = OUT if plan == BUILTIN_PLAN else OUT / "plans" / plan_name
    out = args.out or (home / "partial" / "+".join(sorted(args.property)) if args.property else home)
    if not args.property or args.out is None:  # this run owns ``out``: its counterexamples are replaced
        for stale in (out / "counterexamples").glob("*.yaml"):
            stale.unlink()
    tty = sys.stdout.isatty()
    print(f"checking {len(chosen)} properties of plan {plan_name} ({args.jobs} worker(s), depth {args.depth}, "
          f"{args.timeout:g} s per property)" + (f", readings {readings}" if readings else ""), flush=True)
    t0 = time.monotonic()
    done = run(chosen, args.depth, args.jobs, args.timeout, readings, _printer(tty), plan)
    order = {pid: k for k, pid in enumerate(chosen)}
    results = sorted(done, key=lambda r: order[r["id"]])
    problems = [msg for r in results for msg in problems_of(r)]
    for r in results:
        if r["status"] == "COUNTEREXAMPLE":
            problems += confirm(r, out)
    ids = [] if args.no_identities or args.property else identities()
    problems += [f"identity {i['id']}: {i['status']}" for i in ids if i["status"] != "PROVED"]
    for i in ids:
        print(f"{i['id']:58} {i['status']:58} {'':>9} {'':>7}  {', '.join(i['sections'])}", flush=True)
    matrix = None
    if args.matrix is not None:
        from rightsplan.proofs.matrix import Checker, readings_matrix

        matrix = readings_matrix(results, chosen, args.depth, args.jobs, args.timeout, readings, out, args.matrix,
                                 Checker(partial(run, plan=plan), confirm, apply_readings))
        problems += matrix["problems"]
    problems += write_report(out, results, ids, problems, args.depth, readings, matrix)
    total = sum(r["seconds"] for r in results)
    trivial = sorted({name for r in results for name in r.get("invariants_by_definition", [])})
    if trivial:
        print(f"note: invariants true by definition, which strengthen no proof: {', '.join(trivial)}")
    from rightsplan.proofs.registry import NOT_APPLICABLE

    for na in NOT_APPLICABLE:  # never checked, never skipped in silence (proofs/registry.py)
        print(f"{na.id:58} NOT APPLICABLE: {na.reason}")
    for msg in problems:
        print("FAIL:", msg, file=sys.stderr)
    print(f"\nsolver time {total:.1f} s, wall time {time.monotonic() - t0:.1f} s")
    print(closing(results, problems, Path(_display(out / "report.html"))))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
