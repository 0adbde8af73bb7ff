"""The inadvertent-acquirer cure (Section 1(a)(i)) and its effect on 1(hh).

"if the Company's Board of Directors determines in good faith that a Person who would
otherwise be an "Acquiring Person" ... has become such inadvertently ... and if such Person
divested or divests as promptly as practicable a sufficient number of Common Shares so that
such Person would no longer be an "Acquiring Person," ... then such Person shall not be
deemed to be or to have become an "Acquiring Person" for any purposes of this Agreement"

A cure is retroactive ("for any purposes"): under the default reading ``all_purposes`` the
evaluator replays the history with each cured episode suppressed, so that a board action
taken meanwhile is judged as if the person had never become an Acquiring Person.

"As promptly as practicable" is not a number: the deadline is the event's ``divest_by``
date, or the ``prompt_divestiture_days``-th Business Day after the determination (a named
reading switch).  A person already below its threshold when the determination is made
"divested" before it, and is cured at once.

Under ``inadvertence_divestiture: own_disposition`` "divests ... a sufficient number of
Common Shares" means the unit owns fewer shares than when its person crossed.  That
crossing amount is kept in the shares of the day: a split or reverse split (Section 11(n):
"subdivide the outstanding Common Shares" or "combine the outstanding Common Shares ... into
a smaller number of Common Shares") turns each old share into new/old shares, so the amount
is scaled by exactly new/old, as every holding is.  Without it a holder that never sold
would be "cured" by a reverse split, and one that did sell after a split would not be.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .citations import cite

S_1A_I = cite("Section 1(a)(i)")


@dataclass(frozen=True)
class Episode:
    """A cured episode: the person is not deemed an Acquiring Person from event ``start`` to ``end``."""

    person: str
    start: int  # index of the event at which it became an Acquiring Person (-1: the start state)
    end: int  # index of the event at which the cure completed


@dataclass(frozen=True)
class Pending:
    person: str
    deadline: date
    index: int


class Inadvertence:
    def __init__(self) -> None:
        self.pending: dict[str, Pending] = {}
        self.cured: dict[str, int] = {}  # person -> index of the determination that cured it
        self.episodes: set[Episode] = set()
        self.owned_at_crossing: dict[str, Fraction] = {}  # person -> its unit's shares when it crossed, in today's shares

    def crossed(self, person: str, owned: int) -> None:
        """Remember what the person's unit owned when the person became an Acquiring Person."""
        self.owned_at_crossing[person] = Fraction(owned)

    def rescale(self, new: int, old: int) -> None:
        """Section 11(n): after a split of new for old, each share owned at crossing counts as new/old shares.

        "(B) subdivide the outstanding Common Shares, (C) combine the outstanding Common Shares
        (by reverse stock split or otherwise) into a smaller number of Common Shares"
        """
        ratio = Fraction(new, old)
        self.owned_at_crossing = {p: owned * ratio for p, owned in self.owned_at_crossing.items()}

    def divested(self, person: str, owned: int) -> bool:
        """Whether the unit now owns fewer shares than at crossing (1(a)(i): "divested or divests ... a
        sufficient number of Common Shares"); owning exactly the crossing amount is not fewer."""
        return owned < self.owned_at_crossing.get(person, Fraction(0))

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

    def cure(self, pending: Pending, became_at: int | None, cured_at: int) -> None:
        del self.pending[pending.person]
        self.cured[pending.person] = pending.index
        self.episodes.add(Episode(pending.person, -1 if became_at is None else became_at, cured_at))


def suppressed(episodes: frozenset[Episode], person: str, index: int | None) -> Episode | None:
    """The cured episode that covers this person at this event, if any."""
    i = -1 if index is None else index
    for ep in episodes:
        if ep.person == person and ep.start <= i <= ep.end:
            return ep
    return None
