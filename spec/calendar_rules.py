"""The statutory holiday rules behind Section 1(e), read from ``calendar_data.yaml``.

Section 1(e): a Business Day is "any day other than a Saturday, Sunday or a day on which
banking institutions in California or New Jersey are authorized or obligated by law or
executive order to close".  Each holiday of the data file names, per state, the statute that
lets banks there close on it and the statute behind its weekend shift; this module turns those
entries into the weekdays they close (``Closing``), under a set of reading switches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

import yaml

from .citations import cite
from .errors import InternalError
from .vocabulary import READINGS

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
STATUTORY = ("california", "new_jersey")  # the jurisdictions with a statutory table in the data file
_AUTHORITIES = (*STATUTORY, "federal_law")
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


def in_force(entry: Mapping[str, Any], year: int) -> bool:
    """True when an entry's `from`/`until` years (inclusive) hold the year."""
    return entry.get("from", year) <= year <= entry.get("until", year)


def _holds(when: Mapping[str, str] | None, readings: Mapping[str, str] | None) -> bool:
    """True when the readings make every switch of `when` hold; with no readings, every `when` holds."""
    return readings is None or all(readings[name] == choice for name, choice in (when or {}).items())


@dataclass(frozen=True)
class Closing:
    """One weekday on which one statute (or the holiday library) lets banks close, and why."""

    day: date
    holiday: str
    law: str
    observed: bool  # moved off a weekend by a Sunday/Saturday rule
    assumption: str | None = None  # the name of a fact we could not read in the statute

    @property
    def label(self) -> str:
        return f"{self.holiday}, observed" if self.observed else self.holiday


def _closings_by(holiday: Mapping[str, Any], who: Mapping[str, Any], year: int,
                 readings: Mapping[str, str] | None) -> Iterator[Closing]:
    """The weekdays one state's (or federal) statute closes for one holiday in one year."""
    if "partial" in who or not in_force(who, year) or not _holds(who.get("when"), readings):
        return
    assumption = who.get("assumption")
    for day in rule_dates(holiday["rule"], year):
        if day.weekday() < 5:
            yield Closing(day, holiday["name"], who["law"], False, assumption)
            continue
        shift = who.get("sunday") if day.weekday() == 6 else who.get("saturday")
        if shift and _holds(shift.get("when"), readings):
            moved = day + (_ONE_DAY if day.weekday() == 6 else -_ONE_DAY)
            yield Closing(moved, holiday["name"], shift["law"], True, assumption)


def _reaches(key: str, who: Mapping[str, Any], jurisdictions: Iterable[str]) -> bool:
    """A state's entry reaches its own state; a federal entry the states it names (or every state)."""
    if key != "federal_law":
        return key in jurisdictions
    return "in" not in who or bool(set(who["in"]) & set(jurisdictions))


def bank_closings(readings: Mapping[str, str] | None, first: date, last: date,
                  jurisdictions: Iterable[str] = STATUTORY) -> list[Closing]:
    """Every weekday in [first, last] on which a statute lets banks of the jurisdictions close.

    With readings None, every reading-dependent closing is included: the days a switch could close.
    """
    places = tuple(jurisdictions)
    found: list[Closing] = []
    for holiday in DATA["holidays"]:
        if not _holds(holiday.get("when"), readings):
            continue
        for year in range(first.year - 1, last.year + 2):
            if not in_force(holiday, year):
                continue
            for key in _AUTHORITIES:
                if key in holiday and _reaches(key, holiday[key], places):
                    found.extend(_closings_by(holiday, holiday[key], year, readings))
    return [c for c in found if first <= c.day <= last]


def _weekday_closings(entries: list[Mapping[str, Any]], first: date, last: date) -> dict[date, str]:
    """Weekdays closed by holidays whose weekend shifts are flags (`sunday`, `saturday`), by date."""
    closed: dict[date, str] = {}
    for entry in entries:
        for year in range(first.year - 1, last.year + 2):
            if not in_force(entry, year):
                continue
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
    entries = []
    for h in DATA["holidays"]:
        since = h.get("federal_reserve")
        if since:
            entry = {"name": h["name"], "rule": h["rule"], "sunday": True, "from": h.get("from", 0)}
            if since is not True:
                entry["from"] = since
            entries.append(entry)
    return _weekday_closings(entries, first, last)


def _load() -> dict[str, Any]:
    """Read calendar_data.yaml and check every citation, reading switch and assumption it names."""
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
            if who.get("assumption", next(iter(data["assumptions"]))) not in data["assumptions"]:
                raise InternalError(f"calendar_data.yaml: {holiday['name']}: unknown assumption {who['assumption']}")
            if not set(who.get("in", STATUTORY)) <= set(STATUTORY):
                raise InternalError(f"calendar_data.yaml: {holiday['name']}: unknown jurisdiction in {who['in']}")
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
