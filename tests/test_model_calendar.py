"""The model's clock is the real calendar: solver/calendar_model.py against the reference implementation.

Every Business Day from April 21, 2003 to the end of 2010, under the default calendar and under
each calendar reading switched alone: the model's Section 23(a) fifth day (a Z3 term, evaluated
by Z3 on the concrete index) is the reference's redemption deadline (spec/redemption.py), the
index of the Final Expiration Date's Close of Business is the reference's, and index <-> date is a
bijection on the model's days.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
import z3

from rightsplan.solver.calendar_model import ModelCalendar, model_calendar
from rightsplan.solver.model import Config
from rightsplan.spec.calendar import CALENDAR_READINGS, BusinessCalendar
from rightsplan.spec.errors import InternalError
from rightsplan.spec.redemption import redemption_deadline
from rightsplan.spec.terms import load_plan
from rightsplan.spec.vocabulary import READINGS

PLAN = load_plan()
SWITCHES = [name for name in CALENDAR_READINGS if name != "trading_days"]
# The default calendar, then each calendar reading switched alone to each other choice.
CALENDARS = [()] + [((name, choice),) for name in SWITCHES for choice in READINGS[name].choices
                    if choice != READINGS[name].default]
END = date(2010, 12, 31)


def _mismatches(days: ModelCalendar, readings: tuple[tuple[str, str], ...],
                indices: list[int] | None = None) -> list[tuple[date, date, date]]:
    """(Shares Acquisition Date, model's deadline, reference's deadline) wherever they differ.

    The model's deadline with no extension is its Z3 term, evaluated by Z3 on each concrete index.
    """
    cal = BusinessCalendar(dict(readings))
    t = z3.Int("t")
    five = days.fifth_day(z3, t)
    term = z3.If(five < days.final, five, days.final)  # "the earlier of (i) ... and (ii)" (Section 23(a))
    out = []
    for i in indices if indices is not None else range(len(days.days)):
        d = days.days[i]
        if d > END:
            break
        got = days.days[z3.simplify(z3.substitute(term, (t, z3.IntVal(i)))).as_long()]
        want = redemption_deadline(PLAN, cal, d, None)
        if got != want:
            out.append((d, got, want))
    return out


def _near_the_switch(days: ModelCalendar) -> list[int]:
    """Every third index, and every index within eight days of a day the reading makes or unmakes a Business Day."""
    changed = set(days.days) ^ set(model_calendar(()).days)
    return [i for i, d in enumerate(days.days)
            if i % 3 == 0 or any(abs((d - c).days) <= 8 for c in changed if abs(d.year - c.year) <= 1)]


def test_the_fifth_day_is_the_reference_deadline_on_every_business_day_2003_2010():
    days = model_calendar(())
    assert sum(1 for d in days.days if d <= END) == 1906  # April 21, 2003 - December 31, 2010
    assert _mismatches(days, ()) == []


@pytest.mark.parametrize("readings", CALENDARS[1:], ids=lambda r: f"{r[0][0]}={r[0][1]}")
def test_the_fifth_day_is_the_reference_deadline_under_each_calendar_reading(readings):
    """Every third Business Day and every one near a day the reading changes (all of them: bench/model_calendar_check.py)."""
    days = model_calendar(readings)
    assert _mismatches(days, readings, _near_the_switch(days)) == []


@pytest.mark.parametrize("readings", CALENDARS, ids=lambda r: "default" if not r else f"{r[0][0]}={r[0][1]}")
def test_final_is_the_reference_close_of_business_on_the_final_expiration_date(readings):
    days = model_calendar(readings)
    cal = BusinessCalendar(dict(readings))
    assert days.days[days.final] == cal.close_of_business(PLAN.final_expiration_date) == date(2010, 10, 25)
    assert days.days[days.final - 1] == date(2010, 10, 22)  # the last Business Day before Saturday, October 23


def test_final_moves_with_the_calendar_readings():
    """No constant index: opening Good Friday adds one Business Day in each year 2004-2010."""
    default, opened = model_calendar(()).final, model_calendar((("good_friday", "open"),)).final
    assert opened == default + 7


def test_a_config_reads_its_calendar_readings_and_ignores_the_others():
    assert Config().calendar is model_calendar(())
    assert Config().with_readings(good_friday="open").calendar is model_calendar({"good_friday": "open"})
    assert Config().with_readings(partial_exchange_expires="yes").calendar is model_calendar(())


def test_the_model_weekday_is_the_real_weekday():
    """Up to the Final Expiration Date's index: the closed weekdays after it are left out of the term."""
    days = model_calendar(())
    t = z3.Int("t")
    weekday = days.weekday(z3, t)
    for i in range(0, days.final + 1, 7):
        assert z3.simplify(z3.substitute(weekday, (t, z3.IntVal(i)))).as_long() == days.days[i].weekday()


def test_the_weekday_rule_without_holidays():
    """Monday + 5 is Saturday, rolled to Monday (5 on); Tuesday + 5 is Sunday (4 on); Wednesday-Friday: 3 on."""
    assert model_calendar(()).weekday_offsets == (5, 4, 3, 3, 3)


