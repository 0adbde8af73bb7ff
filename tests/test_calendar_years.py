"""The calendar over 1995-2035 (Section 1(e)): the old answers kept, the new years' boundaries."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.vocabulary import READINGS

OLD = json.loads((Path(__file__).parent / "data" / "calendar_2000_2011.json").read_text(encoding="utf-8"))
OLD_DAYS = [date(2000, 1, 1) + timedelta(days=i) for i in range((date(2011, 12, 31) - date(2000, 1, 1)).days + 1)]
OLD_ERRORS = {call: {date.fromisoformat(d) for d in days} for call, days in OLD["errors"].items()}


# The 2000-2011 answers, unchanged ---------------------------------------------------------


def _answer(d: date, f: Callable[..., Any], *args: Any) -> str:
    """The answer as the old file recorded it; 'ERR' where the old calendar refused (its range ended)."""
    if d in OLD_ERRORS[f.__name__]:
        return "ERR"
    found = f(d, *args)
    return ",".join(x.isoformat() for x in found) if isinstance(found, list) else found.isoformat()


def business_lines(cal: BusinessCalendar) -> Iterator[str]:
    for d in OLD_DAYS:
        yield (f"{d}|{cal.closure_reason(d) or ''}|{_answer(d, cal.close_of_business)}"
               f"|{_answer(d, cal.business_days_after, 1)}")


def trading_lines(cal: BusinessCalendar) -> Iterator[str]:
    for d in OLD_DAYS:
        yield f"{d}|{cal.is_trading_day(d)}|{_answer(d, cal.trading_days_before, 1)}"


def _digest(lines: Iterator[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _key(readings: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in readings.items())


def _old_combinations() -> list[dict[str, str]]:
    """Every combination of the old switches, or (by default, to keep the suite fast) the default, each
    switch flipped alone, and every switch at its other choice: `make calendar-regression` runs all."""
    names = OLD["readings"]
    every = [dict(zip(names, c)) for c in itertools.product(*(READINGS[n].choices for n in names))]
    if os.environ.get("RIGHTSPLAN_CALENDAR_ALL") == "1":
        return every
    default = {n: READINGS[n].default for n in names}
    flips = [{**default, n: c} for n in names for c in READINGS[n].choices if c != default[n]]
    other = {n: next(c for c in READINGS[n].choices if c != default[n]) for n in names}
    return [default, *flips, other]


@pytest.mark.parametrize("readings", _old_combinations(), ids=_key)
def test_every_day_2000_to_2011_answers_as_before(readings):
    assert len(OLD["business"]) == 2 ** len(OLD["readings"])
    assert _digest(business_lines(BusinessCalendar(readings))) == OLD["business"][_key(readings)]


@pytest.mark.parametrize("choice", sorted(OLD["trading"]))
def test_every_trading_day_2000_to_2011_is_as_before(choice):
    assert _digest(trading_lines(BusinessCalendar({"trading_days": choice}))) == OLD["trading"][choice]


def test_the_answers_the_old_range_refused_now_reach_into_1999_and_2012():
    cal = BusinessCalendar()
    assert OLD_ERRORS == {
        "close_of_business": {date(2011, 12, 31)},
        "business_days_after": {date(2011, 12, 30), date(2011, 12, 31)},
        "trading_days_before": {date(2000, 1, 1), date(2000, 1, 2), date(2000, 1, 3)},
    }
    assert cal.trading_days_before(date(2000, 1, 3), 1) == [date(1999, 12, 31)]
    assert cal.business_days_after(date(2011, 12, 30), 1) == date(2012, 1, 3)  # Jan 1, 2012 a Sunday: Monday closed
    assert cal.close_of_business(date(2011, 12, 31)) == date(2012, 1, 3)


def test_one_changed_answer_changes_the_digest_so_the_check_can_fail():
    defaults = {n: READINGS[n].default for n in OLD["readings"]}
    lines = list(business_lines(BusinessCalendar(defaults)))
    assert _digest(iter(lines)) == OLD["business"][_key(defaults)]
    lines[1234] = lines[1234].replace("|", "|Good Friday", 1)
    assert _digest(iter(lines)) not in OLD["business"].values()
