"""Properties of the final result under Section 1(a)(i)'s retroactive cure, and their cross-check.

The model's prophecy (solver/cure.py) guesses, per episode, whether it will be cured.  Two readings
of the final result follow: the *final view* reads the guesses off the first run (exact without the
events ``cure.REJUDGED`` names), and the *final run* replays the events with each guessed-cured
episode suppressed, so Board actions are judged again.  Here: seven properties proved by induction
(``PROPERTIES``, ``RUN_PROPERTIES``), two beliefs with counterexamples replayed against the
reference's final result (``BELIEFS``, ``RUN_BELIEFS``), and a cross-check of both readings against
the reference's final replay (``final_snapshots``) on random concrete histories.  ``make cure`` runs
them all (``main``).

"then such Person shall not be deemed to be or to have become an 'Acquiring Person' for any
purposes of this Agreement" (Section 1(a)(i)).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

import z3

from rightsplan.solver import cure
from rightsplan.solver.engines import RLIMIT, houdini, new_solver, pin
from rightsplan.solver.invariants import CANDIDATES
from rightsplan.solver.model import Config, fresh_inputs, fresh_roles, fresh_state
from rightsplan.solver.system import initial, transition

from .replay import index_to_date, start_values, to_model


@dataclass
class Frame:
    """One step ``s --e--> s2`` with the guesses of both states."""

    cfg: Config
    s: Any
    e: Any
    s2: Any
    w: list[Any]
    w2: list[Any]

    @property
    def n(self) -> int:
        return self.cfg.persons


def _in_episode(z: Any, f: Frame, s: Any, w: list[Any]) -> Any:
    return z.And(*[z.Implies(w[i], s.acquiring[i]) for i in range(f.n)])


def guess_only_in_episode(f: Frame) -> Any:
    """A guess "cured" is held only by a current Acquiring Person: the prophecy speaks of episodes only."""
    return _in_episode(z3, f, f.s2, f.w2)


def final_triggering_event_fixed(f: Frame) -> Any:
    """Once the final Triggering Event has occurred, it stays on the same day (Section 1(oo) under 1(a)(i)).

    "deemed to have occurred upon any Person becoming an Acquiring Person" (Section 1(oo)), and a
    cured Person "shall not be deemed to be or to have become an 'Acquiring Person' for any purposes"
    (Section 1(a)(i)): in the final result no later cure can move the date of the Triggering Event.
    """
    had, t1 = cure.triggering_event(z3, f.n, f.s, f.w)
    has, t2 = cure.triggering_event(z3, f.n, f.s2, f.w2)
    return z3.Implies(had, z3.And(has, t2 == t1))


def cure_leaves_no_trace(f: Frame) -> Any:
    """A person cured at this event was not an Acquiring Person in the final result, nor a cause of void Rights.

    Section 1(a)(i): "shall not be deemed to be or to have become an 'Acquiring Person' for any
    purposes"; Section 7(e) voids Rights only of "an Acquiring Person or an Associate or Affiliate of
    an Acquiring Person".
    """
    z, s, w = z3, f.s, f.w
    return z.And(*[z.Implies(f.s2.cured[i], z.And(z.Not(cure.acquiring(z, s, w, i)),
                                                  *[z.Not(z.And(s.void_because[(k, i)], z.Not(w[i]))) for k in range(f.n)]))
                   for i in range(f.n)])


def final_void_has_final_cause(f: Frame) -> Any:
    """Rights void in the final result are void because of a person that is an Acquiring Person in it (Section 7(e))."""
    z, s2, w2 = z3, f.s2, f.w2
    return z.And(*[z.Implies(z.And(s2.void_because[(i, j)], z.Not(w2[j])), cure.acquiring(z, s2, w2, j))
                   for i in range(f.n) for j in range(f.n)])


def status_triggering_event_fixed(f: Frame) -> Any:
    """Belief (false): the Triggering Event of the moment-by-moment view never moves once it has occurred.

    A cure removes the person whose crossing was the Triggering Event; the moment-by-moment view then
    shows a later one (or none).  Expected to have a counterexample: the final view differs here.
    """
    z = z3
    had, t1 = cure.opt_min(z, [(f.s.acquiring[i], f.s.acquiring_since[i]) for i in range(f.n)])
    has, t2 = cure.opt_min(z, [(f.s2.acquiring[i], f.s2.acquiring_since[i]) for i in range(f.n)])
    return z.Implies(had, z.And(has, t2 == t1))


PROPERTIES: dict[str, Callable[[Frame], Any]] = {
    "guess_only_in_episode": guess_only_in_episode,
    "final_triggering_event_fixed": final_triggering_event_fixed,
    "cure_leaves_no_trace": cure_leaves_no_trace,
    "final_void_has_final_cause": final_void_has_final_cause,
}
BELIEFS: dict[str, Callable[[Frame], Any]] = {"status_triggering_event_fixed": status_triggering_event_fixed}


def _step(z: Any, cfg: Config, roles: list[Any], s: Any, e: Any, s2: Any, w: list[Any], w2: list[Any]) -> list[Any]:
    return [c.expr for c in transition(z, cfg, roles, s, e, s2)] + [c.expr for c in cure.step(z, cfg, s, s2, w, w2)]


def prove(cfg: Config, name: str, invariants: list[str] | None = None) -> str:
    """PROVED (1-induction, with the Houdini invariants and the prophecy's invariant) or NOT INDUCTIVE / UNKNOWN."""
    z = z3
    invariants = houdini(cfg) if invariants is None else invariants
    roles, s, e, s2 = fresh_roles(z, cfg), fresh_state(z, cfg, "a"), fresh_inputs(z, "e"), fresh_state(z, cfg, "b")
    w, w2 = cure.guesses(z, cfg, "a"), cure.guesses(z, cfg, "b")
    f = Frame(cfg, s, e, s2, w, w2)
    formula = PROPERTIES.get(name) or BELIEFS[name]
    base = new_solver(z)
    base.add(*[c.expr for c in initial(z, cfg, roles, s)], *[c.expr for c in cure.start(z, cfg, s, w)])
    base.add(*_step(z, cfg, roles, s, e, s2, w, w2))
    verdict = base.check(z.Not(formula(f)))
    if verdict != z3.unsat:
        return "UNKNOWN (initial step: " + str(verdict) + ")"
    solver = new_solver(z)
    solver.add(*_step(z, cfg, roles, s, e, s2, w, w2), *[CANDIDATES[n](z, cfg, roles, s) for n in invariants])
    solver.add(_in_episode(z, f, s, w))
    verdict = solver.check(z.Not(formula(f)))
    return "PROVED (induction)" if verdict == z3.unsat else ("NOT INDUCTIVE" if verdict == z3.sat else f"UNKNOWN ({solver.reason_unknown()})")


@dataclass
class Unrolled:
    """Initial state and ``depth`` steps with guesses; ``resolved(k)`` ends the history at state k."""

    cfg: Config
    solver: Any
    roles: list[Any]
    states: list[Any]
    inputs: list[Any]
    guesses: list[list[Any]]
    finals: list[Any]

    def frame(self, k: int) -> Frame:
        return Frame(self.cfg, self.states[k], self.inputs[k], self.states[k + 1], self.guesses[k], self.guesses[k + 1])

    def resolved(self, k: int) -> Any:
        return cure.resolved(z3, self.cfg, self.states[k], self.guesses[k])


def unroll(cfg: Config, depth: int, scope: bool = True, final_run: bool = False, rlimit: int = RLIMIT) -> Unrolled:
    """The model with its prophecy for ``depth`` events; with ``scope`` only events outside ``cure.REJUDGED``."""
    z = z3
    roles, s0, w0 = fresh_roles(z, cfg), fresh_state(z, cfg, "s0"), cure.guesses(z, cfg, "s0")
    solver = new_solver(z, rlimit)
    solver.add(*[c.expr for c in initial(z, cfg, roles, s0)], *[c.expr for c in cure.start(z, cfg, s0, w0)])
    u = Unrolled(cfg, solver, roles, [s0], [], [w0], [])
    if final_run:
        f0 = fresh_state(z, cfg, "f0")
        solver.add(*[c.expr for c in initial(z, cfg, roles, f0, cure.suppression_at_start(z, cfg, s0, w0))])
        solver.add(cure.same_start(z, cfg, s0, f0))
        u.finals.append(f0)
    for k in range(depth):
        e, s2, w2 = fresh_inputs(z, f"e{k}"), fresh_state(z, cfg, f"s{k + 1}"), cure.guesses(z, cfg, f"s{k + 1}")
        solver.add(*_step(z, cfg, roles, u.states[-1], e, s2, u.guesses[-1], w2))
        if final_run:
            f2 = fresh_state(z, cfg, f"f{k + 1}")
            solver.add(*[c.expr for c in transition(z, cfg, roles, u.finals[-1], e, f2, cure.suppression(z, cfg, s2, w2))])
            u.finals.append(f2)
        if scope:
            solver.add(cure.in_scope(z, e))
        u.inputs.append(e)
        u.states.append(s2)
        u.guesses.append(w2)
    return u


def counterexample(cfg: Config, name: str, depth: int) -> dict[str, Any] | None:
    """A shortest resolved trace (at most ``depth`` events, within the scope) on which the belief fails at its last step."""
    formula = PROPERTIES.get(name) or BELIEFS[name]
    for d in range(1, depth + 1):
        u = unroll(cfg, d)
        u.solver.add(u.inputs[-1].day <= cfg.time.near[1], *[e.day >= cfg.time.near[0] for e in u.inputs])
        u.solver.add(u.states[0].outstanding == 100)
        if u.solver.check(z3.Not(formula(u.frame(d - 1))), u.resolved(d)) == z3.sat:
            return _trace(u)
    return None


def _trace(u: Unrolled) -> dict[str, Any]:
    from rightsplan.solver.engines import derived_values, read

    m = u.solver.model()
    return {"plan": u.cfg.plan, "roles": [m.eval(r, model_completion=True).as_long() for r in u.roles],
            "states": [read(m, s) | derived_values(m, u.cfg, s) for s in u.states],
            "inputs": [read(m, e) for e in u.inputs],
            "guesses": [[z3.is_true(m.eval(g, model_completion=True)) for g in w] for w in u.guesses]}


# -- the final view of a concrete history, against the reference's final result ---------------------------


def final_snapshots(scenario: Any) -> list[Any]:
    """The reference's final result, event by event: the replay with every cured episode suppressed.

    ``evaluate`` keeps the first pass's snapshots (what was determined at each moment); its final
    result comes from a replay with ``cured_episodes`` suppressed, whose snapshots are these.
    """
    from rightsplan.spec.evaluate import _Engine, evaluate

    cured = evaluate(scenario).cured_episodes
    return _Engine(scenario, True, frozenset(cured)).run().snapshots


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


def replay_belief(cfg: Config, name: str = "status_triggering_event_fixed", depth: int = 4) -> dict[str, Any] | None:
    """The belief's shortest counterexample as a scenario, evaluated by the reference (its final result).

    Returns the scenario and, side by side, the moment-by-moment Triggering Event before and after
    the last event (model), the model's final-view Triggering Event at the end, and the reference's
    final ``triggering_event``; ``None`` when no counterexample exists within ``depth`` events.
    """
    from rightsplan.proofs.replay import trace_to_scenario
    from rightsplan.spec.evaluate import evaluate
    from rightsplan.spec.scenario import scenario_from_data

    trace = counterexample(cfg, name, depth)
    if trace is None:
        return None
    data, _ = trace_to_scenario(trace, {}, name)
    result = evaluate(scenario_from_data(data, f"<{name}>"))
    on = lambda st: index_to_date(int(st["d_te"]), (), cfg.plan) if st["d_te_has"] else None  # noqa: E731
    last = trace["states"][-1]
    final = [i for i in range(cfg.persons) if last[f"acquiring{i}"] and not trace["guesses"][-1][i]]
    model_final = min((int(last[f"acquiring_since{i}"]) for i in final), default=None)
    return {"scenario": data, "moment_before": on(trace["states"][-2]), "moment_after": on(last),
            "model_final": None if model_final is None else index_to_date(model_final, (), cfg.plan),
            "reference_final": result.triggering_event}


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


@dataclass
class RunFrame(Frame):
    """One step of both runs: the first ``s --e--> s2`` with its guesses, the final ``f --e--> f2``."""

    f: Any
    f2: Any


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


def final_run_keeps_cured_out(r: RunFrame) -> Any:
    """Nobody in an episode guessed cured, or cured at this event, becomes an Acquiring Person in the final run.

    Section 1(a)(i): "shall not be deemed to be or to have become an 'Acquiring Person' for any purposes".
    """
    sup = cure.suppression(z3, r.cfg, r.s2, r.w2)
    return z3.And(*[z3.Implies(sup[i], z3.Not(r.f2.became_acquiring[i])) for i in range(r.n)])


def final_run_triggering_event_fixed(r: RunFrame) -> Any:
    """In a final run that cures nobody, the Triggering Event, once it has occurred, keeps its day (Section 1(oo))."""
    had, t1 = cure.opt_min(z3, [(r.f.acquiring[i], r.f.acquiring_since[i]) for i in range(r.n)])
    has, t2 = cure.opt_min(z3, [(r.f2.acquiring[i], r.f2.acquiring_since[i]) for i in range(r.n)])
    return z3.Implies(z3.And(had, cure.no_new_cure(z3, r.cfg, r.f2)), z3.And(has, t2 == t1))


def final_redemption_without_sad(r: RunFrame) -> Any:
    """In the final result, a redemption ordered before the Final Expiration Date with no Shares Acquisition
    Date takes effect (Section 23(a): "at any time prior to the Close of Business on the earlier of (i) the fifth
    day following the Shares Acquisition Date ... and (ii) the Final Expiration Date")."""
    from rightsplan.solver.dates import sad

    z = z3
    has_sad, _ = sad(z, r.f2, r.n)
    return z.Implies(z.And(r.e.kind == cure.K["redeem"], z.Not(r.f.expired), r.e.day <= r.cfg.time.final, z.Not(has_sad)),
                     r.f2.redeemed)


def refused_redemption_stays_refused(r: RunFrame) -> Any:
    """Belief (false under ``all_purposes``): a redemption refused when ordered is refused in the final result too.

    Section 1(a)(i)'s "for any purposes" removes the cured person's Shares Acquisition Date, and with it the
    Section 23(a) window that closed the redemption: the final result judges it again.
    """
    z = z3
    refused = z.And(r.e.kind == cure.K["redeem"], z.Not(r.s.redeemed), z.Not(r.s2.redeemed))
    return z.Implies(z.And(refused, cure.no_new_cure(z, r.cfg, r.f2)), z.Not(r.f2.redeemed))


RUN_PROPERTIES: dict[str, Callable[[RunFrame], Any]] = {
    "final_run_keeps_cured_out": final_run_keeps_cured_out,
    "final_run_triggering_event_fixed": final_run_triggering_event_fixed,
    "final_redemption_without_sad": final_redemption_without_sad,
}
RUN_BELIEFS: dict[str, Callable[[RunFrame], Any]] = {"refused_redemption_stays_refused": refused_redemption_stays_refused}


def prove_run(cfg: Config, name: str, invariants: list[str] | None = None, final_invariants: list[str] | None = None) -> str:
    """A final-run property by 1-induction over both runs (each with its own invariants), or NOT INDUCTIVE."""
    z = z3
    invariants = houdini(cfg) if invariants is None else invariants
    final_invariants = houdini_any_suppression(cfg) if final_invariants is None else final_invariants
    roles = fresh_roles(z, cfg)
    s, e, s2, f, f2 = (fresh_state(z, cfg, "a"), fresh_inputs(z, "e"), fresh_state(z, cfg, "b"),
                       fresh_state(z, cfg, "fa"), fresh_state(z, cfg, "fb"))
    w, w2 = cure.guesses(z, cfg, "a"), cure.guesses(z, cfg, "b")
    r = RunFrame(cfg, s, e, s2, w, w2, f, f2)
    formula = RUN_PROPERTIES.get(name) or RUN_BELIEFS[name]
    both = [*_step(z, cfg, roles, s, e, s2, w, w2),
            *[c.expr for c in transition(z, cfg, roles, f, e, f2, cure.suppression(z, cfg, s2, w2))]]
    base = new_solver(z)
    base.add(*[c.expr for c in initial(z, cfg, roles, s)], *[c.expr for c in cure.start(z, cfg, s, w)],
             *[c.expr for c in initial(z, cfg, roles, f, cure.suppression_at_start(z, cfg, s, w))],
             cure.same_start(z, cfg, s, f), *both)
    if base.check(z.Not(formula(r))) != z3.unsat:
        return "NOT INDUCTIVE (fails at the first event)"
    solver = new_solver(z)
    solver.add(*both, *[CANDIDATES[n](z, cfg, roles, s) for n in invariants],
               *[CANDIDATES[n](z, cfg, roles, f) for n in final_invariants], _in_episode(z, Frame(cfg, s, e, s2, w, w2), s, w))
    verdict = solver.check(z.Not(formula(r)))
    return "PROVED (induction)" if verdict == z3.unsat else ("NOT INDUCTIVE" if verdict == z3.sat else f"UNKNOWN ({solver.reason_unknown()})")


# The two-run search at depth 3 or more needs more than the per-check limit of solver/engines.py (measured:
# "canceled" at 60,000,000); still deterministic.
SEARCH_RLIMIT = 20 * RLIMIT


def run_counterexample(cfg: Config, name: str, depth: int) -> dict[str, Any] | None:
    """A shortest resolved two-run trace (at most ``depth`` events, in the near window, a final run that cures
    nobody) on which the property fails at some event (``fails_at``): the history must go on to its end,
    where the guesses are resolved, since the cure that re-judges may come later; ``finals`` added."""
    from rightsplan.solver.engines import read

    formula = RUN_PROPERTIES.get(name) or RUN_BELIEFS[name]
    for d in range(1, depth + 1):
        u = unroll(cfg, d, scope=False, final_run=True, rlimit=SEARCH_RLIMIT)
        u.solver.add(*[z3.And(e.day >= cfg.time.near[0], e.day <= cfg.time.near[1], e.until <= cfg.time.near[1])
                       for e in u.inputs], u.states[0].outstanding == 100)
        u.solver.add(*[cure.no_new_cure(z3, cfg, f) for f in u.finals])
        fails = [z3.Not(formula(RunFrame(cfg, u.states[k], u.inputs[k], u.states[k + 1], u.guesses[k], u.guesses[k + 1],
                                         u.finals[k], u.finals[k + 1]))) for k in range(d)]
        verdict = u.solver.check(z3.Or(*fails), u.resolved(d))
        if verdict == z3.unknown:
            raise RuntimeError(f"{name}: the search at depth {d} ended {u.solver.reason_unknown()}")
        if verdict == z3.sat:
            trace = _trace(u)
            m = u.solver.model()
            trace["finals"] = [read(m, f) for f in u.finals]
            trace["fails_at"] = min(k for k in range(d) if z3.is_true(m.eval(fails[k], model_completion=True)))
            return trace
    return None


def replay_rejudged(cfg: Config, depth: int = 5) -> dict[str, Any] | None:
    """The belief ``refused_redemption_stays_refused``'s counterexample, evaluated by the reference.

    Returns the scenario, the redemption's index, whether the reference's moment-by-moment snapshot shows it
    refused, and whether its final result lists it among the ineffective events.
    """
    from rightsplan.proofs.replay import trace_to_scenario
    from rightsplan.spec.evaluate import evaluate
    from rightsplan.spec.scenario import scenario_from_data

    trace = run_counterexample(cfg, "refused_redemption_stays_refused", depth)
    if trace is None:
        return None
    data, _ = trace_to_scenario(trace, {}, "refused_redemption_stays_refused")
    result = evaluate(scenario_from_data(data, "<refused_redemption_stays_refused>"), snapshots=True)
    k = trace["fails_at"]
    return {"scenario": data, "index": k, "model_moment_redeemed": bool(trace["states"][k + 1]["redeemed"]),
            "model_final_redeemed": bool(trace["finals"][k + 1]["redeemed"]),
            "reference_moment_redeemed": result.snapshots[k].redeemed,
            "reference_final_ineffective": any(x["index"] == k for x in result.ineffective_events),
            "reference_final_expiration": result.expiration.to_json()}


def main(argv: list[str] | None = None) -> int:
    """``python -m rightsplan.proofs.cure_check [HISTORIES]``: every verdict, the belief's replay, the cross-check."""
    import sys
    import time

    args = sys.argv[1:] if argv is None else argv
    histories = int(args[0]) if args else 300
    cfg = Config()
    invariants = houdini(cfg)
    for name in [*PROPERTIES, *BELIEFS]:
        t0 = time.perf_counter()
        print(f"{name}: {prove(cfg, name, invariants)} ({time.perf_counter() - t0:.1f} s)")
    final_invariants = houdini_any_suppression(cfg)
    print(f"invariants: {len(invariants)} of the first run, {len(final_invariants)} under any suppression")
    for name in [*RUN_PROPERTIES, *RUN_BELIEFS]:
        t0 = time.perf_counter()
        print(f"{name}: {prove_run(cfg, name, invariants, final_invariants)} ({time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    rejudged = replay_rejudged(cfg)
    if rejudged is not None:
        print(f"refused_redemption_stays_refused: counterexample ({time.perf_counter() - t0:.1f} s) {rejudged}")
    found = replay_belief(cfg)
    if found is not None:
        print(f"status_triggering_event_fixed: counterexample, moment view {found['moment_before']} -> "
              f"{found['moment_after']}; final view {found['model_final']}, reference final {found['reference_final']}")
    t0 = time.perf_counter()
    counts = crosscheck(histories, seed=1)
    print(f"crosscheck without Board actions: {counts} ({time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    counts = crosscheck(histories, seed=2, board=True)
    print(f"crosscheck with Board actions: {counts} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
