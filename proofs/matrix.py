"""`rightsplan verify --matrix`: where the ambiguity of the text changes what the checker concludes.

A reading switch (``spec/vocabulary.py`` READINGS) names the readings of ambiguous words,
e.g. Section 1(a)'s "such Person does not beneficially own 15% or more".  Which switches a
verdict can depend on is found, not assumed: the model (initial states and one transition)
is built under every value of every switch, recording each name ``Config.reading`` is asked
for and by which rule, and its named constraints are compared with the default build's.  A
switch no rule reads, or whose values all give the same constraints, cannot change a
verdict; it is listed with the reason.  Each property's own premise and conclusion are built
the same way, so a switch read only by a property is found too.

Every property is then checked under each value of each switch that changes the model (the
other switches as the property reads them), and under each pair of values of two switches
that rewrite a common constraint (there the two readings combine in one rule; calendar
switches, which rewrite every clock, are varied alone).  Switches that only feed one another
through the state are varied one at a time: the full product of the seven non-calendar
switches alone is 192 runs of the catalogue.  The checks are the verify run's
own (``verify.run``: workers, time limits, induction, bounded search, minimization) and each
counterexample is written and replayed through the reference implementation under its
reading (``verify.confirm``), so a matrix verdict means what a verify verdict means.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from time import monotonic
from typing import Any

Result = dict[str, Any]
Runner = Callable[[list[str], dict[str, str]], list[Result]]
Readings = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Checker:
    """The verify run's machinery the matrix reuses, handed in by proofs/verify.py (which imports this module)."""

    run: Callable[..., list[Result]]  # verify.run: worker processes, time limits
    confirm: Callable[[Result, Path], list[str]]  # verify.confirm: write the scenario, replay it
    apply_readings: Callable[[dict[str, str]], None]  # verify.apply_readings: run-wide readings

# Why a switch the model never reads is left to another check (docs/checker.md, "What the model leaves out").
CALENDAR_WHY = ("a calendar reading that decides no day of the plan's term: the model counts the real Business Days, "
                "and they are the same under each of its values")
PRICE_WHY = ("a price reading: amounts are outside the model; the SymPy identities (proofs/identities.py) take no "
             "switch, and {identities}")
CURE_WHY = ("the retroactive re-judging of board actions after a cure (all_purposes) is not modelled: the model "
            "states what was determined at each moment, as status_only does")


@dataclass(frozen=True)
class Switch:
    """One reading switch as the model sees it: who reads it, and what each value changes."""

    name: str
    section: str
    values: tuple[str, ...]
    default: str
    read_by: tuple[str, ...] = ()  # the model's rules that ask for it, as module.function
    changes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value -> constraints that differ
    why_not: str = ""  # set when no value changes the model
    read_by_properties: tuple[str, ...] = ()  # the properties whose own premise or conclusion read it

    @property
    def modelled(self) -> bool:
        return any(self.changes.values())

    @property
    def varied(self) -> bool:
        """The matrix runs each of its values: the model or some property's own words read it."""
        return self.modelled or bool(self.read_by_properties)

    def rewritten(self) -> set[str]:
        return {c for names in self.changes.values() for c in names}


@contextmanager
def recording() -> Iterator[dict[str, set[str]]]:
    """Record every reading switch the model asks ``Config.reading`` for, with the rule that asks."""
    from rightsplan.solver.model import Config

    asked: dict[str, set[str]] = {}
    original = Config.reading

    def reading(self: Any, name: str) -> str:
        caller = sys._getframe(1).f_code
        asked.setdefault(name, set()).add(f"{Path(caller.co_filename).stem}.{caller.co_name}")
        return original(self, name)

    Config.reading = reading  # type: ignore[method-assign]
    try:
        yield asked
    finally:
        Config.reading = original  # type: ignore[method-assign]


def _plan() -> str:
    """The plan the catalogue is rendered for (``verify --plan``), as the model's Config names it."""
    from rightsplan.proofs.registry import current_plan

    return current_plan().source


def build(readings: dict[str, str]) -> dict[str, Any]:
    """The model's named constraints (initial states and one transition) under these readings."""
    import z3

    from rightsplan.solver.model import Config, fresh_inputs, fresh_roles, fresh_state
    from rightsplan.solver.system import initial, transition

    cfg = Config(plan=_plan()).with_readings(**readings)
    s, s2, e, roles = fresh_state(z3, cfg, "s"), fresh_state(z3, cfg, "s2"), fresh_inputs(z3, "e"), fresh_roles(z3, cfg)
    return {c.name: c.expr for c in initial(z3, cfg, roles, s) + transition(z3, cfg, roles, s, e, s2)}


