"""Sections 11(a)(ii), 11(a)(iii), 13(a) and 13(c): what a Right buys once the plan flips."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from rightsplan.spec.adjustments import EconomicContext, apply_economic_event, initial_terms
from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.flip import (
    current_value_and_spread, flip_in, flip_over, section_11a_ii_trigger_date, substitution_period_end,
)
from rightsplan.spec.market_price import BasisChange
from rightsplan.spec.scenario import Event
from rightsplan.spec.terms import load_plan

PLAN = load_plan()
CAL = BusinessCalendar({})
TE = date(2003, 7, 1)
DAYS = CAL.trading_days_before(TE, 60)


def ctx(price: str = "20.00", changes: tuple[BasisChange, ...] = (), **readings: str) -> EconomicContext:
    return EconomicContext(PLAN, dict(readings), CAL, {d: Decimal(price) for d in DAYS}, changes)


def test_a_right_flips_into_common_worth_twice_the_exercise_price() -> None:
    fi = flip_in(initial_terms(PLAN), TE, ctx())
    assert fi.common_shares_per_right == Decimal("25.0000")  # $250 / (50% x $20)
    assert fi.to_json()["window"] == [DAYS[30].isoformat(), DAYS[-1].isoformat()]


def test_a_flip_in_after_a_two_for_one_split_uses_the_halved_price_and_restated_prices() -> None:
    ex = date(2003, 6, 2)
    prices = {d: Decimal("20.00") if d < ex else Decimal("10.00") for d in DAYS}
    c = EconomicContext(PLAN, {}, CAL, prices, (BasisChange(ex, 2, 1),))
    rt, _ = apply_economic_event(initial_terms(PLAN), Event(0, ex, "split", {"new": 2, "old": 1}), c)
    fi = flip_in(rt, TE, c)
    assert (fi.exercise_price, fi.price_used, fi.common_shares_per_right) == (125, 10, Decimal("25.0000"))


def test_a_flip_in_share_count_is_rounded_to_the_nearest_ten_thousandth() -> None:
    assert flip_in(initial_terms(PLAN), TE, ctx("30.00")).common_shares_per_right == Decimal("16.6667")


def test_the_rounding_reading_decides_whether_the_average_price_is_first_rounded_to_the_cent() -> None:
    c = ctx("30.00")
    c.prices[DAYS[-1]] = Decimal("30.01")  # average 30.000333...
    assert flip_in(initial_terms(PLAN), TE, c).common_shares_per_right == Decimal("16.6665")
    each = replace(c, readings={"section_11_rounding": "each_calculation"})
    assert flip_in(initial_terms(PLAN), TE, each).common_shares_per_right == Decimal("16.6667")


def test_a_flip_over_gives_principal_shares_worth_twice_the_total_exercise_price() -> None:
    fo = flip_over(initial_terms(PLAN), Decimal("30"), ctx())
    assert fo.to_json()["principal_shares_per_right"] == "16.6667"
    assert flip_over(initial_terms(PLAN), Decimal("30"), ctx(flip_over_rounding="exact")).to_json()[
        "principal_shares_per_right"] == "50/3"


def test_a_flip_over_uses_the_total_exercise_price_never_the_flip_in_shares() -> None:
    rt = replace(initial_terms(PLAN), exercise_price=Decimal("125.00"), thousandths_per_right=Decimal("2"))
    assert flip_over(rt, Decimal("25"), ctx()).principal_shares_per_right == Decimal("20.0000")


def test_the_trigger_date_is_the_later_of_the_triggering_event_and_the_end_of_redemption() -> None:
    assert section_11a_ii_trigger_date(TE, date(2003, 7, 8)) == date(2003, 7, 8)
    assert section_11a_ii_trigger_date(date(2003, 7, 9), date(2003, 7, 8)) == date(2003, 7, 9)


def test_the_substitution_period_is_thirty_days_and_extends_to_ninety_at_most() -> None:
    start = date(2003, 7, 8)
    assert substitution_period_end(start, ctx()) == start + timedelta(days=30)
    assert substitution_period_end(start, ctx(), start + timedelta(days=90)) == date(2003, 10, 6)
    with pytest.raises(ScenarioError, match="Section 11\\(a\\)\\(iii\\)"):
        substitution_period_end(start, ctx(), start + timedelta(days=91))


def test_current_value_and_spread_use_the_ten_day_price_on_the_trigger_date() -> None:
    c = ctx()
    fi = flip_in(initial_terms(PLAN), TE, c)
    for d in CAL.trading_days_before(date(2003, 7, 8), 10):
        c.prices[d] = Decimal("24.00")
    s = current_value_and_spread(fi, date(2003, 7, 8), c)
    assert (s.current_value, s.spread, s.market_price.value) == (Decimal("600.00"), Decimal("350.00"), Fraction(24))


def test_a_flip_in_after_the_three_year_deadline_uses_the_adjustment_then_made() -> None:
    from rightsplan.spec.economics import EconomicState
    from rightsplan.spec.scenario import scenario_from_data

    te = date(2006, 7, 5)
    data = {
        "start": "2003-05-01", "outstanding": 10_000_000, "persons": {"acme": {}},
        "prices": {d.isoformat(): "20.00" for d in CAL.trading_days_before(te, 30)},
        "events": [{"date": "2003-07-01", "type": "distribution", "value": "80", "preferred_price": "20000"}],
    }
    scenario = scenario_from_data(data, "<test>")
    state = EconomicState(scenario, CAL)
    for e in scenario.events:
        state.apply(e)
    assert state.terms.exercise_price == Decimal("250.00")  # carried forward since 2003-07-01
    fi = state.flip_in(te)
    assert (fi.exercise_price, fi.common_shares_per_right) == (Decimal("249.00"), Decimal("24.9000"))
    assert any(x.section == "Section 11(d)" and "2006-07-01" in x.text for x in state.explanations)


def test_the_flip_in_uses_the_terms_in_force_just_before_the_triggering_event() -> None:
    from rightsplan.spec.economics import EconomicState
    from rightsplan.spec.scenario import scenario_from_data

    data = {
        "start": "2003-05-01", "outstanding": 10_000_000, "persons": {"acme": {}}, "holdings": {"acme": 1_000_000},
        "prices": {d.isoformat(): "20.00" for d in DAYS},
        "events": [{"date": "2003-07-01", "type": "preferred_split", "new": 2, "old": 1},
                   {"date": "2003-07-01", "type": "acquire", "person": "acme", "shares": 500_000},
                   {"date": "2003-07-01", "type": "preferred_split", "new": 2, "old": 1}],
    }
    scenario = scenario_from_data(data, "<test>")
    state = EconomicState(scenario, CAL)
    for e in scenario.events:
        state.apply(e)
    assert state.terms_before(TE, 1).exercise_price == Decimal("125.00")  # after the first split only
    assert state.terms_before(TE).exercise_price == Decimal("250.00")  # the start of the day
    assert state.flip_in(TE, 1).common_shares_per_right == Decimal("25.0000")  # 125 x 2 thousandths / 10


def _missing_price_error(data: dict) -> str:
    from rightsplan.spec.evaluate import evaluate
    from rightsplan.spec.scenario import scenario_from_data

    with pytest.raises(ScenarioError) as err:
        evaluate(scenario_from_data(data, "s.yaml"))
    assert err.value.place == "prices"
    return str(err.value)


def test_missing_prices_for_the_flip_in_name_the_triggering_event_that_needs_them() -> None:
    window = CAL.trading_days_before(TE, 30)
    data = {"start": "2003-05-01", "outstanding": 10_000_000, "persons": {"acme": {}}, "holdings": {"acme": 1_000_000},
            "prices": {d.isoformat(): "20.00" for d in window[1:]},
            "events": [{"date": "2003-06-02", "type": "acquire", "person": "acme", "shares": 1},
                       {"date": "2003-07-01", "type": "acquire", "person": "acme", "shares": 500_000}]}
    assert _missing_price_error(data) == (
        f"s.yaml: prices: got ['{window[0].isoformat()}']; expected closing prices for the 30 consecutive Trading Days "
        "before 2003-07-01, which events[1] (the Triggering Event on 2003-07-01, for the flip-in) needs (Section 1(j))")


def test_a_missing_closing_price_for_an_exercise_names_the_exercise_that_needs_it() -> None:
    """Section 14(c): cash in lieu of a fraction at the closing price (by the second sentence of Section 1(j)) of the
    Trading Day immediately prior to the exercise."""
    window = CAL.trading_days_before(TE, 30)
    data = {"start": "2003-05-01", "outstanding": 10_000_000, "persons": {"acme": {}, "bob": {}},
            "holdings": {"acme": 1_000_000, "bob": 1_000},
            "prices": {d.isoformat(): "20.00" for d in window},
            "events": [{"date": "2003-07-01", "type": "acquire", "person": "acme", "shares": 500_000},
                       {"date": "2003-07-01", "type": "announce", "person": "acme"},
                       {"date": "2003-07-21", "type": "exercise", "person": "bob", "rights": 1}]}
    message = _missing_price_error(data)  # the Distribution Date is 07-16, ten Business Days after 07-01
    assert message == ("s.yaml: prices: got ['2003-07-18']; expected the closing price for the Trading Day before "
                       "2003-07-21, which events[2] (exercise on 2003-07-21) needs (Section 1(j))")
