"""Business Days, Close of Business and Trading Days (Sections 1(e), 1(f) and 1(nn)).

Section 1(e): a Business Day is "any day other than a Saturday, Sunday or a day on which
banking institutions in California or New Jersey are authorized or obligated by law or
executive order to close".  Section 1(f): Close of Business on a date is "5:00 P.M.,
California time, on such date; provided, however, that if such date is not a Business
Day it shall mean 5:00 P.M., California time, on the next succeeding Business Day".
Section 1(nn): a Trading Day is a day the principal national securities exchange is
"open for the transaction of business" or, for a security not listed on one, "a Business
Day".

The holidays and the statutes that let banks close on them live in ``calendar_data.yaml``
(read by ``calendar_rules``); a plan's other Business-Day states come from the holiday
library (``calendar_states``); ``docs/calendar.md`` explains each choice.  Where the law
leaves a day open, a reading switch of ``vocabulary.READINGS`` decides it, and
``BusinessCalendar.open_question`` names the switches and assumptions a day's answer rests on.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .calendar_rules import (
    CALENDAR_READINGS,
    DATA,
    STATUTORY,
    Closing,
    bank_closings,
    easter,
    exchange_closings,
    federal_reserve_closings,
    rule_dates,
)
from .calendar_states import LIBRARY_ASSUMPTION, is_known, library_closings
from .citations import cite
from .errors import ScenarioError
from .vocabulary import READINGS

__all__ = ["BusinessCalendar", "CALENDAR_READINGS", "DATA", "Closing", "bank_closings", "crossed_note", "easter",
           "exchange_closings", "federal_reserve_closings", "rule_dates"]

BUSINESS_DAY = cite("Section 1(e)")
CLOSE_OF_BUSINESS = cite("Section 1(f)")
TRADING_DAY = cite("Section 1(nn)")

_FILE = "<calendar>"
Readings = tuple[tuple[str, str], ...]


def _reason(closings: list[Closing]) -> str:
    """'Thanksgiving Day (Cal. Civ. Code §7.1; N.J.S.A. 36:1-1)', laws in file order, once each."""
    labels: dict[str, list[str]] = {}
    for c in closings:
        laws = labels.setdefault(c.label, [])
        if c.law not in laws:
            laws.append(c.law)
    return "; ".join(f"{label} ({'; '.join(laws)})" for label, laws in labels.items())


def _closings(readings: Mapping[str, str], places: tuple[str, ...], first: date, last: date) -> list[Closing]:
    """The statutory closings of the jurisdictions with a table, then the library's for the others."""
    found = bank_closings(readings, first, last, places)
    for place in places:
        if place not in STATUTORY:
            found.extend(library_closings(place, first, last))
    return found


@lru_cache(maxsize=8)
def _switchable(places: tuple[str, ...]) -> frozenset[date]:
    """The weekdays some reading could close: only there can a day's answer rest on a switch."""
    return frozenset(c.day for c in bank_closings(None, BusinessCalendar.FIRST, BusinessCalendar.LAST, places))


@dataclass(frozen=True)
class _Tables:
    closings: dict[date, list[Closing]]  # every weekday in range that is not a Business Day
    reasons: dict[date, str]  # every day in range that is not a Business Day
    business_days: tuple[date, ...]
    trading_days: tuple[date, ...]


@lru_cache(maxsize=64)
def _tables(readings: Readings, places: tuple[str, ...]) -> _Tables:
    """Build the calendar for one set of readings and jurisdictions, once."""
    chosen = dict(readings)
    first, last = BusinessCalendar.FIRST, BusinessCalendar.LAST
    by_day: dict[date, list[Closing]] = {}
    for c in _closings(chosen, places, first, last):
        by_day.setdefault(c.day, []).append(c)
    reasons = {day: _reason(cs) for day, cs in by_day.items()}
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    for day in days:
        if day.weekday() >= 5:
            reasons[day] = "Saturday" if day.weekday() == 5 else "Sunday"
    business = tuple(d for d in days if d not in reasons)
    if chosen["trading_days"] == "business_day":
        return _Tables(by_day, reasons, business, business)
    shut = exchange_closings(first, last)
    trading = tuple(d for d in days if d.weekday() < 5 and d not in shut)
    return _Tables(by_day, reasons, business, trading)