def _rule(name: str) -> str:
    """A constraint's name without its person indices: ``becomes0`` -> ``becomes``."""
    return re.sub(r"\d+$", "", name)


@lru_cache(maxsize=1)
def survey() -> tuple[Switch, ...]:
    """Every reading switch: which rules of the model read it and which constraints each value changes."""
    from rightsplan.spec.vocabulary import READINGS

    with recording() as asked:
        base = build({})
        out = []
        for r in READINGS.values():
            changes = {}
            for value in r.choices:
                other = build({r.name: value}) if value != r.default else base
                changes[value] = tuple(sorted({_rule(k) for k in base if not base[k].eq(other[k])}))
            out.append(Switch(r.name, r.section, r.choices, r.default, (), changes))
    return tuple(replace(sw, read_by=tuple(sorted(asked.get(sw.name, ()))), why_not=_why_not(sw, asked))
                 for sw in out)


def _why_not(sw: Switch, asked: dict[str, set[str]]) -> str:
    from rightsplan.spec.calendar import CALENDAR_READINGS

    if sw.modelled:
        return ""
    if sw.name in asked:
        return "read by the model, but every value gives the same constraints"
    if sw.name in CALENDAR_READINGS:
        return CALENDAR_WHY
    if sw.name == "inadvertence_cure":
        return CURE_WHY
    named = identities_naming(sw.name)
    return PRICE_WHY.format(identities=(
        f"{', '.join(named)} proves the identity under a reading its statement names" if named
        else "no identity names this reading"))


def identities_naming(name: str) -> list[str]:
    """The SymPy identities whose statement names this reading switch (each proves a fixed reading)."""
    return [identity for identity, statement in _identity_statements() if name in statement]


@lru_cache(maxsize=1)
def _identity_statements() -> tuple[tuple[str, str], ...]:
    from rightsplan.proofs.identities import run_all

    return tuple((r.name, r.statement) for r in run_all())


def property_reads(pid: str) -> set[str]:
    """The switches a property's own premise and conclusion read (the transition's are the survey's)."""
    import z3

    from rightsplan.proofs.catalogue import BY_ID
    from rightsplan.solver.model import Config, fresh_inputs, fresh_roles, fresh_state
    from rightsplan.solver.system import Step

    p = BY_ID[pid]
    if p.engine != "step":  # the final result's formulas read the cure's frames and no switch of their own
        return set()
    cfg = Config(plan=_plan()).with_readings(**p.readings)
    s, e, s2 = fresh_state(z3, cfg, "s"), fresh_inputs(z3, "e"), fresh_state(z3, cfg, "s2")
    st = Step(z3, cfg, fresh_roles(z3, cfg), s, e, s2)
    with recording() as asked:
        p.holds(st)
    return set(asked)


def depends(pid: str, switches: list[Switch]) -> set[str]:
    """The switches a property can depend on: those the model reads, and those its own words read."""
    return {sw.name for sw in switches if sw.modelled} | (property_reads(pid) & {sw.name for sw in switches})


def configurations(switches: list[Switch]) -> list[dict[str, str]]:
    """Each value of each varied switch alone (calendar switches last), then the pairs of ``interacting``."""
    from rightsplan.spec.calendar import CALENDAR_READINGS

    varied = sorted((sw for sw in switches if sw.varied), key=lambda sw: sw.name in CALENDAR_READINGS)
    singles = [{sw.name: v} for sw in varied for v in sw.values]
    by_name = {sw.name: sw for sw in switches}
    pairs = [{a: va, b: vb} for a, b, _ in interacting(switches)
             for va in by_name[a].values if va != by_name[a].default
             for vb in by_name[b].values if vb != by_name[b].default]
    return singles + pairs


def interacting(switches: list[Switch]) -> list[tuple[str, str, tuple[str, ...]]]:
    """The pairs of switches run together: both rewrite a common constraint, and neither is a calendar reading.

    A calendar reading decides whether one kind of holiday is a Business Day, so it rewrites
    every clock and shares a constraint with every other switch: pairing it would add some
    thirty runs of the catalogue for combinations of holidays, so each is varied alone.
    """
    from rightsplan.spec.calendar import CALENDAR_READINGS

    modelled = [sw for sw in switches if sw.modelled and sw.name not in CALENDAR_READINGS]
    return [(a.name, b.name, tuple(sorted(a.rewritten() & b.rewritten()))) for a, b in combinations(modelled, 2)
            if a.rewritten() & b.rewritten()]


