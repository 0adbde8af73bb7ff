"""Who is an Acquiring Person (Section 1(a)), and when the Triggering Event occurs (1(oo)).

The definition is applied after every event to the units the event could have moved,
in the order docs/semantics.md gives: the persons the definition never reaches, the
threshold (a named holder's own threshold and its ratchet), grandfathering (1(a)(ii)),
the repurchase carve-out and its deeming rule, then the ordinary rule.  Every figure and
name comes from the plan's terms (spec/terms.py); the words quoted are the built-in plan's.  The inadvertence cure
(1(a)(i)) is applied by ``Inadvertence`` when its divestiture completes.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import chain

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
    additional: Container[str]  # persons that became Beneficial Owner of additional Common Shares
    outstanding_before: int
    owned_before: dict[str, int]  # unit -> shares owned before, for units the event touched
    disposers: frozenset[str] = frozenset()  # persons whose unit disposed of shares (Walden ratchet reading)


def pct(x: Fraction) -> str:
    """A percentage for explanations, cut (never rounded up) to four decimals; rules compare exactly."""
    q = x * 100
    cut = Decimal(q.numerator * 10_000 // q.denominator).scaleb(-4)
    exact = cut == Decimal(q.numerator) / Decimal(q.denominator)
    return f"{cut.normalize():f}%" if exact else f"{cut:f}...%"


def lowest_line(plan: PlanTerms) -> Fraction:
    """The lowest percentage any rule of Section 1(a) compares a holding with (the ownership index's floor)."""
    lines = [plan.acquiring_person_threshold, plan.repurchase_deeming_threshold]
    if plan.grandfathering is not None:
        lines.append(plan.grandfathering.threshold.value)
    for h in plan.own_threshold_holders():
        lines += [part.value for part in (h.threshold, h.ratchet) if part is not None]
    return min(lines)


@dataclass
class Status:
    """The Section 1(a) state: who has become an Acquiring Person, and the protections in force."""

    plan: PlanTerms
    readings: dict[str, str]
    acquiring: dict[str, tuple[date, int | None]] = field(default_factory=dict)
    grandfathered: set[str] = field(default_factory=set)
    shielded: set[str] = field(default_factory=set)
    marked: set[str] = field(default_factory=set)
    has_been_at_ratchet: set[str] = field(default_factory=set)  # named holders that have held their ratchet line
    ratcheted: set[str] = field(default_factory=set)  # named holders whose ratchet has taken effect
    grandfather_base: dict[str, Fraction] = field(default_factory=dict)  # unit shares on the date, exact after splits
    grandfather_base_pct: dict[str, Fraction] = field(default_factory=dict)
    cured: frozenset[Episode] = frozenset()  # episodes a later cure removes (Section 1(a)(i))
    _noted: set[Episode] = field(default_factory=set)
    _open: dict[str, tuple[int, list[str]]] = field(default_factory=dict)  # see ``_undecided``

    def holder_threshold(self, key: str) -> Fraction:
        """A named holder's own threshold, or its ratchet line once the ratchet has taken effect."""
        h = self.plan.holders[key]
        return h.ratchet.value if key in self.ratcheted and h.ratchet is not None else h.threshold.value

    def threshold(self, own: Ownership, unit: str) -> Fraction:
        """The plan's threshold, or a named holder's own (Section 1(a) first and second provisos).

        "Walden ... shall not be deemed an "Acquiring Person" until such time as Walden shall
        be the Beneficial Owner of an aggregate of 20% or more"; with two such holders in one
        unit, the lower threshold.
        """
        keys = own.holders_in(unit) if own.watched(unit) else ()
        if keys:
            return min(self.holder_threshold(k) for k in keys)
        return self.plan.acquiring_person_threshold

    def can_be_acquiring(self, role: Role) -> bool:
        """Section 1(a): "any Person, other than H&Q ..." "but shall not include the Company ..."."""
        return not (role is Role.NAMED_EXEMPT or role.exempt)

    def track_ratchets(self, own: Ownership, change: Change) -> list[Note]:
        """A named holder's ratchet: after being at its ratchet line and then below it, that line is its threshold.

        "after Walden has been the Beneficial Owner of 15% or more of the Common Shares then
        outstanding and subsequently becomes the Beneficial Owner of less than 15% ... then,
        from such time on, Walden shall be deemed an Acquiring Person at such time as Walden
        shall be the Beneficial Owner of an aggregate of 15% or more"
        """
        notes: list[Note] = []
        for key, unit in own.holder_units().items():
            holder = self.plan.holders[key]
            if holder.ratchet is None or key in self.ratcheted:
                continue
            line = holder.ratchet.value
            if own.at_least(unit, line):
                self.has_been_at_ratchet.add(key)
                continue
            if key not in self.has_been_at_ratchet:
                continue
            by_holder = unit in {own.unit(p) for p in change.disposers}
            if self.readings["walden_ratchet_cause"] == "any_cause" or by_holder:
                self.ratcheted.add(key)
                notes.append(Note(change.index, holder.ratchet.section,
                                  f"{holder.name}, having held {pct(line)} or more, now holds {pct(own.fraction(unit))}: "
                                  f"from now on {holder.name} becomes an Acquiring Person at {pct(line)}, not "
                                  f"{pct(holder.threshold.value)}."))
        return notes

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
        if not own.at_least(unit, min(thr, line)):
            return notes  # below both lines, so the loop below would change nothing (a group may be thousands)
        for p in self._undecided(own, unit):
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
        """End marks below the deeming line and shields below the threshold, whatever moved the unit (docs/semantics.md)."""
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
        if not own.at_least(unit, thr) and not self._protected(own, unit):
            return notes  # below its threshold, nobody protected: ``_decide_person`` would return None for each
        for p in self._undecided(own, unit):
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

    def _protected(self, own: Ownership, unit: str) -> bool:
        """Whether a member of the unit is grandfathered, marked or shielded: the rules that act below the threshold."""
        return any(own.unit(p) == unit for kept in (self.grandfathered, self.marked, self.shielded) for p in kept)

    def _undecided(self, own: Ownership, unit: str) -> list[str]:
        """The members of the unit, in their order, that are not Acquiring Persons and can become one.

        Kept per unit and brought up to date from the members added since: a unit's member list
        only grows at its end, and a unit that joins a larger one is never a unit again
        (``Ownership.join``).  So a group of thousands, all Acquiring Persons, is not walked again
        after every event.  ``forget`` drops what is kept, as a cured person may become one again.
        """
        members = own.members(unit)
        seen, kept = self._open.get(unit, (0, []))
        kept = [p for p in chain(kept, members[seen:]) if p not in self.acquiring and self.can_be_acquiring(own.roles[p])]
        self._open[unit] = (len(members), kept)
        return kept

    def forget(self, person: str) -> None:
        """A cured person is not an Acquiring Person (Section 1(a)(i)); it may become one again later."""
        del self.acquiring[person]
        self._open.clear()

    def _decide_person(self, own: Ownership, unit: str, p: str, thr: Fraction, change: Change) -> tuple[str, str] | None:
        added = p in change.additional
        low = self.plan.repurchase_deeming_threshold
        if p in self.grandfathered:
            if not (added and self._beyond_allowance(own, unit, p)):
                return None
            self.grandfathered.discard(p)  # "unless and until ... additional Common Shares": protection ends
            g = self.plan.grandfathering
            if g is not None and g.allowance.value > 0 and own.at_least(unit, thr):
                gained = self._since_grandfathering(own, unit, p)
                if self.readings["grandfather_allowance_measure"] == "percentage_points":
                    grew = (f"its holding has risen by {pct(gained)} of the shares outstanding since the "
                            f"grandfathering date, at least the allowance of {pct(g.allowance.value)}")
                else:
                    whole, part = divmod(gained, 1)
                    shown = f"{int(whole):,}" + (f" {part}" if part else "")
                    grew = (f"it has acquired {shown} additional shares since the grandfathering date, at least "
                            f"{pct(g.allowance.value)} of the shares outstanding")
                return g.allowance.section, (f"{p}, grandfathered: {grew}; it holds {pct(own.fraction(unit))} "
                                             f"(threshold {pct(thr)}) and becomes an Acquiring Person.")
        if p in self.marked and added:
            deeming = low if self.readings["repurchase_deeming_threshold"] == "literal_15" else thr
            if own.at_least(unit, deeming):
                return S_1A, (f"{p}, lifted to {pct(low)} or more by a Company buyback, became the Beneficial Owner of "
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

    def _beyond_allowance(self, own: Ownership, unit: str, p: str) -> bool:
        """Whether a grandfathered person's acquisition ends its protection (Section 1(a)(ii)).

        "unless and until such time as such Person shall become the Beneficial Owner of
        additional Common Shares ..., unless, upon becoming the Beneficial Owner of such
        additional Common Shares, such Person is not then the Beneficial Owner of 15% or more";
        a plan with an allowance ends it only when the additional shares reach the allowance
        (e.g. "additional shares ... representing one-half of one percent (0.5%) or more of the
        shares of Common Stock then outstanding"): measured as reading
        ``grandfather_allowance_measure`` says.
        """
        g = self.plan.grandfathering
        if g is None or not own.at_least(unit, g.threshold.value):
            return False
        allowance = g.allowance.value
        if allowance == 0:
            return True
        gained = self._since_grandfathering(own, unit, p)
        if self.readings["grandfather_allowance_measure"] == "percentage_points":
            return gained >= allowance
        return gained * allowance.denominator >= allowance.numerator * own.denominator(unit)

    def _since_grandfathering(self, own: Ownership, unit: str, p: str) -> Fraction:
        """What the person has added since the grandfathering date, in the reading's measure.

        ``net_shares``: shares owned now less shares owned on the date (rescaled by splits);
        ``percentage_points``: the percentage owned now less the percentage on the date.
        """
        if self.readings["grandfather_allowance_measure"] == "percentage_points":
            return own.fraction(unit) - self.grandfather_base_pct.get(p, Fraction(0))
        return own.owned(unit) - self.grandfather_base.get(p, Fraction(0))

    def rescale(self, new: int, old: int) -> None:
        """A split changes the shares owned on the grandfathering date in the same ratio (Section 11(n)).

        Exactly: the holding on that date need not divide by the ratio (only the holdings at the split
        must), and the agreement gives no rounding rule, so 600,000 2/3 post-split shares stay that.
        """
        self.grandfather_base = {p: Fraction(v * new, old) for p, v in self.grandfather_base.items()}

    def protect(self, own: Ownership, p: str) -> None:
        """Grandfather one person, remembering what its unit owns now: the allowance counts from there."""
        unit = own.unit(p)
        self.grandfathered.add(p)
        self.grandfather_base[p] = Fraction(own.owned(unit))
        self.grandfather_base_pct[p] = own.fraction(unit)

    def grandfather(self, own: Ownership, index: int | None) -> list[Note]:
        """Section 1(a)(ii): persons at the threshold on the grandfathering date are protected."""
        g = self.plan.grandfathering
        if g is None:
            return []
        notes = []
        line = g.threshold.value
        allowance = g.allowance.value
        until = ("it acquires additional shares while at " + pct(line) + " or more" if allowance == 0 else
                 f"it acquires additional shares of {pct(allowance)} or more of the shares then outstanding")
        for unit in sorted(own.candidates()):
            if not own.at_least(unit, line):
                continue
            for p in own.members(unit):
                if p not in self.acquiring and self.can_be_acquiring(own.roles[p]):
                    self.protect(own, p)
                    when = f"at the Close of Business on {g.day}" if g.at_close else \
                        "on the agreement date" if g.day == self.plan.agreement_date else f"on {g.day}"
                    notes.append(Note(index, g.date.section, f"{p} holds {pct(own.fraction(unit))} {when}: it is "
                                      f"not an Acquiring Person unless {until}."))
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
