"""Engines: concrete simulation, bounded model checking, Houdini + induction, cvc5 re-check.

Verdicts are never booleans: a property ends PROVED (with the method), BOUNDED(k),
COUNTEREXAMPLE or UNKNOWN (with the solver's reason).  Every solver call has a fixed seed
and a deterministic resource limit (``rlimit``); a timed-out or bounded result is never
called a proof.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from fractions import Fraction
from types import ModuleType
from typing import Any, Callable, Iterator

import z3

from .invariants import CANDIDATES, SECTIONS
from .model import K, Config, Vars, fresh_inputs, fresh_roles, fresh_state
from .system import Step, initial, transition

RLIMIT = 60_000_000  # per check; deterministic, unlike a wall-clock timeout
SEED = 0

Formula = Callable[[Step], Any]


def new_solver(z: ModuleType = z3, rlimit: int = RLIMIT) -> Any:
    """A solver with the project's fixed seed and resource limit."""
    s = z.Solver()
    if z is z3:
        s.set("random_seed", SEED)
        s.set("rlimit", rlimit)
        # Z3's older arithmetic solver decides the split equations (old * after == new * before) at
        # once where the default one can search for minutes; measured on the catalogue, see docs/checker.md.
        s.set("arith.solver", 2)
    else:  # cvc5: the same fixed seed and a deterministic per-check resource limit
        s.set("seed", SEED)
        s.set("rlimit-per", rlimit)
    return s


def flat(v: Vars) -> dict[str, Any]:
    """Every term of a state or input bundle, by a stable short name."""
    out: dict[str, Any] = {}
    for table in (v.ints, v.bools):
        for name, term in table.items():
            if isinstance(term, list):
                out.update({f"{name}{i}": t for i, t in enumerate(term)})
            elif isinstance(term, dict):
                out.update({f"{name}{''.join(map(str, k))}": t for k, t in term.items()})
            else:
                out[name] = term
    return out


def value(val: Any) -> int | bool | Fraction:
    """A solver value as Python: a bool, an int, or an exact Fraction for a real."""
    if z3.is_bool(val):
        return z3.is_true(val)
    if z3.is_rational_value(val):
        q = Fraction(val.numerator_as_long(), val.denominator_as_long())
        return q.numerator if q.denominator == 1 else q
    return val.as_long()


def read(model: Any, v: Vars) -> dict[str, int | bool | Fraction]:
    """The values a model gives a bundle's terms (completed, so every name has one)."""
    return {name: value(model.eval(term, model_completion=True)) for name, term in flat(v).items()}


def pin(v: Vars, values: dict[str, Any]) -> list[Any]:
    """Constraints fixing a bundle to given values (a Fraction pins a real exactly)."""
    terms = flat(v)
    return [terms[name] == (z3.RealVal(str(val)) if isinstance(val, Fraction) else val)
            for name, val in values.items() if name in terms]


@dataclass
class Unrolling:
    """An initial state and ``depth`` transitions, in one incremental solver."""

    z: ModuleType
    cfg: Config
    solver: Any
    roles: list[Any]
    states: list[Vars]
    inputs: list[Vars] = field(default_factory=list)
    window: Callable[[Vars], Any] | None = None
    invariants: tuple[str, ...] = ()

    @classmethod
    def start(cls, cfg: Config, z: ModuleType = z3, window: Callable[[Vars], Any] | None = None,
              rlimit: int = RLIMIT, invariants: tuple[str, ...] = ()) -> "Unrolling":
        """Unroll from the initial states; proven ``invariants`` are asserted at every state."""
        roles, s0 = fresh_roles(z, cfg), fresh_state(z, cfg, "s0")
        solver = new_solver(z, rlimit)
        for c in initial(z, cfg, roles, s0):
            solver.add(c.expr)
        solver.add(*[CANDIDATES[n](z, cfg, roles, s0) for n in invariants])
        return cls(z, cfg, solver, roles, [s0], [], window, invariants)

    def extend(self) -> None:
        k = len(self.inputs)
        e, s2 = fresh_inputs(self.z, f"e{k}"), fresh_state(self.z, self.cfg, f"s{k + 1}")
        for c in transition(self.z, self.cfg, self.roles, self.states[-1], e, s2):
            self.solver.add(c.expr)
        if self.window is not None:
            self.solver.add(self.window(e))
        self.solver.add(*[CANDIDATES[n](self.z, self.cfg, self.roles, s2) for n in self.invariants])
        self.inputs.append(e)
        self.states.append(s2)

    def step(self, k: int) -> Step:
        """The helper view of transition k (0-based) for property formulas."""
        return Step(self.z, self.cfg, self.roles, self.states[k], self.inputs[k], self.states[k + 1])

    def trace(self) -> dict[str, Any]:
        """The last model as plain data: roles, every state and every event's inputs."""
        m = self.solver.model()
        return {"plan": self.cfg.plan, "roles": [m.eval(r, model_completion=True).as_long() for r in self.roles],
                "states": [read(m, s) | derived_values(m, self.cfg, s) for s in self.states],
                "inputs": [read(m, e) for e in self.inputs]}