def label(config: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in config.items())


def verdict(r: Result, has_premise: bool) -> str:
    """A matrix cell: PROVED, COUNTEREXAMPLE at depth d, BOUNDED(k), UNKNOWN (why) or vacuous."""
    if r["status"] == "COUNTEREXAMPLE":
        return f"COUNTEREXAMPLE at depth {r['depth']}"
    if r["status"] == "UNKNOWN":
        return f"UNKNOWN ({r['detail']})"
    if has_premise and r.get("witness_depth") is None:
        return f"vacuous (no reachable premise within depth {r.get('bmc_depth', r['depth'])})"
    return "PROVED" if r["status"] == "PROVED" else f"BOUNDED({r['depth']})"


def kind(cell: str) -> str:
    """What a cell decides, without its depth: a change of depth alone is not a change of verdict."""
    return cell.split(" (")[0].split(" at ")[0].split("(")[0]


@contextmanager
def readings_applied(checker: Checker, readings: dict[str, str]) -> Iterator[None]:
    """The catalogue with these readings over each property's own, restored afterwards."""
    from rightsplan.proofs.catalogue import kept

    with kept():
        checker.apply_readings(readings)
        yield


def effective(pid: str, base: dict[str, str], config: dict[str, str]) -> Readings:
    """Every switch's value for this property in this configuration (the key results are shared by)."""
    from rightsplan.proofs.catalogue import BY_ID
    from rightsplan.spec.vocabulary import DEFAULT_READINGS

    return tuple(sorted({**DEFAULT_READINGS, **BY_ID[pid].readings, **base, **config}.items()))


@dataclass
class Matrix:
    """The verdicts of every property under every configuration of readings, and how long they took."""

    switches: list[Switch]
    base: dict[str, str]
    cells: dict[tuple[str, Readings], Result] = field(default_factory=dict)
    runs: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def result(self, pid: str, config: dict[str, str]) -> Result:
        return self.cells[(pid, effective(pid, self.base, config))]


def compute(ids: list[str], base: dict[str, str], base_results: list[Result], runner: Runner,
            confirmer: Callable[[Result, dict[str, str]], list[str]], switches: list[Switch],
            progress: Callable[[str], None] = print) -> Matrix:
    """Check each property under each configuration it does not already have a verdict for.

    ``base_results`` are the verify run's own (each property under its own readings); a
    configuration that leaves a property's readings as they were reuses that verdict.  After
    each configuration ``progress`` gets a line: its time, and the verdicts that differ from
    the properties' own.
    """
    from rightsplan.proofs.catalogue import BY_ID

    t0 = monotonic()
    switches = [replace(sw, read_by_properties=tuple(pid for pid in ids if sw.name in property_reads(pid)))
                for sw in switches]
    m = Matrix(switches, dict(base))
    m.cells = {(r["id"], effective(r["id"], base, {})): r for r in base_results}
    deps = {pid: depends(pid, switches) for pid in ids}
    for config in configurations(switches):
        todo = [pid for pid in ids if set(config) <= deps[pid] and (pid, effective(pid, base, config)) not in m.cells]
        if not todo:
            continue
        t1 = monotonic()
        results = runner(todo, {**base, **config})
        for r in results:
            m.problems += confirmer(r, config) + _engine_problems(r)
            m.cells[(r["id"], effective(r["id"], base, config))] = r
        m.runs.append({"readings": config, "properties": len(todo), "seconds": round(monotonic() - t1, 1)})
        progress(f"  {label(config):70} {len(todo):3} properties {monotonic() - t1:7.1f} s")
        for r in results:
            own = verdict(m.result(r["id"], {}), BY_ID[r["id"]].when is not None)
            now = verdict(r, BY_ID[r["id"]].when is not None)
            if kind(now) != kind(own):
                progress(f"    {r['id']}: {now} (under its own readings: {own})")
    m.seconds = round(monotonic() - t0, 1)
    return m


def _engine_problems(r: Result) -> list[str]:
    """What must fail the run under any reading: engines or solvers that disagree."""
    out = []
    if r.get("engines_disagree"):
        out.append(f"{r['id']}: proved by induction, but {r['engines_disagree']}")
    if r.get("cvc5") == "DISAGREES":
        out.append(f"{r['id']}: cvc5 does not confirm the proof")
    return out


def pool_runner(checker: Checker, depth: int, jobs: int, timeout: float) -> Runner:
    """The verify run's worker processes (``verify.run``), one pool per configuration."""
    return lambda ids, readings: checker.run(ids, depth, jobs, timeout, readings, lambda r, k, n: None)


