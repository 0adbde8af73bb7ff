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


# The range ---------------------------------------------------------------------------------

CAL = BusinessCalendar()


def test_the_first_day_of_the_range_is_a_sunday_and_the_next_day_new_years_day_observed():
    assert BusinessCalendar.FIRST == date(1995, 1, 1)
    assert CAL.closure_reason(date(1995, 1, 1)) == "Sunday"
    assert CAL.closure_reason(date(1995, 1, 2)) == "New Year's Day, observed (Cal. Civ. Code §7.1; N.J.S.A. 36:1-1)"
    assert CAL.close_of_business(date(1995, 1, 1)) == date(1995, 1, 3)


def test_the_last_day_of_the_range_is_a_business_day_with_no_business_day_after_it():
    assert BusinessCalendar.LAST == date(2035, 12, 31)
    assert CAL.is_business_day(date(2035, 12, 31)) and CAL.close_of_business(date(2035, 12, 31)) == date(2035, 12, 31)
    assert CAL.business_days_after(date(2035, 12, 28), 1) == date(2035, 12, 31)
    with pytest.raises(ScenarioError, match="a date with 1 Business Day\\(s\\) after it on or before 2035-12-31"):
        CAL.business_days_after(date(2035, 12, 31), 1)


@pytest.mark.parametrize("day", [date(1994, 12, 31), date(2036, 1, 1)], ids=["1994-12-31", "2036-01-01"])
@pytest.mark.parametrize("call", ["is_business_day", "closure_reason", "close_of_business", "is_trading_day",
                                  "open_question"])
def test_a_date_outside_1995_to_2035_is_refused_naming_the_range(day, call):
    with pytest.raises(ScenarioError) as err:
        getattr(CAL, call)(day)
    assert "expected a date between 1995-01-01 and 2035-12-31, the calendar's range" in str(err.value)
    assert str(err.value).startswith(f"<calendar>: date: got {day!r}")


def test_the_trading_day_count_is_refused_before_the_first_trading_day():
    assert CAL.trading_days_before(date(1995, 1, 4), 1) == [date(1995, 1, 3)]  # Jan 2, 1995: the NYSE closed
    with pytest.raises(ScenarioError, match="on or after 1995-01-01"):
        CAL.trading_days_before(date(1995, 1, 3), 1)


# A statute's first and last year -----------------------------------------------------------


def test_new_jerseys_juneteenth_day_closes_the_third_friday_in_june_from_2021_only():
    assert CAL.is_business_day(date(2020, 6, 19))  # the third Friday of June 2020: not yet a holiday
    assert CAL.closure_reason(date(2021, 6, 18)) == "Juneteenth Day (N.J.S.A. 36:1-1)"
    assert CAL.closure_reason(date(2035, 6, 15)) == "Juneteenth Day (N.J.S.A. 36:1-1)"


def test_june_19_is_a_business_day_by_default_and_closed_from_2021_under_juneteenth_closed():
    closed = BusinessCalendar({"juneteenth": "closed"})
    assert CAL.is_business_day(date(2023, 6, 19))
    assert closed.is_business_day(date(2020, 6, 19))  # before the Act of June 17, 2021
    assert closed.closure_reason(date(2023, 6, 19)) == "Juneteenth National Independence Day (5 U.S.C. §6103)"
    assert closed.closure_reason(date(2035, 6, 19)) == "Juneteenth National Independence Day (5 U.S.C. §6103)"


def test_the_federal_reserve_cross_check_starts_juneteenth_in_2022():
    from rightsplan.spec.calendar import federal_reserve_closings

    fed = federal_reserve_closings(date(2021, 1, 1), date(2022, 12, 31))
    assert date(2021, 6, 18) not in fed and fed[date(2022, 6, 20)] == "Juneteenth National Independence Day"


def test_cesar_chavez_day_is_a_holiday_from_2001_under_its_closed_reading():
    closed = BusinessCalendar({"cesar_chavez_day": "closed"})
    assert closed.is_business_day(date(1995, 3, 31)) and closed.is_business_day(date(2000, 3, 31))
    assert closed.closure_reason(date(2001, 3, 30)) is None  # Mar 31, 2001 a Saturday: §7 moves only Sundays
    assert closed.closure_reason(date(2035, 3, 30)) is None and not closed.is_business_day(date(2034, 3, 31))


def test_the_exchange_closes_for_mlk_day_from_1998_and_for_juneteenth_from_2022():
    assert CAL.is_trading_day(date(1997, 1, 20)) and not CAL.is_trading_day(date(1998, 1, 19))
    assert CAL.is_trading_day(date(2021, 6, 18)) and not CAL.is_trading_day(date(2022, 6, 20))
    assert not CAL.is_trading_day(date(2027, 6, 18))  # June 19, 2027 a Saturday: the exchange closes the Friday
    assert not CAL.is_business_day(date(1997, 1, 20))  # both states' statutes close it all the same


