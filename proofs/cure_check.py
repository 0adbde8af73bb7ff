"""The engine for the catalogue's properties of the final result under Section 1(a)(i)'s retroactive cure.

The model's prophecy (solver/cure.py) guesses, per episode, whether it will be cured.  Two readings
of the final result follow: the *final view* reads the guesses off the first run (exact without the
events ``cure.REJUDGED`` names), and the *final run* replays the events with each guessed-cured
episode suppressed, so Board actions are judged again.  The properties are declared in
proofs/properties/retroactive_cure.py (engines "final_view" and "final_run"); ``rightsplan verify``
decides them here (``check``: 1-induction, else a shortest resolved history, ``search``) and replays
each counterexample against the reference's moment-by-moment view and its final result (``confirm``).
``make cure`` (``main``) adds the cross-check of both readings against the reference's final replay
(``final_snapshots``) on random concrete histories.

"then such Person shall not be deemed to be or to have become an 'Acquiring Person' for any
purposes of this Agreement" (Section 1(a)(i)).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import z3

from rightsplan.solver import cure
from rightsplan.solver.cure import Frame, RunFrame
from rightsplan.solver.engines import RLIMIT, houdini, in_windows, new_solver, pin
from rightsplan.solver.invariants import CANDIDATES
from rightsplan.solver.model import Config, Vars, fresh_inputs, fresh_roles, fresh_state
from rightsplan.solver.system import initial, transition

from .findings import final_snapshots, redemption_rejudged
from .labels import every_split_ratio
from .properties.retroactive_cure import in_episode
from .registry import DECLARED
from .replay import index_to_date, start_values, to_model


def _holds(d: Any) -> Callable[[Any], Any]:
    """The formal statement of a declared property over a frame: premise implies conclusion (``Property.holds``)."""
    if d.when is None:
        return d.formula
    return lambda f: f.z.Implies(d.when(f), d.formula(f))


def _formulas(engine: str, expect: str) -> dict[str, Callable[[Any], Any]]:
    return {d.id: _holds(d) for d in DECLARED if d.engine == engine and d.expect == expect}


# The catalogue's properties of the final result (proofs/properties/retroactive_cure.py), by engine.
PROPERTIES = _formulas("final_view", "PROVED")
BELIEFS = _formulas("final_view", "COUNTEREXAMPLE")
RUN_PROPERTIES = _formulas("final_run", "PROVED")
RUN_BELIEFS = _formulas("final_run", "COUNTEREXAMPLE")
FORMULAS = {**PROPERTIES, **BELIEFS, **RUN_PROPERTIES, **RUN_BELIEFS}


def declared(name: str) -> Any:
    """A property of the final result as declared (also one a test or a user's module declares after import)."""
    (d,) = [d for d in DECLARED if d.id == name and d.engine != "step"]
    return d


def _step(z: Any, cfg: Config, roles: list[Any], s: Any, e: Any, s2: Any, w: list[Any], w2: list[Any]) -> list[Any]:
    return [c.expr for c in transition(z, cfg, roles, s, e, s2)] + [c.expr for c in cure.step(z, cfg, s, s2, w, w2)]


@dataclass
class Induction:
    """One arbitrary step of the first run with its guesses (and, for a final run, of the second copy): ``first``
    holds it from a start state, ``step`` from any state where the invariants hold; ``frame`` is what a formula reads.
    """

    frame: Any
    first: Any
    step: Any

    def decide(self, formula: Callable[[Any], Any]) -> str:
        """PROVED (induction), NOT INDUCTIVE (with where), or UNKNOWN (with the solver's reason)."""
        z, goal = self.frame.z, self.frame.z.Not(formula(self.frame))
        for part, solver in (("the first event", self.first), ("the step", self.step)):
            verdict = solver.check(goal)
            if verdict == z.unknown:
                return f"UNKNOWN ({part}: {solver.reason_unknown()})"
            if verdict == z.sat:
                return "NOT INDUCTIVE (fails at the first event)" if solver is self.first else "NOT INDUCTIVE"
        return "PROVED (induction)"

    def unused_conjuncts(self, premise: Callable[[Any], Any], conclusion: Callable[[Any], Any]) -> list[str]:
        """The conjuncts of a premise (a top-level And) that neither check of the proof needs."""
        from rightsplan.solver.engines import unused_parts

        z = self.frame.z
        return unused_parts([self.first, self.step], premise(self.frame), z.Not(conclusion(self.frame)), z)


def induction(cfg: Config, invariants: list[str], final_invariants: list[str] | None = None,
              z: Any = z3) -> Induction:
    """The 1-induction of a property of the final result, over the first run (``final_invariants`` None) or both.

    The first run assumes its Houdini ``invariants`` and the prophecy's own (``in_episode``), the final run those
    that survive any suppression (``houdini_any_suppression``).  ``z`` is z3, or cvc5's pythonic API to re-check.
    """
    run = final_invariants is not None
    roles, s, e, s2 = fresh_roles(z, cfg), fresh_state(z, cfg, "a"), fresh_inputs(z, "e"), fresh_state(z, cfg, "b")
    w, w2 = cure.guesses(z, cfg, "a"), cure.guesses(z, cfg, "b")
    steps, start = _step(z, cfg, roles, s, e, s2, w, w2), [*[c.expr for c in initial(z, cfg, roles, s)],
                                                           *[c.expr for c in cure.start(z, cfg, s, w)]]
    assumed = [*[CANDIDATES[n](z, cfg, roles, s) for n in invariants], in_episode(z, cfg.persons, s, w)]
    frame: Any = Frame(cfg, s, e, s2, w, w2, z=z)
    if run:
        f, f2 = fresh_state(z, cfg, "fa"), fresh_state(z, cfg, "fb")
        steps += [c.expr for c in transition(z, cfg, roles, f, e, f2, cure.suppression(z, cfg, s2, w2))]
        start += [*[c.expr for c in initial(z, cfg, roles, f, cure.suppression_at_start(z, cfg, s, w))],
                  cure.same_start(z, cfg, s, f)]
        assumed += [CANDIDATES[n](z, cfg, roles, f) for n in final_invariants or ()]
        frame = RunFrame(cfg, s, e, s2, w, w2, f, f2, z=z)
    first, step = new_solver(z), new_solver(z)
    first.add(*start, *steps)
    step.add(*steps, *assumed)
    return Induction(frame, first, step)


def prove(cfg: Config, name: str, invariants: list[str] | None = None) -> str:
    """PROVED (1-induction, with the Houdini invariants and the prophecy's invariant) or NOT INDUCTIVE / UNKNOWN."""
    invariants = houdini(cfg) if invariants is None else invariants
    return induction(cfg, invariants).decide(_holds(declared(name)))


def prove_run(cfg: Config, name: str, invariants: list[str] | None = None, final_invariants: list[str] | None = None) -> str:
    """A final-run property by 1-induction over both runs (each with its own invariants), or NOT INDUCTIVE."""
    invariants = houdini(cfg) if invariants is None else invariants
    final_invariants = houdini_any_suppression(cfg) if final_invariants is None else final_invariants
    return induction(cfg, invariants, list(final_invariants)).decide(_holds(declared(name)))


@dataclass
class Unrolled:
    """Initial state and steps with guesses (and, for a final run, the second copy); ``resolved(k)`` ends the
    history at state k.  ``extend`` adds one event, so a search deepens in one incremental solver."""

    cfg: Config
    solver: Any
    roles: list[Any]
    states: list[Any]
    inputs: list[Any]
    guesses: list[list[Any]]
    finals: list[Any]
    scope: bool = True
    final_run: bool = False
    window: Callable[[Vars], Any] | None = None
    invariants: tuple[str, ...] = ()
    final_invariants: tuple[str, ...] = ()

    def frame(self, k: int) -> Frame:
        args = self.cfg, self.states[k], self.inputs[k], self.states[k + 1], self.guesses[k], self.guesses[k + 1]
        if self.final_run:
            return RunFrame(*args, self.finals[k], self.finals[k + 1], z=z3)
        return Frame(*args, z=z3)

    def resolved(self, k: int) -> Any:
        return cure.resolved(z3, self.cfg, self.states[k], self.guesses[k])

    def _assume(self, s: Any, w: list[Any], f: Any) -> None:
        """Proved invariants at a new state: the first run's, the prophecy's, the final run's under any suppression."""
        z, cfg, roles = z3, self.cfg, self.roles
        self.solver.add(*[CANDIDATES[n](z, cfg, roles, s) for n in self.invariants])
        if self.invariants:
            self.solver.add(in_episode(z, cfg.persons, s, w))
        if f is not None:
            self.solver.add(*[CANDIDATES[n](z, cfg, roles, f) for n in self.final_invariants])

    def extend(self) -> None:
        z, cfg, roles, k = z3, self.cfg, self.roles, len(self.inputs)
        e, s2, w2 = fresh_inputs(z, f"e{k}"), fresh_state(z, cfg, f"s{k + 1}"), cure.guesses(z, cfg, f"s{k + 1}")
        self.solver.add(*_step(z, cfg, roles, self.states[-1], e, s2, self.guesses[-1], w2))
        f2 = None
        if self.final_run:
            f2 = fresh_state(z, cfg, f"f{k + 1}")
            self.solver.add(*[c.expr for c in transition(z, cfg, roles, self.finals[-1], e, f2,
                                                         cure.suppression(z, cfg, s2, w2))])
            self.finals.append(f2)
        if self.scope:
            self.solver.add(cure.in_scope(z, e))
        if self.window is not None:
            self.solver.add(self.window(e))
        self.inputs.append(e)
        self.states.append(s2)
        self.guesses.append(w2)
        self._assume(s2, w2, f2)


def unroll(cfg: Config, depth: int, scope: bool = True, final_run: bool = False, rlimit: int = RLIMIT,
           window: Callable[[Vars], Any] | None = None, invariants: tuple[str, ...] = (),
           final_invariants: tuple[str, ...] = ()) -> Unrolled:
    """The model with its prophecy for ``depth`` events; with ``scope`` only events outside ``cure.REJUDGED``.

    ``invariants`` (proved inductive for the first run, by ``houdini``) and ``final_invariants`` (for a run under
    any suppression, ``houdini_any_suppression``) are assumed at every state: they cut no reachable state.
    """
    z = z3
    roles, s0, w0 = fresh_roles(z, cfg), fresh_state(z, cfg, "s0"), cure.guesses(z, cfg, "s0")
    solver = new_solver(z, rlimit)
    solver.add(*[c.expr for c in initial(z, cfg, roles, s0)], *[c.expr for c in cure.start(z, cfg, s0, w0)])
    u = Unrolled(cfg, solver, roles, [s0], [], [w0], [], scope, final_run, window, invariants, final_invariants)
    f0 = None
    if final_run:
        f0 = fresh_state(z, cfg, "f0")
        solver.add(*[c.expr for c in initial(z, cfg, roles, f0, cure.suppression_at_start(z, cfg, s0, w0))])
        solver.add(cure.same_start(z, cfg, s0, f0))
        u.finals.append(f0)
    u._assume(s0, w0, f0)
    for _ in range(depth):
        u.extend()
    return u


# The deepest history the belief search tries: both beliefs fail within 4 events (docs/checker.md).
SEARCH_DEPTH = 5


@dataclass
class Found:
    """The outcome of ``search``: the trace (None if none), its number of events (the depth searched if none), the
    solver's reason if it gave up, and how shortness was established (or why it was not)."""

    trace: dict[str, Any] | None
    depth: int
    unknown: str | None
    shortest: str = ""


def search(cfg: Config, name: str, depth: int, invariants: tuple[str, ...] = (),
           final_invariants: tuple[str, ...] = ()) -> Found:
    """A shortest history on which the property fails at some event, as one fixed trace.

    Fewest persons first: one person to ``depth`` events, then two, then ``cfg.persons``; the first history
    found is the shortest among histories of that many persons (each symbolic person multiplies the cost of
    ruling out the shorter histories, measured in docs/checker.md).  Then, if it has fewer persons than the
    model, histories of fewer events with all ``cfg.persons`` persons are ruled out (with ``SHORTER_RLIMIT``),
    or the shorter one found replaces it: the history returned has the fewest events of any, and among those
    the fewest persons (minimize's ``_simple``).  The history must go on to its end, where the guesses are
    resolved, since the cure that changes the final result may come after the failing event.  Events and
    ``until`` dates keep to the plan's real-calendar windows, without the kinds a scenario needs prices for
    (``engines.in_windows``); a final-view property keeps to events the final view states exactly
    (``cure.in_scope``); a final run must cure nobody (``cure.no_new_cure``), else the reference would judge
    once more.  The trace is made natural, then pinned value by value to its least (proofs/minimize.py), so it
    does not depend on what the process solved before, nor on the number of jobs.  The invariants are those
    of ``cfg.persons`` persons, so they are not assumed with fewer.
    """
    n = cfg.persons
    for persons in range(1, n + 1):
        few = Config(persons=persons, readings=cfg.readings, plan=cfg.plan, removed=cfg.removed)
        own = persons == n
        trace, found_at, unknown = _search(few, name, depth, invariants if own else (), final_invariants if own else ())
        if unknown is not None:
            return Found(None, found_at, unknown)
        if trace is not None:
            break
    else:
        return Found(None, depth, None)
    shortest = f"no history of fewer events with up to {n} persons"
    if own or found_at == 1:
        return Found(trace, found_at, None, shortest)
    shorter, shorter_at, unknown = _search(cfg, name, found_at - 1, invariants, final_invariants, SHORTER_RLIMIT)
    if unknown is not None:
        return Found(trace, found_at, None, f"shortest among histories of {persons} person{'s' * (persons > 1)}; "
                     f"with {n} persons, histories of fewer events were not ruled out ({unknown})")
    return Found(shorter, shorter_at, None, shortest) if shorter is not None else Found(trace, found_at, None, shortest)


# Ruling out a 3-event history of three persons for the final-run belief takes about 190,000,000 (measured), more
# than the per-check limit: ``search`` rules out shorter histories with all persons at this limit (about 10 s of
# solver time for the built-in plan's final-run belief on the windows clock; 1x gives up).
SHORTER_RLIMIT = 20 * RLIMIT


def _first(cfg: Config, name: str, depth: int, goal: Callable[[Unrolled, int], Any], invariants: tuple[str, ...],
           final_invariants: tuple[str, ...], rlimit: int = RLIMIT) -> tuple[Unrolled, int | None, str | None]:
    """The fewest events (to ``depth``) of a resolved history on which ``goal(u, d)`` can hold: (unrolling, d, None)
    with the goal and the resolution added to the solver; (unrolling, None, None) if none; (.., d, why) if unknown.

    Like every counterexample search (engines.bmc, minimize.witness), inside the windows, where the plain weekday
    clock is the real calendar's (tests/test_model_calendar.py); the full calendar's If-sums cost far more.
    """
    run = declared(name).engine == "final_run"
    u = unroll(replace(cfg, clock="windows"), 0, scope=not run, final_run=run, rlimit=rlimit,
               window=in_windows(z3, cfg), invariants=invariants, final_invariants=final_invariants)
    for d in range(1, depth + 1):
        u.extend()
        if run:
            u.solver.add(cure.no_new_cure(z3, cfg, u.finals[-1]))
        target = goal(u, d)
        verdict = u.solver.check(target, u.resolved(d))
        if verdict == z3.unknown:
            return u, d, u.solver.reason_unknown()
        if verdict == z3.sat:
            u.solver.add(target, u.resolved(d))
            return u, d, None
    return u, None, None


def _search(cfg: Config, name: str, depth: int, invariants: tuple[str, ...], final_invariants: tuple[str, ...],
            rlimit: int = RLIMIT) -> tuple[dict[str, Any] | None, int, str | None]:
    from .minimize import Tightener, _canonical, _dates, _round, _simple

    formula = _holds(declared(name))
    u, d, unknown = _first(cfg, name, depth, lambda u, d: z3.Or(*[z3.Not(formula(u.frame(k))) for k in range(d)]),
                           invariants, final_invariants, rlimit)
    if unknown is not None or d is None:
        return None, depth if d is None else d, unknown
    t = Tightener(u.solver, rlimit)
    for tighten in (_simple, _dates, _round, _canonical):
        tighten(t, u)
    if u.solver.check() != z3.sat:
        raise RuntimeError(f"{name}: the pinned counterexample is no longer satisfiable")
    return _trace(u, formula), d, None


def premise_witness(cfg: Config, name: str, depth: int, invariants: tuple[str, ...] = (),
                    final_invariants: tuple[str, ...] = ()) -> tuple[int | None, str | None]:
    """The fewest events of a resolved history on which the property's premise holds at some event (None: none
    within ``depth``), and the solver's reason if it gave up: a premise that never holds makes a proof vacuous."""
    premise = declared(name).when
    _, d, unknown = _first(cfg, name, depth, lambda u, d: z3.Or(*[premise(u.frame(k)) for k in range(d)]),
                           invariants, final_invariants)
    return d, unknown


def _trace(u: Unrolled, formula: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    from rightsplan.solver.engines import derived_values, read

    m = u.solver.model()
    out = {"plan": u.cfg.plan, "roles": [m.eval(r, model_completion=True).as_long() for r in u.roles],
           "states": [read(m, s) | derived_values(m, u.cfg, s) for s in u.states],
           "inputs": [read(m, e) for e in u.inputs],
           "guesses": [[z3.is_true(m.eval(g, model_completion=True)) for g in w] for w in u.guesses]}
    if u.final_run:
        out["finals"] = [read(m, f) | derived_values(m, u.cfg, f) for f in u.finals]
    if formula is not None:
        out["fails_at"] = min(k for k in range(len(u.inputs))
                              if z3.is_false(m.eval(formula(u.frame(k)), model_completion=True)))
    return out


# -- the final view of a concrete history, against the reference's final result ---------------------------


def model_final_views(data: dict[str, Any], cfg: Config) -> list[dict[str, Any]]:
    """The model's final view after the start and after each event of a scenario (guesses resolved at its end).

    Raises ``ValueError`` if the resolved prophecy is not unique (the final view would not be determined).
    """
    run = to_model(data)
    n = len(run.names)
    cfg = Config(persons=n, readings=cfg.readings, plan=run.plan)
    u = unroll(cfg, len(run.events), scope=False)
    u.solver.add(*[u.roles[i] == run.roles[i] for i in range(n)], *pin(u.states[0], start_values(run)))
    for e, row in zip(u.inputs, run.events):
        u.solver.add(*pin(e, row))
    last = len(run.events)
    if u.solver.check(u.resolved(last)) != z3.sat:
        raise ValueError("the history has no resolved prophecy in the model")
    m = u.solver.model()
    chosen = [[z3.is_true(m.eval(g, model_completion=True)) for g in w] for w in u.guesses]
    other = z3.Or(*[g != z3.BoolVal(v) for w, vals in zip(u.guesses, chosen) for g, v in zip(w, vals)])
    if u.solver.check(u.resolved(last), other) == z3.sat:
        raise ValueError("two resolved prophecies: the final view is not determined by the history")
    cal = ()
    views = []
    for s, w in zip(u.states, u.guesses):
        views.append(_view(m, run.names, s, w, cfg, cal))
    return views


def _view(m: Any, names: tuple[str, ...], s: Any, w: list[Any], cfg: Config, cal: Any) -> dict[str, Any]:
    n = len(names)
    ev = lambda t: m.eval(t, model_completion=True)  # noqa: E731
    on = lambda t: index_to_date(ev(t).as_long(), cal, cfg.plan)  # noqa: E731
    te_has, te_at = cure.triggering_event(z3, n, s, w)
    sad_has, sad_at = cure.shares_acquisition_date(z3, n, s, w)
    return {"acquiring_persons": frozenset(names[i] for i in range(n) if z3.is_true(ev(cure.acquiring(z3, s, w, i)))),
            "void_holders": frozenset(names[i] for i in range(n) if z3.is_true(ev(cure.void(z3, n, s, w, i)))),
            "triggering_event": on(te_at) if z3.is_true(ev(te_has)) else None,
            "shares_acquisition_date": on(sad_at) if z3.is_true(ev(sad_has)) else None}


def spec_final_views(snapshots: list[Any]) -> list[dict[str, Any]]:
    return [{"acquiring_persons": frozenset(sn.acquiring_persons), "void_holders": frozenset(sn.void_holders),
             "triggering_event": sn.triggering_event, "shares_acquisition_date": sn.shares_acquisition_date}
            for sn in snapshots]


# -- random histories around an inadvertent crossing -------------------------------------------------------

NAMES = ("a", "b", "c")


def random_history(rng: random.Random, start: date, days: list[date], readings: dict[str, str] | None = None,
                   board: bool = False) -> dict[str, Any]:
    """A history of 3-8 events among three persons that crosses 15%, finds inadvertence, divests, announces.

    With ``board`` also the events ``cure.REJUDGED`` names, often while the episode is open; without
    it none of them.  Dates are drawn in order from ``days`` (Business Days).
    """
    out = 1000
    held = {p: rng.choice([0, 50, 100, 140, 149]) for p in NAMES}
    pool = sorted(rng.sample(days, 8))
    events: list[dict[str, Any]] = []
    story = ["acquire", "inadvertence", "dispose"] if rng.random() < 0.7 else []  # a crossing, a finding, a sale
    if board and story and rng.random() < 0.6:  # a Board action or an offer while the episode is open
        story = ["acquire", "announce", "inadvertence",
                 rng.choice(["redeem", "exchange", "extend_redemption", "extend_distribution", "tender_offer"]), "dispose"]
        held["a"] = rng.choice([140, 149])
    at_start = {p: v for p, v in held.items() if v}
    for day in pool[: rng.randint(3, 8)]:
        kinds = ["acquire", "acquire", "dispose", "dispose", "inadvertence", "inadvertence", "announce", "join_group"]
        if board:
            kinds += ["announce", "redeem", "exchange", "extend_redemption", "extend_distribution", "tender_offer"]
        p = "a" if story or rng.random() < 0.4 else rng.choice(NAMES)
        kind = story.pop(0) if story and rng.random() < 0.8 else rng.choice(kinds)
        ev: dict[str, Any] = {"date": day.isoformat(), "type": kind}
        free = out - sum(held.values())
        if kind == "acquire":
            n = min(free, rng.choice([1, 10, 60]))
            if n < 1:
                continue
            held[p] += n
            ev |= {"person": p, "shares": n}
        elif kind == "dispose":
            if held[p] < 1:
                continue
            n = rng.randint(1, min(held[p], 40 if rng.random() < 0.5 else held[p]))
            held[p] -= n
            ev |= {"person": p, "shares": n}
        elif kind == "join_group":
            q = rng.choice([x for x in NAMES if x != p])
            ev |= {"persons": [p, q]}
        elif kind in ("redeem", "exchange"):
            if kind == "exchange" and rng.random() < 0.5:
                ev["portion"] = "1/2"
        elif kind in ("extend_redemption", "extend_distribution"):
            ev["until"] = rng.choice([d for d in days if d > day][:12] or [day]).isoformat()
        elif kind == "tender_offer":
            ev |= {"person": p, "shares": rng.choice([1, 10, 60])}
        else:
            ev |= {"person": p}
            if kind == "inadvertence" and rng.random() < 0.3:
                ev["divest_by"] = rng.choice([d for d in days if d >= day][:8]).isoformat()
        events.append(ev)
    return {"start": start.isoformat(), "outstanding": out, "persons": {p: {} for p in NAMES},
            "holdings": at_start, "events": events, **({"interpretation": readings} if readings else {})}


def crosscheck(histories: int, seed: int = 0, cfg: Config | None = None, board: bool = False) -> dict[str, int]:
    """Random histories: the model's final result after every event equals the reference's final replay.

    Without ``board`` (no event of ``cure.REJUDGED``) both the final view read from the guesses and the
    final run are compared; with it, the final run (Board actions judged again).  A history whose final
    run cures someone is counted (``second_replay``) and not compared: the reference would replay once
    more.  Returns the counts; the first disagreement raises ``AssertionError`` naming the history, the
    event and both views.
    """
    from rightsplan.spec.evaluate import evaluate
    from rightsplan.spec.scenario import scenario_from_data

    cfg = cfg or Config()
    near = cfg.time.near
    days = [index_to_date(i, (), cfg.plan) for i in range(near[0] + 1, near[1] + 1)]
    start = index_to_date(near[0], (), cfg.plan)
    rng = random.Random(seed)
    counts = {"histories": 0, "events": 0, "with_cure": 0, "differs_from_moment_view": 0, "board_fields_differ": 0,
              "second_replay": 0}
    for _ in range(histories):
        data = random_history(rng, start, days, board=board)
        scenario = scenario_from_data(data, "<cure crosscheck>")
        first = evaluate(scenario, snapshots=True)
        final = final_snapshots(scenario)
        run, recured = final_run_views(data, cfg)
        if recured:
            counts["second_replay"] += 1
            continue
        _agree(data, run, spec_run_views(final))
        if not board:
            _agree(data, model_final_views(data, cfg)[1:], spec_final_views(final))
        counts["histories"] += 1
        counts["events"] += len(final)
        counts["with_cure"] += bool(first.cured_episodes)
        counts["differs_from_moment_view"] += spec_run_views(final) != spec_run_views(first.snapshots)
        counts["board_fields_differ"] += any(a[f] != b[f] for a, b in zip(spec_run_views(final), spec_run_views(first.snapshots))
                                        for f in BOARD_FIELDS)
    return counts


BOARD_FIELDS = ("redeemed", "exchanged", "expired", "redemption_deadline", "distribution_date", "redemption_extension",
                "distribution_clauses")


def _agree(data: dict[str, Any], model: list[dict[str, Any]], spec: list[dict[str, Any]]) -> None:
    for k, (mv, sv) in enumerate(zip(model, spec)):
        if mv != sv:
            diff = {key: (mv[key], sv[key]) for key in mv if mv[key] != sv.get(key)}
            raise AssertionError(f"final result differs at events[{k}] of {data}: (model, reference) {diff}")


# -- the final run (Board actions judged again) against the reference's final replay -----------------------

# What the final run does not state as the reference's final replay does: whether a suppressed person's
# announcement or finding "has effect" (the reference notes it and goes on; the model's event is refused).
NOT_COMPARED = ("effective",)


def final_run_views(data: dict[str, Any], cfg: Config) -> tuple[list[dict[str, Any]], bool]:
    """The final run's determinations after each event (replay.model_view), and whether it cured anyone."""
    from rightsplan.solver.engines import derived_values, read

    from .replay import model_view

    run = to_model(data)
    n = len(run.names)
    cfg = Config(persons=n, readings=cfg.readings, plan=run.plan)
    u = unroll(cfg, len(run.events), scope=False, final_run=True)
    u.solver.add(*[u.roles[i] == run.roles[i] for i in range(n)], *pin(u.states[0], start_values(run)))
    for e, row in zip(u.inputs, run.events):
        u.solver.add(*pin(e, row))
    if u.solver.check(u.resolved(len(run.events))) != z3.sat:
        raise ValueError("the history has no resolved prophecy in the model")
    m = u.solver.model()
    views = [model_view(run.names, read(m, f) | derived_values(m, cfg, f), (), cfg.plan) for f in u.finals]
    recured = any(z3.is_true(m.eval(f.cured[i], model_completion=True)) for f in u.finals for i in range(n))
    return [{k: v for k, v in view.items() if k not in NOT_COMPARED} for view in views[1:]], recured


def spec_run_views(snapshots: list[Any]) -> list[dict[str, Any]]:
    from .replay import spec_view

    return [{k: v for k, v in spec_view(sn).items() if k not in NOT_COMPARED} for sn in snapshots]


# -- properties of the final run -----------------------------------------------------------------------------


def houdini_any_suppression(cfg: Config) -> list[str]:
    """The candidate invariants that hold initially and are inductive whoever is suppressed at each event.

    The final run is a run of the model with some persons kept from becoming Acquiring Persons; an
    invariant that survives every suppression holds of it, whatever the guesses.
    """
    z = z3
    keep = list(CANDIDATES)
    roles, s, e, s2 = fresh_roles(z, cfg), fresh_state(z, cfg, "a"), fresh_inputs(z, "e"), fresh_state(z, cfg, "b")
    sup0 = [z.Bool(f"sup0_{i}") for i in range(cfg.persons)]
    sup = [z.Bool(f"sup_{i}") for i in range(cfg.persons)]
    base = new_solver(z)
    base.add(*[c.expr for c in initial(z, cfg, roles, s, sup0)])
    keep = [n for n in keep if base.check(z.Not(CANDIDATES[n](z, cfg, roles, s))) == z3.unsat]
    step = new_solver(z)
    step.add(*[c.expr for c in transition(z, cfg, roles, s, e, s2, sup)])
    changed = True
    while changed:
        step.push()
        step.add(*[CANDIDATES[n](z, cfg, roles, s) for n in keep])
        survivors = [n for n in keep if step.check(z.Not(CANDIDATES[n](z, cfg, roles, s2))) == z3.unsat]
        step.pop()
        changed, keep = survivors != keep, survivors
    return keep


# -- in `rightsplan verify`'s catalogue: verdicts, counterexample files, the reference's final result --------


@lru_cache(maxsize=None)
def _final_invariants(readings: tuple[tuple[str, str], ...], plan: str) -> tuple[str, ...]:
    return tuple(houdini_any_suppression(Config(plan=plan).with_readings(**dict(readings))))


def recheck(cfg: Config, name: str, invariants: list[str], final_invariants: list[str] | None) -> bool:
    """cvc5 confirms a proof of ``prove`` / ``prove_run``: both checks unsat, and for a final run that the invariants
    it assumes of the second copy hold at its start and survive any suppression (the first run's invariants are
    ``verify``'s cvc5 re-check).  Asked first with the fifth day as any clock (``Config.clock`` "any": more steps
    than the real clock allows, so unsat there is unsat on the real calendar), then on the real calendar.
    """
    from rightsplan.solver.engines import cvc5_api, recheck_invariants

    if final_invariants and not recheck_invariants(cfg, final_invariants, any_suppression=True):
        return False
    z = cvc5_api()
    return any(induction(clock, invariants, final_invariants, z).decide(_holds(declared(name))) == "PROVED (induction)"
               for clock in (replace(cfg, clock="any"), cfg))


def check(p: Any, plan: str, invariants: list[str], invariants_agree: bool = True) -> dict[str, Any]:
    """One catalogue property of the final result (``p.engine`` "final_view" or "final_run"), as verify's result.

    PROVED by 1-induction (the first run with its guesses; for a final run also the second copy, with the
    invariants that survive any suppression), re-checked by cvc5 (``recheck``; ``invariants_agree``: cvc5 has
    confirmed the first run's invariants); a proof with a premise must have a resolved history on which the premise
    holds (``premise_witness``, else verify calls it vacuous) and says when it does not use its premise or part of
    it.  Otherwise a shortest counterexample within ``SEARCH_DEPTH`` events (``search``), written as scenario
    data; else BOUNDED or UNKNOWN.
    """
    from .replay import trace_to_scenario

    t0 = time.perf_counter()
    cfg = Config(plan=plan).with_readings(**p.readings)
    run = p.engine == "final_run"
    final_invariants = list(_final_invariants(tuple(sorted(p.readings.items())), plan)) if run else []
    verdict = prove_run(cfg, p.id, invariants, final_invariants) if run else prove(cfg, p.id, invariants)
    r: dict[str, Any] = {"id": p.id, "expect": p.expect, "sections": list(p.sections), "cvc5": None,
                         "invariants_by_definition": [], "plan": cfg.model_plan.name, "core_sections": [],
                         "trace": None, "induction": verdict, "engine": p.engine, "witness_depth": None}
    if verdict == "PROVED (induction)":
        how = "1-induction over both runs" if run else "1-induction over the run and its guesses"
        extra = f" and {len(final_invariants)} under any suppression" if run else ""
        r |= {"status": "PROVED", "detail": f"{how}, {len(invariants)} Houdini invariants{extra}", "depth": 0,
              "bmc_depth": 0}
        agrees = invariants_agree and recheck(cfg, p.id, invariants, final_invariants if run else None)
        r["cvc5"] = "agrees" if agrees else "DISAGREES"
        every_split_ratio(r, cfg, p)
        if declared(p.id).when is not None:
            r |= _premise_checks(cfg, p.id, invariants, final_invariants if run else None)
    else:
        found = search(cfg, p.id, SEARCH_DEPTH, tuple(invariants), tuple(final_invariants))
        r["bmc_depth"] = found.depth
        if found.trace is not None:
            data, _ = trace_to_scenario(found.trace, {**p.readings, "inadvertence_cure": "all_purposes"}, "")
            r |= {"status": "COUNTEREXAMPLE", "depth": found.depth, "trace": found.trace, "scenario_data": data,
                  "detail": found.shortest}
        elif found.unknown is not None:
            r |= {"status": "UNKNOWN", "detail": found.unknown, "depth": found.depth}
        else:
            r |= {"status": "BOUNDED", "detail": f"induction: {verdict}", "depth": found.depth}
    r["seconds"] = round(time.perf_counter() - t0, 3)
    return r


def _premise_checks(cfg: Config, name: str, invariants: list[str], final_invariants: list[str] | None) -> dict[str, Any]:
    """Sanity beyond the proof: the premise can hold (a witness history), and the proof needs it, all of it."""
    depth, unknown = premise_witness(cfg, name, SEARCH_DEPTH, tuple(invariants), tuple(final_invariants or ()))
    out: dict[str, Any] = {"witness_depth": depth, "bmc_depth": SEARCH_DEPTH if depth is None else depth}
    if unknown is not None:  # no vacuity verdict either way: verify fails the run and says why
        return {"witness_depth": None, "bmc_depth": depth, "premise_unknown": f"at depth {depth}: {unknown}"}
    from .labels import premise_warnings

    proof, d = induction(cfg, invariants, final_invariants), declared(name)
    out["warnings"] = premise_warnings(proof.decide(d.formula) == "PROVED (induction)",
                                       lambda: proof.unused_conjuncts(d.when, d.formula))
    return out


# What the reference implementation must show for a counterexample to refute each belief: (moment-by-moment
# evaluation, final replay's snapshots) -> refuted.  Read from the reference alone, never from the model.
REFUTED: dict[str, Callable[[Any, list[Any]], bool]] = {
    "status_triggering_event_fixed": lambda first, final: any(
        a.triggering_event is not None and b.triggering_event != a.triggering_event
        for a, b in zip(first.snapshots, first.snapshots[1:])),
    "refused_redemption_stays_refused": lambda first, final: any(
        redemption_rejudged(first, final, k, e.kind) for k, e in enumerate(first.scenario.events)),
}


def confirm(r: dict[str, Any], out: Path, root: Path) -> list[str]:
    """Write the counterexample as a scenario file, replay it, and return the problems found.

    The replay must agree with the model at every event twice: the moment-by-moment view (``replay.replay``,
    every state field) and the final result (``final_run_views`` or ``model_final_views`` against the
    reference's final replay, ``final_snapshots``); and the reference alone must refute the belief
    (``REFUTED``).  Paths inside ``root`` are recorded relative to it.
    """
    from rightsplan.spec.evaluate import evaluate
    from rightsplan.spec.scenario import load_scenario

    from .catalogue import BY_ID
    from .minimize import model_ready
    from .replay import _yaml, replay

    p, data = BY_ID[r["id"]], r["scenario_data"]
    text = _yaml(data, f"Counterexample to {p.id}: it is not so that \"{p.sentence}\" ({', '.join(p.sections)}).\n"
                 "# Read under inadvertence_cure: all_purposes (Section 1(a)(i) \"for any purposes\"): the final "
                 "result judges the history again without its cured episodes.")
    path = out / "counterexamples" / f"{p.id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    r["scenario"] = str(path.resolve().relative_to(root)) if root in path.resolve().parents else str(path.resolve())
    readings = data.get("interpretation", {})
    try:
        scenario = load_scenario(path)
        _, moment = replay(model_ready(data), readings)
        first, final = evaluate(scenario, snapshots=True), final_snapshots(scenario)
        cfg = Config(plan=str(data["plan"])).with_readings(**readings)
        if p.engine == "final_run":
            model, recured = final_run_views(data, cfg)
            spec = spec_run_views(final)
        else:
            model, recured, spec = model_final_views(data, cfg)[1:], False, spec_final_views(final)
    except Exception as exc:  # a replay that cannot run is a failure of the run, reported by name
        return [f"{p.id}: replay failed: {type(exc).__name__}: {exc}"]
    r["timeline"] = [{k: sorted(v) if isinstance(v, frozenset) else v for k, v in view.items()} for view in spec]
    r["events"] = data["events"]
    r["start"] = {"outstanding": data["outstanding"], "holdings": data.get("holdings", {}),
                  "persons": data["persons"], "groups": data.get("groups", [])}
    problems = []
    if moment is not None:
        problems.append(f"{p.id}: the model and the reference implementation part at {moment}")
    if recured:
        problems.append(f"{p.id}: the final run cures anew, so the reference would judge once more")
    parted = [k for k, (mv, sv) in enumerate(zip(model, spec)) if mv != sv]
    if parted:
        k = parted[0]
        diff = {key: (model[k][key], spec[k].get(key)) for key in model[k] if model[k][key] != spec[k].get(key)}
        problems.append(f"{p.id}: the final results part at events[{k}]: (model, reference) {diff}")
    if not REFUTED[p.id](first, final):
        problems.append(f"{p.id}: the reference's final result does not refute the belief")
    return problems


def main(argv: list[str] | None = None) -> int:
    """``python -m rightsplan.proofs.cure_check [HISTORIES]``: what ``rightsplan verify`` does not do for the cure.

    The properties and the two beliefs are in verify's catalogue; here, for each belief, its search again (which
    rules out histories of fewer events with all three symbolic persons, as in verify), and the cross-check of
    both readings of the final result on random histories.
    """
    import sys

    args = sys.argv[1:] if argv is None else argv
    histories = int(args[0]) if args else 300
    cfg = Config()
    invariants = tuple(houdini(cfg))
    final_invariants = tuple(houdini_any_suppression(cfg))
    for name in [*BELIEFS, *RUN_BELIEFS]:
        t0 = time.perf_counter()
        found = search(cfg, name, SEARCH_DEPTH, invariants, final_invariants)
        if found.trace is None:
            print(f"{name}: no counterexample within {found.depth} events ({found.unknown or 'searched'})")
            return 1
        print(f"{name}: counterexample of {found.depth} events with {len(found.trace['roles'])} person(s): "
              f"{found.shortest} ({time.perf_counter() - t0:.1f} s)", flush=True)
        if not found.shortest.startswith("no history of fewer events"):
            return 1
    t0 = time.perf_counter()
    counts = crosscheck(histories, seed=1)
    print(f"crosscheck without Board actions: {counts} ({time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    counts = crosscheck(histories, seed=2, board=True)
    print(f"crosscheck with Board actions: {counts} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
