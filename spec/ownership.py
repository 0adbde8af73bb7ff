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
person of one named holder in one unit (a plan's "collectively", Section 1(a)).  Percentages are
compared exactly: ``owned * q >= p * denominator`` for a threshold ``p/q``.

The unit index keeps the few units that could be at a threshold in a small set, so an
event never rescans every holder: only a unit at or above the watermark (a share count
at most the lowest threshold times the shares outstanding) can be at 15%.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any

from .citations import cite
from .history import ACQUIRE, DISPOSE, OPTION
from .vocabulary import Role

SECTION_BENEFICIAL_OWNER = cite("Section 1(d)")
SECTION_OUTSTANDING = cite("Section 29")


class Ownership:
    """Holdings, options and units of every declared person, and the shares outstanding.

    Persons are kept by position (``names``): holdings, options and each unit's totals are
    arrays indexed by it, 64-bit when ``peak`` says every count fits (``EventLog.peak``), Python
    lists otherwise.  A long history is memory-bound: a random entry of a 100,000-key dict costs
    several times one of an array here (bench/evaluate_bench.py).  Units are named by their root
    person, as the rules of Section 1(a) see them.
    """

    def __init__(
        self,
        persons: Mapping[str, Role],
        holdings: Mapping[str, int],
        options: Mapping[str, int],
        groups: Iterable[Iterable[str]],
        outstanding: int,
        floor: Fraction,
        peak: int | None = None,
        holders: Mapping[str, str] | None = None,
    ) -> None:
        self.roles = dict(persons)
        self.names = list(persons)
        self._at = {p: i for i, p in enumerate(self.names)}
        self._counts: Callable[[list[int]], Any] = (lambda v: array("q", v)) if peak is not None \
            and peak < 2**63 else list
        self.held = self._counts([holdings.get(p, 0) for p in persons])
        self.opts = self._counts([options.get(p, 0) for p in persons])
        self.outstanding = outstanding
        self._parent = self._counts(list(range(len(self.names))))
        self._members: dict[str, list[str]] = {p: [p] for p in persons}
        self._owned = self._counts([h + o for h, o in zip(self.held, self.opts)])
        self._unit_opts = self._counts(list(self.opts))
        self._floor = floor
        self._watermark = 0
        self._big: set[str] = set()
        # The persons of each named holder with its own threshold are one unit ("collectively").
        members: dict[str, list[str]] = {}
        for p, key in (holders or {}).items():
            if persons.get(p) is Role.OWN_THRESHOLD:
                members.setdefault(key, []).append(p)
        self._holder = {key: ps[0] for key, ps in sorted(members.items())}
        self._holder_roots: set[int] = set()  # the units of those holders, kept up to date by join
        for ps in members.values():
            self.join(ps)
        self._track_holders()
        for g in groups:
            self.join(list(g))
        self._rebuild()

    # -- units -------------------------------------------------------------------------
    def _root(self, i: int) -> int:
        """The position of the root of person ``i``'s unit (compressing the path on the way)."""
        parent = self._parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def unit(self, person: str) -> str:
        """The representative of the person's unit."""
        return self.names[self._root(self._at[person])]

    def members(self, unit: str) -> list[str]:
        return self._members[unit]

    def owned(self, unit: str) -> int:
        """Shares the unit beneficially owns, rights to acquire included (Section 1(d)(ii)(A))."""
        return self._owned[self._at[unit]]

    def denominator(self, unit: str) -> int:
        """Shares outstanding for this unit: Rule 13d-3(d)(1)(i) adds its own options only."""
        return self.outstanding + self._unit_opts[self._at[unit]]

    def fraction(self, unit: str) -> Fraction:
        return Fraction(self.owned(unit), self.denominator(unit))

    def at_least(self, unit: str, threshold: Fraction) -> bool:
        """True when the unit owns ``threshold`` or more of the shares then outstanding."""
        return self.owned(unit) * threshold.denominator >= threshold.numerator * self.denominator(unit)

    def holder_units(self) -> dict[str, str]:
        """Each named holder with its own threshold that has declared persons -> its unit."""
        return {key: self.unit(p) for key, p in self._holder.items()}

    def holders_in(self, unit: str) -> list[str]:
        """The named holders (own threshold) whose unit is ``unit``."""
        return [key for key, p in self._holder.items() if self.unit(p) == unit]

    def watched(self, unit: str) -> bool:
        """Whether the unit is a named holder's (a set lookup: ``threshold`` asks it for every unit)."""
        return bool(self._holder_roots) and self._at[unit] in self._holder_roots

    def _track_holders(self) -> None:
        self._holder_roots = {self._root(self._at[p]) for p in self._holder.values()}

    def could_reach(self, unit: str) -> bool:
        """False when the unit is certainly below the lowest threshold (under the watermark)."""
        return unit in self._big

    def holdings(self) -> dict[str, int]:
        """Each person's own shares, by name."""
        return dict(zip(self.names, self.held))

    def options(self) -> dict[str, int]:
        """Each person's own rights to acquire, by name."""
        return dict(zip(self.names, self.opts))

    # -- trades that move no determination -----------------------------------------------
    def quiet_change(self, person: str, delta: int, option: bool) -> bool:
        """Apply a change of the person's holding (or options) when its unit stays under the watermark
        and is not a named holder's; otherwise change nothing and return False (see ``_Engine._quiet_trade``)."""
        code = OPTION if option else ACQUIRE if delta >= 0 else DISPOSE
        return self.quiet_trades(iter([(code, self._at[person], abs(delta))]))[0] == 1

    def quiet_trades(self, trades: Iterator[tuple[int, int, int]]) -> tuple[int, tuple[int, int, int] | None]:
        """Apply trades (kind code, person's position, shares: ``EventLog`` columns) while each is quiet.

        A trade is quiet when it is an acquisition, disposition or option whose unit stays under
        the watermark (below every threshold, so Section 1(a) could act on no unit) and is not
        a named holder's (whose ratchet watches its own holding).  Returns how many were applied and the
        first trade that was not (taken from ``trades`` and not applied), or None when they ran out.
        The loop is most of the time of a long history, so it works on the arrays directly.
        """
        parent, owned, held, opts, unit_opts = self._parent, self._owned, self.held, self.opts, self._unit_opts
        watermark, watched = self._watermark, self._holder_roots
        done = 0
        for code, person, shares in trades:
            if code == DISPOSE:
                delta = -shares
            elif code == ACQUIRE or code == OPTION:
                delta = shares
            else:
                return done, (code, person, shares)
            unit = parent[person]
            if parent[unit] != unit:
                unit = self._root(person)
            before = owned[unit]
            if before + delta >= watermark or unit in watched:
                return done, (code, person, shares)
            owned[unit] = before + delta
            if code == OPTION:
                opts[person] += shares
                unit_opts[unit] += shares
            else:
                held[person] += delta
            if before >= watermark:  # the index holds exactly the units at or above the watermark
                self._big.discard(self.names[unit])
            done += 1
        return done, None

    def quiet_join(self, persons: list[str], keep_apart: Collection[str]) -> bool:
        """Merge the units of these persons when the merged unit stays under the watermark, is not
        a named holder's and holds none of ``keep_apart``; otherwise change nothing and return False."""
        roots = {self._root(self._at[p]) for p in persons}
        if roots & self._holder_roots or sum(self._owned[r] for r in roots) >= self._watermark:
            return False
        groups = [self._members[self.names[r]] for r in roots]
        if sum(map(len, groups)) <= len(keep_apart):  # whichever is fewer: the members, or those kept apart
            apart = any(m in keep_apart for ms in groups for m in ms)
        else:
            apart = any(self._root(self._at[p]) in roots for p in keep_apart)
        if apart:
            return False
        self.join(persons)
        return True

    def candidates(self) -> set[str]:
        """Every unit that could be at the lowest threshold or above (a superset)."""
        return set(self._big)

    # -- changes -----------------------------------------------------------------------
    def _moved(self, unit: str) -> None:
        if self.owned(unit) >= self._watermark:
            self._big.add(unit)
        else:
            self._big.discard(unit)

    def _rebuild(self) -> None:
        """Pick a new watermark at three quarters of the lowest threshold and re-index."""
        self._watermark = int(self._floor * self.outstanding * 3 / 4)
        owned, at, line = self._owned, self._at, self._watermark
        self._big = {u for u in self._members if owned[at[u]] >= line}

    def _outstanding_changed(self) -> None:
        line = self._floor * self.outstanding
        if line < self._watermark or line > 2 * self._watermark + 1:
            self._rebuild()

    def change_holding(self, person: str, delta: int) -> None:
        i = self._at[person]
        self.held[i] += delta
        u = self.unit(person)
        self._owned[self._at[u]] += delta
        self._moved(u)

    def add_option(self, person: str, shares: int) -> None:
        i = self._at[person]
        self.opts[i] += shares
        u = self.unit(person)
        self._owned[self._at[u]] += shares
        self._unit_opts[self._at[u]] += shares
        self._moved(u)

    def change_outstanding(self, delta: int) -> None:
        self.outstanding += delta
        self._outstanding_changed()

    def split(self, new: int, old: int) -> None:
        """Scale every holding, option and the outstanding count by new/old (rounded down)."""
        self.held = self._counts([h * new // old for h in self.held])
        self.opts = self._counts([o * new // old for o in self.opts])
        self.outstanding = self.outstanding * new // old
        for u, ms in self._members.items():
            self._owned[self._at[u]] = sum(self.held[self._at[m]] + self.opts[self._at[m]] for m in ms)
            self._unit_opts[self._at[u]] = sum(self.opts[self._at[m]] for m in ms)
        self._rebuild()

    def join(self, persons: list[str]) -> list[str]:
        """Merge the units of these persons; returns the units as they were before."""
        units = list(dict.fromkeys(self.unit(p) for p in persons))
        if len(units) < 2:
            return units
        root = max(units, key=lambda u: len(self._members[u]))
        r = self._at[root]
        for u in units:
            if u == root:
                continue
            v = self._at[u]
            self._parent[v] = r
            self._members[root].extend(self._members.pop(u))
            self._owned[r], self._owned[v] = self._owned[r] + self._owned[v], 0
            self._unit_opts[r], self._unit_opts[v] = self._unit_opts[r] + self._unit_opts[v], 0
            self._big.discard(u)
        self._moved(root)
        if self._holder:
            self._track_holders()
        return units