def replaying_confirmer(checker: Checker, out: Path) -> Callable[[Result, dict[str, str]], list[str]]:
    """Write each counterexample under ``out/matrix/<readings>/`` and replay it under those readings."""
    def confirmer(r: Result, config: dict[str, str]) -> list[str]:
        if r["status"] != "COUNTEREXAMPLE":
            return []
        with readings_applied(checker, config):
            return checker.confirm(r, out / "matrix" / label(config).replace(", ", "+"))
    return confirmer


def table_of(m: Matrix, pid: str) -> dict[str, Any]:
    """One property's part of ``readings_matrix``: switch -> value -> verdict, pairs, files, and what changes."""
    from rightsplan.proofs.catalogue import BY_ID

    p = BY_ID[pid]
    deps = depends(pid, m.switches)
    varied = [sw for sw in m.switches if sw.name in deps]
    own = dict(effective(pid, m.base, {}))

    def cell(config: dict[str, str]) -> str:
        return verdict(m.result(pid, config), p.when is not None)

    by_switch = {sw.name: {v: cell({sw.name: v}) for v in sw.values} for sw in varied}
    mine = [c for c in configurations(m.switches) if set(c) <= deps]
    pairs = {label(c): cell(c) for c in mine if len(c) == 2}
    files = {label(c): m.result(pid, c)["scenario"] for c in mine if m.result(pid, c).get("scenario")}
    own_cell = cell({})
    changes = [name for name, row in by_switch.items() if len({kind(v) for v in row.values()} - UNDECIDED) > 1]
    combined = [c for c, v in pairs.items() if _interaction(v, c, by_switch)]
    return {"sentence": p.sentence, "verdict": own_cell, "own_readings": {sw.name: own[sw.name] for sw in varied},
            "reads": {"model": sorted(sw.name for sw in m.switches if sw.modelled),
                      "formula": sorted(property_reads(pid))},
            "verdicts": by_switch, "pairs": pairs, "counterexamples": files, "changes_with": changes,
            "changes_with_pairs": combined,
            "undecided": any(kind(v) in UNDECIDED for row in [*by_switch.values(), pairs] for v in row.values()),
            "plain": [plain(name, by_switch[name], files) for name in changes]}


UNDECIDED = {"BOUNDED", "UNKNOWN"}


def _interaction(cell: str, config: str, by_switch: dict[str, dict[str, str]]) -> bool:
    """A pair's verdict that neither of its readings gives alone: the two readings combine."""
    alone = {kind(by_switch[k][v]) for k, v in (part.split("=") for part in config.split(", "))}
    return kind(cell) not in alone | UNDECIDED


def outcome(cell: str, scenario: str | None) -> str:
    """A verdict in words for counsel."""
    k = kind(cell)
    if k == "PROVED":
        return "it holds in every history"
    if k == "COUNTEREXAMPLE":
        d = int(cell.rsplit(" ", 1)[1])
        where = f" ({scenario})" if scenario else ""
        return f"it fails: a history of {d} event{'s' if d != 1 else ''} shows it{where}"
    if k == "vacuous":
        return "the situation it speaks of never arises"
    if k == "BOUNDED":
        return "no short history breaks it, but it is not proved"
    return "the checker could not decide it"


def plain(name: str, row: dict[str, str], files: dict[str, str]) -> str:
    """'Under literal_15 (...), it fails ...; under own_threshold (...), it holds ...': one switch, in words."""
    from rightsplan.spec.vocabulary import READINGS

    meaning = READINGS[name].meaning
    text = "; ".join(f"under {name} = {value}, where {meaning[value]}, {outcome(cell, files.get(f'{name}={value}'))}"
                     for value, cell in row.items())
    return f"{text[0].upper()}{text[1:]}."


def data(m: Matrix, ids: list[str]) -> dict[str, Any]:
    """``readings_matrix`` of report.json: the switches, the runs, and per property its table."""
    tables = {pid: table_of(m, pid) for pid in ids}
    for t in tables.values():
        t["rows"] = [list(r) for r in rows(t)]
    order = sorted(ids, key=lambda pid: (not (tables[pid]["changes_with"] or tables[pid]["changes_with_pairs"]),
                                         not tables[pid]["undecided"], ids.index(pid)))
    return {
        "seconds": m.seconds, "runs": m.runs, "problems": m.problems,
        "switches": [{"name": sw.name, "section": sw.section, "values": list(sw.values), "default": sw.default,
                      "modelled": sw.modelled, "varied": sw.varied, "read_by": list(sw.read_by),
                      "read_by_properties": list(sw.read_by_properties),
                      "changes": {v: list(c) for v, c in sw.changes.items() if c}, "not_modelled": sw.why_not}
                     for sw in m.switches],
        "interacting": [{"switches": [a, b], "common_constraints": list(c)} for a, b, c in interacting(m.switches)],
        "changed": [pid for pid in order if tables[pid]["changes_with"] or tables[pid]["changes_with_pairs"]],
        "properties": {pid: tables[pid] for pid in order},
    }


