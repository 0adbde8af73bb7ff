"""The registry of properties: each has an id, a plain sentence, its sections, a premise and an expected verdict.

Catalogue modules register properties with ``@prop``; the checker reads ``PROPERTIES`` and
``BY_ID``.  Kept apart from the catalogue so that any module can add properties without an
import circle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from rightsplan.solver.step import Step
from rightsplan.spec.citations import cite

Formula = Callable[[Step], Any]


@dataclass(frozen=True)
class Property:
    id: str
    sentence: str
    sections: tuple[str, ...]
    formula: Formula
    expect: str  # "PROVED" or "COUNTEREXAMPLE"
    when: Formula | None = None  # the premise: must be reachable
    belief: str | None = None  # the Exhibit C words a reader relies on
    readings: dict[str, str] = field(default_factory=dict)

    def holds(self, st: Step) -> Any:
        """The formal statement: premise implies conclusion, at this step."""
        return st.z.Implies(self.when(st), self.formula(st)) if self.when else self.formula(st)


PROPERTIES: list[Property] = []
BY_ID: dict[str, Property] = {}


def prop(id: str, sentence: str, *, sections: tuple[str, ...], expect: str = "PROVED",
         when: Formula | None = None, belief: str | None = None,
         readings: dict[str, str] | None = None) -> Callable[[Formula], Formula]:
    """Register the decorated formula as a property of the catalogue."""
    def register(formula: Formula) -> Formula:
        if id in BY_ID:
            raise ValueError(f"property id {id!r} is already in the catalogue")
        BY_ID[id] = Property(id, sentence, tuple(cite(s) for s in sections), formula, expect, when, belief,
                             readings or {})
        PROPERTIES.append(BY_ID[id])
        return formula
    return register
