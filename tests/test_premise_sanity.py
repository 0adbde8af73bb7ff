"""Sanity beyond vacuity: a proof that does not use (part of) its premise is flagged.

"An employee plan's acquisition never starts the tender-offer clock" is proved, but because no
acquisition by anyone starts it: the plan role and the person are irrelevant parts of the
premise.  "H&Q is never an Acquiring Person when it holds 15%" is proved without the premise at
all.  The checker must say both; and an invariant that holds of every state is reported as true
by definition.
"""

from __future__ import annotations

from typing import Any

import pytest

from rightsplan.proofs.catalogue import BY_ID
from rightsplan.solver.engines import conclusion_alone, houdini, induction, unused_conjuncts, valid_alone
from rightsplan.solver.model import Config
from rightsplan.spec.vocabulary import Role


@pytest.fixture(scope="module")
def invariants() -> list[str]:
    return houdini(Config())


def _plan_acquires(st: Any) -> Any:
    return st.z.And(st.kind["acquire"], st.role(0, Role.EMPLOYEE_PLAN), st.e.person == 0)


def _no_tender_clock_moves(st: Any) -> Any:
    return st.z.And(st.s2.has_tender_clause == st.s.has_tender_clause, st.s2.distribution_by_tender_offer == st.s.distribution_by_tender_offer)


def test_the_irrelevant_parts_of_a_premise_are_named(invariants: list[str]) -> None:
    unused = unused_conjuncts(Config(), _plan_acquires, _no_tender_clock_moves, invariants)
    assert unused == ["Or(role0 == 3)", "e.person == 0"]


def test_a_premise_every_part_of_which_is_needed_is_not_flagged(invariants: list[str]) -> None:
    def announced_acquirer(st: Any) -> Any:
        return st.z.And(st.live, st.kind["announce"], st.e.person == 0, st.s2.acquiring[0])

    def announced(st: Any) -> Any:
        return st.s2.announced[0]

    proved, _ = induction(Config(), lambda st: st.z.Implies(announced_acquirer(st), announced(st)), invariants)
    assert proved == "unsat"
    assert not conclusion_alone(Config(), announced, invariants)
    assert unused_conjuncts(Config(), announced_acquirer, announced, invariants) == []
    # A part added for nothing is caught: the person's holdings being non-negative is always so.
    padded = lambda st: st.z.And(announced_acquirer(st), st.s.held[1] >= 0)  # noqa: E731
    assert unused_conjuncts(Config(), padded, announced, invariants) == ["a.held1 >= 0"]


def test_a_conclusion_true_at_every_step_makes_the_premise_unused(invariants: list[str]) -> None:
    assert conclusion_alone(Config(), BY_ID["hq_never_acquiring"].formula, invariants)
    assert not conclusion_alone(Config(), _no_tender_clock_moves, invariants)


def test_invariants_true_by_definition_are_reported(invariants: list[str]) -> None:
    assert valid_alone(Config(), invariants) == ["deadline_not_after_final"]