def rows(t: dict[str, Any]) -> list[tuple[str, str]]:
    """A property's rows other than its own readings: each other value of each switch, then each pair."""
    singles = [(f"{name}={v}", cell) for name, row in t["verdicts"].items() for v, cell in row.items()
               if v != t["own_readings"][name]]
    return singles + list(t["pairs"].items())


def terminal(d: dict[str, Any]) -> str:
    """The matrix for the terminal: the switches, then a table per changed or undecided property, then the rest."""
    lines = ["", "Reading switches (spec/vocabulary.py READINGS):"]
    for sw in d["switches"]:
        readers = sw["read_by"] + sw["read_by_properties"]
        where = (f"read by {', '.join(readers)}" if readers else "changes the model (not asked through "
                 "Config.reading)") if sw["varied"] else f"not modelled by the checker: {sw['not_modelled']}"
        lines.append(f"  {sw['name']:34} {where}")
    lines += [f"  run together: {' x '.join(p['switches'])} (both rewrite {', '.join(p['common_constraints'])})"
              for p in d["interacting"]]
    rest = [f"  {pid:58} {t['verdict']} under every reading" for pid, t in d["properties"].items()
            if not (pid in d["changed"] or t["undecided"])]
    for pid, t in d["properties"].items():
        if pid in d["changed"] or t["undecided"]:
            lines += _property_lines(pid, t, pid in d["changed"])
    if rest:
        lines += ["", f"The same verdict under every reading ({len(rest)} properties):", *rest]
    return "\n".join(lines)


def _property_lines(pid: str, t: dict[str, Any], changed: bool) -> list[str]:
    """One property's table: its own verdict, each other reading's, the counterexample files, the words."""
    flag = f"CHANGES with {', '.join(t['changes_with'] + t['changes_with_pairs'])}" if changed else \
        "UNDECIDED under some reading"
    lines = ["", f"{pid}: {flag}", f"  \u201c{t['sentence']}\u201d", f"  {'reading':78} verdict",
             f"  {'(its own readings)':78} {t['verdict']}"]
    lines += [f"  {config:78} {cell}" for config, cell in rows(t)]
    lines += [f"  counterexample {path}" for path in dict.fromkeys(t["counterexamples"].values())]
    return lines + [f"  {s}" for s in t["plain"]]


def unknown_switches(names: list[str]) -> str:
    """An error for ``--matrix NAME ...`` naming a switch that does not exist, else ''."""
    from rightsplan.spec.vocabulary import READINGS

    bad = [n for n in names if n not in READINGS]
    return f"--matrix: got {', '.join(bad)}; expected reading switches among {', '.join(READINGS)}" if bad else ""


def readings_matrix(results: list[Result], ids: list[str], depth: int, jobs: int, timeout: float,
                    base: dict[str, str], out: Path, only: list[str], checker: Checker) -> dict[str, Any]:
    """`verify --matrix [SWITCH ...]`: run the matrix after the verify run, print it with its time.

    ``only`` names the switches to vary (all when empty); returns ``readings_matrix``.
    """
    t0 = monotonic()
    switches = [sw for sw in survey() if not only or sw.name in only]
    runs = configurations(switches)
    print(f"\nreadings matrix: {sum(sw.modelled for sw in switches)} of {len(switches)} switches change the model; "
          f"{len(runs)} configurations (each value alone, and pairs sharing a constraint)", flush=True)
    for stale in (out / "matrix").glob("*/counterexamples/*.yaml"):
        stale.unlink()
    m = compute(ids, base, results, pool_runner(checker, depth, jobs, timeout), replaying_confirmer(checker, out),
                switches)
    m.seconds = round(monotonic() - t0, 1)
    d = data(m, ids)
    print(terminal(d))
    print(f"\nreadings matrix: {len(d['changed'])} of {len(ids)} properties change with a reading; "
          f"time {m.seconds:.1f} s", flush=True)
    return d