def derived_values(model: Any, cfg: Config, s: Vars) -> dict[str, int | bool]:
    """The model's own dates of a state (``dates.derived``), evaluated, under names ``d_<name>``."""
    from .dates import derived

    return _evaluated(model, derived(z3, cfg, s, cfg.persons))


def _evaluated(model: Any, terms: dict[str, Any]) -> dict[str, int | bool]:
    return {f"d_{name}": value(model.eval(term, model_completion=True)) for name, term in terms.items()}


@dataclass
class _Built:
    """The terms ``simulate`` needs for one Config: a start state, one step, and the model's own dates after it."""

    roles: list[Any]
    s: Vars
    e: Vars
    s2: Vars
    start: list[Any]
    step: list[Any]
    dates: dict[str, Any]

    @classmethod
    def of(cls, cfg: Config) -> "_Built":
        from .dates import derived

        z = z3
        r, s = fresh_roles(z, cfg), fresh_state(z, cfg, "s")
        e, s2 = fresh_inputs(z, "e"), fresh_state(z, cfg, "t")
        return cls(r, s, e, s2, [c.expr for c in initial(z, cfg, r, s)],
                   [c.expr for c in transition(z, cfg, r, s, e, s2)], derived(z, cfg, s2, cfg.persons))


_CACHE: dict[Config, _Built] | None = None


@contextmanager
def simulation_cache() -> Iterator[None]:
    """Inside the block, ``simulate`` builds the model's terms once per Config instead of once per history.

    Building them is most of a concrete run's cost (about 0.7 s against 0.1 s of solving for a
    short history).  Only a caller that does not change the model's functions inside the block may
    use it (the cross-check's in-process mutants patch them before the block starts).
    """
    global _CACHE
    outer = _CACHE
    _CACHE = {} if outer is None else outer
    try:
        yield
    finally:
        _CACHE = outer


def _built(cfg: Config) -> _Built:
    if _CACHE is None:
        return _Built.of(cfg)
    if cfg not in _CACHE:
        _CACHE[cfg] = _Built.of(cfg)
    return _CACHE[cfg]


def simulate(cfg: Config, roles: list[int], start: dict[str, int | bool],
             events: list[dict[str, int | bool]]) -> list[dict[str, int | bool]]:
    """Run the model on concrete events; one state per event (raises if a step has no successor).

    Each state also carries the model's own dates (``d_te``, ``d_sad``, ``d_dd``,
    ``d_deadline`` and their ``_has`` flags), read from the model, not recomputed.
    """
    b = _built(cfg)
    base = [b.roles[i] == roles[i] for i in range(cfg.persons)]
    solver = new_solver(z3)
    solver.add(*base, *b.start, *pin(b.s, start))
    if solver.check() != z3.sat:
        raise ValueError("the start state is not one the model allows")
    current = read(solver.model(), b.s)
    out = []
    # One step: each event pins the state before and the event's inputs in a scope of its own.  The
    # transition determines every field after, so the solver's model of them is the one successor.
    solver = new_solver(z3)
    solver.add(*base, *b.step)
    for i, row in enumerate(events):
        solver.push()
        solver.add(*pin(b.s, current), *pin(b.e, row))
        if solver.check() != z3.sat:
            raise ValueError(f"event {i} is not one the model allows from this state")
        m = solver.model()
        current = read(m, b.s2)
        out.append(current | _evaluated(m, b.dates))
        solver.pop()
    return out


@dataclass(frozen=True)
class Verdict:
    """How a property ended, how, at what depth, in how long, resting on which sections."""

    status: str  # PROVED | BOUNDED | COUNTEREXAMPLE | UNKNOWN
    detail: str = ""
    depth: int = 0
    seconds: float = 0.0
    sections: tuple[str, ...] = ()
    trace: dict[str, Any] | None = None
    witness_depth: int | None = None

    def label(self) -> str:
        if self.status == "PROVED":
            return f"PROVED ({self.detail})"
        if self.status == "BOUNDED":
            return f"BOUNDED({self.depth})"
        if self.status == "UNKNOWN":
            return f"UNKNOWN ({self.detail})"
        return "COUNTEREXAMPLE"


