"""The property catalogue: what a plan guarantees, and what readers of its summary assume it does.

Two kinds of property.  *Properties of every plan* live in ``proofs/properties/``, one module
per part of the agreement (``acquiring_person``, ``named_holder`` -- the named holder with its own
threshold --, ``inadvertence``, ``triggering_event``, ``distribution_date``, ``redemption``,
``exchange``, ``expiration``, ``void_rights``), and in their own words in
``proofs/independent.py``: each is one function over a model step ``st`` (state ``st.s``,
event ``st.e``, next state ``st.s2``) that must be true at every step of every history, with
an id and a sentence templated from the plan's terms and, where it needs one, the part of a
plan it is about (a named holder, a ratchet, grandfathering); a plan without that part
reports it "not applicable".  *The beliefs of one plan* are data in its terms file
(``beliefs:``), each checked by a formula template of ``proofs/beliefs.py``; where the
operative text does not support a belief the checker must find the counterexample -- a
finding for counsel, not a failure.

Importing this module declares them all and renders the catalogue for the built-in plan;
``use_plan`` renders it for another.  Write formulas with ``z = st.z`` (never ``import z3``)
so cvc5 can re-check them.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from rightsplan.spec.terms import PlanTerms, load_plan

# Importing them declares their properties, the provisions' first, then the ones in their own words.
from . import properties  # noqa: F401  isort: skip
from . import independent  # noqa: F401  isort: skip
from .beliefs import beliefs_of
from .registry import BY_ID, CURRENT, NOT_APPLICABLE, PROPERTIES, Formula, NotApplicable, Property, current_plan, \
    prop, render_for


def use_plan(plan: PlanTerms | str | Path | None = None) -> PlanTerms:
    """Render the catalogue for ``plan`` (a loaded plan, a shipped plan's name or a terms file; default built-in).

    Refuses (ScenarioError, naming the file, the place and the value) a belief whose template,
    parameters or expected verdict the catalogue cannot use.
    """
    terms = plan if isinstance(plan, PlanTerms) else load_plan(plan) if plan is not None else load_plan()
    render_for(terms, beliefs_of(terms))
    return terms


@contextmanager
def kept() -> Iterator[None]:
    """The catalogue as it is on entry, put back on leaving: a run's plan and run-wide readings end with the run.

    ``rightsplan verify`` renders the catalogue for its ``--plan`` and writes its ``--reading``
    values into every property; in a process that goes on (the tests, a user's session calling
    ``verify.main``), the next check would otherwise inherit them.
    """
    saved = dict(CURRENT), list(PROPERTIES), dict(BY_ID), list(NOT_APPLICABLE)
    try:
        yield
    finally:
        for target, value in zip((CURRENT, PROPERTIES, BY_ID, NOT_APPLICABLE), saved):
            target.clear()
            target.update(value) if isinstance(target, dict) else target.extend(value)


use_plan()

__all__ = ["BY_ID", "NOT_APPLICABLE", "PROPERTIES", "Formula", "NotApplicable", "Property", "current_plan", "kept",
           "prop", "use_plan"]
