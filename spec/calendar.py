"""Business Days, Close of Business and Trading Days (Sections 1(e), 1(f) and 1(nn)).

Section 1(e): a Business Day is "any day other than a Saturday, Sunday or a day on which
banking institutions in California or New Jersey are authorized or obligated by law or
executive order to close".  Section 1(f): Close of Business on a date is "5:00 P.M.,
California time, on such date; provided, however, that if such date is not a Business
Day it shall mean 5:00 P.M., California time, on the next succeeding Business Day".
Section 1(nn): a Trading Day is a day the principal national securities exchange is
"open for the transaction of business" or, for a security not listed on one, "a Business
Day".

The holidays and the statutes that let banks close on them live in
``calendar_data.yaml``; ``docs/calendar.md`` explains each choice.  Where the law leaves a
day open, a reading switch of ``vocabulary.READINGS`` decides it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .citations import cite
from .errors import InternalError, ScenarioError
from .vocabulary import READINGS

BUSINESS_DAY = cite("Section 1(e)")
CLOSE_OF_BUSINESS = cite("Section 1(f)")
TRADING_DAY = cite("Section 1(nn)")

_FILE = "<calendar>"
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_AUTHORITIES = ("california", "new_jersey", "federal_law")
_ONE_DAY = timedelta(days=1)


def easter(year: int) -> date:
    """Western Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth given weekday of a month; nth = -1 is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - _ONE_DAY
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def rule_dates(rule: Mapping[str, Any], year: int) -> list[date]:
    """The dates a calendar_data.yaml date rule gives in one year."""
    if "dates" in rule:
        return [d for d in rule["dates"] if d.year == year]
    if "easter" in rule:
        return [easter(year) + timedelta(days=rule["easter"])]
    if "day" in rule:
        return [date(year, rule["month"], rule["day"])]
    weekday = _WEEKDAYS.index(rule["weekday"])
    found = _nth_weekday(year, rule["month"], weekday, rule["nth"])
    return [found + timedelta(days=rule.get("offset", 0))]


def _in_force(entry: Mapping[str, Any], year: int) -> bool:
    return entry.get("from", year) <= year <= entry.get("until", year)


def _holds(when: Mapping[str, str] | None, readings: Mapping[str, str]) -> bool:
    return all(readings[name] == choice for name, choice in (when or {}).items())


@dataclass(frozen=True)
class Closing:
    """One weekday on which one statute lets banks close, and why."""

    day: date
    holiday: str
    law: str
    observed: bool  # moved off a weekend by a Sunday/Saturday rule

    @property
    def label(self) -> str:
        return f"{self.holiday}, observed" if self.observed else self.holiday


def _closings_by(holiday: Mapping[str, Any], who: Mapping[str, Any], year: int,
                 readings: Mapping[str, str]) -> Iterator[Closing]:
    """The weekdays one state's (or federal) statute closes for one holiday in one year."""
    if "partial" in who or not _holds(who.get("when"), readings):
        return
    for day in rule_dates(holiday["rule"], year):
        if day.weekday() < 5:
            yield Closing(day, holiday["name"], who["law"], observed=False)
            continue
        shift = who.get("sunday") if day.weekday() == 6 else who.get("saturday")
        if shift and _holds(shift.get("when"), readings):
            moved = day + (_ONE_DAY if day.weekday() == 6 else -_ONE_DAY)
            yield Closing(moved, holiday["name"], shift["law"], observed=True)


def bank_closings(readings: Mapping[str, str], first: date, last: date) -> list[Closing]:
    """Every weekday in [first, last] on which a statute lets California or New Jersey banks close."""
    found: list[Closing] = []
    for holiday in DATA["holidays"]:
        if not _holds(holiday.get("when"), readings):
            continue
        for year in range(first.year - 1, last.year + 2):
            if not _in_force(holiday, year):
                continue
            for key in _AUTHORITIES:
                if key in holiday:
                    found.extend(_closings_by(holiday, holiday[key], year, readings))
    return [c for c in found if first <= c.day <= last]


