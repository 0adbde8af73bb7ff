"""History operators (solver/temporal.py): each one agrees with its definition, and a wrong twin is caught.

Two checks per operator.  On random concrete histories run through the model
(``engines.simulate``), the monitor field after each step equals the value computed in plain
Python over the trace.  And on the symbolic unrolling, the operator's value at step k can
never differ, up to depth 6, from a twin written here by hand straight from the definition
("f at some step j <= k", ...), not from the recurrence the monitor uses; a deliberately
wrong twin (off by one step, or a strict since) is found to differ, so the check can fail.
"""

from __future__ import annotations

import random
from typing import Any, Callable, Iterator

import pytest
import z3

from rightsplan.solver import temporal
from rightsplan.solver.engines import Unrolling, simulate
from rightsplan.solver.model import K, R, Config, fresh_state
from rightsplan.solver.step import Step
from rightsplan.spec.vocabulary import Role

DEPTH = 6


# --- the formulas the operators are tried on: one about the event, one about the state after ---

def acquires(st: Step) -> Any:
    """The event is an acquisition."""
    return st.kind["acquire"]


def first_at_20(st: Step) -> Any:
    """Person 0 holds 20% or more of the outstanding shares after the step (its own shares only)."""
    return 100 * st.s2.held[0] >= 20 * st.s2.outstanding


def py_acquires(event: dict[str, Any], after: dict[str, Any]) -> bool:
    return event["kind"] == K["acquire"]


def py_first_at_20(event: dict[str, Any], after: dict[str, Any]) -> bool:
    return 100 * after["held0"] >= 20 * after["outstanding"]


@pytest.fixture(scope="module")
def ops() -> Iterator[dict[str, temporal.History]]:
    """One history of each kind, declared for these tests only and forgotten afterwards."""
    made = {
        "once": temporal.once(first_at_20, name="test_once_at_20", section="Section 1(a)"),
        "historically": temporal.historically(acquires, name="test_always_acquires", section="Section 1(a)"),
        "since": temporal.since(acquires, first_at_20, name="test_acquires_since_at_20", section="Section 1(a)"),
        "previously": temporal.previously(first_at_20, name="test_previously_at_20", section="Section 1(a)"),
    }
    yield made
    temporal.forget(*made.values())


# --- plain Python over a concrete trace --------------------------------------------------------

def plain(kind: str, f: list[bool], g: list[bool], k: int) -> bool:
    """The operator's value at step k, from the values of f and g at steps 0..k, by its definition."""
    if kind == "once":
        return any(g[: k + 1])
    if kind == "historically":
        return all(f[: k + 1])
    if kind == "since":
        return any(g[j] and all(f[j + 1: k + 1]) for j in range(k + 1))
    return k >= 1 and g[k - 1]


