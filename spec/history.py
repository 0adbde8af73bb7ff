"""A validated history, kept in columns so that a million events take little memory.

Most events of a long history are trades: ``acquire``, ``dispose``, ``option`` (Section
1(d)) and ``tender_offer`` (Section 1(l)), each with a person and a share count.  The log
keeps those as three numbers in typed arrays (a kind code, the person's position among the
declared persons, the shares), about 13 bytes an event, and each run of events on one date
once.  Every other event, and a trade whose share count does not fit 64 bits, is kept whole.
An ``Event`` is built again when one is asked for; the evaluator reads the columns directly
(``Ownership.quiet_trades``).  A validated event object took about 310 bytes.

Past ``CHUNK_EVENTS`` events the log goes to disk: each full chunk of columns (and the
events of that chunk kept whole) is written to an anonymous temporary file and read back a
chunk at a time whenever the history is read again (by the evaluator, and by each replay of
a Section 1(a)(i) cure).  So the memory a history takes no longer grows with its events: a
chunk in memory (about 0.9 MB), the runs of dates (at most one a calendar day) and one small
entry per chunk; the disk takes the 13 bytes an event instead.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain
from typing import Any, NamedTuple, overload

# The kinds kept in columns, by code; code 0 means "kept whole" (``EventLog.whole``).
WHOLE, ACQUIRE, DISPOSE, OPTION, TENDER_OFFER = range(5)
COLUMN_KINDS = ("", "acquire", "dispose", "option", "tender_offer")
KIND_CODE = {name: code for code, name in enumerate(COLUMN_KINDS) if name}

# A share count in a column must fit a signed 64-bit integer; larger ones are kept whole.
COLUMN_LIMIT = 2**63

# Events held in memory before a chunk of the log is written to disk (``EventLog.spill``).
CHUNK_EVENTS = 1 << 16


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


class _Chunk(NamedTuple):
    """Where one chunk of a log lies in its file: its columns, then its events kept whole (pickled)."""

    first: int  # the index of its first event
    count: int  # its events
    at: int  # the file offset of its columns: kind codes, then persons, then shares
    whole: int  # the length in bytes of its events kept whole, right after the columns


_COLUMN_TYPES = ("B", "I", "q")  # kind code, person's position, shares
_ROW_BYTES = sum(array(t).itemsize for t in _COLUMN_TYPES)


class EventLog(Sequence[Event]):
    """The events of a scenario in order: a sequence of ``Event`` stored in columns.

    ``codes``, ``persons`` and ``shares`` hold one entry per event held in memory, events
    ``offset`` onwards (person and shares are 0 for an event kept whole); ``whole`` maps the
    index of each of those kept whole to it.  The first ``offset`` events are on disk, in
    chunks (``spill``); ``columns()`` reads every event's columns in order.  The date of event
    ``i`` is that of the last run starting at or before ``i``.  ``peak`` is set by validation:
    the most the shares outstanding plus every option could reach, which bounds every count
    the evaluator keeps (so it may keep them in 64-bit arrays too).
    """

    __slots__ = ("names", "codes", "persons", "shares", "whole", "run_starts", "run_days", "peak", "_at",
                 "chunk", "offset", "_file", "_chunks", "_loaded")

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
        self.chunk = CHUNK_EVENTS  # events held in memory before they are written to disk
        self.offset = 0  # events on disk
        self._file: Any = None
        self._chunks: list[_Chunk] = []
        self._loaded: tuple[int, dict[int, Event]] = (-1, {})  # the chunk whose events kept whole were read last

    @classmethod
    def of(cls, names: Sequence[str], events: Iterable[Event]) -> EventLog:
        """The log of events given one by one (their indexes must be 0, 1, 2, ...)."""
        log = cls(names)
        for e in events:
            log.append(e)
        return log

    def append(self, e: Event) -> None:
        """Add the next event: in the columns when it is a trade that fits them, else whole."""
        if e.index != len(self):
            raise ValueError(f"event index {e.index} where {len(self)} was next")
        if len(self.codes) >= self.chunk:
            self.spill()
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

    # -- on disk ----------------------------------------------------------------------------
    def spill(self) -> None:
        """Write the events held in memory to the log's file, and empty the columns (in place) and ``whole``."""
        if not self.codes:
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="rightsplan-history-")
        whole = pickle.dumps(self.whole, pickle.HIGHEST_PROTOCOL) if self.whole else b""
        f = self._file
        at = f.seek(0, os.SEEK_END)
        for column in (self.codes, self.persons, self.shares):
            f.write(column.tobytes())
        f.write(whole)
        f.flush()  # read back with os.pread, which does not see the file object's buffer
        self._chunks.append(_Chunk(self.offset, len(self.codes), at, len(whole)))
        self.offset += len(self.codes)
        for column in (self.codes, self.persons, self.shares):
            del column[:]
        self.whole.clear()

    def _read(self, at: int, size: int) -> bytes:
        fd = self._file.fileno()
        parts = []
        while size > 0:
            part = os.pread(fd, size, at)
            if not part:
                raise OSError(f"the history's file ended {size} bytes early")
            parts.append(part)
            at += len(part)
            size -= len(part)
        return b"".join(parts)

    def _chunk_columns(self, k: int) -> Iterator[tuple[int, int, int]]:
        c = self._chunks[k]
        columns, at = [], c.at
        for typecode in _COLUMN_TYPES:
            column = array(typecode)
            size = column.itemsize * c.count
            column.frombytes(self._read(at, size))
            columns.append(column)
            at += size
        return zip(*columns)

    def _chunk_whole(self, k: int) -> dict[int, Event]:
        loaded = self._loaded  # one read of the cache, so that two readers never mix their chunks
        if loaded[0] != k:
            c = self._chunks[k]
            loaded = (k, pickle.loads(self._read(c.at + _ROW_BYTES * c.count, c.whole)) if c.whole else {})
            self._loaded = loaded
        return loaded[1]

    def _chunk_of(self, index: int) -> int:
        return bisect_right([c.first for c in self._chunks], index) - 1

    # -- reading ----------------------------------------------------------------------------
    def columns(self) -> Iterator[tuple[int, int, int]]:
        """(kind code, person's position, shares) of every event in order: the chunks on disk, then memory."""
        return chain.from_iterable(self._column_parts())

    def _column_parts(self) -> Iterator[Iterator[tuple[int, int, int]]]:
        for k in range(len(self._chunks)):
            yield self._chunk_columns(k)
        yield zip(self.codes, self.persons, self.shares)

    def runs(self) -> Iterator[tuple[int, int, date]]:
        """Each run of events on one date: (first index, index after the last, the date)."""
        ends = [*self.run_starts[1:], len(self)]
        return zip(self.run_starts, ends, self.run_days)

    def event(self, index: int, day: date, code: int, person: int, shares: int) -> Event:
        """The event at ``index``, from its columns (or kept whole)."""
        if code == WHOLE:
            return self.whole_event(index)
        return _new_tuple(Event, (index, day, COLUMN_KINDS[code], {"person": self.names[person], "shares": shares}))

    def whole_event(self, index: int) -> Event:
        """The event at ``index``, one kept whole: from memory, or from its chunk on disk."""
        if index >= self.offset:
            return self.whole[index]
        k = self._loaded[0]
        if not (0 <= k < len(self._chunks) and self._chunks[k].first <= index < self._chunks[k].first
                + self._chunks[k].count):
            k = self._chunk_of(index)
        return self._chunk_whole(k)[index]

    def _row(self, i: int) -> tuple[int, int, int]:
        if i >= self.offset:
            j = i - self.offset
            return self.codes[j], self.persons[j], self.shares[j]
        c = self._chunks[self._chunk_of(i)]
        row, at = [], c.at
        for typecode in _COLUMN_TYPES:
            size = array(typecode).itemsize
            row.append(array(typecode, self._read(at + size * (i - c.first), size))[0])
            at += size * c.count
        return row[0], row[1], row[2]

    def select(self, kinds: Collection[str]) -> Iterator[Event]:
        """The events of these kinds, in order (quick when none of them is kept in columns)."""
        if any(k in KIND_CODE for k in kinds):
            return (e for e in self if e.kind in kinds)
        return (e for e in self._all_whole() if e.kind in kinds)

    def _all_whole(self) -> Iterator[Event]:
        for k in range(len(self._chunks)):
            yield from self._chunk_whole(k).values()
        yield from self.whole.values()

    def __len__(self) -> int:
        return self.offset + len(self.codes)

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
        return self.event(i, day, *self._row(i))

    def __iter__(self) -> Iterator[Event]:
        columns = self.columns()
        for first, end, day in self.runs():
            for i in range(first, end):
                yield self.event(i, day, *next(columns))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventLog) and not (self.offset or other.offset):
            return (self.codes == other.codes and self.shares == other.shares and self.run_days == other.run_days
                    and self.run_starts == other.run_starts and self.whole == other.whole
                    and [self.names[p] for p in self.persons] == [other.names[p] for p in other.persons])
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        held = f", {self.offset} of them on disk" if self.offset else ""
        return f"EventLog({len(self)} events{held}, {len(self.whole)} in memory kept whole)"
