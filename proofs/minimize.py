"""Natural, 1-minimal counterexamples: the simplest witness at the shortest depth, then every removal tried.

Bounded search (``solver/engines.py`` ``bmc``) finds a shortest counterexample, but the
solver's first model is whatever it met first: 100 shares, odd holdings, a person already
an Acquiring Person at the start.  Here, at that same depth and with a fresh solver for the
property alone (so the answer never depends on which properties shared a batch or a
process), preferences are added one at a time, strongest first, each kept only when the
violation survives it; then every value that writes the scenario is pinned to its least
value, so the witness is one fixed scenario.  The scenario is kept only if the reference
implementation agrees with the model at every step of the replay and the property is still
false on the replayed model states; otherwise the plain witness is used, and the result says
so.  Finally each single removal (a person, a group, a holding, an event, a role, a
grandfathering) is tried and kept while the replay still refutes the property, until none
is: the scenario is then 1-minimal.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Callable, Iterator

import z3

from rightsplan.solver.engines import RLIMIT, Unrolling, in_windows, new_solver, pin, read
from rightsplan.solver.model import K, R, Config, Vars, fresh_inputs, fresh_roles, fresh_state
from rightsplan.solver.system import Step, initial, transition
from rightsplan.spec.terms import BUILTIN_PLAN
from rightsplan.spec.vocabulary import Role

OUTSTANDING = 10_000_000  # so that 10,000 shares is 0.1% and 100,000 shares is 1%
WHOLE_PERCENT = OUTSTANDING // 100
TENTH_PERCENT = OUTSTANDING // 1000

# Event kinds whose inputs name a person (p) or take a share count (n).
_PERSON_KINDS = ("acquire", "dispose", "option", "tender_offer", "announce", "inadvertence", "join_group")
_SHARE_KINDS = ("acquire", "dispose", "option", "tender_offer", "issue", "repurchase")

Formula = Callable[[Step], Any]


class Undecided(RuntimeError):
    """A tightening check the solver could not decide even with ``ESCALATION``'s largest limit."""


# Multiples of the solver's own resource limit a tightening check is retried with when the solver gives up.
ESCALATION = (4, 16)


class Tightener:
    """One solver holding a violation; preferences are kept only while the violation stays satisfiable.

    ``model`` is always a model of everything kept so far (None when there is none from
    the start), so pinning a value never needs a fresh check to learn where it stands.
    Every check is decided: an ``unknown`` is retried with a larger resource limit
    (``ESCALATION``) and otherwise raises ``Undecided``.  Taking ``unknown`` as "no" would let
    the result depend on how far the solver got, which depends on what the process solved
    before (term order, learned lemmas); with every answer exact, the least values and the
    preferences kept are a function of the violation alone.
    """

    def __init__(self, solver: Any, rlimit: int = RLIMIT):
        self.solver, self.rlimit, self.model, self.last = solver, rlimit, None, None
        if self._sat():
            self.model = self.last

    def _sat(self, *constraints: Any) -> bool:
        verdict = self.solver.check(*constraints)
        for factor in ESCALATION if verdict == z3.unknown else ():
            self.solver.set("rlimit", self.rlimit * factor)
            try:
                verdict = self.solver.check(*constraints)
            finally:
                self.solver.set("rlimit", self.rlimit)
            if verdict != z3.unknown:
                break
        if verdict == z3.unknown:
            raise Undecided(f"a tightening check stayed undecided at {ESCALATION[-1]}x the resource limit "
                            f"({self.solver.reason_unknown()})")
        if verdict != z3.sat:
            return False
        self.last = self.solver.model()
        return True

    def prefer(self, *constraints: Any) -> bool:
        """Add the constraints for good if the solver still finds a model with them."""
        if not self._sat(*constraints):
            return False
        self.solver.add(*constraints)
        self.model = self.last
        return True

    def least(self, term: Any, lo: int) -> int:
        """Pin an integer term to its least value among the models left; ``lo`` must be a lower bound of it."""
        def value(m: Any) -> int:
            return m.eval(term, model_completion=True).as_long()

        best, hi = self.model, value(self.model)
        if lo < hi and self._sat(term <= lo):
            best, hi = self.last, lo  # the common case of a value the violation leaves free
        elif lo < hi and self._sat(term < hi):
            best, hi, lo = self.last, value(self.last), lo + 1
        else:
            lo = hi  # the value is already forced
        while lo < hi:
            mid = (lo + hi) // 2
            if self._sat(term <= mid):
                best, hi = self.last, value(self.last)
            else:
                lo = mid + 1
        self.solver.add(term == hi)
        self.model = best
        return hi

    def fewest(self, flags: list[Any]) -> int:
        """Pin the number of true flags to its least value."""
        if not flags:
            return 0
        return self.least(z3.Sum([z3.If(f, 1, 0) for f in flags]), 0)


