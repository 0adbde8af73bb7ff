"""The inadvertent-acquirer cure (Section 1(a)(i)) and its effect on 1(hh).

"if the Company's Board of Directors determines in good faith that a Person who would
otherwise be an "Acquiring Person" ... has become such inadvertently ... and if such Person
divested or divests as promptly as practicable a sufficient number of Common Shares so that
such Person would no longer be an "Acquiring Person," ... then such Person shall not be
deemed to be or to have become an "Acquiring Person" for any purposes of this Agreement"

"As promptly as practicable" is not a number: the deadline is the event's ``divest_by``
date, or the ``prompt_divestiture_days``-th Business Day after the determination (a named
reading switch).  A person already below its threshold when the determination is made
"divested" before it, and is cured at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .citations import cite

S_1A_I = cite("Section 1(a)(i)")


@dataclass(frozen=True)
class Pending:
    person: str
    deadline: date
    index: int


class Inadvertence:
    def __init__(self) -> None:
        self.pending: dict[str, Pending] = {}
        self.cured: dict[str, int] = {}  # person -> index of the determination that cured it

    def determine(self, person: str, deadline: date, index: int) -> None:
        self.pending[person] = Pending(person, deadline, index)

    def due(self, on: date) -> tuple[list[Pending], list[Pending]]:
        """Split the pending determinations into those still open on ``on`` and those whose time ran out."""
        open_, lapsed = [], []
        for p in self.pending.values():
            (open_ if on <= p.deadline else lapsed).append(p)
        for p in lapsed:
            del self.pending[p.person]
        return open_, lapsed

    def cure(self, pending: Pending) -> None:
        del self.pending[pending.person]
        self.cured[pending.person] = pending.index