def random_history(rng: random.Random, steps: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A start state and events the scenario format allows: trades, issues and buybacks among three persons."""
    held, outstanding, day = [rng.randint(10, 30), rng.randint(0, 25), 0], 100, 0
    start = {"outstanding": outstanding, **{f"held{i}": h for i, h in enumerate(held)}}
    events = []
    for _ in range(steps):
        person, free = rng.choice([0, 0, 1, 2]), outstanding - sum(held)  # person 0, whom g watches, acts most
        kind = rng.choice(["acquire", "dispose", "issue", "repurchase"] if free > 1 else ["dispose", "issue"])
        if kind == "dispose" and held[person] == 0:
            kind = "issue"
        amount = {"acquire": rng.randint(1, min(free, 30)) if free else 0, "dispose": rng.randint(1, max(1, held[person])),
                  "issue": rng.randint(1, 30), "repurchase": rng.randint(1, max(1, min(free - 1, 30)))}[kind]
        held[person] += {"acquire": amount, "dispose": -amount}.get(kind, 0)
        outstanding += {"issue": amount, "repurchase": -amount}.get(kind, 0)
        day += rng.randint(0, 3)
        events.append({"kind": K[kind], "person": person, "other": (person + 1) % 3, "amount": amount, "day": day,
                       "until": day, "variant": False, "all_rights": False})
    return start, events


Trace = tuple[list[dict[str, Any]], list[dict[str, Any]]]
SEEDS = range(6)


@pytest.fixture(scope="module")
def traces(ops) -> dict[int, Trace]:
    """Six random histories of five events, run through the model once: (events, the state after each)."""
    out = {}
    for seed in SEEDS:
        start, events = random_history(random.Random(seed), 5)
        out[seed] = events, simulate(Config(), [R[Role.ORDINARY]] * 3, start, events)
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_each_monitor_equals_its_value_computed_in_python_on_a_concrete_history(ops, traces, seed: int):
    events, states = traces[seed]
    f = [py_acquires(e, s) for e, s in zip(events, states)]
    g = [py_first_at_20(e, s) for e, s in zip(events, states)]
    for kind, h in ops.items():
        monitor = [bool(s[h.field]) for s in states]  # the field after step k: the value over steps 0..k
        # ... which for "previously" is its value at the next step, k + 1
        expected = [plain(kind, f, g, k + 1 if kind == "previously" else k) for k in range(len(events))]
        assert monitor == expected, (kind, f, g)


# --- twins written by hand over the symbolic unrolling --------------------------------------------

Twin = Callable[[list[Step], int], Any]


def _or(xs: list[Any]) -> Any:
    return z3.Or(*xs) if xs else z3.BoolVal(False)


def _and(xs: list[Any]) -> Any:
    return z3.And(*xs) if xs else z3.BoolVal(True)


TWINS: dict[str, Twin] = {
    "once": lambda steps, k: _or([first_at_20(steps[j]) for j in range(k + 1)]),
    "historically": lambda steps, k: _and([acquires(steps[j]) for j in range(k + 1)]),
    "since": lambda steps, k: _or([z3.And(first_at_20(steps[j]), _and([acquires(steps[m]) for m in range(j + 1, k + 1)]))
                                   for j in range(k + 1)]),
    "previously": lambda steps, k: first_at_20(steps[k - 1]) if k >= 1 else z3.BoolVal(False),
}

WRONG: dict[str, Twin] = {  # each a plausible slip: the check must find where it differs
    "once": lambda steps, k: _or([first_at_20(steps[j]) for j in range(k)]),  # this step left out
    "historically": lambda steps, k: _and([acquires(steps[j]) for j in range(1, k + 1)]),  # the first step left out
    "since": lambda steps, k: _or([z3.And(first_at_20(steps[j]), _and([acquires(steps[m]) for m in range(j, k + 1)]))
                                   for j in range(k + 1)]),  # f also required at g's own step
    "previously": lambda steps, k: first_at_20(steps[k]),  # this step, not the one before
}


@pytest.fixture(scope="module")
def differences(ops) -> dict[tuple[str, str], int | None]:
    """For every operator, where its right twin and its wrong twin first differ from it (one unrolling each)."""
    out: dict[tuple[str, str], int | None] = {}
    u = Unrolling.start(Config())
    steps: list[Step] = []
    for k in range(DEPTH):
        u.extend()
        steps.append(u.step(k))
        for kind, h in ops.items():
            for which, twin in (("right", TWINS[kind]), ("wrong", WRONG[kind])):
                if (kind, which) not in out and u.solver.check(h(steps[k]) != twin(steps, k)) != z3.unsat:
                    out[(kind, which)] = k
    return out


@pytest.mark.parametrize("kind", ["once", "historically", "since", "previously"])
def test_no_history_of_six_steps_separates_the_operator_from_its_hand_written_twin(differences, kind: str):
    assert differences.get((kind, "right")) is None


@pytest.mark.parametrize("kind", ["once", "historically", "since", "previously"])
def test_a_wrong_twin_is_caught_within_six_steps(differences, kind: str):
    assert differences.get((kind, "wrong")) is not None


def test_the_concrete_check_catches_a_wrong_definition(ops, traces):
    """The plain-Python comparison can fail: "once" computed without the current step disagrees on some history."""
    caught = False
    for events, states in traces.values():
        g = [py_first_at_20(e, s) for e, s in zip(events, states)]
        caught |= [bool(s[ops["once"].field]) for s in states] != [any(g[:k]) for k in range(len(events))]
    assert caught


# --- declaring histories ------------------------------------------------------------------------

def test_every_state_gets_a_field_per_declared_history(ops):
    state = fresh_state(z3, Config(), "t")
    assert all(h.field in state.bools for h in ops.values())


def test_a_history_over_a_lambda_needs_a_name():
    with pytest.raises(ValueError, match="expected name="):
        temporal.once(lambda st: st.s2.expired, section="Section 1(q)")


def test_a_name_is_declared_once(ops):
    with pytest.raises(ValueError, match="already declared"):
        temporal.once(first_at_20, name="test_once_at_20", section="Section 1(a)")


def test_a_history_cites_a_known_section():
    with pytest.raises(Exception, match="Section 99"):
        temporal.once(first_at_20, name="test_bad_section", section="Section 99")
    assert "test_bad_section" not in temporal.HISTORIES


def test_forgetting_a_history_removes_its_field():
    h = temporal.once(acquires, name="test_forgotten", section="Section 1(a)")
    temporal.forget(h)
    assert h.field not in fresh_state(z3, Config(), "t").bools