def _is(e: Vars, *kinds: str) -> Any:
    return z3.Or(*[e.kind == K[kind] for kind in kinds])


def _names_a_person(e: Vars) -> Any:
    return z3.Or(_is(e, *_PERSON_KINDS), z3.And(_is(e, "issue", "repurchase"), e.variant))


def _active(u: Unrolling, i: int) -> Any:
    """Person i holds shares at the start or is named by some event."""
    s0 = u.states[0]
    acts = [z3.Or(z3.And(_names_a_person(e), e.person == i), z3.And(_is(e, "join_group"), e.other == i)) for e in u.inputs]
    return z3.Or(s0.held[i] > 0, *acts)


def _simple(t: Tightener, u: Unrolling) -> None:
    """Fewest persons; no start-of-history determination, group, role or option the violation does not need."""
    s0, n = u.states[0], u.cfg.persons
    t.prefer(s0.outstanding == OUTSTANDING)
    t.fewest([_active(u, i) for i in range(n)])
    kinds = [[s0.acquiring[i] for i in range(n)], [s0.exchange_barred], [s0.grandfathered[i] for i in range(n)],
             [*s0.grouped.values(), *[_is(e, "join_group") for e in u.inputs]],
             [u.roles[i] != R[Role.ORDINARY] for i in range(n)], [_is(e, "option") for e in u.inputs]]
    if not t.prefer(*[z3.Not(f) for flags in kinds for f in flags]):  # one check when none is needed
        for flags in kinds:
            t.fewest(flags)


def _round(t: Tightener, u: Unrolling) -> None:
    """Holdings and share counts in whole percentages of 10,000,000 where possible, else in tenths."""
    s0 = u.states[0]
    terms = [(e.amount, f"nat.n{k}", _is(e, *_SHARE_KINDS)) for k, e in enumerate(u.inputs)]
    terms += [(s0.held[i], f"nat.h{i}", z3.BoolVal(True)) for i in range(u.cfg.persons)]
    if t.prefer(*[_multiple(term, tag, when, WHOLE_PERCENT) for term, tag, when in terms]):
        return  # one check when every count can be a whole percentage
    for term, tag, when in terms:
        if not t.prefer(_multiple(term, tag, when, WHOLE_PERCENT)):
            t.prefer(_multiple(term, tag, when, TENTH_PERCENT))


def _multiple(term: Any, tag: str, when: Any, unit: int) -> Any:
    return z3.Implies(when, term == unit * z3.Int(f"{tag}.x{unit}"))


def _dates(t: Tightener, u: Unrolling) -> None:
    """In 2003 unless the violation needs the end of the plan; on distinct Business Days after the start."""
    near_end = u.cfg.time.near[1]
    late = [z3.Or(e.day > near_end, e.until > near_end) for e in u.inputs]  # u: an extension's or a divestiture's date
    t.fewest(late)
    apart = [u.inputs[0].day >= 1, *[y.day > x.day for x, y in zip(u.inputs, u.inputs[1:])]] if u.inputs else []
    if not t.prefer(*apart):
        for each in apart:
            t.prefer(each)