@pytest.mark.parametrize("day", [date(2018, 12, 5), date(2025, 1, 9)], ids=["bush", "carter"])
def test_the_later_days_of_mourning_follow_the_mourning_days_switch_and_close_the_exchange(day):
    assert CAL.is_business_day(day) and not CAL.is_trading_day(day)
    assert BusinessCalendar({"mourning_days": "closed"}).closure_reason(day) == (
        "National Day of Mourning (Cal. Civ. Code §7; N.J.S.A. 36:1-1)")


def test_hurricane_sandy_closed_the_exchange_but_not_the_banks():
    assert all(CAL.is_business_day(d) and not CAL.is_trading_day(d) for d in (date(2012, 10, 29), date(2012, 10, 30)))


# Weekend shifts and collisions -------------------------------------------------------------


def test_june_19_on_a_sunday_closes_the_monday_under_juneteenth_closed():
    closed = BusinessCalendar({"juneteenth": "closed"})
    assert closed.closure_reason(date(2022, 6, 20)) == "Juneteenth National Independence Day, observed (5 U.S.C. §6103)"
    assert CAL.is_business_day(date(2022, 6, 20))


def test_june_19_2026_is_new_jerseys_third_friday_and_the_federal_day_at_once():
    assert CAL.closure_reason(date(2026, 6, 19)) == "Juneteenth Day (N.J.S.A. 36:1-1)"
    assert CAL.open_question(date(2026, 6, 19)) == ("nj_juneteenth",)
    assert BusinessCalendar({"juneteenth": "closed"}).closure_reason(date(2026, 6, 19)) == (
        "Juneteenth Day (N.J.S.A. 36:1-1); Juneteenth National Independence Day (5 U.S.C. §6103)")
    assert BusinessCalendar({"juneteenth": "closed"}).open_question(date(2026, 6, 19)) == ()


@pytest.mark.parametrize("year", [2002, 2013, 2024])
def test_easter_sunday_on_cesar_chavez_day_moves_it_to_easter_monday_under_its_closed_reading(year):
    from rightsplan.spec.calendar import easter

    assert easter(year) == date(year, 3, 31)
    closed = BusinessCalendar({"cesar_chavez_day": "closed"})
    assert closed.closure_reason(date(year, 4, 1)) == "Cesar Chavez Day, observed (Cal. Civ. Code §7; 12 U.S.C. §95)"
    assert closed.closure_reason(date(year, 3, 29)) == "Good Friday (N.J.S.A. 36:1-1)"
    assert CAL.is_business_day(date(year, 4, 1))


def test_christmas_2032_on_a_saturday_closes_friday_december_24_in_california():
    assert date(2032, 12, 25).weekday() == 5
    assert CAL.closure_reason(date(2032, 12, 24)) == "Christmas Day, observed (Cal. Civ. Code §7.1)"
    assert CAL.is_business_day(date(2032, 12, 31))  # New Year's Day 2033 a Saturday: no Friday closing


# Which days rest on an open question --------------------------------------------------------

OPEN = [
    (date(2003, 4, 18), {}, ("good_friday",)),
    (date(2003, 3, 31), {}, ("cesar_chavez_day",)),
    (date(2023, 6, 19), {}, ("juneteenth",)),
    (date(2023, 6, 16), {}, ("nj_juneteenth",)),
    (date(2010, 12, 31), {}, ("nj_saturday_observance",)),
    (date(2011, 2, 11), {"lincolns_birthday": "open"}, ()),  # the Friday rule needs Lincoln's Birthday closed
    (date(2011, 2, 11), {}, ("nj_saturday_observance",)),
    (date(2003, 11, 27), {}, ()),
    (date(2003, 6, 2), {}, ()),
    (date(2003, 6, 7), {}, ()),
]


@pytest.mark.parametrize(("day", "readings", "expected"), OPEN, ids=[f"{d}-{len(r)}" for d, r, _ in OPEN])
def test_open_question_names_the_switches_and_assumptions_a_day_rests_on(day, readings, expected):
    assert BusinessCalendar(readings).open_question(day) == expected


def test_every_switch_it_names_does_change_the_day():
    cal = BusinessCalendar()
    for day in (date(2003, 4, 18), date(2023, 6, 19), date(2010, 12, 31)):
        for name in cal.open_question(day):
            other = next(c for c in READINGS[name].choices if c != cal.readings[name])
            assert BusinessCalendar({name: other}).is_business_day(day) != cal.is_business_day(day)