def clock() -> float:
    return time.perf_counter()


def in_windows(z: ModuleType, cfg: Config) -> Callable[[Vars], Any]:
    """Counterexample search only: event and 'until' dates inside the plan's real-calendar windows.

    The search's Config may take ``clock="windows"``: its fifth day is the real calendar's on them.
    """
    near, far = cfg.time.near, cfg.time.far

    def inside(t: Any) -> Any:
        return z.Or(z.And(t >= near[0], t <= near[1]), z.And(t >= far[0], t <= far[1]))

    # Mergers, exercises and price events change nothing the properties read but effectiveness, and a
    # scenario needs prices to state them: counterexamples are searched without them (proofs cover them).
    quiet = [K[k] for k in ("merger", "exercise", "economic")]
    return lambda e: z.And(inside(e.day), inside(e.until), *[e.kind != c for c in quiet])


def houdini(cfg: Config, z: ModuleType = z3, names: list[str] | None = None) -> list[str]:
    """The largest subset of the candidate invariants that holds initially and is inductive."""
    keep = list(names if names is not None else CANDIDATES)
    roles, s, e, s2 = fresh_roles(z, cfg), fresh_state(z, cfg, "a"), fresh_inputs(z, "e"), fresh_state(z, cfg, "b")
    base = new_solver(z)
    base.add(*[c.expr for c in initial(z, cfg, roles, s)])
    keep = [n for n in keep if _unsat(base, z.Not(CANDIDATES[n](z, cfg, roles, s)), z)]
    step = new_solver(z)
    step.add(*[c.expr for c in transition(z, cfg, roles, s, e, s2)])
    changed = True
    while changed:
        step.push()
        step.add(*[CANDIDATES[n](z, cfg, roles, s) for n in keep])
        survivors = [n for n in keep if _unsat(step, z.Not(CANDIDATES[n](z, cfg, roles, s2)), z)]
        step.pop()
        changed, keep = survivors != keep, survivors
    return keep


def _unsat(solver: Any, goal: Any, z: ModuleType) -> bool:
    """True only when the solver says unsat (sat and unknown both count as 'not shown')."""
    solver.push()
    solver.add(goal)
    verdict = solver.check()
    solver.pop()
    return verdict == z.unsat


def induction(cfg: Config, formula: Formula, invariants: list[str], z: ModuleType = z3) -> tuple[str, tuple[str, ...]]:
    """One-step induction: invariants(s) and step(s, e, s2) and not formula is unsat.

    Returns (solver verdict, sections of the unsat core) -- the core names the provisions
    whose constraints the proof needs.
    """
    roles, s, e, s2 = fresh_roles(z, cfg), fresh_state(z, cfg, "a"), fresh_inputs(z, "e"), fresh_state(z, cfg, "b")
    solver = new_solver(z)
    if z is z3:
        solver.set("core.minimize", True)
    labels: dict[str, Any] = {}
    for c in transition(z, cfg, roles, s, e, s2):
        label = labels.setdefault(c.section, z.Bool(f"provision:{c.section}"))
        solver.add(z.Implies(label, c.expr))
    lemmas = {n: z.Bool(f"invariant:{n}") for n in invariants}
    solver.add(*[z.Implies(lemmas[n], CANDIDATES[n](z, cfg, roles, s)) for n in invariants])
    solver.add(z.Not(formula(Step(z, cfg, roles, s, e, s2))))
    verdict = solver.check(*labels.values(), *lemmas.values())
    if verdict != z.unsat:
        return str(verdict) if verdict != z.unknown else f"unknown: {solver.reason_unknown()}", ()
    core = {str(c) for c in solver.unsat_core()}
    sections = {sec for sec, lab in labels.items() if str(lab) in core}
    sections |= {sec for n, lab in lemmas.items() if str(lab) in core for sec in SECTIONS[n]}
    return "unsat", tuple(sorted(sections))