def _canonical(t: Tightener, u: Unrolling) -> None:
    """Pin every value that writes the scenario to its least, so one violation gives one scenario.

    Dates first (events as early, so as close together, as the violation allows), then
    the events' kinds and share counts (small trades), then holdings, roles and start
    groups, then each event's remaining inputs.  Inputs an event's kind never reads are
    pinned too: it costs one check each and keeps this independent of which kind reads what.
    """
    s0, n = u.states[0], u.cfg.persons
    for name in ("day", "kind", "amount"):
        for e in u.inputs:
            t.least(e.ints[name], 0)
    t.least(s0.outstanding, 1)
    for i in range(n):
        t.least(s0.held[i], 0)
        t.least(u.roles[i], 0)
    for flag in [*s0.grouped.values(), *s0.grandfathered]:
        t.prefer(z3.Not(flag))
    for e in u.inputs:
        t.prefer(z3.Not(e.variant))  # an issue to, or a buyback from, no one in particular
        for name in ("person", "other", "until"):
            t.least(e.ints[name], 0)
        t.prefer(e.all_rights)


def witness(cfg: Config, formula: Formula, depth: int, invariants: tuple[str, ...] = (),
            natural: bool = True) -> dict[str, Any] | None:
    """A violation of the formula at the last of ``depth`` steps, as a model trace (None if there is none).

    With ``natural`` the preferences come first; without, only the pinning to least values,
    which still makes the trace independent of solver history.
    """
    u = Unrolling.start(replace(cfg, clock="windows"), window=in_windows(z3, cfg), rlimit=RLIMIT, invariants=invariants)
    for _ in range(depth):
        u.extend()
    u.solver.add(z3.Not(formula(u.step(depth - 1))))
    t = Tightener(u.solver)
    if t.model is None:
        return None
    if natural:
        _simple(t, u)
        _dates(t, u)
        _round(t, u)
    _canonical(t, u)
    if u.solver.check() != z3.sat:
        raise RuntimeError("the pinned violation is no longer satisfiable")
    return u.trace()


def model_ready(data: dict[str, Any]) -> dict[str, Any]:
    """The scenario as the model can run it: the model needs one symbolic person, so an empty cast gets an idle one."""
    if data["persons"]:
        return data
    return data | {"persons": {"(nobody)": {}}}


def start_state(cfg: Config, roles: tuple[int, ...], start: dict[str, int | bool]) -> dict[str, int | bool]:
    """The model's start state (with its own dates) for concrete start values."""
    u = Unrolling.start(cfg)
    u.solver.add(*[r == v for r, v in zip(u.roles, roles)], *pin(u.states[0], start))
    if u.solver.check() != z3.sat:
        raise ValueError("the start state is not one the model allows")
    return u.trace()["states"][0]


def model_trace(data: dict[str, Any], readings: dict[str, str]) -> dict[str, Any]:
    """The model's run of a scenario, in the shape of a search trace: roles, every state, every event's inputs."""
    from rightsplan.proofs.replay import start_values, to_model
    from rightsplan.solver.engines import simulate

    run = to_model(model_ready(data))
    cfg = Config(persons=len(run.names), plan=run.plan).with_readings(**readings)
    start = start_values(run)
    states = [start_state(cfg, run.roles, start), *simulate(cfg, list(run.roles), start, list(run.events))]
    return {"plan": run.plan, "roles": list(run.roles), "states": states, "inputs": [dict(row) for row in run.events]}


def violated_at(cfg: Config, formula: Formula, trace: dict[str, Any]) -> int | None:
    """The first step of a concrete model run at which the formula is false (None if it holds throughout)."""
    roles = fresh_roles(z3, cfg)
    s, e, s2 = fresh_state(z3, cfg, "a"), fresh_inputs(z3, "e"), fresh_state(z3, cfg, "b")
    bad = z3.Not(formula(Step(z3, cfg, roles, s, e, s2)))
    fixed = [r == v for r, v in zip(roles, trace["roles"])]
    for k, row in enumerate(trace["inputs"]):
        solver = new_solver()
        solver.add(*fixed, *pin(s, trace["states"][k]), *pin(e, row), *pin(s2, trace["states"][k + 1]), bad)
        if solver.check() == z3.sat:
            return k
    return None