# Other jurisdictions: the holiday library ----------------------------------------------------


def test_new_york_takes_its_public_holidays_from_the_library_under_an_assumption():
    ny = BusinessCalendar(jurisdictions=["new_york"])
    assert ny.jurisdictions == ("new_york",)
    assert ny.closure_reason(date(2023, 2, 13)).startswith("Lincoln's Birthday, observed (holidays ")
    assert ny.open_question(date(2023, 2, 13)) == ("holidays_library",)
    assert ny.is_business_day(date(2023, 9, 8))  # Admission Day is California's only
    assert not ny.is_business_day(date(2023, 6, 19))  # the library lists June 19 for every state


def test_the_library_correction_keeps_susan_b_anthony_day_a_business_day_in_new_york():
    import holidays

    assert "Susan B. Anthony Day" in holidays.US(subdiv="NY", years=2023).get_list(date(2023, 2, 15))
    assert BusinessCalendar(jurisdictions=["new_york"]).is_business_day(date(2023, 2, 15))


def test_jurisdictions_combine_a_statutory_state_with_a_library_state():
    both = BusinessCalendar(jurisdictions=("new_york", "california"))
    assert both.jurisdictions == ("california", "new_york")
    assert not both.is_business_day(date(2023, 9, 8))  # Admission Day, observed (California)
    assert not both.is_business_day(date(2023, 11, 7))  # Election Day (New York, the library)
    assert BusinessCalendar(jurisdictions=["california"]).is_business_day(date(2023, 11, 7))


BAD_JURISDICTIONS = [
    (["new york"], "jurisdictions[0]", "'new york'"),
    (["california", "ontario"], "jurisdictions[1]", "'ontario'"),
    ([7], "jurisdictions[0]", "7"),
    ([], "jurisdictions", "[]"),
]


@pytest.mark.parametrize(("given", "place", "shown"), BAD_JURISDICTIONS, ids=["space", "not_a_state", "number", "empty"])
def test_an_unknown_jurisdiction_is_refused_naming_its_place(given, place, shown):
    with pytest.raises(ScenarioError) as err:
        BusinessCalendar(jurisdictions=given)
    assert str(err.value).startswith(f"<calendar>: {place}: got {shown}; expected ")
    assert str(err.value).endswith("(Section 1(e))")


# The evaluation says when a deadline was counted across such a day ----------------------------


def _tender_offer_on(day: str, readings: dict[str, str] | None = None) -> list[str]:
    from rightsplan.spec.evaluate import evaluate
    from rightsplan.spec.scenario import scenario_from_data

    data = {"start": "2003-03-31", "outstanding": 10_000_000, "persons": {"raider": {}}, "holdings": {"raider": 500_000},
            "events": [{"date": day, "type": "tender_offer", "person": "raider", "shares": 1_500_000}]}
    if readings:
        data["interpretation"] = readings
    return [f"{n.section}: {n.text}" for n in evaluate(scenario_from_data(data, "<memory>")).explanations]


def test_a_distribution_date_counted_across_good_friday_says_the_count_rests_on_the_good_friday_switch():
    notes = _tender_offer_on("2003-04-14")  # ten Business Days on: Apr 15-17, 21-25, 28-29 (Good Friday skipped)
    assert "Section 1(l): The Distribution Date is the Close of Business on 2003-04-29." in notes
    assert ("Section 1(e): Counting Business Days to it crosses days whose status rests on a reading switch or an "
            "assumption of the calendar: 2003-04-18 (good_friday). See docs/calendar.md.") in notes


def test_the_same_count_under_good_friday_open_still_says_so_and_ends_a_day_sooner():
    notes = _tender_offer_on("2003-04-14", {"good_friday": "open"})
    assert "Section 1(l): The Distribution Date is the Close of Business on 2003-04-28." in notes
    assert any("2003-04-18 (good_friday)" in n for n in notes)


def test_a_count_over_ordinary_days_adds_no_such_note():
    notes = _tender_offer_on("2003-06-02")
    assert "Section 1(l): The Distribution Date is the Close of Business on 2003-06-16." in notes
    assert not any(n.startswith("Section 1(e)") for n in notes)


def test_a_library_closing_is_not_undone_by_a_switch_so_only_its_assumption_is_named():
    both = BusinessCalendar(jurisdictions=("new_york", "new_jersey"))
    assert both.open_question(date(2023, 6, 19)) == ("holidays_library",)  # juneteenth could only close it
    assert both.open_question(date(2023, 2, 13)) == ()  # New Jersey's statute and the library both close it
    assert both.open_question(date(2023, 4, 7)) == ("good_friday",)  # the library has no Good Friday for New York