def induction_step(cfg: Config, invariants: list[str], z: ModuleType = z3) -> tuple[Any, Step]:
    """A solver holding one arbitrary step ``s --e--> s2`` from a state satisfying the invariants."""
    roles, s, e, s2 = fresh_roles(z, cfg), fresh_state(z, cfg, "a"), fresh_inputs(z, "e"), fresh_state(z, cfg, "b")
    solver = new_solver(z)
    solver.add(*[c.expr for c in transition(z, cfg, roles, s, e, s2)])
    solver.add(*[CANDIDATES[n](z, cfg, roles, s) for n in invariants])
    return solver, Step(z, cfg, roles, s, e, s2)


def conclusion_alone(cfg: Config, conclusion: Formula, invariants: list[str], z: ModuleType = z3) -> bool:
    """True when the conclusion holds at every step without its premise: the premise is not used.

    A proof whose unsat core never needs the premise shows that the premise is irrelevant (for
    example "a plan's tender offer never starts the clock" proved because no tender offer by
    anyone could): worth a warning, since the sentence suggests more than was shown.
    """
    solver, st = induction_step(cfg, invariants, z)
    return _unsat(solver, z.Not(conclusion(st)), z)


def unused_conjuncts(cfg: Config, premise: Formula, conclusion: Formula, invariants: list[str],
                     z: ModuleType = z3) -> list[str]:
    """The conjuncts of a premise (a top-level ``And``) that the induction proof does not need.

    Each conjunct is assumed under its own label; a conjunct outside the minimized unsat core
    could be dropped and the proof would stand, so the property says more than was shown
    (e.g. "a plan's acquisition never starts the clock", proved because no acquisition does).
    """
    solver, st = induction_step(cfg, invariants, z)
    return unused_parts([solver], premise(st), z.Not(conclusion(st)), z)


def unused_parts(solvers: list[Any], whole: Any, goal: Any, z: ModuleType = z3) -> list[str]:
    """The conjuncts of ``whole`` (a top-level ``And``) in no solver's minimized unsat core with ``goal``: a proof
    made of these checks (each unsat with ``whole`` and ``goal``) stands without them.  [] if a check is not unsat."""
    parts = list(whole.children()) if z.is_and(whole) else []
    if len(parts) < 2:
        return []
    labels, used = [z.Bool(f"premise:{k}") for k in range(len(parts))], set()
    for solver in solvers:
        solver.push()
        solver.set("core.minimize", True)
        solver.add(goal, *[z.Implies(lab, part) for lab, part in zip(labels, parts)])
        verdict = solver.check(*labels)
        if verdict == z.unsat:
            used |= {str(c) for c in solver.unsat_core()}
        solver.pop()
        if verdict != z.unsat:
            return []
    return [str(part) for lab, part in zip(labels, parts) if str(lab) not in used]


def valid_alone(cfg: Config, invariants: list[str], z: ModuleType = z3) -> list[str]:
    """The invariants that hold of every state whatever happened before: true by definition, so they
    strengthen nothing and prove nothing about the agreement."""
    roles, s = fresh_roles(z, cfg), fresh_state(z, cfg, "a")
    solver = new_solver(z)
    return [n for n in invariants if _unsat(solver, z.Not(CANDIDATES[n](z, cfg, roles, s)), z)]


@dataclass
class Search:
    """What bounded search found for one property: a shortest counterexample and a premise witness."""

    depth: int = 0
    counterexample: dict[str, Any] | None = None
    cex_depth: int | None = None
    witness_depth: int | None = None
    unknown: str | None = None
    seconds: float = 0.0


def bmc(cfg: Config, goals: dict[str, tuple[Formula, Formula | None]], depth: int,
        stop_when_proved: set[str] = frozenset(), rlimit: int = RLIMIT,
        invariants: tuple[str, ...] = ()) -> dict[str, Search]:
    """Iterative deepening: at each depth d, ask for a violation (and a premise witness) at step d.

    Violations at smaller depths were already ruled out, so the first one found is a
    shortest counterexample.  Properties in ``stop_when_proved`` only look for a witness.
    ``invariants`` (already proved inductive) are assumed at every state: they cut no
    reachable state, and they spare the solver re-deriving them at every depth.
    """
    u = Unrolling.start(replace(cfg, clock="windows"), window=in_windows(z3, cfg), rlimit=rlimit, invariants=invariants)
    found = {name: Search() for name in goals}
    for d in range(1, depth + 1):
        u.extend()
        st = u.step(d - 1)
        for name, (formula, premise) in goals.items():
            res, t0 = found[name], clock()
            if res.counterexample is None and res.unknown is None and name not in stop_when_proved:
                verdict = u.solver.check(z3.Not(formula(st)))
                if verdict == z3.sat:
                    res.counterexample, res.cex_depth = _readable(u, z3.Not(formula(st))), d
                elif verdict == z3.unknown:
                    res.unknown = u.solver.reason_unknown()
                res.depth = d
            if premise is not None and res.witness_depth is None and res.unknown is None:
                if u.solver.check(premise(st)) == z3.sat:
                    res.witness_depth = d
            res.seconds += clock() - t0
        if all(_settled(found[n], goals[n][1] is not None, n in stop_when_proved) for n in goals):
            break
        for name in goals:  # the depth reached, also for goals settled earlier
            found[name].depth = max(found[name].depth, d) if found[name].counterexample is None else found[name].depth
    return found