@lru_cache(maxsize=64)
def _stepper(cfg: Config, roles: tuple[int, ...], formula: Formula) -> tuple[Any, Any, Vars, Vars, Vars, Vars, Any]:
    """Two solvers for one cast and one property, built once and reused for every candidate scenario.

    The first holds the start-state rules, the second one transition and the property's
    negation; a candidate only pins values in them (``refuted_by_model``), which spares
    rebuilding the rules at every step of every candidate.
    """
    r = fresh_roles(z3, cfg)
    s0, s, e, s2 = fresh_state(z3, cfg, "m0"), fresh_state(z3, cfg, "ma"), fresh_inputs(z3, "me"), fresh_state(z3, cfg, "mb")
    fixed = [x == v for x, v in zip(r, roles)]
    start, step = new_solver(), new_solver()
    start.add(*fixed, *[c.expr for c in initial(z3, cfg, r, s0)])
    step.add(*fixed, *[c.expr for c in transition(z3, cfg, r, s, e, s2)])
    return start, step, s0, s, e, s2, z3.Not(formula(Step(z3, cfg, r, s, e, s2)))


def refuted_by_model(data: dict[str, Any], formula: Formula, readings: dict[str, str]) -> bool:
    """The model alone, run on the scenario's events: is the formula false at some step?"""
    from rightsplan.proofs.replay import start_values, to_model

    run = to_model(model_ready(data))
    cfg = Config(persons=len(run.names), plan=run.plan).with_readings(**readings)
    start, step, s0, s, e, s2, bad = _stepper(cfg, run.roles, formula)
    if start.check(*pin(s0, start_values(run))) != z3.sat:
        raise ValueError("the start state is not one the model allows")
    current = read(start.model(), s0)
    for k, row in enumerate(run.events):
        if step.check(*pin(s, current), *pin(e, row)) != z3.sat:
            raise ValueError(f"event {k} is not one the model allows from this state")
        after = read(step.model(), s2)
        if step.check(*pin(s, current), *pin(e, row), *pin(s2, after), bad) == z3.sat:
            return True
        current = after
    return False


@dataclass(frozen=True)
class Check:
    """What the replay of one candidate scenario showed."""

    refutes: bool
    reason: str = ""
    trace: dict[str, Any] | None = None


def check(data: dict[str, Any], formula: Formula, readings: dict[str, str]) -> Check:
    """Replay a scenario: the reference implementation must agree with the model at every step, and the
    property must be false at some step of the model's run."""
    from rightsplan.proofs.replay import replay
    from rightsplan.spec.errors import ScenarioError
    from rightsplan.spec.scenario import scenario_from_data

    try:  # cheapest first: the loader, then the model alone, then the step-by-step comparison
        scenario_from_data(model_ready(data), "<candidate>")
        if not refuted_by_model(data, formula, readings):
            return Check(False, "the property holds at every step of the replay")
        trace = model_trace(data, readings)
        cfg = Config(persons=len(trace["roles"]), plan=trace["plan"]).with_readings(**readings)
        if violated_at(cfg, formula, trace) is None:  # the same question, asked of simulate's own run
            return Check(False, "the property holds at every step of the replay", trace)
        _, disagreement = replay(model_ready(data), readings)
    except (ScenarioError, ValueError) as exc:
        return Check(False, f"the scenario does not run: {exc}")
    if disagreement is not None:
        return Check(False, f"the model and the reference implementation part at {disagreement}")
    return Check(True, "", trace)


