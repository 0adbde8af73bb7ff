"""Loading and validating scenarios (the public contract, ../shared/scenario-format.md).

A malformed scenario is rejected here, before evaluation, with a ``ScenarioError``
that names the file, the place (``events[3].shares``, with its line and column when
the file was YAML), the value and what was expected.  Every problem is reported at
once, up to ``ERROR_LIMIT`` of them (then "... and N more"); nothing is half-evaluated.
The JSON Schema in docs/scenario-schema.json is generated from the same tables
(``rightsplan.spec.scenario_schema``).
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from .calendar import BusinessCalendar
from .errors import ERROR_LIMIT, ScenarioError, ScenarioErrors, UnreadableFileError
from .history import ACQUIRE, COLUMN_LIMIT, DISPOSE, KIND_CODE, OPTION, TENDER_OFFER, WHOLE, Event, EventLog
from .terms import BUILTIN_PLAN, PlanTerms, load_plan
from .vocabulary import DEFAULT_READINGS, EVENT_KINDS, READINGS, Field, Role
from .yamlio import (MAX_DIGITS, MAX_EXPONENT, JsonEvents, NotStreamable, Positions, date_problem, load_document,
                     max_input_bytes, stream_json_document)

# The scenario's dates must fall inside the Business-Day calendar (Section 1(e)).
CALENDAR_FIRST = BusinessCalendar.FIRST
CALENDAR_LAST = BusinessCalendar.LAST

TOP_LEVEL = {
    "plan", "interpretation", "start", "outstanding", "persons", "holdings", "groups", "prices", "events",
    # documented extensions
    "description", "expect", "grandfathered", "options",
}

# Share counts, ratios and prices are written with at most this many digits (yamlio.MAX_DIGITS).
NUMBER_BOUND = 10**MAX_DIGITS

# Each event kind's fields by name, looked up once per event rather than rebuilt.
_FIELDS: dict[str, dict[str, Field]] = {k.name: {f.name: f for f in k.fields} for k in EVENT_KINDS.values()}


@dataclass(frozen=True)
class Scenario:
    source: str
    plan: PlanTerms
    readings: Mapping[str, str]
    start: date
    outstanding: int
    persons: Mapping[str, Role]
    holdings: Mapping[str, int]
    options: Mapping[str, int]
    groups: tuple[tuple[str, ...], ...]
    prices: Mapping[date, Decimal]
    events: EventLog  # a Sequence[Event], kept in columns (spec/history.py)
    grandfathered: frozenset[str] | None = None
    description: str | None = None
    expect: Mapping[str, Any] | None = field(default=None, compare=False)
    holders: Mapping[str, str] = field(default_factory=dict)  # person -> the plan's named holder key


def _enclosing(place: str) -> str:
    """``events[3].shares`` -> ``events[3]`` -> ``events`` -> ``""``."""
    cut_at = max(place.rfind("."), place.rfind("["))
    return place[:cut_at] if cut_at > 0 else ""


class _Checker:
    """Field-level validation with the file name at hand; collects every problem it is told of."""

    def __init__(self, source: str, positions: Positions | None = None):
        self.source = source
        self.persons: Mapping[str, Role] = {}
        self.positions = positions or {}
        self.errors: list[ScenarioError] = []
        self.total = 0
        self._dates: dict[str, date] = {}

    def fail(self, place: str, value: Any, expected: str, section: str | None = None) -> ScenarioError:
        where = place
        while where and where not in self.positions:
            where = _enclosing(where)
        return ScenarioError(self.source, place, value, expected, section, self.positions.get(where))

    def note(self, error: ScenarioError) -> None:
        self.total += 1
        if len(self.errors) < ERROR_LIMIT:
            self.errors.append(error)

    def attempt(self, check: Callable[..., Any], *args: Any, default: Any = None) -> Any:
        """Run one check; a problem is noted (not raised) and ``default`` stands in for the value."""
        try:
            return check(*args)
        except ScenarioError as error:
            self.note(error)
            return default

    def raise_noted(self) -> None:
        if self.total == 1:
            raise self.errors[0]
        if self.total:
            raise ScenarioErrors(self.errors, self.total)

    def date(self, place: str, value: Any) -> date:
        if type(value) is str:
            known = self._dates.get(value)
            if known is not None:
                return known
            problem = date_problem(value)
            if problem:
                raise self.fail(place, value, problem)
            year, month, day = (int(p) for p in value.split("-"))
            parsed = self._in_calendar(place, date(year, month, day))
            self._dates[value] = parsed
            return parsed
        if isinstance(value, datetime):
            raise self.fail(place, value.isoformat(), "an ISO date without a time, such as 2003-06-02")
        if not isinstance(value, date):
            raise self.fail(place, value, "an ISO date such as 2003-06-02")
        return self._in_calendar(place, value)

    def _in_calendar(self, place: str, value: date) -> date:
        if not CALENDAR_FIRST <= value <= CALENDAR_LAST:
            raise self.fail(place, value.isoformat(), f"a date between {CALENDAR_FIRST} and {CALENDAR_LAST}")
        return value

    def integer(self, place: str, value: Any, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(place, value, f"an integer >= {minimum}")
        if value >= NUMBER_BOUND:
            raise self.fail(place, value, f"an integer of at most {MAX_DIGITS} digits")
        return value

    def price(self, place: str, value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)) or len(str(value)) > 2 * MAX_DIGITS:
            raise self.fail(place, value, "a decimal price > 0")
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(place, value, "a decimal price > 0") from None
        if not d.is_finite() or d <= 0 or abs(d.as_tuple().exponent) > MAX_EXPONENT or d >= NUMBER_BOUND:
            raise self.fail(place, value, f"a decimal price > 0, below 10^{MAX_DIGITS}, to at most {MAX_EXPONENT} places")
        return d

    def portion(self, place: str, value: Any) -> Fraction:
        expected = "a fraction 0 < portion <= 1, such as 0.5 or 1/2"
        if isinstance(value, bool) or len(str(value)) > 2 * MAX_DIGITS:
            raise self.fail(place, value, expected)
        try:
            p = Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            raise self.fail(place, value, expected) from None
        if not 0 < p <= 1:
            raise self.fail(place, value, expected)
        return p

    def person(self, place: str, value: Any) -> str:
        if not isinstance(value, str) or value not in self.persons:
            raise self.fail(place, value, "a person declared under persons")
        return value

    def persons_list(self, place: str, value: Any, minimum: int) -> tuple[str, ...]:
        if not isinstance(value, list) or len(value) < minimum:
            raise self.fail(place, value, f"a list of at least {minimum} declared persons")
        names = tuple(self.person(f"{place}[{i}]", v) for i, v in enumerate(value))
        if len(set(names)) != len(names):
            raise self.fail(place, value, "distinct persons")
        return names

    def mapping(self, place: str, value: Any) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(place, value, "a mapping")
        return value

    def text(self, place: str, value: Any) -> str:
        if not isinstance(value, str):
            raise self.fail(place, value, "text")
        return value

    def field(self, place: str, spec: Field, value: Any) -> Any:
        kind = spec.kind
        if kind in ("shares", "ratio_int"):
            return self.integer(place, value, 1)
        if kind == "person":
            return self.person(place, value)
        if kind == "persons":
            return self.persons_list(place, value, 2)
        if kind == "date":
            return self.date(place, value)
        if kind == "price":
            return self.price(place, value)
        if kind == "portion":
            return self.portion(place, value)
        if kind == "choice":
            if not isinstance(value, str) or value not in spec.choices:
                raise self.fail(place, value, "one of " + ", ".join(spec.choices))
            return value
        return self.text(place, value)


def _reading(chk: _Checker, name: Any, value: Any) -> str:
    if name not in READINGS:
        raise chk.fail(f"interpretation.{name}", name, "one of " + ", ".join(sorted(READINGS)))
    # A switch's choices are words; YAML and JSON may write "10" as a number.
    text = str(value) if type(value) is int else value
    if text not in READINGS[name].choices:
        expected = "one of " + ", ".join(READINGS[name].choices)
        raise chk.fail(f"interpretation.{name}", value, expected, READINGS[name].section)
    return text


def _readings(chk: _Checker, raw: Any) -> dict[str, str]:
    chosen = dict(DEFAULT_READINGS)
    for name, value in chk.attempt(chk.mapping, "interpretation", raw, default={}).items():
        text = chk.attempt(_reading, chk, name, value)
        if text is not None:
            chosen[name] = text
    return chosen


def _role(chk: _Checker, plan: PlanTerms, name: Any, spec: Any) -> tuple[Role, str | None]:
    if not isinstance(name, str) or not name:
        raise chk.fail(f"persons.{name}", name, "person names that are non-empty strings")
    spec = chk.mapping(f"persons.{name}", spec)
    unknown = sorted(str(k) for k in spec if k != "role")
    if unknown:
        raise chk.fail(f"persons.{name}.{unknown[0]}", unknown[0], "only the field role")
    word = spec.get("role", "ordinary")
    resolved = plan.resolve_role(word) if isinstance(word, str) else None
    if resolved is None:
        raise chk.fail(f"persons.{name}.role", word, f"one of the roles of plan {plan.name}: "
                       + ", ".join(plan.role_words()))
    return resolved


def _persons(chk: _Checker, raw: Any, plan: PlanTerms) -> tuple[dict[str, Role], dict[str, str]]:
    """The declared persons' kinds, and which named holder of the plan each one belongs to."""
    persons: dict[str, Role] = {}
    holders: dict[str, str] = {}
    for name, spec in chk.attempt(chk.mapping, "persons", raw, default={}).items():
        # The common shape ({}) is taken inline; anything else takes _role.
        if type(name) is str and name and type(spec) is dict and not spec:
            persons[name] = Role.ORDINARY
            continue
        resolved = chk.attempt(_role, chk, plan, name, spec)
        if resolved is None and type(name) is str and name:
            persons[name] = Role.ORDINARY  # refused (the error is noted): declared, so no knock-on error names it
        elif resolved is not None:
            persons[name] = resolved[0]
            if resolved[1] is not None:
                holders[name] = resolved[1]
    return persons, holders


