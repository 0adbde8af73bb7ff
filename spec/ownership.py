"""Beneficial ownership (Section 1(d)) and the shares-outstanding count (Section 29).

"A Person shall be deemed the "BENEFICIAL OWNER" of ... any securities: (i) which such
Person or any of such Person's Affiliates or Associates beneficially owns ...; (ii) which
such Person or any of such Person's Affiliates or Associates has (A) the right to acquire
... upon the exercise of ... options" (Section 1(d)); "any calculation of the number of
Common Shares outstanding ... shall be made in accordance with the last sentence of Rule
13d-3(d)(1)(i)" (Section 29), which counts a holder's own rights to acquire as outstanding
for that holder only.

A person's Beneficial Ownership is that of its *unit*: the person together with all
its Affiliates and Associates, read transitively (see docs/semantics.md), with every
Walden person in one unit ("collectively, 'Walden'", Section 1(a)).  Percentages are
compared exactly: ``owned * q >= p * denominator`` for a threshold ``p/q``.

The unit index keeps the few units that could be at a threshold in a small set, so an
event never rescans every holder: only a unit at or above the watermark (a share count
at most the lowest threshold times the shares outstanding) can be at 15%.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

from .citations import cite
from .vocabulary import Role

SECTION_BENEFICIAL_OWNER = cite("Section 1(d)")
SECTION_OUTSTANDING = cite("Section 29")


class Ownership:
    """Holdings, options and units of every declared person, and the shares outstanding."""

    def __init__(
        self,
        persons: Mapping[str, Role],
        holdings: Mapping[str, int],
        options: Mapping[str, int],
        groups: Iterable[Iterable[str]],
        outstanding: int,
        floor: Fraction,
    ) -> None:
        self.roles = dict(persons)
        self.held = {p: holdings.get(p, 0) for p in persons}
        self.opts = {p: options.get(p, 0) for p in persons}
        self.outstanding = outstanding
        self._parent = {p: p for p in persons}
        self._members: dict[str, list[str]] = {p: [p] for p in persons}
        self._owned = {p: self.held[p] + self.opts[p] for p in persons}
        self._unit_opts = dict(self.opts)
        self._floor = floor
        self._watermark = 0
        self._big: set[str] = set()
        walden = [p for p, r in persons.items() if r is Role.WALDEN]
        self._walden = walden[0] if walden else None
        self._walden_root: str | None = self._walden  # Walden's unit, kept up to date by join
        self.join(walden)
        for g in groups:
            self.join(list(g))
        self._rebuild()

    # -- units -------------------------------------------------------------------------
    def unit(self, person: str) -> str:
        """The representative of the person's unit."""
        parent = self._parent
        root = person
        while parent[root] != root:
            root = parent[root]
        while parent[person] != root:
            parent[person], person = root, parent[person]
        return root

    def members(self, unit: str) -> list[str]:
        return self._members[unit]

    def owned(self, unit: str) -> int:
        """Shares the unit beneficially owns, rights to acquire included (Section 1(d)(ii)(A))."""
        return self._owned[unit]

    def denominator(self, unit: str) -> int:
        """Shares outstanding for this unit: Rule 13d-3(d)(1)(i) adds its own options only."""
        return self.outstanding + self._unit_opts[unit]

    def fraction(self, unit: str) -> Fraction:
        return Fraction(self._owned[unit], self.denominator(unit))

    def at_least(self, unit: str, threshold: Fraction) -> bool:
        """True when the unit owns ``threshold`` or more of the shares then outstanding."""
        return self._owned[unit] * threshold.denominator >= threshold.numerator * self.denominator(unit)

    def walden_unit(self) -> str | None:
        """The unit of "collectively, 'Walden'" (Section 1(a)), or None when no Walden person is declared."""
        return self.unit(self._walden) if self._walden is not None else None

    def could_reach(self, unit: str) -> bool:
        """False when the unit is certainly below the lowest threshold (under the watermark)."""
        return unit in self._big

    def quiet_change(self, person: str, delta: int, option: bool) -> bool:
        """Apply a change of the person's holding (or options) when its unit stays under the watermark
        and is not Walden's; otherwise change nothing and return False (see ``_Engine._quiet_trade``)."""
        unit = self._parent[person]
        if self._parent[unit] != unit:  # not a root or its child: follow the chain (and compress it)
            unit = self.unit(person)
        owned = self._owned
        before = owned[unit]
        if before + delta >= self._watermark or unit == self._walden_root:
            return False
        owned[unit] = before + delta
        if option:
            self.opts[person] += delta
            self._unit_opts[unit] += delta
        else:
            self.held[person] += delta
        if before >= self._watermark:  # the index holds exactly the units at or above the watermark
            self._big.discard(unit)
        return True

    def candidates(self) -> set[str]:
        """Every unit that could be at the lowest threshold or above (a superset)."""
        return set(self._big)

    # -- changes -----------------------------------------------------------------------
    def _moved(self, unit: str) -> None:
        if self._owned[unit] >= self._watermark:
            self._big.add(unit)
        else:
            self._big.discard(unit)

    def _rebuild(self) -> None:
        """Pick a new watermark at three quarters of the lowest threshold and re-index."""
        self._watermark = int(self._floor * self.outstanding * 3 / 4)
        self._big = {u for u in self._members if self._owned[u] >= self._watermark}

    def _outstanding_changed(self) -> None:
        line = self._floor * self.outstanding
        if line < self._watermark or line > 2 * self._watermark + 1:
            self._rebuild()

    def change_holding(self, person: str, delta: int) -> None:
        self.held[person] += delta
        u = self.unit(person)
        self._owned[u] += delta
        self._moved(u)

    def add_option(self, person: str, shares: int) -> None:
        self.opts[person] += shares
        u = self.unit(person)
        self._owned[u] += shares
        self._unit_opts[u] += shares
        self._moved(u)

    def change_outstanding(self, delta: int) -> None:
        self.outstanding += delta
        self._outstanding_changed()

    def split(self, new: int, old: int) -> None:
        """Scale every holding, option and the outstanding count by new/old (rounded down)."""
        self.held = {p: h * new // old for p, h in self.held.items()}
        self.opts = {p: o * new // old for p, o in self.opts.items()}
        self.outstanding = self.outstanding * new // old
        for u, ms in self._members.items():
            self._owned[u] = sum(self.held[m] + self.opts[m] for m in ms)
            self._unit_opts[u] = sum(self.opts[m] for m in ms)
        self._rebuild()

    def join(self, persons: list[str]) -> list[str]:
        """Merge the units of these persons; returns the units as they were before."""
        units = list(dict.fromkeys(self.unit(p) for p in persons))
        if len(units) < 2:
            return units
        root = max(units, key=lambda u: len(self._members[u]))
        for u in units:
            if u == root:
                continue
            self._parent[u] = root
            self._members[root].extend(self._members.pop(u))
            self._owned[root] += self._owned.pop(u)
            self._unit_opts[root] += self._unit_opts.pop(u)
            self._big.discard(u)
        self._moved(root)
        if self._walden is not None:
            self._walden_root = self.unit(self._walden)
        return units
