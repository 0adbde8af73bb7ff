"""Section 11: adjustments of the Exercise Price, the Preferred per Right and the number of Rights."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from rightsplan.spec.adjustments import (
    CENT, EconomicContext, RightTerms, adjustment_deadline, apply_economic_event, initial_terms, round_to, settle,
)
from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.scenario import Event
from rightsplan.spec.terms import load_plan

PLAN = load_plan()
CAL = BusinessCalendar({})
PRICES = {d: Decimal("20.00") for d in CAL.trading_days_before(date(2010, 1, 4), 1700)}


def ctx(**readings: str) -> EconomicContext:
    return EconomicContext(PLAN, dict(readings), CAL, PRICES)


def ev(kind: str, when: date = date(2003, 7, 1), **fields: Any) -> Event:
    return Event(0, when, kind, fields)


def run(*events: Event, c: EconomicContext | None = None, rt: RightTerms | None = None) -> RightTerms:
    rt = rt or initial_terms(PLAN)
    for e in events:
        rt, notes = apply_economic_event(rt, e, c or ctx())
        assert notes, "every adjustment explains itself"
    return rt


def test_the_initial_terms_come_from_the_plan() -> None:
    assert initial_terms(PLAN).to_json() == {
        "exercise_price": "250.00", "thousandths_per_right": "1", "rights_per_share": "1",
        "redemption_price": "0.001", "exchange_ratio": "1", "total_exercise_price": "250.00",
    }


def test_a_two_for_one_common_split_halves_the_exercise_price_and_keeps_one_right_per_share() -> None:
    rt = run(ev("split", new=2, old=1))
    assert (rt.exercise_price, rt.thousandths_per_right, rt.rights_per_share) == (Decimal("125.00"), 1, 1)
    assert rt.redemption_price == Fraction(1, 2000) and rt.exchange_ratio == 1


def test_the_exchange_ratio_scales_only_under_the_scaled_reading() -> None:
    assert run(ev("split", new=2, old=1), c=ctx(exchange_ratio_adjustment="scaled")).exchange_ratio == Fraction(1, 2)


def test_a_three_for_one_split_gives_a_redemption_price_with_no_finite_decimal() -> None:
    rt = run(ev("split", new=3, old=1))
    assert rt.to_json()["redemption_price"] == "1/3000" and rt.exercise_price == Decimal("83.33")


def test_a_preferred_split_divides_the_price_and_multiplies_the_thousandths() -> None:
    rt = run(ev("preferred_split", new=2, old=1))
    assert (rt.exercise_price, rt.thousandths_per_right, rt.total_exercise_price) == (125, 2, 250)


def test_a_preferred_split_with_a_common_split_of_the_same_ratio_is_not_adjusted_again() -> None:
    c = EconomicContext(PLAN, {}, CAL, PRICES, common_splits=((date(2003, 7, 1), 2, 1),))
    assert run(ev("preferred_split", new=2, old=1), c=c) == initial_terms(PLAN)


def test_a_change_of_exactly_one_percent_is_made() -> None:
    rt = run(ev("distribution", value=Decimal("200")))  # market 20,000; 19,800/20,000 of $250 = $247.50
    assert rt.exercise_price == Decimal("247.50") and rt.deferred_since is None


def test_a_change_one_cent_short_of_one_percent_is_carried_forward() -> None:
    rt = run(ev("distribution", value=Decimal("199.2")))  # $247.51: a change of $2.49
    assert rt.exercise_price == Decimal("250.00")
    assert rt.carried_price == Fraction("247.51") and rt.deferred_since == date(2003, 7, 1)


def test_small_adjustments_are_carried_forward_until_together_they_reach_one_percent() -> None:
    days = [date(2003, 7, 1), date(2003, 8, 1), date(2003, 9, 2)]
    steps = [run(*[ev("distribution", d, value=Decimal("80")) for d in days[:k]]) for k in (1, 2, 3)]
    assert [s.exercise_price for s in steps] == [Decimal("250.00"), Decimal("250.00"), Decimal("247.01")]
    assert steps[1].carried_price == Fraction("248.004") and steps[1].deferred_since == days[0]
    assert steps[2].carried_price == Fraction("247.011984") and steps[2].deferred_since is None
    assert steps[2].thousandths_per_right == Decimal("1.01")  # 11(g): 250/247.01 thousandths, to 1/100,000


def test_a_carried_adjustment_is_made_three_years_after_its_transaction() -> None:
    rt = run(ev("distribution", date(2003, 7, 1), value=Decimal("80")))
    assert adjustment_deadline(rt, ctx()) == date(2006, 7, 1)
    assert settle(rt, date(2006, 6, 30), ctx())[0].exercise_price == Decimal("250.00")
    assert settle(rt, date(2006, 7, 1), ctx())[0].exercise_price == Decimal("249.00")


def test_a_carried_adjustment_is_made_by_the_expiration_date_if_that_is_earlier() -> None:
    rt = run(ev("distribution", date(2003, 7, 1), value=Decimal("80")))
    c = EconomicContext(PLAN, {}, CAL, PRICES, expiration=date(2004, 1, 2))
    assert adjustment_deadline(rt, c) == date(2004, 1, 2)
    assert settle(rt, date(2004, 1, 2), c)[0].exercise_price == Decimal("249.00")


def test_rounding_each_calculation_carries_the_price_to_the_cent() -> None:
    rt = run(ev("distribution", value=Decimal("80.8")), c=ctx(section_11_rounding="each_calculation"))
    assert rt.carried_price == Fraction("248.99")  # 250 x 0.99596 = 248.99 exactly; to the cent


def test_a_below_market_rights_offering_lowers_the_price_and_raises_the_preferred_per_right() -> None:
    offer = ev("rights_offering", price=Decimal("10000"), shares=1000, preferred_outstanding=1000)
    rt = run(offer)  # (1000 + 1000 x 10,000/20,000) / 2000 = 3/4
    assert (rt.exercise_price, rt.thousandths_per_right) == (Decimal("187.50"), Decimal("1.33"))


def test_under_an_eleven_h_election_the_rights_multiply_instead() -> None:
    offer = ev("rights_offering", price=Decimal("10000"), shares=1000, preferred_outstanding=1000, election="rights")
    rt = run(offer)
    assert (rt.exercise_price, rt.thousandths_per_right, rt.rights_per_share) == (Decimal("187.50"), 1, Decimal("1.33333"))


def test_an_offering_at_the_market_price_is_not_adjusted() -> None:
    rt = run(ev("rights_offering", price=Decimal("20000"), shares=1000, preferred_outstanding=1000))
    assert rt == initial_terms(PLAN)


def test_a_traded_preferred_price_replaces_the_deemed_one() -> None:
    offer = ev("rights_offering", price=Decimal("10000"), shares=1000, preferred_outstanding=1000,
               preferred_price=Decimal("10000"))
    assert run(offer) == initial_terms(PLAN)


def test_a_distribution_worth_the_whole_preferred_price_is_refused() -> None:
    with pytest.raises(ScenarioError, match=r"events\[0\]\.value.*below its Current Per Share Market Price"):
        run(ev("distribution", value=Decimal("20000")))


def test_the_deemed_preferred_price_follows_splits_since_the_agreement_under_the_literal_reading() -> None:
    split = Event(0, date(2003, 4, 1), "split", {"new": 2, "old": 1})
    from rightsplan.spec.market_price import BasisChange

    c = EconomicContext(PLAN, {}, CAL, PRICES, (BasisChange(date(2003, 4, 1), 2, 1),))
    rt = run(split, ev("distribution", value=Decimal("400")), c=c)  # market 2 x 20 x 1000 = 40,000: 1%
    assert rt.exercise_price == Decimal("123.75")
    c_none = EconomicContext(PLAN, {"preferred_price_split_adjustment": "none"}, CAL, PRICES, c.changes)
    assert run(split, ev("distribution", value=Decimal("400")), c=c_none).exercise_price == Decimal("122.50")


def test_the_exercise_price_never_falls_below_the_par_value_it_buys() -> None:
    rt = run(ev("split", new=1_000_000, old=1))
    assert rt.exercise_price == Decimal("0.000001")


def test_nearest_cent_rounds_a_tie_up() -> None:
    assert round_to(Fraction("0.005"), CENT) == Decimal("0.01")
    assert round_to(Fraction("0.00499"), CENT) == Decimal("0.00")


def test_an_offering_one_cent_below_the_market_price_is_adjusted() -> None:
    rt = run(ev("rights_offering", price=Decimal("19999.99"), shares=1000, preferred_outstanding=1000))
    assert rt.carried_price < Fraction(250) and rt.deferred_since == date(2003, 7, 1)  # a tiny change, carried


BAD_EVENTS = {
    "offering-without-preferred-outstanding": ({"type": "rights_offering", "price": "1", "shares": 5},
                                                "events[0].preferred_outstanding"),
    "offering-with-unknown-election": ({"type": "rights_offering", "price": "1", "shares": 5,
                                        "preferred_outstanding": 5, "election": "cash"}, "events[0].election"),
    "distribution-of-nothing": ({"type": "distribution", "value": "0"}, "events[0].value"),
    "preferred-split-of-zero": ({"type": "preferred_split", "new": 0, "old": 1}, "events[0].new"),
    "announced-split-without-ex-date": ({"type": "announce_split", "new": 2, "old": 1}, "events[0].ex_date"),
    "exercise-of-no-rights": ({"type": "exercise", "person": "acme", "rights": 0}, "events[0].rights"),
}


@pytest.mark.parametrize("name", sorted(BAD_EVENTS))
def test_malformed_economic_events_are_refused_naming_the_field(name: str) -> None:
    from rightsplan.spec.scenario import scenario_from_data

    raw, place = BAD_EVENTS[name]
    data = {"outstanding": 100, "persons": {"acme": {}}, "events": [{"date": "2003-07-01", **raw}]}
    with pytest.raises(ScenarioError) as err:
        scenario_from_data(data, "bad.yaml")
    assert str(err.value).startswith(f"bad.yaml: {place}: ")
