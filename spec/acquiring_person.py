"""Who is an Acquiring Person (Section 1(a)), and when the Triggering Event occurs (1(oo)).

The definition is applied after every event to the units the event could have moved,
in the order docs/semantics.md gives: the persons the definition never reaches, the
threshold (Walden's 20% and its ratchet), grandfathering (1(a)(ii)), the repurchase
carve-out and its deeming rule, then the ordinary rule.  The inadvertence cure
(1(a)(i)) is applied by ``Inadvertence`` when its divestiture completes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .citations import cite
from .inadvertence import Episode, suppressed
from .notes import Note
from .ownership import Ownership
from .terms import PlanTerms
from .vocabulary import Role

S_1A = cite("Section 1(a)")
S_1A_I = cite("Section 1(a)(i)")
S_1A_II = cite("Section 1(a)(ii)")
S_1OO = cite("Section 1(oo)")


@dataclass(frozen=True)
class Change:
    """What one event did to ownership, as the status rules need to know it."""

    index: int | None
    date: date
    kind: str
    additional: frozenset[str]  # persons that became Beneficial Owner of additional Common Shares
    outstanding_before: int
    owned_before: dict[str, int]  # unit -> shares owned before, for units the event touched
    disposers: frozenset[str] = frozenset()  # persons whose unit disposed of shares (Walden ratchet reading)


def pct(x: Fraction) -> str:
    """A percentage for explanations, cut (never rounded up) to four decimals; rules compare exactly."""
    q = x * 100
    cut = Decimal(q.numerator * 10_000 // q.denominator).scaleb(-4)
    exact = cut == Decimal(q.numerator) / Decimal(q.denominator)
    return f"{cut.normalize():f}%" if exact else f"{cut:f}...%"


@dataclass
class Status:
    """The Section 1(a) state: who has become an Acquiring Person, and the protections in force."""

    plan: PlanTerms
    readings: dict[str, str]
    acquiring: dict[str, tuple[date, int | None]] = field(default_factory=dict)
    grandfathered: set[str] = field(default_factory=set)
    shielded: set[str] = field(default_factory=set)
    marked: set[str] = field(default_factory=set)
    walden_has_been_at_15: bool = False
    walden_ratcheted: bool = False
    cured: frozenset[Episode] = frozenset()  # episodes a later cure removes (Section 1(a)(i))
    _noted: set[Episode] = field(default_factory=set)

    def threshold(self, own: Ownership, unit: str) -> Fraction:
        """15%, or Walden's 20% until its ratchet (Section 1(a) first and second provisos)."""
        if unit == own.walden_unit() and not self.walden_ratcheted:
            return self.plan.walden_threshold
        return self.plan.acquiring_person_threshold

    def can_be_acquiring(self, role: Role) -> bool:
        """Section 1(a): "any Person, other than H&Q ..." "but shall not include the Company ..."."""
        return not (role is Role.HQ or role.exempt)

    def track_walden(self, own: Ownership, change: Change) -> list[Note]:
        """Walden's ratchet: after being at 15% or more and then below 15%, its threshold is 15% for good.

        "after Walden has been the Beneficial Owner of 15% or more of the Common Shares then
        outstanding and subsequently becomes the Beneficial Owner of less than 15% ... then,
        from such time on, Walden shall be deemed an Acquiring Person at such time as Walden
        shall be the Beneficial Owner of an aggregate of 15% or more"
        """
        unit = own.walden_unit()
        if unit is None or self.walden_ratcheted:
            return []
        line = self.plan.walden_ratchet_threshold
        if own.at_least(unit, line):
            self.walden_has_been_at_15 = True
            return []
        if not self.walden_has_been_at_15:
            return []
        by_walden = unit in {own.unit(p) for p in change.disposers}
        if self.readings["walden_ratchet_cause"] == "any_cause" or by_walden:
            self.walden_ratcheted = True
            return [Note(change.index, S_1A, f"Walden, having held 15% or more, now holds {pct(own.fraction(unit))}: "
                         "from now on Walden becomes an Acquiring Person at 15%, not 20%.")]
        return []

    def mark_repurchase(self, own: Ownership, unit: str, change: Change) -> list[Note]:
        """Set the carve-out's shield and mark for a unit that a Company repurchase lifted.

        "no Person shall be deemed to be an Acquiring Person as the result of an acquisition of
        Common Shares by the Company which, by reducing the number of shares outstanding,
        increases the proportionate number of shares beneficially owned by such Person to 15%
        or more"; "if a Person shall become the Beneficial Owner of 15% or more ... by reason
        of share purchases by the Company"
        """
        before = Fraction(change.owned_before.get(unit, own.owned(unit)),
                          change.outstanding_before + own.denominator(unit) - own.outstanding)
        thr = self.threshold(own, unit)
        line = self.plan.repurchase_deeming_threshold
        notes = []
        for p in own.members(unit):
            if p in self.acquiring or not self.can_be_acquiring(own.roles[p]):
                continue
            if before < thr and own.at_least(unit, thr):
                self.shielded.add(p)
                notes.append(Note(change.index, S_1A, f"{p} reaches {pct(own.fraction(unit))} only because the Company "
                                  "bought back shares, so it is not an Acquiring Person."))
            if before < line and own.at_least(unit, line):
                self.marked.add(p)
        return notes

    def expire_protections(self, own: Ownership) -> None:
        """End marks below 15% and shields below the threshold, whatever moved the unit (docs/semantics.md)."""
        for p in list(self.marked):
            if not own.at_least(own.unit(p), self.plan.repurchase_deeming_threshold):
                self.marked.discard(p)
        for p in list(self.shielded):
            unit = own.unit(p)
            if not own.at_least(unit, self.threshold(own, unit)):
                self.shielded.discard(p)

    def decide(self, own: Ownership, unit: str, change: Change) -> list[Note]:
        """Apply Section 1(a) to every person of one unit after an event."""
        thr = self.threshold(own, unit)
        notes: list[Note] = []
        for p in own.members(unit):
            if p in self.acquiring or not self.can_be_acquiring(own.roles[p]):
                continue
            reason = self._decide_person(own, unit, p, thr, change)
            episode = suppressed(self.cured, p, change.index) if reason is not None else None
            if episode is not None:
                if episode not in self._noted:
                    self._noted.add(episode)
                    notes.append(Note(change.index, S_1A_I, f"{p} would become an Acquiring Person here, but the Board's "
                                      f"inadvertence determination and its divestiture by event {episode.end + 1} (events[{episode.end}]) mean it "
                                      "is not deemed to be or to have become one."))
                continue
            if reason is not None:
                self.acquiring[p] = (change.date, change.index)
                self.shielded.discard(p)
                self.marked.discard(p)
                notes.append(Note(change.index, reason[0], reason[1]))
        return notes

    def _decide_person(self, own: Ownership, unit: str, p: str, thr: Fraction, change: Change) -> tuple[str, str] | None:
        added = p in change.additional
        low = self.plan.repurchase_deeming_threshold
        if p in self.grandfathered:
            if not (added and own.at_least(unit, self.plan.grandfather_threshold)):
                return None
            self.grandfathered.discard(p)  # "unless and until ... additional Common Shares": protection ends
        if p in self.marked and added:
            deeming = low if self.readings["repurchase_deeming_threshold"] == "literal_15" else thr
            if own.at_least(unit, deeming):
                return S_1A, (f"{p}, lifted to 15% or more by a Company buyback, became the Beneficial Owner of "
                              f"additional Common Shares and holds {pct(own.fraction(unit))}: it is deemed an "
                              "Acquiring Person.")
            self.marked.discard(p)
        if p in self.shielded:
            if not added:
                return None
            self.shielded.discard(p)
        if own.at_least(unit, thr):
            return S_1A, (f"{p} is the Beneficial Owner of {pct(own.fraction(unit))} (threshold {pct(thr)}): "
                          "it becomes an Acquiring Person.")
        return None

    def grandfather(self, own: Ownership, index: int | None) -> list[Note]:
        """Section 1(a)(ii): persons at 15% or more on the agreement date are protected."""
        notes = []
        line = self.plan.grandfather_threshold
        for unit in sorted(own.candidates()):
            if not own.at_least(unit, line):
                continue
            for p in own.members(unit):
                if p not in self.acquiring and self.can_be_acquiring(own.roles[p]):
                    self.grandfathered.add(p)
                    notes.append(Note(index, S_1A_II, f"{p} holds {pct(own.fraction(unit))} on the agreement date: it "
                                      "is not an Acquiring Person unless it acquires additional shares while at 15% or more."))
        return notes

    def would_become(self, own: Ownership, person: str, extra: int) -> bool:
        """Whether the person would be an Acquiring Person after acquiring ``extra`` more shares (1(l)(ii))."""
        if not self.can_be_acquiring(own.roles[person]):
            return False
        if person in self.acquiring:
            return True
        unit = own.unit(person)
        total = Fraction(own.owned(unit) + extra, own.denominator(unit))
        thr = self.threshold(own, unit)
        if person in self.marked and self.readings["repurchase_deeming_threshold"] == "literal_15":
            thr = min(thr, self.plan.repurchase_deeming_threshold)
        return total >= thr