@pytest.mark.parametrize("sad, deadline", [
    (date(2003, 5, 21), date(2003, 5, 27)),  # fifth day Monday, May 26: Memorial Day rolls it to Tuesday
    (date(2003, 5, 22), date(2003, 5, 27)),  # Tuesday, two Business Days on: Memorial Day lies between
    (date(2003, 8, 25), date(2003, 9, 2)),  # Saturday, August 30, then Labor Day: rolled to Tuesday
    (date(2003, 11, 24), date(2003, 12, 1)),  # across Thanksgiving: Saturday rolls to Monday
    (date(2010, 10, 18), date(2010, 10, 25)),  # Saturday, October 23: the Final Expiration Date's roll itself
    (date(2010, 10, 19), date(2010, 10, 25)),  # Sunday, October 24: capped at the Final Expiration Date
])
def test_fifth_days_at_holidays(sad, deadline):
    days = model_calendar(())
    t = days.index_of(sad)
    five = z3.simplify(days.fifth_day(z3, z3.IntVal(t))).as_long()
    assert days.days[min(five, days.final)] == deadline


def test_a_holiday_dropped_from_the_model_table_is_caught():
    """The mutant: Memorial Day 2003 left out of the closed weekdays the model's clock counts."""
    days = model_calendar(())
    memorial = days.index_of(date(2003, 5, 27))  # the first Business Day after it
    gone = dataclasses.replace(days, closed_from=tuple(a for a in days.closed_from if a != memorial),
                               closed_near=tuple(r for r in days.closed_near if r[1] != memorial - 1))
    found = _mismatches(gone, (), list(range(60)))
    assert found and found[0][0] == date(2003, 5, 22)  # its Tuesday fifth day is found one Business Day late


def test_index_and_date_are_inverse_on_every_model_day():
    for readings in CALENDARS:
        days = model_calendar(readings)
        assert [days.index_of(days.date_of(i)) for i in range(len(days.days))] == list(range(len(days.days)))
        business = BusinessCalendar(dict(readings))
        d, count = days.anchor, 0
        while d <= days.days[-1]:
            count += business.is_business_day(d)
            d += timedelta(days=1)
        assert count == len(days.days)  # every Business Day has an index


@pytest.mark.parametrize("day, why", [
    (date(2003, 5, 26), "Memorial Day"), (date(2003, 5, 24), "a Saturday"), (date(2003, 4, 18), "before index 0"),
    (date(2012, 1, 3), "after the model's calendar"),
])
def test_a_date_that_is_no_model_business_day_has_no_index(day, why):
    assert model_calendar(()).index_of(day) is None, why


@pytest.mark.parametrize("index", [-1, 2200])
def test_an_index_outside_the_model_calendar_is_an_internal_error_naming_it(index):
    with pytest.raises(InternalError, match=f"model index {index}: expected 0\\.\\."):
        model_calendar(()).date_of(index)


def test_holidays_are_model_business_days_when_a_reading_opens_them():
    """Good Friday 2004 (April 9) has an index under good_friday=open, and none by default."""
    opened = model_calendar({"good_friday": "open"})
    assert opened.date_of(opened.index_of(date(2004, 4, 9))) == date(2004, 4, 9)
    assert model_calendar(()).index_of(date(2004, 4, 9)) is None


@pytest.mark.parametrize("readings", CALENDARS, ids=lambda r: "default" if not r else f"{r[0][0]}={r[0][1]}")
def test_the_windows_clock_is_the_calendar_clock_on_the_windows(readings):
    """Bounded search's fifth day (Config.clock "windows") equals the real calendar's on every window index."""
    days = model_calendar(readings)
    t = z3.Int("t")
    exact, windows = days.fifth_day(z3, t), days.fifth_day_in_windows(z3, t)
    indices = [i for lo, hi in (days.time.near, days.time.far) for i in range(lo, hi + 1)]
    at = lambda term, i: z3.simplify(z3.substitute(term, (t, z3.IntVal(i)))).as_long()  # noqa: E731
    assert [at(windows, i) for i in indices] == [at(exact, i) for i in indices]


def test_a_fifth_day_after_the_final_expiration_date_is_the_index_after_it():
    days = model_calendar(())
    t = z3.Int("t")
    five = days.fifth_day(z3, t)
    at = lambda i: z3.simplify(z3.substitute(five, (t, z3.IntVal(i)))).as_long()  # noqa: E731
    # index -3 is the Wednesday before the anchor: its fifth day is Monday, index 0 (the weekday rule, no holidays)
    assert [at(i) for i in (days.final - 1, days.final, days.final + 40, -3)] == [days.final + 1] * 3 + [0]


def test_a_clock_the_model_does_not_know_is_refused_not_taken_for_the_real_calendar() -> None:
    """Config.clock is "calendar", "any" or "windows"; anything else once fell back to the real calendar unseen."""
    from dataclasses import replace

    from rightsplan.solver.model import CLOCKS, Config

    assert [replace(Config(), clock=c).clock for c in CLOCKS] == list(CLOCKS)
    with pytest.raises(ValueError, match="clock 'window': expected one of calendar, any, windows"):
        replace(Config(), clock="window")
