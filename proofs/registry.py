"""The registry of properties: each has an id, a plain sentence, its sections, a premise and an expected verdict.

A property of every plan is declared once with ``@prop``: its id and sentence may carry
placeholders filled from the plan's terms (``{threshold}``, ``{holder}``, ...;
proofs/plan_words.py), and ``needs`` names what the plan must have for it to apply (a named
holder with its own threshold, a ratchet, grandfathering, named exempt holders).  The
catalogue is then *rendered for one plan* (``render_for``): ``PROPERTIES`` and ``BY_ID`` hold
the properties that apply, with their sentences in the plan's words and the expected verdict
the plan file gives where it differs (``expected_verdicts:``); ``NOT_APPLICABLE`` the ones
that do not, each with the reason ("the plan has no grandfathering").  The beliefs of one
plan (its summary's words) are added by proofs/beliefs.py from the plan's ``beliefs:``.
Kept apart from the catalogue so that any module can add properties without an import
circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable

from rightsplan.solver.step import Step
from rightsplan.spec.citations import cite
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.terms import PlanTerms

from .plan_words import NEEDS, missing, render

Formula = Callable[[Step], Any]
ENGINES = ("step", "final_view", "final_run")


@dataclass(frozen=True)
class Property:
    id: str
    sentence: str
    sections: tuple[str, ...]
    formula: Formula
    expect: str  # "PROVED" or "COUNTEREXAMPLE"
    when: Formula | None = None  # the premise: must be reachable
    belief: str | None = None  # the summary's words a reader relies on
    readings: dict[str, str] = field(default_factory=dict)
    expect_reason: str = ""  # why the plan expects another verdict than the catalogue does (its terms file)
    template: str = ""  # a belief's formula template (proofs/beliefs.py)
    parameters: dict[str, Any] = field(default_factory=dict)  # the template's parameters, as the plan gives them
    belief_section: str = ""  # where the belief's words are (the plan's summary)
    # "step": a formula over one model step (solver/step.py), decided by verify's induction and bounded search;
    # "final_view" / "final_run": over the retroactive cure's frames (solver/cure.py), decided by proofs/cure_check.py.
    engine: str = "step"

    def holds(self, st: Step) -> Any:
        """The formal statement: premise implies conclusion, at this step."""
        return st.z.Implies(self.when(st), self.formula(st)) if self.when else self.formula(st)


@dataclass(frozen=True)
class Declared:
    """A property of every plan as written: id and sentence with placeholders, and what it needs of a plan."""

    id: str
    sentence: str
    sections: tuple[str, ...]
    formula: Formula
    expect: str
    when: Formula | None
    readings: dict[str, str]
    needs: tuple[str, ...]
    belief: str | None = None
    belief_section: str = ""
    engine: str = "step"


@dataclass(frozen=True)
class NotApplicable:
    """A property of every plan that the plan does not have the parts for: reported, never checked."""

    id: str
    sentence: str
    sections: tuple[str, ...]
    reason: str  # "the plan has no ..."

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "sentence": self.sentence, "sections": list(self.sections),
                "status": "NOT APPLICABLE", "reason": self.reason}


DECLARED: list[Declared] = []
PROPERTIES: list[Property] = []
BY_ID: dict[str, Property] = {}
NOT_APPLICABLE: list[NotApplicable] = []
CURRENT: dict[str, PlanTerms] = {}  # "plan": the plan the catalogue is rendered for


def current_plan() -> PlanTerms:
    """The plan the catalogue is rendered for (the built-in plan until ``render_for`` says otherwise)."""
    if "plan" not in CURRENT:
        from rightsplan.spec.terms import load_plan

        CURRENT["plan"] = load_plan()
    return CURRENT["plan"]


def rendered(d: Declared, plan: PlanTerms) -> Property | NotApplicable:
    """One declared property in the plan's words, or the reason it does not apply."""
    pid, sentence = render(d.id, plan), render(d.sentence, plan)
    why = missing(plan, d.needs)
    if why is not None:
        return NotApplicable(pid, sentence, d.sections, why)
    return Property(pid, sentence, d.sections, d.formula, d.expect, d.when, d.belief, dict(d.readings),
                    belief_section=d.belief_section, engine=d.engine)


def _add(item: Property | NotApplicable) -> None:
    if isinstance(item, NotApplicable):
        NOT_APPLICABLE.append(item)
        return
    if item.id in BY_ID:
        raise ValueError(f"property id {item.id!r} is already in the catalogue")
    BY_ID[item.id] = item
    PROPERTIES.append(item)


def prop(id: str, sentence: str, *, sections: tuple[str, ...], expect: str = "PROVED",
         when: Formula | None = None, readings: dict[str, str] | None = None,
         needs: tuple[str, ...] = (), belief: str | None = None, belief_section: str = "",
         engine: str = "step") -> Callable[[Formula], Formula]:
    """Declare the decorated formula as a property of every plan (placeholders in ``id`` and ``sentence``).

    ``belief``: the operative words a reader relies on, for a property expected to fail (a finding), quoted from
    ``belief_section``; ``engine``: see ``Property``.
    """
    unknown = [n for n in needs if n not in NEEDS]
    if unknown:
        raise ValueError(f"property {id!r}: needs {unknown[0]!r}, expected one of {', '.join(NEEDS)}")
    if engine not in ENGINES:
        raise ValueError(f"property {id!r}: engine {engine!r}, expected one of {', '.join(ENGINES)}")

    def register(formula: Formula) -> Formula:
        if any(d.id == id for d in DECLARED):
            raise ValueError(f"property id {id!r} is already in the catalogue")
        d = Declared(id, sentence, tuple(cite(s) for s in sections), formula, expect, when, readings or {},
                     tuple(needs), belief, belief_section and cite(belief_section), engine)
        DECLARED.append(d)
        if CURRENT:  # declared after the catalogue was rendered (a test, a user's module): render it now
            _add(rendered(d, current_plan()))
        return formula
    return register


def undeclare(pid: str) -> None:
    """Take a property out of the catalogue again (tests that declare a property of their own)."""
    DECLARED[:] = [d for d in DECLARED if render(d.id, current_plan()) != pid]
    PROPERTIES[:] = [p for p in PROPERTIES if p.id != pid]
    BY_ID.pop(pid, None)
    NOT_APPLICABLE[:] = [n for n in NOT_APPLICABLE if n.id != pid]


def render_for(plan: PlanTerms, extra: list[Property]) -> None:
    """Fill PROPERTIES, BY_ID and NOT_APPLICABLE for ``plan``: every declared property, then ``extra`` (beliefs).

    The plan's ``expected_verdicts:`` replace the catalogue's verdict for the ids they name;
    an id the plan's catalogue does not have is refused with its place in the file.
    """
    CURRENT["plan"] = plan
    PROPERTIES.clear()
    BY_ID.clear()
    NOT_APPLICABLE.clear()
    for d in DECLARED:
        _add(rendered(d, plan))
    for p in extra:
        _add(p)
    for pid, override in plan.expected_verdicts.items():
        if pid not in BY_ID:
            na = [n for n in NOT_APPLICABLE if n.id == pid]
            expected = f"not applicable to this plan ({na[0].reason})" if na else \
                "the id of a property of the catalogue under this plan"
            raise ScenarioError(plan.source, override.place, pid, expected)
        p = replace(BY_ID[pid], expect=override.verdict, expect_reason=override.reason)
        BY_ID[pid] = p
        PROPERTIES[[q.id for q in PROPERTIES].index(pid)] = p
