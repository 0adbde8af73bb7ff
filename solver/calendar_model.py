"""The model's clock on the real calendar: Sections 1(e), 1(f), 1(r) and 23(a).

The model's time is an index of real Business Days.  Index 0 is the plan's anchor (a Monday after
its agreement date, solver/plan.py), and index t is the t-th Business Day after it, where a Business Day is "any day other than a
Saturday, Sunday or a day on which banking institutions in California or New Jersey are
authorized or obligated by law or executive order to close" (Section 1(e)).  Which days those
are is read from the reference calendar (``spec/calendar.py``) under the Config's calendar
readings and the plan's jurisdictions: it is the source of truth, and the model encodes only what
follows from it.  So "the tenth Business Day after" (Section 1(l)) is exactly ``t + 10``, and the
Close of Business on the Final Expiration Date (Section 1(r)), rolled by Section 1(f) to the next
Business Day when it is not one, is the index ``final`` of each calendar.

Section 23(a) alone counts calendar days: "the fifth day following the Shares Acquisition
Date", whose Close of Business is, when that day "is not a Business Day", 5:00 P.M. "on the
next succeeding Business Day" (Section 1(f)).  The model states it with two step functions of
the index, each a sum of ``If(t >= a, 1, 0)`` terms over the weekdays that are not Business
Days (the "closed weekdays"), so every term stays linear:

- ``closed_before(t)``: the closed weekdays between index 0 and index t.  The days from index 0
  to index t are the t Business Days plus these, plus weekends, so the weekday of index t is
  ``(t + closed_before(t)) mod 5``, 0 being Monday.
- ``closed_within(t)``: the closed weekdays strictly between index t and its fifth day.

In a week without a closed weekday the fifth day after Monday is Saturday, rolled to Monday, five
Business Days on; after Tuesday it is Sunday, four on; after Wednesday to Friday it is a weekday
three on (``weekday_offsets``, for a plan's own count of days).  Each closed weekday before the fifth day is one Business Day
fewer; a fifth day that is itself a closed weekday, or a weekend followed by one, is not counted
and so rolls on to the next Business Day.  Hence the fifth day's index is
``t + weekday_offsets[weekday(t)] - closed_within(t)``.

This is the proofs' clock: ``Config.time`` is this calendar's (``time``), ``dates.fifth_day`` is
``fifth_day`` (stored once per step in the state's ``redemption_fifth_day``), and the replay maps
indices to dates through ``date_of``/``index_of``.  Only closed weekdays up to ``final`` are terms:
a fifth day after ``final`` is ``final + 1``, one index for every date the plan no longer needs.
Checked against the reference (tests/test_model_calendar.py: the fifth day and the Final Expiration
Date on every Business Day of the built-in plan's term, under each calendar reading;
tests/test_model_per_plan.py: each shipped plan's anchor and final index) and, symbolically over
every integer index, against the properties' own table read off spec/calendar.py
(proofs/independent.py ``clock_agrees``, by Z3 and cvc5).  For speed, proofs may treat the fifth
day as an uninterpreted function once that equality holds (``Config.clock`` "any"), and bounded
search uses ``fifth_day_in_windows``, equal to it on the counterexample windows; docs/checker.md
("What the model leaves out", Time) has the measured times.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from types import ModuleType
from typing import Any

from rightsplan.spec.calendar import CALENDAR_READINGS, BusinessCalendar
from rightsplan.spec.citations import cite
from rightsplan.spec.errors import InternalError
from rightsplan.spec.terms import BUILTIN_PLAN
from rightsplan.spec.vocabulary import READINGS

from .cached import term_at
from .plan import WEEK, ModelTime, fifth_day_offsets, model_plan

BUSINESS_DAY = cite("Section 1(e)")


@dataclass(frozen=True)
class ModelCalendar:
    """The Business Days of one set of calendar readings, as the model's time index sees them.

    ``days[t]`` is the date of index t, from the plan's anchor to the last Business Day of the year after its Final Expiration Date;
    ``final`` is the index of the Close of Business on the Final Expiration Date (Section 1(r));
    ``closed_from[k]`` is, for the k-th closed weekday, the index of the first Business Day after
    it (so index t has ``closed_before(t)`` = the number of k with ``closed_from[k] <= t``);
    ``closed_near[k]`` is the range of indices whose fifth day lies beyond that closed weekday
    although their own date is before it (``closed_within``).
    """

    readings: tuple[tuple[str, str], ...]
    days: tuple[date, ...]
    final: int
    closed_from: tuple[int, ...]
    closed_near: tuple[tuple[int, int], ...]
    weekday_offsets: tuple[int, ...]  # Business Days from each weekday to its fifth day, in a week without holidays
    time: ModelTime  # the plan's anchor and windows with this calendar's final index (``Config.time``)

    @property
    def anchor(self) -> date:
        return self.days[0]

    def date_of(self, t: int) -> date:
        """The Business Day that index t stands for."""
        if not 0 <= t < len(self.days):
            raise InternalError(f"model index {t}: expected 0..{len(self.days) - 1} ({self.anchor}..{self.days[-1]})")
        return self.days[t]

    def index_of(self, d: date) -> int | None:
        """The index of a Business Day, or None when d is not one (or outside the calendar)."""
        i = bisect.bisect_left(self.days, d)
        return i if i < len(self.days) and self.days[i] == d else None

    def closed_before(self, z: ModuleType, t: Any) -> Any:
        """Closed weekdays between index 0 and index t (a linear step function of t)."""
        return _steps(z, t, [(a, None) for a in self.closed_from])

    def closed_within(self, z: ModuleType, t: Any) -> Any:
        """Closed weekdays strictly between index t's date and the fifth calendar day after it."""
        return _steps(z, t, list(self.closed_near))

    def weekday(self, z: ModuleType, t: Any) -> Any:
        """The weekday of index t, 0 for Monday to 4 for Friday."""
        return (t + self.closed_before(z, t)) % WEEK

    def fifth_day(self, z: ModuleType, t: Any) -> Any:
        """Close of Business on the fifth calendar day after Business Day t, rolled by Section 1(f).

        Section 23(a): "the fifth day following the Shares Acquisition Date"; Section 1(f): if
        such date "is not a Business Day it shall mean 5:00 P.M., California time, on the next
        succeeding Business Day".  A fifth day after the Final Expiration Date's index is
        ``final + 1``: every deadline is "the earlier of" it and the Final Expiration Date, so
        nothing later needs a date, and the term is one function of t over all the integers.
        """
        return term_at(z, (self, "fifth_day"), lambda x: self._fifth_day(z, x), t)

    def _fifth_day(self, z: ModuleType, t: Any) -> Any:
        day = self.weekday(z, t)
        offset = z.IntVal(self.weekday_offsets[-1])
        for weekday in range(WEEK - 2, -1, -1):
            offset = z.If(day == weekday, self.weekday_offsets[weekday], offset)
        raw = t + offset - self.closed_within(z, t)
        return z.If(raw <= self.final, raw, self.final + 1)

    def fifth_day_in_windows(self, z: ModuleType, t: Any) -> Any:
        """``fifth_day`` for t in the counterexample windows (``time.near``, ``time.far``): the weekday rule alone.

        No weekday of either window, nor of the days the near window's fifth days reach, is closed
        under any reading (solver/plan.py), so there the weekday of index t is t mod 5 after the
        anchor and t plus a fixed count near ``final``; tests/test_model_calendar.py checks it equal.
        """
        near_end, far_start = self.time.near[1], self.time.far[0]
        shift = (self.days[far_start].weekday() - far_start) % WEEK

        def rule(day: Any) -> Any:
            offset = z.IntVal(self.weekday_offsets[-1])
            for weekday in range(WEEK - 2, -1, -1):
                offset = z.If(day == weekday, self.weekday_offsets[weekday], offset)
            return offset

        raw = t + z.If(t <= near_end, rule(t % WEEK), rule((t + shift) % WEEK))
        return z.If(raw <= self.final, raw, self.final + 1)