def removals(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every scenario one removal smaller: a person, a group, a holding, an event, a role, a grandfathering."""
    for nm in data["persons"]:
        yield f"person {nm}", _without_person(data, nm)
    for k in range(len(data.get("groups", []))):
        yield f"groups[{k}]", _dropping(data, "groups", k)
    for nm in data.get("holdings", {}):
        yield f"holding of {nm}", data | {"holdings": {h: v for h, v in data["holdings"].items() if h != nm}}
    for k in range(len(data.get("events", []))):
        yield f"events[{k}]", _dropping(data, "events", k)
    for nm, spec in data["persons"].items():
        if (spec or {}).get("role", "ordinary") != "ordinary":
            yield f"role of {nm}", data | {"persons": {p: ({} if p == nm else s) for p, s in data["persons"].items()}}
    for k in range(len(data.get("grandfathered", []))):
        yield f"grandfathering of {data['grandfathered'][k]}", _dropping(data, "grandfathered", k)


def _dropping(data: dict[str, Any], key: str, k: int) -> dict[str, Any]:
    rest = [x for j, x in enumerate(data[key]) if j != k]
    return {name: v for name, v in data.items() if name != key} | ({key: rest} if rest else {})


def _without_person(data: dict[str, Any], nm: str) -> dict[str, Any]:
    """The scenario without a person: its holding, its groups, its grandfathering and the events it takes part in."""
    from rightsplan.proofs.replay import mentioned

    out = copy.deepcopy(data)
    out["persons"] = {p: s for p, s in out["persons"].items() if p != nm}
    out["holdings"] = {p: v for p, v in out.get("holdings", {}).items() if p != nm}
    groups = [[p for p in g if p != nm] for g in out.pop("groups", [])]
    if any(len(g) > 1 for g in groups):
        out["groups"] = [g for g in groups if len(g) > 1]
    grandfathered = [p for p in out.pop("grandfathered", []) if p != nm]
    if grandfathered:
        out["grandfathered"] = grandfathered
    out["events"] = [ev for ev in out.get("events", []) if nm not in mentioned({"persons": {}, "events": [ev]})]
    return out


def one_minimal(data: dict[str, Any], formula: Formula, readings: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Apply single removals while the replay still refutes the property, until none does (1-minimal)."""
    removed = []
    progress = True
    while progress:
        progress = False
        for what, smaller in removals(data):
            if check(smaller, formula, readings).refutes:
                data, progress = smaller, True
                removed.append(what)
                break
    return data, removed


def measure(data: dict[str, Any], trace: dict[str, Any], declared: int | None = None) -> dict[str, int]:
    """The size of a counterexample: persons, events and the determinations its start state already makes."""
    from rightsplan.proofs.replay import mentioned

    s0, n = trace["states"][0], len(trace["roles"])
    declared = len(data["persons"]) if declared is None else declared
    return {"persons": declared, "persons_holding_or_acting": len(mentioned(data)),
            "events": len(data.get("events", [])),
            "special_roles": sum((spec or {}).get("role", "ordinary") != "ordinary" for spec in data["persons"].values()),
            "start_acquiring_persons": sum(bool(s0[f"acquiring{i}"]) for i in range(n)),
            "start_50_percent_bar": int(bool(s0["exchange_barred"])),
            "grandfathered": sum(bool(s0[f"grandfathered{i}"]) for i in range(n)),
            "group_links": sum(bool(s0[f"grouped{i}{j}"]) for i in range(n) for j in range(i + 1, n))}


def counterexample(prop: Any, depth: int, invariants: tuple[str, ...], found: dict[str, Any],
                   plan: str = BUILTIN_PLAN) -> dict[str, Any]:
    """The counterexample to report for a property refuted at ``depth``: natural and 1-minimal when the replay allows.

    ``found`` is the bounded search's own trace, used only if a fresh solver finds no
    violation at that depth.  It is not measured here: the solver's first model depends on
    what the process solved before, and the result must not (``measure`` it apart).
    Returns the scenario data, the model's run of it, and what minimization did.
    """
    from rightsplan.proofs.replay import name_persons, trace_to_scenario
    from rightsplan.solver.engines import clock

    t0 = clock()
    cfg = Config(plan=plan).with_readings(**prop.readings)
    notes: list[str] = []
    chosen, result = None, Check(False)
    for natural in (True, False):
        trace = witness(cfg, prop.holds, depth, invariants, natural=natural)
        if trace is None:
            notes.append(f"no violation at depth {depth} with a fresh solver")
            continue
        chosen = trace_to_scenario(trace, prop.readings, "")[0]
        result = check(chosen, prop.holds, prop.readings)
        if result.refutes:
            break
        notes.append(f"the {'natural' if natural else 'plain'} witness was not kept: {result.reason}")
    removed: list[str] = []
    if chosen is None:
        chosen = trace_to_scenario(found, prop.readings, "")[0]
    elif result.refutes:
        chosen, removed = one_minimal(chosen, prop.holds, prop.readings)
        chosen = name_persons(chosen)
    final = check(chosen, prop.holds, prop.readings)
    kind = "natural" if result.refutes and not notes else ("plain" if result.refutes else "unconfirmed")
    return {"data": chosen, "trace": final.trace or found,
            "minimization": {"witness": kind, "notes": notes, "removed": removed,
                             "after": measure(chosen, final.trace or found), "seconds": round(clock() - t0, 3)}}