class BusinessCalendar:
    """Business Days, Close of Business and Trading Days under one set of readings and jurisdictions."""

    FIRST: date
    LAST: date
    DEFAULT_JURISDICTIONS: tuple[str, ...] = STATUTORY  # "banking institutions in California or New Jersey"

    def __init__(self, readings: Mapping[str, str] | None = None,
                 jurisdictions: Iterable[str] | None = None) -> None:
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
        self.jurisdictions: tuple[str, ...] = _jurisdictions(jurisdictions)
        self._t = _tables(tuple(sorted(chosen.items())), self.jurisdictions)

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

    def open_question(self, d: date) -> tuple[str, ...]:
        """The reading switches and assumptions d's Business-Day status rests on (Section 1(e)).

        A switch is named when choosing another of its values alone would change whether d is a
        Business Day; an assumption (``calendar_data.yaml`` `assumptions`) when every closing that
        makes d "a day on which banking institutions ... are authorized ... to close" rests on it.
        """
        self._check(d)
        if d.weekday() >= 5:
            return ()
        closed = d in self._t.reasons
        by_library = any(c.assumption == LIBRARY_ASSUMPTION for c in self._t.closings.get(d, ()))  # no switch reaches
        names = [name for name in CALENDAR_READINGS if name != "trading_days" and d in _switchable(self.jurisdictions)
                 and any((by_library or bool(bank_closings(dict(self.readings, **{name: other}), d, d,
                                                           self.jurisdictions))) != closed
                         for other in READINGS[name].choices if other != self.readings[name])]
        assumed = [c.assumption for c in self._t.closings.get(d, ())]
        if assumed and all(assumed):
            names.extend(sorted({a for a in assumed if a}))
        return tuple(names)

    def open_questions_between(self, after: date, through: date) -> list[tuple[date, tuple[str, ...]]]:
        """The days strictly after `after` and up to `through` whose answer rests on a switch or an
        assumption (``open_question``): the days a count of Business Days over that span crossed."""
        self._check(after)
        self._check(through)
        days = sorted(d for d in _switchable(self.jurisdictions) | self._t.closings.keys() if after < d <= through)
        found = [(d, self.open_question(d)) for d in days]
        return [(d, names) for d, names in found if names]

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


def crossed_note(crossed: list[tuple[date, tuple[str, ...]]]) -> str:
    """A sentence for an explanation: the days a count crossed whose answer rests on an open question."""
    days = "; ".join(f"{d} ({', '.join(names)})" for d, names in crossed)
    return (f"Counting Business Days to it crosses days whose status rests on a reading switch or an assumption "
            f"of the calendar: {days}. See docs/calendar.md.")


def _jurisdictions(given: Iterable[str] | None) -> tuple[str, ...]:
    """The plan's Business-Day jurisdictions, checked: states by name in snake case (new_york)."""
    if given is None:
        return BusinessCalendar.DEFAULT_JURISDICTIONS
    places = tuple(given) if not isinstance(given, str) else (given,)
    for i, place in enumerate(places):
        if not isinstance(place, str) or not is_known(place):
            raise ScenarioError(_FILE, f"jurisdictions[{i}]", place,
                                "california, new_jersey or another US state named in snake case, such as new_york",
                                BUSINESS_DAY)
    if not places:
        raise ScenarioError(_FILE, "jurisdictions", [], "at least one state", BUSINESS_DAY)
    return tuple(sorted(set(places)))


BusinessCalendar.FIRST = DATA["first"]
BusinessCalendar.LAST = DATA["last"]
