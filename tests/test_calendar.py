"""Business Days, Close of Business and Trading Days (Sections 1(e), 1(f), 1(nn))."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rightsplan.spec.calendar import (
    CALENDAR_READINGS,
    DATA,
    BusinessCalendar,
    exchange_closings,
    federal_reserve_closings,
)
from rightsplan.spec.citations import is_valid
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.vocabulary import READINGS

DOC = Path(__file__).resolve().parent.parent / "docs" / "calendar.md"
FIRST, LAST = BusinessCalendar.FIRST, BusinessCalendar.LAST
YEARS = range(FIRST.year, LAST.year + 1)
CAL = BusinessCalendar()


# Known dates -----------------------------------------------------------------------------


def test_the_calendar_covers_1995_through_2035():
    assert FIRST == date(1995, 1, 1)
    assert LAST == date(2035, 12, 31)


def test_thanksgiving_2003_is_not_a_business_day_in_either_state():
    assert not CAL.is_business_day(date(2003, 11, 27))
    assert CAL.closure_reason(date(2003, 11, 27)) == "Thanksgiving Day (Cal. Civ. Code §7.1; N.J.S.A. 36:1-1)"


def test_the_friday_after_thanksgiving_2003_is_a_business_day():
    assert CAL.is_business_day(date(2003, 11, 28))
    assert CAL.closure_reason(date(2003, 11, 28)) is None


def test_weekends_are_named_saturday_and_sunday():
    assert CAL.closure_reason(date(2003, 11, 29)) == "Saturday"
    assert CAL.closure_reason(date(2003, 11, 30)) == "Sunday"


def test_independence_day_2004_on_a_sunday_closes_monday_july_5_in_both_states():
    assert date(2004, 7, 4).weekday() == 6
    assert CAL.closure_reason(date(2004, 7, 5)) == "Independence Day, observed (Cal. Civ. Code §7.1; N.J.S.A. 36:1-1)"
    assert CAL.is_business_day(date(2004, 7, 6))


def test_independence_day_2009_on_a_saturday_closes_friday_july_3_under_the_california_statute():
    assert date(2009, 7, 4).weekday() == 5
    assert CAL.closure_reason(date(2009, 7, 3)) == "Independence Day, observed (Cal. Civ. Code §7.1)"


def test_new_years_day_2005_on_a_saturday_leaves_friday_december_31_2004_a_business_day():
    assert date(2005, 1, 1).weekday() == 5
    assert CAL.is_business_day(date(2004, 12, 31))


def test_admission_day_2000_on_a_saturday_closes_friday_september_8_in_california():
    assert date(2000, 9, 9).weekday() == 5
    assert CAL.closure_reason(date(2000, 9, 8)) == "Admission Day, observed (Cal. Civ. Code §7.1)"


def test_lincolns_birthday_2006_on_a_sunday_closes_monday_february_13_in_both_states():
    assert CAL.closure_reason(date(2006, 2, 13)) == "Lincoln's Birthday, observed (Cal. Civ. Code §7.1; N.J.S.A. 36:1-1)"


def test_new_jerseys_general_election_day_in_an_odd_year_is_not_a_business_day():
    assert CAL.closure_reason(date(2003, 11, 4)) == "General Election Day (N.J.S.A. 36:1-1)"


def test_good_friday_is_named_by_the_new_jersey_statute_only_since_california_closes_from_noon():
    assert CAL.closure_reason(date(2003, 4, 18)) == "Good Friday (N.J.S.A. 36:1-1)"


def test_a_day_of_a_federal_executive_order_closing_is_a_business_day():
    assert CAL.is_business_day(date(2001, 12, 24))
    assert CAL.is_business_day(date(2008, 12, 26))


def test_the_agreement_date_and_the_record_date_are_business_days():
    assert CAL.is_business_day(date(2003, 3, 31))  # Cesar Chavez Day, a Business Day by default
    assert CAL.is_business_day(date(2000, 10, 23))


# Close of Business (Section 1(f)) --------------------------------------------------------


def test_the_final_expiration_date_is_a_saturday_so_its_close_of_business_is_monday_october_25_2010():
    assert date(2010, 10, 23).weekday() == 5
    assert CAL.close_of_business(date(2010, 10, 23)) == date(2010, 10, 25)


def test_close_of_business_on_a_business_day_is_that_day():
    assert CAL.close_of_business(date(2003, 6, 2)) == date(2003, 6, 2)


def test_close_of_business_rolls_over_a_holiday_weekend_to_the_next_business_day():
    assert CAL.close_of_business(date(2004, 7, 3)) == date(2004, 7, 6)
    assert CAL.close_of_business(date(2004, 7, 5)) == date(2004, 7, 6)


# Counting Business Days ------------------------------------------------------------------


def test_the_first_business_day_after_friday_july_2_2004_is_tuesday_july_6():
    assert CAL.business_days_after(date(2004, 7, 2), 1) == date(2004, 7, 6)


def test_business_days_after_never_counts_the_date_itself():
    assert CAL.business_days_after(date(2003, 6, 2), 1) == date(2003, 6, 3)


def test_the_tenth_business_day_after_a_date_skips_a_holiday_weekend():
    # Thu 2004-07-01: Jul 2, 6, 7, 8, 9, 12, 13, 14, 15, 16 (Jul 5 observed Independence Day).
    assert CAL.business_days_after(date(2004, 7, 1), 10) == date(2004, 7, 16)
    assert CAL.business_days_after(date(2004, 7, 1), 9) == date(2004, 7, 15)


@given(st.dates(FIRST, LAST - timedelta(days=90)), st.integers(1, 40))
def test_the_nth_business_day_after_has_exactly_n_minus_one_business_days_before_it(d, n):
    found = CAL.business_days_after(d, n)
    assert found > d and CAL.is_business_day(found)
    between = [d + timedelta(days=i) for i in range(1, (found - d).days)]
    assert sum(CAL.is_business_day(x) for x in between) == n - 1


@given(st.dates(FIRST, LAST - timedelta(days=30)))
def test_close_of_business_is_the_first_business_day_on_or_after_the_date(d):
    found = CAL.close_of_business(d)
    assert found >= d and CAL.is_business_day(found)
    assert not any(CAL.is_business_day(d + timedelta(days=i)) for i in range((found - d).days))


# Trading Days (Section 1(nn)) ------------------------------------------------------------


def test_trading_days_before_excludes_the_date_itself_and_lists_the_oldest_first():
    assert CAL.trading_days_before(date(2003, 6, 5), 3) == [date(2003, 6, 2), date(2003, 6, 3), date(2003, 6, 4)]


def test_trading_days_before_skips_the_exchange_closing_after_september_11_2001():
    assert CAL.trading_days_before(date(2001, 9, 17), 3) == [date(2001, 9, 6), date(2001, 9, 7), date(2001, 9, 10)]


def test_thirty_trading_days_are_thirty_distinct_open_days():
    days = CAL.trading_days_before(date(2004, 7, 1), 30)
    assert len(set(days)) == 30 and all(CAL.is_trading_day(x) for x in days)
    assert days == sorted(days)


def test_a_business_day_the_exchange_was_closed_is_not_a_trading_day():
    assert CAL.is_business_day(date(2001, 9, 12)) and not CAL.is_trading_day(date(2001, 9, 12))


def test_our_exchange_closings_agree_with_the_holidays_library_nyse_calendar():
    nyse = holidays.financial_holidays("NYSE", years=YEARS)
    library = {d for d in nyse if d.weekday() < 5 and FIRST <= d <= LAST}
    assert set(exchange_closings(FIRST, LAST)) == library


# Reading switches ------------------------------------------------------------------------

SWITCHES = [
    ("juneteenth", "closed", date(2023, 6, 19)),
    ("good_friday", "open", date(2003, 4, 18)),
    ("lincolns_birthday", "open", date(2003, 2, 12)),
    ("admission_day", "open", date(2003, 9, 9)),
    ("election_day", "open", date(2003, 11, 4)),
    ("cesar_chavez_day", "closed", date(2003, 3, 31)),
    ("mourning_days", "closed", date(2004, 6, 11)),
    ("nj_saturday_observance", "closed", date(2004, 12, 31)),
]


@pytest.mark.parametrize(("name", "choice", "day"), SWITCHES, ids=[s[0] for s in SWITCHES])
def test_each_business_day_switch_changes_the_answer_on_its_day(name, choice, day):
    default = READINGS[name].default
    before = day - timedelta(days=1)
    assert day.weekday() < 5 and choice != default
    assert BusinessCalendar({name: default}).is_business_day(day) == (default == "open")
    switched = BusinessCalendar({name: choice})
    assert switched.is_business_day(day) == (choice == "open")
    assert (switched.business_days_after(before, 1) == day) == (choice == "open")


def test_every_calendar_switch_is_tested_and_cites_a_definition():
    assert {s[0] for s in SWITCHES} | {"trading_days"} == set(CALENDAR_READINGS)
    assert {READINGS[n].section for n in CALENDAR_READINGS} == {"Section 1(e)", "Section 1(nn)"}


def test_trading_days_as_business_days_makes_september_12_2001_a_trading_day():
    assert BusinessCalendar({"trading_days": "business_day"}).is_trading_day(date(2001, 9, 12))
    assert not CAL.is_trading_day(date(2001, 9, 12))


def test_cesar_chavez_day_2000_was_not_yet_a_holiday_even_when_the_switch_is_closed():
    assert BusinessCalendar({"cesar_chavez_day": "closed"}).is_business_day(date(2000, 3, 31))


def test_the_new_jersey_friday_rule_closes_the_friday_before_a_saturday_new_years_day():
    cal = BusinessCalendar({"nj_saturday_observance": "closed"})
    assert cal.closure_reason(date(2010, 12, 31)) == "New Year's Day, observed (N.J.S.A. 36:1-1.2)"


def test_switches_of_other_modules_are_ignored():
    assert BusinessCalendar({"affiliation": "transitive"}).is_business_day(date(2003, 6, 2))


def test_an_unknown_choice_of_a_calendar_switch_is_refused_naming_the_switch():
    with pytest.raises(ScenarioError) as err:
        BusinessCalendar({"good_friday": "maybe"})
    assert str(err.value) == "<calendar>: interpretation.good_friday: got 'maybe'; expected one of closed, open (Section 1(e))"


def _fewest_closings() -> dict[str, str]:
    """Every Business-Day switch at the choice that closes fewer days.  A `when` in the data only
    ever adds closings, so a day closed under these readings is closed under every reading."""
    return {n: "open" for n in CALENDAR_READINGS if n != "trading_days"}


def test_every_federal_reserve_holiday_is_not_a_business_day_under_every_reading_but_juneteenth():
    fed = federal_reserve_closings(FIRST, LAST)
    fed_2000_2011 = [d for d in fed if d.year in range(2000, 2012)]
    # Eight holidays fell on a Saturday in 2000-2011 (Jan 1 2000, 2005, 2011; Jul 4 2009; Nov 11
    # 2000, 2006; Dec 25 2004, 2010): the Federal Reserve closed no Friday for them.
    assert len(fed_2000_2011) == 10 * 12 - 8
    assert {d for d in fed if d.month == 6} == {date(2022, 6, 20), date(2023, 6, 19), date(2024, 6, 19),
                                                date(2025, 6, 19), date(2026, 6, 19), date(2028, 6, 19),
                                                date(2029, 6, 19), date(2030, 6, 19), date(2031, 6, 19),
                                                date(2033, 6, 20), date(2034, 6, 19), date(2035, 6, 19)}
    cal = BusinessCalendar({**_fewest_closings(), "juneteenth": "closed"})
    assert [d for d in fed if cal.is_business_day(d)] == []
    fewest = BusinessCalendar(_fewest_closings())
    # June 19, 2026 is a Friday, the third of the month: New Jersey's Juneteenth Day closes it anyway.
    assert [d for d in sorted(fed) if fewest.is_business_day(d)] == [
        d for d in sorted(fed) if d.month == 6 and d != date(2026, 6, 19)]


def test_the_fewest_closings_readings_close_no_day_another_reading_leaves_open():
    fewest = BusinessCalendar(_fewest_closings())
    for name in _fewest_closings():
        for choice in READINGS[name].choices:
            other = BusinessCalendar({**_fewest_closings(), name: choice})
            days = (FIRST + timedelta(days=i) for i in range((LAST - FIRST).days + 1))
            assert not any(other.is_business_day(d) for d in days if not fewest.is_business_day(d)), (name, choice)


# The range (a backstop: the evaluator checks scenario dates first) -----------------------


def test_the_first_and_last_dates_are_inside_the_range():
    assert CAL.closure_reason(FIRST) == "Sunday"  # January 1, 1995
    assert CAL.is_business_day(LAST)  # Monday, December 31, 2035


@pytest.mark.parametrize("day", [FIRST - timedelta(days=1), LAST + timedelta(days=1)], ids=["day_before", "day_after"])
def test_a_date_one_day_outside_the_range_is_refused(day):
    with pytest.raises(ScenarioError) as err:
        CAL.is_business_day(day)
    assert str(err.value) == (
        f"<calendar>: date: got {day!r}; expected a date between {FIRST} and {LAST}, "
        "the calendar's range (Section 1(e))"
    )


def test_counting_past_the_last_date_is_refused():
    assert CAL.business_days_after(date(2035, 12, 24), 3) == date(2035, 12, 28)  # Dec 25, a Tuesday
    with pytest.raises(ScenarioError):
        CAL.business_days_after(date(2035, 12, 24), 6)
    with pytest.raises(ScenarioError):
        CAL.trading_days_before(date(1995, 1, 5), 3)
    assert CAL.trading_days_before(date(1995, 1, 5), 2) == [date(1995, 1, 3), date(1995, 1, 4)]


@pytest.mark.parametrize("bad", [0, -1, True], ids=["zero", "negative", "bool"])
def test_a_count_below_one_is_refused(bad):
    with pytest.raises(ScenarioError):
        CAL.business_days_after(date(2003, 6, 2), bad)


def test_a_date_time_is_refused_rather_than_compared():
    with pytest.raises(ScenarioError):
        CAL.is_business_day(datetime(2003, 6, 2, 12))


# The data and the documentation ----------------------------------------------------------


def test_every_holiday_names_a_valid_legal_source_and_its_words():
    for holiday in DATA["holidays"]:
        sources = [holiday[k] for k in ("california", "new_jersey", "federal_law") if k in holiday]
        assert sources, holiday["name"]
        for who in sources:
            assert is_valid(who["law"]) and who["words"], holiday["name"]


def _documented(marker: str) -> dict[date, str]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker}:start -->")[1].split(f"<!-- {marker}:end -->")[0]
    rows = {}
    for line in block.strip().splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[date.fromisoformat(cells[0])] = cells[3]
    return rows


def _library(category: str) -> set[date]:
    found = set()
    for subdiv in ("CA", "NJ"):
        found |= set(holidays.US(subdiv=subdiv, years=YEARS, categories=(category,)))
    return {d for d in found if d.weekday() < 5 and FIRST <= d <= LAST}


def test_the_differences_from_the_holidays_library_are_exactly_the_documented_table():
    ours = {d for d in map(lambda i: FIRST + timedelta(days=i), range((LAST - FIRST).days + 1))
            if d.weekday() < 5 and not CAL.is_business_day(d)}
    library = _library("public")
    expected = {d: "Business Day" if d in library else "not a Business Day" for d in ours ^ library}
    assert _documented("differences") == expected


def test_the_librarys_federal_closings_are_documented_as_business_days():
    extra = {d for d in _library("government") - _library("public") if CAL.is_business_day(d)}
    assert _documented("government") == dict.fromkeys(extra, "Business Day")


def test_the_documentation_names_every_calendar_switch():
    text = DOC.read_text(encoding="utf-8")
    assert all(re.search(f"`{name}`", text) for name in CALENDAR_READINGS)