def _share_count(chk: _Checker, key: str, name: Any, value: Any) -> tuple[str, int]:
    return chk.person(f"{key}.{name}", name), chk.integer(f"{key}.{name}", value, 0)


def _share_map(chk: _Checker, key: str, raw: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    persons = chk.persons
    for name, value in chk.attempt(chk.mapping, key, raw, default={}).items():
        if type(name) is str and name in persons and type(value) is int and 0 <= value < NUMBER_BOUND:
            counts[name] = value
            continue
        count = chk.attempt(_share_count, chk, key, name, value)
        if count is not None:
            counts[count[0]] = count[1]
    return counts


def _price(chk: _Checker, day: Any, value: Any) -> tuple[date, Decimal]:
    place = f"prices.{day.isoformat() if isinstance(day, date) else day}"
    return chk.date(place, day), chk.price(place, value)


def _event_date(chk: _Checker, place: str, raw: dict, start: date, previous: date) -> date:
    if "date" not in raw:
        raise chk.fail(f"{place}.date", None, "an ISO date such as 2003-06-02")
    when = chk.date(f"{place}.date", raw["date"])
    if when < start:
        raise chk.fail(f"{place}.date", when.isoformat(), f"a date on or after the start, {start}")
    if when < previous:
        raise chk.fail(f"{place}.date", when.isoformat(), f"a date on or after {previous} (events are chronological)")
    return when


def _event(chk: _Checker, i: int, raw: Any, start: date, previous: date) -> Event | None:
    """Validate one event, noting every problem in it; None when it has any."""
    place = f"events[{i}]"
    if type(raw) is not dict:
        raise chk.fail(place, raw, "a mapping with date, type and the type's fields")
    kind_name = raw.get("type")
    if not isinstance(kind_name, str) or kind_name not in EVENT_KINDS:
        raise chk.fail(f"{place}.type", kind_name, "one of " + ", ".join(EVENT_KINDS))
    noted = chk.total
    when = chk.attempt(_event_date, chk, place, raw, start, previous)
    allowed = _FIELDS[kind_name]
    for name in raw:
        if name not in allowed and name != "date" and name != "type":
            chk.note(chk.fail(f"{place}.{name}", raw[name], f"only the fields of {kind_name}: {', '.join(allowed) or 'none'}"))
    fields: dict[str, Any] = {}
    persons = chk.persons
    for name, spec in allowed.items():
        if name in raw:
            value = raw[name]
            # The common cases are checked inline; anything else takes the full check and its message.
            if spec.kind == "shares" and type(value) is int and 1 <= value < NUMBER_BOUND:
                fields[name] = value
            elif spec.kind == "person" and type(value) is str and value in persons:
                fields[name] = value
            else:
                fields[name] = chk.attempt(chk.field, f"{place}.{name}", spec, value)
        elif spec.required:
            chk.note(chk.fail(f"{place}.{name}", None, f"the required field {name} of {kind_name}",
                              EVENT_KINDS[kind_name].section))
    if chk.total > noted:
        return None
    if "divest_by" in fields and fields["divest_by"] < when:
        raise chk.fail(f"{place}.divest_by", fields["divest_by"].isoformat(), f"a date on or after the determination, {when}")
    return Event(i, when, kind_name, fields)


def _events(chk: _Checker, raw_events: Any, start: date, flow: _Flow | None, consume: bool = False) -> EventLog:
    """Validate the events in order into a log; with ``consume`` each parsed event is dropped once read.

    ``load_scenario`` consumes a JSON document it parsed itself, so a long history is never held
    twice over (parsed and validated).  A trade written with exactly date, type, person and shares
    on a date already seen goes straight into the log's columns: the shortcut accepts only what
    the full check (``_event``) would accept, and anything else takes the full check.  Once any
    problem is noted the log is thrown away, so a refused event only keeps the indexes in step.
    The share counts are replayed as the events are read (``flow``); at the first trade that
    does not fit, the replay stops, to be made again by ``_check_share_flow`` for its message.
    """
    if not isinstance(raw_events, (list, JsonEvents)):
        raise chk.fail("events", raw_events, "a list of events")
    consume = consume and isinstance(raw_events, list)
    log = EventLog(chk.persons)
    codes, persons, shares_ = log.codes.append, log.persons.append, log.shares.append
    run_starts, run_days = log.run_starts, log.run_days
    previous, day = start, None
    dates = chk._dates
    at = {name: i for i, name in enumerate(log.names)}
    flowing = flow is not None and flow.fits()
    held, total, outstanding = (flow.held, flow.total, flow.outstanding) if flow is not None else (None, 0, 0)
    spill_at = log.chunk
    for i, raw in enumerate(raw_events):
        if i == spill_at:  # one chunk of the log stays in memory, the rest goes to disk (spec/history.py)
            log.spill()
            spill_at += log.chunk
        if consume:
            raw_events[i] = None
        try:  # a missing key, an unknown word or a value of the wrong type leaves the shortcut
            if len(raw) == 4 and type(raw) is dict:
                code, when, who, shares = KIND_CODE[raw["type"]], dates[raw["date"]], at[raw["person"]], raw["shares"]
                # ``day`` is the date of the run being read, equal to ``previous``: the same object needs no comparing.
                if type(shares) is int and 1 <= shares < COLUMN_LIMIT and (when is day or when >= previous):
                    if when is not day and when != day:
                        run_starts.append(i)
                        run_days.append(when)
                        day = when
                    codes(code)
                    persons(who)
                    shares_(shares)
                    previous = when
                    if not flowing:
                        continue
                    if code == ACQUIRE and total + shares <= outstanding:
                        held[who] += shares
                        total += shares
                    elif code == DISPOSE and held[who] >= shares:
                        held[who] -= shares
                        total -= shares
                    elif code == OPTION or code == TENDER_OFFER:
                        flow.total, flow.outstanding = total, outstanding
                        flowing = flow.trade(code, who, shares)
                    else:
                        flowing = False
                    continue
        except (KeyError, TypeError):
            pass
        event = chk.attempt(_event, chk, i, raw, start, previous)
        if event is None:
            codes(WHOLE)
            persons(0)
            shares_(0)
            flowing = False
            continue
        log.append(event)
        previous = day = event.date
        if flowing:
            flow.total, flow.outstanding = total, outstanding
            flowing = flow.whole(chk, event)
            total, outstanding = flow.total, flow.outstanding
    if flowing:
        log.peak = flow.peak
    return log


def _plan(chk: _Checker, plan_name: Any, base_dir: Path | None) -> PlanTerms:
    if not isinstance(plan_name, str):
        raise chk.fail("plan", plan_name, f"'{BUILTIN_PLAN}' or a path to a terms file")
    try:
        return load_plan(plan_name, base_dir)
    except UnreadableFileError as exc:
        raise chk.fail("plan", plan_name, f"'{BUILTIN_PLAN}' or the path of a readable terms file "
                       f"({exc.file}: {exc.value})") from None


def _groups(chk: _Checker, raw: Any) -> tuple[tuple[str, ...], ...]:
    if not isinstance(raw, list):
        raise chk.fail("groups", raw, "a list of lists of persons")
    groups = (chk.attempt(chk.persons_list, f"groups[{i}]", g, 1) for i, g in enumerate(raw))
    return tuple(g for g in groups if g is not None)


def _grandfathered(chk: _Checker, data: dict, start: date, plan: PlanTerms) -> frozenset[str] | None:
    if "grandfathered" not in data:
        return None
    g = plan.grandfathering
    if g is None:
        raise chk.fail("grandfathered", data["grandfathered"], f"no list: plan {plan.name} grandfathers no one")
    if start <= g.day:
        raise chk.fail("grandfathered", data["grandfathered"], f"no list when start is on or before the grandfathering "
                       f"date ({g.day}): the holdings on that date decide", g.date.section)
    return frozenset(chk.persons_list("grandfathered", data["grandfathered"] or [], 0))


def _top_level(chk: _Checker, data: Any) -> dict:
    if data is None:
        raise chk.fail("top level", "an empty document", "a mapping with outstanding, persons and events")
    if not isinstance(data, dict):
        raise chk.fail("top level", type(data).__name__, "a mapping at the top level of the scenario")
    for key in data:
        if key not in TOP_LEVEL:
            chk.note(chk.fail(str(key), key, "one of the scenario keys " + ", ".join(sorted(TOP_LEVEL))))
    return data


def _outstanding(chk: _Checker, data: dict) -> int:
    if "outstanding" not in data:
        raise chk.fail("outstanding", None, "the Common Shares outstanding at start (integer > 0)")
    return chk.integer("outstanding", data["outstanding"], 1)


def _optional(chk: _Checker, data: dict, key: str, kind: type, expected: str) -> Any:
    value = data.get(key)
    if value is not None and not isinstance(value, kind):
        raise chk.fail(key, value, expected)
    return value


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a history is read and validated.

    Building a million small dicts and tuples (none of them in a cycle) sets the collector
    off again and again over everything built so far: about a third of validation's time.
    Reference counting still frees everything; the collector resumes as it was afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def scenario_from_data(data: Any, source: str, base_dir: Path | None = None,
                       positions: Positions | None = None) -> Scenario:
    """Validate a parsed scenario document and build a Scenario; every problem is reported at once."""
    with cyclic_gc_paused():
        return _scenario(data, source, base_dir, positions)


def _scenario(data: Any, source: str, base_dir: Path | None, positions: Positions | None,
              consume: bool = False) -> Scenario:
    chk = _Checker(source, positions)
    data = _top_level(chk, data)
    plan = chk.attempt(_plan, chk, data.get("plan", BUILTIN_PLAN), base_dir) or load_plan(BUILTIN_PLAN)
    readings = _readings(chk, data.get("interpretation"))
    start = chk.attempt(chk.date, "start", data["start"], default=plan.agreement_date) if "start" in data \
        else plan.agreement_date
    outstanding = chk.attempt(_outstanding, chk, data)
    chk.persons, holders = _persons(chk, data.get("persons"), plan)
    holdings = _share_map(chk, "holdings", data.get("holdings"))
    options = _share_map(chk, "options", data.get("options"))
    if outstanding is not None and sum(holdings.values()) > outstanding:
        chk.note(chk.fail("holdings", sum(holdings.values()), f"holdings that add up to at most outstanding ({outstanding})"))
    groups = chk.attempt(_groups, chk, data.get("groups") or [], default=())
    price_items = chk.attempt(chk.mapping, "prices", data.get("prices"), default={}).items()
    prices = dict(p for p in (chk.attempt(_price, chk, d, v) for d, v in price_items) if p is not None)
    flow = None if outstanding is None else _Flow(tuple(chk.persons), holdings, options, outstanding,
                                                  lambda v: array("q", v))
    events = chk.attempt(_events, chk, data.get("events") or [], start, flow, consume, default=None)
    grandfathered = chk.attempt(_grandfathered, chk, data, start, plan)
    description = chk.attempt(_optional, chk, data, "description", str, "one sentence of text")
    expect = chk.attempt(_optional, chk, data, "expect", dict, "a mapping of output keys to expected values")
    chk.raise_noted()
    if events.peak is None:  # the replay made while reading stopped (or could not start)
        _check_share_flow(chk, events, holdings, options, outstanding)
    return Scenario(
        source, plan, readings, start, outstanding, chk.persons, holdings, options, groups, prices,
        events, grandfathered, description, expect, holders,
    )


def _check_split(chk: _Checker, e: Event, counts: list[int]) -> None:
    inexact = [c for c in counts if c * e["new"] % e["old"]]
    if inexact:
        raise chk.fail(f"events[{e.index}].old", e["old"], f"a split that leaves whole shares: {inexact[0]} "
                       f"shares do not divide by {e['old']} (the agreement gives no rounding rule)", "Section 11(n)")
    if counts[0] * e["new"] // e["old"] < 1:
        raise chk.fail(f"events[{e.index}].new", e["new"], "a combination that leaves at least one share outstanding")


class _Flow:
    """The share counts of the replay of ``_check_share_flow``: per person (by position) and in all."""

    def __init__(self, names: tuple[str, ...], holdings: Mapping[str, int], options: Mapping[str, int],
                 outstanding: int, make: Callable[[list[int]], Any]) -> None:
        self.names = names
        self.at = {name: i for i, name in enumerate(names)}
        self.held = make([holdings.get(p, 0) for p in names])
        self.options = make([options.get(p, 0) for p in names])
        self.total = sum(holdings.values())  # shares held by declared persons; the rest is the market's float
        self.options_total = sum(options.values())
        self.outstanding = outstanding
        self.peak = outstanding + self.options_total  # the most outstanding plus every option reach

    def fits(self) -> bool:
        """Whether every count is still far enough inside 64 bits for the 64-bit arrays."""
        return self.peak < COLUMN_LIMIT // 2

    def trade(self, code: int, who: int, n: int) -> bool:
        """An option or tender offer read in ``_events``' shortcut; False when the replay should stop there."""
        if code == OPTION:
            self.options[who] += n
            self.options_total += n
            self.peak = max(self.peak, self.outstanding + self.options_total)
        return self.fits()

    def whole(self, chk: _Checker, e: Event) -> bool:
        """An event read by the full check in ``_events``; False when the replay should stop there."""
        try:
            _whole_flow(chk, e, self)
        except (ScenarioError, OverflowError):
            return False
        self.peak = max(self.peak, self.outstanding + self.options_total)
        return self.fits()


def _scale(counts: Any, new: int, old: int) -> None:
    """Section 11(n): every count becomes new/old of itself (``_check_split`` has made sure it divides)."""
    scaled = [c * new // old for c in counts]
    counts[:] = array("q", scaled) if isinstance(counts, array) else scaled


def _check_share_flow(chk: _Checker, log: EventLog, holdings: Mapping[str, int], options: Mapping[str, int],
                      outstanding: int) -> None:
    """Replay the share counts alone, so impossible trades are refused before evaluation.

    Sets ``log.peak``, the most the shares outstanding plus every option reach: the evaluator keeps its
    counts in 64-bit arrays when that fits, as this replay does (and repeats itself with Python's own
    integers when a count outgrows them).
    """
    try:
        log.peak = _share_flow(chk, log, _Flow(log.names, holdings, options, outstanding, lambda v: array("q", v)))
    except OverflowError:
        log.peak = _share_flow(chk, log, _Flow(log.names, holdings, options, outstanding, list))


def _share_flow(chk: _Checker, log: EventLog, f: _Flow) -> int:
    held, names = f.held, f.names
    total, outstanding = f.total, f.outstanding
    peak = outstanding + f.options_total
    for i, (code, who, n) in enumerate(log.columns()):
        if code == ACQUIRE:
            if total + n > outstanding:
                raise chk.fail(f"events[{i}].shares", n, f"at most {outstanding - total}, the shares not held "
                               "by declared persons")
            held[who] += n
            total += n
        elif code == DISPOSE:
            if held[who] < n:
                raise chk.fail(f"events[{i}].shares", n, f"at most {held[who]}, the shares {names[who]} holds")
            held[who] -= n
            total -= n
        elif code == OPTION:
            f.options[who] += n
            f.options_total += n
            peak = max(peak, outstanding + f.options_total)
        elif code == WHOLE:
            f.total, f.outstanding = total, outstanding
            _whole_flow(chk, log.whole_event(i), f)
            total, outstanding = f.total, f.outstanding
            peak = max(peak, outstanding + f.options_total)
    return peak


def _whole_flow(chk: _Checker, e: Event, f: _Flow) -> None:
    """One event kept whole in ``_share_flow``: issues, buybacks, splits, and trades of huge counts."""
    kind, fields = e.kind, e.fields
    if kind in ("acquire", "dispose", "option"):
        n, who = fields["shares"], f.at[fields["person"]]
        if kind == "acquire" and f.total + n > f.outstanding:
            raise chk.fail(f"events[{e.index}].shares", n, f"at most {f.outstanding - f.total}, the shares not held "
                           "by declared persons")
        if kind == "dispose" and f.held[who] < n:
            raise chk.fail(f"events[{e.index}].shares", n, f"at most {f.held[who]}, the shares {f.names[who]} holds")
        if kind == "option":
            f.options[who] += n
            f.options_total += n
        else:
            sign = 1 if kind == "acquire" else -1
            f.held[who] += sign * n
            f.total += sign * n
    elif kind == "issue":
        n, who = fields["shares"], fields.get("to")
        f.outstanding += n
        if who:
            f.held[f.at[who]] += n
            f.total += n
    elif kind == "repurchase":
        n, who = fields["shares"], fields.get("from")
        available = f.held[f.at[who]] if who else f.outstanding - f.total
        if n > available or n >= f.outstanding:
            whose = f"the shares {who} holds" if who else "the shares not held by declared persons"
            raise chk.fail(f"events[{e.index}].shares", n, f"at most {min(available, f.outstanding - 1)}, {whose}")
        f.outstanding -= n
        if who:
            f.held[f.at[who]] -= n
            f.total -= n
    elif kind == "split":
        new, old = e["new"], e["old"]
        _check_split(chk, e, [f.outstanding, *f.held, *f.options])
        _scale(f.held, new, old)
        _scale(f.options, new, old)
        f.total = sum(f.held)
        f.options_total = sum(f.options)
        f.outstanding = f.outstanding * new // old


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (YAML or JSON)."""
    p = Path(path)
    with cyclic_gc_paused():
        if p.suffix == ".json":
            streamed = _streamed(p, str(path))
            if streamed is not None:
                return streamed
        document = load_document(p)
        # JSON has no aliases, so its events list is this document's alone and may be consumed.
        return _scenario(document.data, str(path), p.parent, document.positions, consume=p.suffix == ".json")


def _streamed(p: Path, source: str) -> Scenario | None:
    """A JSON file whose last key is ``events``, validated as its events are read; None when it is not one.

    A long history is then never held parsed: each event is read, checked and put in the log's
    columns (yamlio.stream_json_document).  A file the stream cannot read as a whole read would
    (bad bytes, a duplicate key, another key after ``events``, ...) is read whole instead, so
    every refusal reads as before.
    """
    try:
        if p.stat().st_size > max_input_bytes("json"):
            return None
        with open(p, "rb") as raw:
            document = stream_json_document(raw)
            return None if document is None else _scenario(document.data, source, p.parent, {})
    except (OSError, NotStreamable):
        return None
