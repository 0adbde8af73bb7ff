"""Loading and validating scenarios (the public contract, ../shared/scenario-format.md).

A malformed scenario is rejected here, before evaluation, with a ``ScenarioError``
that names the file, the place (``events[3].shares``), the value and what was
expected.  Nothing is half-evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from .calendar import BusinessCalendar
from .errors import ScenarioError
from .terms import BUILTIN_PLAN, PlanTerms, load_plan
from .vocabulary import DEFAULT_READINGS, EVENT_KINDS, READINGS, Field, Role
from .yamlio import load_yaml_file

# The scenario's dates must fall inside the Business-Day calendar (Section 1(e)).
CALENDAR_FIRST = BusinessCalendar.FIRST
CALENDAR_LAST = BusinessCalendar.LAST

TOP_LEVEL = {
    "plan", "interpretation", "start", "outstanding", "persons", "holdings", "groups", "prices", "events",
    # documented extensions
    "description", "expect", "grandfathered", "options",
}


@dataclass(frozen=True)
class Event:
    """One validated event: fields are converted (shares -> int, dates -> date, prices -> Decimal)."""

    index: int
    date: date
    kind: str
    fields: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


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
    events: tuple[Event, ...]
    grandfathered: frozenset[str] | None = None
    description: str | None = None
    expect: Mapping[str, Any] | None = field(default=None, compare=False)


class _Checker:
    """Field-level validation with the file name at hand."""

    def __init__(self, source: str, persons: Mapping[str, Role] | None = None):
        self.source = source
        self.persons = persons or {}

    def fail(self, place: str, value: Any, expected: str, section: str | None = None) -> ScenarioError:
        return ScenarioError(self.source, place, value, expected, section)

    def date(self, place: str, value: Any) -> date:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise self.fail(place, value, "an ISO date such as 2003-06-02") from None
        if isinstance(value, datetime):
            raise self.fail(place, value.isoformat(), "an ISO date without a time, such as 2003-06-02")
        if not isinstance(value, date):
            raise self.fail(place, value, "an ISO date such as 2003-06-02")
        if not CALENDAR_FIRST <= value <= CALENDAR_LAST:
            raise self.fail(place, value.isoformat(), f"a date between {CALENDAR_FIRST} and {CALENDAR_LAST}")
        return value

    def integer(self, place: str, value: Any, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(place, value, f"an integer >= {minimum}")
        return value

    def price(self, place: str, value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
            raise self.fail(place, value, "a decimal price > 0")
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(place, value, "a decimal price > 0") from None
        if not d.is_finite() or d <= 0:
            raise self.fail(place, value, "a decimal price > 0")
        return d

    def portion(self, place: str, value: Any) -> Fraction:
        try:
            if isinstance(value, bool):
                raise ValueError
            p = Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            raise self.fail(place, value, "a fraction 0 < portion <= 1, such as 0.5 or 1/2") from None
        if not 0 < p <= 1:
            raise self.fail(place, value, "a fraction 0 < portion <= 1, such as 0.5 or 1/2")
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

    def field(self, place: str, spec: Field, value: Any) -> Any:
        kind = spec.kind
        if kind == "shares":
            return self.integer(place, value, 1)
        if kind == "ratio_int":
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
            if value not in spec.choices:
                raise self.fail(place, value, "one of " + ", ".join(spec.choices))
            return value
        return value


def _readings(chk: _Checker, raw: Any) -> dict[str, str]:
    chosen = dict(DEFAULT_READINGS)
    for name, value in chk.mapping("interpretation", raw).items():
        if name not in READINGS:
            raise chk.fail(f"interpretation.{name}", name, "one of " + ", ".join(sorted(READINGS)))
        # YAML 1.1 reads yes/no as booleans and 10 as an integer; the switches are words.
        text = {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else str(value)
        if text not in READINGS[name].choices:
            expected = "one of " + ", ".join(READINGS[name].choices)
            raise chk.fail(f"interpretation.{name}", value, expected, READINGS[name].section)
        chosen[name] = text
    return chosen


def _persons(chk: _Checker, raw: Any) -> dict[str, Role]:
    persons: dict[str, Role] = {}
    for name, spec in chk.mapping("persons", raw).items():
        if not isinstance(name, str) or not name:
            raise chk.fail("persons", name, "person names that are non-empty strings")
        spec = chk.mapping(f"persons.{name}", spec)
        unknown = set(spec) - {"role"}
        if unknown:
            raise chk.fail(f"persons.{name}.{sorted(unknown)[0]}", sorted(unknown)[0], "only the field role")
        role = spec.get("role", "ordinary")
        try:
            persons[name] = Role(role)
        except ValueError:
            raise chk.fail(f"persons.{name}.role", role, "one of " + ", ".join(r.value for r in Role)) from None
    return persons


def _share_map(chk: _Checker, key: str, raw: Any) -> dict[str, int]:
    return {
        chk.person(f"{key}.{name}", name): chk.integer(f"{key}.{name}", v, 0)
        for name, v in chk.mapping(key, raw).items()
    }


def _event(chk: _Checker, i: int, raw: Any, start: date, previous: date) -> Event:
    place = f"events[{i}]"
    if not isinstance(raw, dict):
        raise chk.fail(place, raw, "a mapping with date, type and the type's fields")
    kind_name = raw.get("type")
    if not isinstance(kind_name, str) or kind_name not in EVENT_KINDS:
        raise chk.fail(f"{place}.type", kind_name, "one of " + ", ".join(EVENT_KINDS))
    kind = EVENT_KINDS[kind_name]
    if "date" not in raw:
        raise chk.fail(f"{place}.date", None, "an ISO date such as 2003-06-02")
    when = chk.date(f"{place}.date", raw["date"])
    if when < start:
        raise chk.fail(f"{place}.date", when.isoformat(), f"a date on or after the start, {start}")
    if when < previous:
        raise chk.fail(f"{place}.date", when.isoformat(), f"a date on or after {previous} (events are chronological)")
    allowed = {f.name: f for f in kind.fields}
    for name in raw:
        if name not in allowed and name not in ("date", "type"):
            raise chk.fail(f"{place}.{name}", raw[name], f"only the fields of {kind_name}: {', '.join(allowed) or 'none'}")
    fields: dict[str, Any] = {}
    for name, spec in allowed.items():
        if name in raw:
            fields[name] = chk.field(f"{place}.{name}", spec, raw[name])
        elif spec.required:
            raise chk.fail(f"{place}.{name}", None, f"the required field {name} of {kind_name}", kind.section)
    if "divest_by" in fields and fields["divest_by"] < when:
        raise chk.fail(f"{place}.divest_by", fields["divest_by"].isoformat(), f"a date on or after the determination, {when}")
    return Event(i, when, kind_name, fields)


def scenario_from_data(data: Any, source: str, base_dir: Path | None = None) -> Scenario:
    """Validate a parsed scenario document and build a Scenario."""
    chk = _Checker(source)
    if not isinstance(data, dict):
        raise chk.fail("", type(data).__name__, "a mapping at the top level of the scenario")
    for key in data:
        if key not in TOP_LEVEL:
            raise chk.fail(str(key), key, "one of the scenario keys " + ", ".join(sorted(TOP_LEVEL)))
    plan_name = data.get("plan", BUILTIN_PLAN)
    if not isinstance(plan_name, str):
        raise chk.fail("plan", plan_name, f"'{BUILTIN_PLAN}' or a path to a terms file")
    plan = load_plan(plan_name, base_dir)
    readings = _readings(chk, data.get("interpretation"))
    start = chk.date("start", data["start"]) if "start" in data else plan.agreement_date
    if "outstanding" not in data:
        raise chk.fail("outstanding", None, "the Common Shares outstanding at start (integer > 0)")
    outstanding = chk.integer("outstanding", data["outstanding"], 1)
    persons = _persons(chk, data.get("persons"))
    chk.persons = persons
    holdings = _share_map(chk, "holdings", data.get("holdings"))
    options = _share_map(chk, "options", data.get("options"))
    if sum(holdings.values()) > outstanding:
        raise chk.fail("holdings", sum(holdings.values()), f"holdings that add up to at most outstanding ({outstanding})")
    raw_groups = data.get("groups") or []
    if not isinstance(raw_groups, list):
        raise chk.fail("groups", raw_groups, "a list of lists of persons")
    groups = tuple(chk.persons_list(f"groups[{i}]", g, 1) for i, g in enumerate(raw_groups))
    prices = {
        chk.date(f"prices.{d}", d): chk.price(f"prices.{d}", v) for d, v in chk.mapping("prices", data.get("prices")).items()
    }
    raw_events = data.get("events") or []
    if not isinstance(raw_events, list):
        raise chk.fail("events", raw_events, "a list of events")
    events: list[Event] = []
    previous = start
    for i, raw in enumerate(raw_events):
        events.append(_event(chk, i, raw, start, previous))
        previous = events[-1].date
    grandfathered = None
    if "grandfathered" in data and start <= plan.agreement_date:
        raise chk.fail("grandfathered", data["grandfathered"], f"no list when start is on or before the agreement date "
                       f"({plan.agreement_date}): the holdings on that date decide", "Section 1(a)(ii)")
    if "grandfathered" in data:
        grandfathered = frozenset(chk.persons_list("grandfathered", data["grandfathered"] or [], 0))
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        raise chk.fail("description", description, "one sentence of text")
    expect = data.get("expect")
    if expect is not None and not isinstance(expect, dict):
        raise chk.fail("expect", expect, "a mapping of output keys to expected values")
    scenario = Scenario(
        source, plan, readings, start, outstanding, persons, holdings, options, groups, prices,
        tuple(events), grandfathered, description, expect,
    )
    _check_share_flow(chk, scenario)
    return scenario


def _check_share_flow(chk: _Checker, s: Scenario) -> None:
    """Replay the share counts alone, so impossible trades are refused before evaluation."""
    held = dict(s.holdings)
    options = dict(s.options)
    total = sum(held.values())  # shares held by declared persons; the rest is the market's float
    outstanding = s.outstanding
    for e in s.events:
        place = f"events[{e.index}].shares"
        n = e.get("shares")
        who = e.get("person") or e.get("to") or e.get("from")
        if e.kind == "acquire" and total + n > outstanding:
            raise chk.fail(place, n, f"at most {outstanding - total}, the shares not held by declared persons")
        if e.kind == "dispose" and held.get(who, 0) < n:
            raise chk.fail(place, n, f"at most {held.get(who, 0)}, the shares {who} holds")
        if e.kind == "repurchase":
            available = held.get(who, 0) if who else outstanding - total
            if n > available or n >= outstanding:
                whose = f"the shares {who} holds" if who else "the shares not held by declared persons"
                raise chk.fail(place, n, f"at most {min(available, outstanding - 1)}, {whose}")
        if e.kind == "split":
            inexact = [c for c in [outstanding, *held.values(), *options.values()] if c * e["new"] % e["old"]]
            if inexact:
                raise chk.fail(f"events[{e.index}].old", e["old"], f"a split that leaves whole shares: {inexact[0]} "
                               f"shares do not divide by {e['old']} (the agreement gives no rounding rule)", "Section 11(n)")
            options = {p: o * e["new"] // e["old"] for p, o in options.items()}
            held = {p: h * e["new"] // e["old"] for p, h in held.items()}
            total = sum(held.values())
            outstanding = outstanding * e["new"] // e["old"]
            if outstanding < 1:
                raise chk.fail(f"events[{e.index}].new", e["new"], "a combination that leaves at least one share outstanding")
            continue
        delta = {"acquire": n, "dispose": -(n or 0), "issue": n, "repurchase": -(n or 0)}.get(e.kind, 0)
        if e.kind in ("issue", "repurchase"):
            outstanding += delta
        if e.kind == "option":
            options[who] = options.get(who, 0) + n
        if who and delta and e.kind != "option":
            held[who] = held.get(who, 0) + delta
            total += delta


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (YAML or JSON)."""
    p = Path(path)
    return scenario_from_data(load_yaml_file(p), str(path), p.parent)