def _steps(z: ModuleType, t: Any, ranges: list[tuple[int, int | None]]) -> Any:
    """How many of the index ranges [a, b] (b None: no end) hold t, as a sum of linear If terms."""
    counted: dict[tuple[int, int | None], int] = {}
    for r in ranges:
        counted[r] = counted.get(r, 0) + 1
    terms = [z.If(t >= a if b is None else z.And(t >= a, t <= b), k, 0) for (a, b), k in sorted(counted.items())]
    return z.Sum(terms) if terms else z.IntVal(0)


def calendar_readings(readings: tuple[tuple[str, str], ...] | dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The readings that decide which days are Business Days, defaults filled in, sorted."""
    chosen = {name: READINGS[name].default for name in CALENDAR_READINGS if name != "trading_days"}
    items = readings.items() if isinstance(readings, dict) else readings
    chosen |= {k: v for k, v in items if k in chosen}
    return tuple(sorted(chosen.items()))


def model_calendar(readings: tuple[tuple[str, str], ...] | dict[str, str] = (), plan: str = BUILTIN_PLAN) -> ModelCalendar:
    """The model calendar of a Config's (or a scenario's) readings and plan; other readings are ignored."""
    return _build(calendar_readings(readings), plan)


@lru_cache(maxsize=None)
def _build(readings: tuple[tuple[str, str], ...], plan: str) -> ModelCalendar:
    """Walk the plan's calendar once from its anchor: Business Days, closed weekdays, the fifth-day ranges."""
    mp = model_plan(plan)
    terms, anchor, fifth = mp.terms, mp.time.anchor, mp.days.redemption
    cal = BusinessCalendar(dict(readings), terms.business_day_states)
    if not cal.is_business_day(anchor) or anchor.weekday() != 0:
        raise InternalError(f"the model's index 0, {anchor}, must be a Monday and a Business Day ({BUSINESS_DAY})")
    last = date(terms.final_expiration_date.year + 1, 12, 31)  # the model's calendar ends a year after the plan's
    days: list[date] = []
    closed: list[date] = []
    day = anchor
    while day <= min(last, BusinessCalendar.LAST):
        if cal.is_business_day(day):
            days.append(day)
        elif day.weekday() < WEEK:
            closed.append(day)
        day += timedelta(days=1)
    final = bisect.bisect_left(days, terms.final_expiration_date)
    # Only indices up to ``final`` need an exact fifth day: the deadline is "the earlier of" it and the
    # Final Expiration Date (Section 23(a)), and any fifth day of a later index is after ``final`` anyway.
    closed = [h for h in closed if bisect.bisect_left(days, h) <= final]
    closed_from = tuple(bisect.bisect_left(days, h) for h in closed)
    near = [(bisect.bisect_left(days, h - timedelta(days=fifth - 1)), bisect.bisect_left(days, h) - 1)
            for h in closed]
    plan_time = mp.time  # the default readings' final index; the windows keep their distance from it
    time = replace(plan_time, final=final, final_date=days[final],
                   far=(final - (plan_time.final - plan_time.far[0]), final + (plan_time.far[1] - plan_time.final)))
    return ModelCalendar(readings, tuple(days), final, closed_from, tuple((a, b) for a, b in near if a <= b),
                         fifth_day_offsets(fifth), time)