def _weekday_closings(entries: list[Mapping[str, Any]], first: date, last: date) -> dict[date, str]:
    """Weekdays closed by holidays whose weekend shifts are flags (`sunday`, `saturday`), by date."""
    closed: dict[date, str] = {}
    for entry in entries:
        for year in range(first.year - 1, last.year + 2):
            for day in rule_dates(entry["rule"], year):
                if day.weekday() == 6 and entry.get("sunday"):
                    day += _ONE_DAY
                elif day.weekday() == 5 and entry.get("saturday"):
                    day -= _ONE_DAY
                if day.weekday() < 5 and first <= day <= last:
                    closed[day] = entry["name"]
    return closed


def exchange_closings(first: date, last: date) -> dict[date, str]:
    """Weekdays the New York Stock Exchange was closed, with the reason (Section 1(nn))."""
    return _weekday_closings(DATA["exchange"], first, last)


def federal_reserve_closings(first: date, last: date) -> dict[date, str]:
    """Weekdays the Federal Reserve Banks closed for a federal holiday (a cross-check only)."""
    entries = [{"name": h["name"], "rule": h["rule"], "sunday": True}
               for h in DATA["holidays"] if h.get("federal_reserve")]
    return _weekday_closings(entries, first, last)


def _reason(closings: list[Closing]) -> str:
    """'Thanksgiving Day (Cal. Civ. Code §7.1; N.J.S.A. 36:1-1)', laws in file order, once each."""
    labels: dict[str, list[str]] = {}
    for c in closings:
        laws = labels.setdefault(c.label, [])
        if c.law not in laws:
            laws.append(c.law)
    return "; ".join(f"{label} ({'; '.join(laws)})" for label, laws in labels.items())


@dataclass(frozen=True)
class _Tables:
    reasons: dict[date, str]  # every day in range that is not a Business Day
    business_days: tuple[date, ...]
    trading_days: tuple[date, ...]


@lru_cache(maxsize=64)
def _tables(readings: tuple[tuple[str, str], ...]) -> _Tables:
    """Build the calendar for one set of readings, once."""
    chosen = dict(readings)
    first, last = BusinessCalendar.FIRST, BusinessCalendar.LAST
    by_day: dict[date, list[Closing]] = {}
    for c in bank_closings(chosen, first, last):
        by_day.setdefault(c.day, []).append(c)
    reasons = {day: _reason(cs) for day, cs in by_day.items()}
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    for day in days:
        if day.weekday() >= 5:
            reasons[day] = "Saturday" if day.weekday() == 5 else "Sunday"
    business = tuple(d for d in days if d not in reasons)
    if chosen["trading_days"] == "business_day":
        return _Tables(reasons, business, business)
    shut = exchange_closings(first, last)
    trading = tuple(d for d in days if d.weekday() < 5 and d not in shut)
    return _Tables(reasons, business, trading)


