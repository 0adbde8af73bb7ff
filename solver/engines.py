"""Engines: concrete simulation, bounded model checking, Houdini + induction, cvc5 re-check.

Verdicts are never booleans: a property ends PROVED (with the method), BOUNDED(k),
COUNTEREXAMPLE or UNKNOWN (with the solver's reason).  Every solver call has a fixed seed
and a deterministic resource limit (``rlimit``); a timed-out or bounded result is never
called a proof.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable

import z3

from .invariants import CANDIDATES
from .model import Config, Vars, fresh_inputs, fresh_roles, fresh_state
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


def read(model: Any, v: Vars) -> dict[str, int | bool]:
    """The values a model gives a bundle's terms (completed, so every name has one)."""
    out: dict[str, int | bool] = {}
    for name, term in flat(v).items():
        val = model.eval(term, model_completion=True)
        out[name] = z3.is_true(val) if z3.is_bool(val) else val.as_long()
    return out


def pin(v: Vars, values: dict[str, int | bool]) -> list[Any]:
    """Constraints fixing a bundle to given values."""
    terms = flat(v)
    return [terms[name] == val for name, val in values.items() if name in terms]


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

    @classmethod
    def start(cls, cfg: Config, z: ModuleType = z3, window: Callable[[Vars], Any] | None = None,
              rlimit: int = RLIMIT) -> "Unrolling":
        roles, s0 = fresh_roles(z, cfg), fresh_state(z, cfg, "s0")
        solver = new_solver(z, rlimit)
        for c in initial(z, cfg, roles, s0):
            solver.add(c.expr)
        return cls(z, cfg, solver, roles, [s0], [], window)

    def extend(self) -> None:
        k = len(self.inputs)
        e, s2 = fresh_inputs(self.z, f"e{k}"), fresh_state(self.z, self.cfg, f"s{k + 1}")
        for c in transition(self.z, self.cfg, self.roles, self.states[-1], e, s2):
            self.solver.add(c.expr)
        if self.window is not None:
            self.solver.add(self.window(e))
        self.inputs.append(e)
        self.states.append(s2)

    def step(self, k: int) -> Step:
        """The helper view of transition k (0-based) for property formulas."""
        return Step(self.z, self.cfg, self.roles, self.states[k], self.inputs[k], self.states[k + 1])

    def trace(self) -> dict[str, Any]:
        """The current model as plain data: roles, every state and every event's inputs."""
        m = self.solver.model()
        return {"roles": [m.eval(r, model_completion=True).as_long() for r in self.roles],
                "states": [read(m, s) for s in self.states],
                "inputs": [read(m, e) for e in self.inputs]}


def simulate(cfg: Config, roles: list[int], start: dict[str, int | bool],
             events: list[dict[str, int | bool]]) -> list[dict[str, int | bool]]:
    """Run the model on concrete events; one state per event (raises if a step has no successor)."""
    z = z3
    r = fresh_roles(z, cfg)
    s = fresh_state(z, cfg, "s")
    base = [r[i] == roles[i] for i in range(cfg.persons)]
    solver = new_solver(z)
    solver.add(*base, *[c.expr for c in initial(z, cfg, r, s)], *pin(s, start))
    if solver.check() != z3.sat:
        raise ValueError("the start state is not one the model allows")
    current = read(solver.model(), s)
    out = []
    for i, row in enumerate(events):
        e, s2 = fresh_inputs(z, "e"), fresh_state(z, cfg, "t")
        solver = new_solver(z)
        solver.add(*base, *pin(s, current), *pin(e, row))
        solver.add(*[c.expr for c in transition(z, cfg, r, s, e, s2)])
        if solver.check() != z3.sat:
            raise ValueError(f"event {i} is not one the model allows from this state")
        current = read(solver.model(), s2)
        out.append(current)
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