def _readable(u: Unrolling, goal: Any) -> dict[str, Any]:
    """The counterexample just found, redrawn to read easily when the search allows it.

    Preferences, strongest first: 100 shares outstanding (holdings read as percentages), no
    Acquiring Person, bar holder or grandfathering at the start, all dates in the near window.  The
    depth is unchanged: only the values are chosen again.
    """
    s0, n = u.states[0], u.cfg.persons
    calm = z3.And(*[z3.And(z3.Not(s0.acquiring[i]), z3.Not(s0.grandfathered[i])) for i in range(n)], z3.Not(s0.exchange_barred))
    early = z3.And(*[e.day <= u.cfg.time.near[1] for e in u.inputs])
    trace = u.trace()
    for extra in ([s0.outstanding == 100, calm, early], [s0.outstanding == 100, calm], [s0.outstanding == 100]):
        if u.solver.check(goal, *extra) == z3.sat:
            return u.trace()
    return trace


def _settled(res: Search, has_premise: bool, proved: bool) -> bool:
    searching = not proved and res.counterexample is None and res.unknown is None
    return not searching and (not has_premise or res.witness_depth is not None or res.unknown is not None)


def cvc5_api() -> ModuleType:
    import cvc5.pythonic as cvc5_pythonic

    return cvc5_pythonic


def recheck_invariants(cfg: Config, invariants: list[str], any_suppression: bool = False) -> bool:
    """cvc5 confirms the invariants hold initially and are inductive together.

    Asked one invariant at a time -- all of them at the pre-state, one negated at the post-state --
    which is the joint check (the conjunction fails at the post-state exactly when one conjunct
    does), and which cvc5 decides far faster than the one negated conjunction on the real calendar.
    Each is asked first with the fifth day as any clock (``Config.clock`` "any": more steps than
    the real clock allows, so unsat there is unsat here), then, if need be, on the real calendar.
    With ``any_suppression`` the start and every step keep any persons from becoming Acquiring Persons
    (free Bools): the invariants of the retroactive cure's final run (proofs/cure_check.py).
    """
    z = cvc5_api()

    def suppressed(tag: str) -> list[Any] | None:
        return [z.Bool(f"{tag}_{i}") for i in range(cfg.persons)] if any_suppression else None

    roles, s = fresh_roles(z, cfg), fresh_state(z, cfg, "a")
    base = new_solver(z)
    base.add(*[c.expr for c in initial(z, cfg, roles, s, suppressed("sup0"))])
    if not _unsat(base, z.Not(z.And(*[CANDIDATES[n](z, cfg, roles, s) for n in invariants])), z):
        return False
    steps = []
    for clock in (replace(cfg, clock="any"), cfg):
        e, s2 = fresh_inputs(z, "e"), fresh_state(z, clock, "b")
        step = new_solver(z)
        step.add(*[c.expr for c in transition(z, clock, roles, s, e, s2, suppressed("sup"))])
        step.add(*[CANDIDATES[n](z, clock, roles, s) for n in invariants])
        steps.append((clock, step, s2))
    return all(any(_unsat(step, z.Not(CANDIDATES[n](z, clock, roles, s2)), z) for clock, step, s2 in steps)
               for n in invariants)


def recheck_property(cfg: Config, formula: Formula, invariants: list[str], any_clock: bool = False) -> bool:
    """cvc5 confirms the induction step of a proved property is unsat.

    With ``any_clock`` (allowed once cvc5 has shown the model's fifth day equals the clock the
    properties state in their own words, proofs/independent.py ``clock_agrees``) the step is asked
    first with both as one uninterpreted function: unsat for every clock is unsat for the real one.
    """
    z = cvc5_api()
    for clock in ([replace(cfg, clock="any")] if any_clock else []) + [cfg]:
        solver, st = induction_step(clock, invariants, z)
        if _unsat(solver, z.Not(formula(st)), z):
            return True
    return False