class BusinessCalendar:
    """Business Days, Close of Business and Trading Days under one set of readings."""

    FIRST: date
    LAST: date

    def __init__(self, readings: Mapping[str, str] | None = None) -> None:
        chosen = {name: READINGS[name].default for name in CALENDAR_READINGS}
        for name, choice in (readings or {}).items():
            if name not in CALENDAR_READINGS:
                continue  # another module's switch
            reading = READINGS[name]
            if choice not in reading.choices:
                raise ScenarioError(_FILE, f"interpretation.{name}", choice,
                                    f"one of {', '.join(reading.choices)}", reading.section)
            chosen[name] = choice
        self.readings: dict[str, str] = chosen
        self._t = _tables(tuple(sorted(chosen.items())))

    def _check(self, d: date, section: str = BUSINESS_DAY) -> None:
        if type(d) is not date:
            raise ScenarioError(_FILE, "date", d, "a date (not a date-time)", section)
        if not self.FIRST <= d <= self.LAST:
            raise ScenarioError(_FILE, "date", d,
                                f"a date between {self.FIRST} and {self.LAST}, the calendar's range", section)

    def is_business_day(self, d: date) -> bool:
        """True when d is a Business Day: "any day other than a Saturday, Sunday or a day on which
        banking institutions in California or New Jersey are authorized ... to close" (1(e))."""
        self._check(d)
        return d not in self._t.reasons

    def closure_reason(self, d: date) -> str | None:
        """Why d is not a Business Day, with the statutes (Section 1(e)); None for a Business Day."""
        self._check(d)
        return self._t.reasons.get(d)

    def close_of_business(self, d: date) -> date:
        """The date whose 5:00 P.M. is the Close of Business on d: d itself, or "the next
        succeeding Business Day" if d is not one (Section 1(f))."""
        self._check(d, CLOSE_OF_BUSINESS)
        return self._business_at(bisect.bisect_left(self._t.business_days, d), d, 1)

    def business_days_after(self, d: date, n: int) -> date:
        """The n-th Business Day strictly after d ("the tenth Business Day after", Section 1(l))."""
        self._check(d)
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ScenarioError(_FILE, "business days", n, "a whole number of Business Days, 1 or more",
                                BUSINESS_DAY)
        return self._business_at(bisect.bisect_right(self._t.business_days, d) + n - 1, d, n)

    def _business_at(self, index: int, d: date, n: int) -> date:
        days = self._t.business_days
        if index >= len(days):
            raise ScenarioError(_FILE, "date", d,
                                f"a date with {n} Business Day(s) after it on or before {self.LAST}, "
                                "the calendar's range", BUSINESS_DAY)
        return days[index]

    def is_trading_day(self, d: date) -> bool:
        """True when d is a Trading Day: the exchange "is open for the transaction of business"
        (or, under trading_days: business_day, d is a Business Day) (Section 1(nn))."""
        self._check(d, TRADING_DAY)
        days = self._t.trading_days
        i = bisect.bisect_left(days, d)
        return i < len(days) and days[i] == d

    def trading_days_before(self, d: date, n: int) -> list[date]:
        """The n consecutive Trading Days "immediately prior to but not including" d, oldest first
        (Section 1(j))."""
        self._check(d, TRADING_DAY)
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ScenarioError(_FILE, "trading days", n, "a whole number of Trading Days, 1 or more",
                                TRADING_DAY)
        days = self._t.trading_days
        end = bisect.bisect_left(days, d)
        if end < n:
            raise ScenarioError(_FILE, "date", d,
                                f"a date with {n} Trading Day(s) before it on or after {self.FIRST}, "
                                "the calendar's range", TRADING_DAY)
        return list(days[end - n:end])


def _load() -> dict[str, Any]:
    """Read calendar_data.yaml and check every citation and reading switch it names."""
    text = resources.files(__package__).joinpath("calendar_data.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for holiday in data["holidays"]:
        _check_when(holiday.get("when"), holiday["name"])
        for key in _AUTHORITIES:
            who = holiday.get(key)
            if who is None:
                continue
            cite(who["law"])
            _check_when(who.get("when"), holiday["name"])
            for shift in (who.get("sunday"), who.get("saturday")):
                if shift:
                    cite(shift["law"])
                    _check_when(shift.get("when"), holiday["name"])
    return data


def _check_when(when: Mapping[str, str] | None, name: str) -> None:
    for reading, choice in (when or {}).items():
        if reading not in READINGS or choice not in READINGS[reading].choices:
            raise InternalError(f"calendar_data.yaml: {name}: unknown reading {reading}={choice}")


def _calendar_readings(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The reading switches the calendar depends on: every `when` in the data, and trading_days."""
    names = {"trading_days"}
    for holiday in data["holidays"]:
        names.update(holiday.get("when") or {})
        for key in _AUTHORITIES:
            who = holiday.get(key) or {}
            names.update(who.get("when") or {})
            for shift in (who.get("sunday"), who.get("saturday")):
                names.update((shift or {}).get("when") or {})
    return tuple(sorted(names))


DATA: dict[str, Any] = _load()
CALENDAR_READINGS: tuple[str, ...] = _calendar_readings(DATA)
BusinessCalendar.FIRST = DATA["first"]
BusinessCalendar.LAST = DATA["last"]
