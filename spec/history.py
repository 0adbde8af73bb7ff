"""A validated history, kept in columns so that a million events take little memory.

Most events of a long history are trades: ``acquire``, ``dispose``, ``option`` (Section
1(d)) and ``tender_offer`` (Section 1(l)), each with a person and a share count.  The log
keeps those as three numbers in typed arrays (a kind code, the person's position among the
declared persons, the shares), about 13 bytes an event, and each run of events on one date
once.  Every other event, and a trade whose share count does not fit 64 bits, is kept whole.
An ``Event`` is built again when one is asked for; the evaluator reads the columns directly
(``Ownership.quiet_trades``).  A validated event object took about 310 bytes.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple, overload

# The kinds kept in columns, by code; code 0 means "kept whole" (``EventLog.whole``).
WHOLE, ACQUIRE, DISPOSE, OPTION, TENDER_OFFER = range(5)
COLUMN_KINDS = ("", "acquire", "dispose", "option", "tender_offer")
KIND_CODE = {name: code for code, name in enumerate(COLUMN_KINDS) if name}

# A share count in a column must fit a signed 64-bit integer; larger ones are kept whole.
COLUMN_LIMIT = 2**63


class _EventTuple(NamedTuple):
    index: int
    date: date
    kind: str
    fields: Mapping[str, Any]


class Event(_EventTuple):
    """One validated event: fields are converted (shares -> int, dates -> date, prices -> Decimal).

    An immutable named tuple rather than a frozen dataclass: it is built several times faster.
    ``event["shares"]`` reads a field by name.
    """

    __slots__ = ()

    def __getitem__(self, name: str) -> Any:  # type: ignore[override]
        return self.fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


_new_tuple = tuple.__new__  # builds an Event without NamedTuple's Python-level __new__


class EventLog(Sequence[Event]):
    """The events of a scenario in order: a sequence of ``Event`` stored in columns.

    ``codes``, ``persons`` and ``shares`` hold one entry per event (person and shares are 0
    for an event kept whole); ``whole`` maps the index of every other event to it; the date
    of event ``i`` is that of the last run starting at or before ``i``.  ``peak`` is set by
    validation: the most the shares outstanding plus every option could reach, which bounds
    every count the evaluator keeps (so it may keep them in 64-bit arrays too).
    """

    __slots__ = ("names", "codes", "persons", "shares", "whole", "run_starts", "run_days", "peak", "_at")

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self.codes = array("B")
        self.persons = array("I")
        self.shares = array("q")
        self.whole: dict[int, Event] = {}
        self.run_starts: list[int] = []
        self.run_days: list[date] = []
        self.peak: int | None = None
        self._at: dict[str, int] | None = None

    @classmethod
    def of(cls, names: Sequence[str], events: Sequence[Event]) -> EventLog:
        """The log of events given one by one (their indexes must be 0, 1, 2, ...)."""
        log = cls(names)
        for e in events:
            log.append(e)
        return log

    def append(self, e: Event) -> None:
        """Add the next event: in the columns when it is a trade that fits them, else whole."""
        if e.index != len(self.codes):
            raise ValueError(f"event index {e.index} where {len(self.codes)} was next")
        if not self.run_days or e.date != self.run_days[-1]:
            self.run_starts.append(e.index)
            self.run_days.append(e.date)
        code = KIND_CODE.get(e.kind, WHOLE)
        shares = e.fields.get("shares", 0)
        if code and e.fields.keys() == {"person", "shares"} and shares < COLUMN_LIMIT:
            if self._at is None:
                self._at = {name: i for i, name in enumerate(self.names)}
            self.codes.append(code)
            self.persons.append(self._at[e.fields["person"]])
            self.shares.append(shares)
            return
        self.codes.append(WHOLE)
        self.persons.append(0)
        self.shares.append(0)
        self.whole[e.index] = e

    def runs(self) -> Iterator[tuple[int, int, date]]:
        """Each run of events on one date: (first index, index after the last, the date)."""
        ends = [*self.run_starts[1:], len(self.codes)]
        return zip(self.run_starts, ends, self.run_days)

    def event(self, index: int, day: date, code: int, person: int, shares: int) -> Event:
        """The event at ``index``, from its columns (or kept whole)."""
        if code == WHOLE:
            return self.whole[index]
        return _new_tuple(Event, (index, day, COLUMN_KINDS[code], {"person": self.names[person], "shares": shares}))

    def select(self, kinds: Collection[str]) -> Iterator[Event]:
        """The events of these kinds, in order (quick when none of them is kept in columns)."""
        if any(k in KIND_CODE for k in kinds):
            return (e for e in self if e.kind in kinds)
        return (e for e in self.whole.values() if e.kind in kinds)

    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, i: int) -> Event: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Event, ...]: ...

    def __getitem__(self, i: int | slice) -> Event | tuple[Event, ...]:
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("event index out of range")
        day = self.run_days[bisect_right(self.run_starts, i) - 1]
        return self.event(i, day, self.codes[i], self.persons[i], self.shares[i])

    def __iter__(self) -> Iterator[Event]:
        columns = zip(self.codes, self.persons, self.shares)
        for first, end, day in self.runs():
            for i in range(first, end):
                yield self.event(i, day, *next(columns))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventLog):
            return (self.codes == other.codes and self.shares == other.shares and self.run_days == other.run_days
                    and self.run_starts == other.run_starts and self.whole == other.whole
                    and [self.names[p] for p in self.persons] == [other.names[p] for p in other.persons])
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"EventLog({len(self)} events, {len(self.whole)} kept whole)"
