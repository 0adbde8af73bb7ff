"""Section 1(j): the Current Per Share Market Price is the average close of the 30 Trading Days before a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.market_price import (
    BasisChange, basis_changes, closing_price_before, current_per_share_market_price, restatement, splits_since,
)
from rightsplan.spec.scenario import Event

CAL = BusinessCalendar({})
ON = date(2003, 7, 1)
WINDOW = CAL.trading_days_before(ON, 30)


def _prices(value: str = "20.00", days: int = 40) -> dict[date, Decimal]:
    return {d: Decimal(value) for d in CAL.trading_days_before(ON, days)}


def test_the_price_is_the_average_of_the_thirty_trading_days_before_the_date() -> None:
    prices = _prices()
    prices[WINDOW[0]] = Decimal("50.00")
    mp = current_per_share_market_price(ON, prices, CAL)
    assert mp.value == (Decimal("50.00") + 29 * Decimal("20.00")) / 30
    assert mp.window == tuple(WINDOW) and len(mp.window) == 30


def test_a_price_older_than_the_window_and_the_price_on_the_date_itself_are_not_used() -> None:
    prices = _prices()
    older = CAL.trading_days_before(WINDOW[0], 1)[0]
    prices[older] = Decimal("1000.00")
    prices[ON] = Decimal("1000.00")
    assert current_per_share_market_price(ON, prices, CAL).value == 20


def test_july_fourth_is_not_a_trading_day_so_the_window_skips_it() -> None:
    window = CAL.trading_days_before(date(2003, 7, 8), 30)
    assert date(2003, 7, 4) not in window and date(2003, 7, 3) in window


def test_missing_prices_are_named_with_the_section() -> None:
    prices = _prices()
    del prices[WINDOW[3]], prices[WINDOW[7]]
    with pytest.raises(ScenarioError) as err:
        current_per_share_market_price(ON, prices, CAL, source="s.yaml")
    assert str(err.value) == (
        f"s.yaml: prices: got ['{WINDOW[3].isoformat()}', '{WINDOW[7].isoformat()}']; expected closing prices "
        "for the 30 consecutive Trading Days before 2003-07-01 (Section 1(j))"
    )


def test_the_eleven_a_iii_window_has_ten_trading_days() -> None:
    prices = _prices()
    prices[WINDOW[19]] = Decimal("80.00")  # 11th day back: outside a 10-day window
    assert current_per_share_market_price(ON, prices, CAL, days=10).value == 20
    assert len(current_per_share_market_price(ON, prices, CAL, days=10).window) == 10


def test_a_split_inside_the_window_restates_the_older_prices_per_share_equivalent() -> None:
    ex = WINDOW[10]
    prices = {d: Decimal("20.00") if d < ex else Decimal("10.00") for d in WINDOW}
    mp = current_per_share_market_price(ON, prices, CAL, (BasisChange(ex, 2, 1),))
    assert mp.value == 10 and len(mp.restated) == 10


def test_a_split_after_the_date_does_not_restate() -> None:
    assert restatement(WINDOW[0], ON, (BasisChange(date(2003, 7, 2), 2, 1),)) == 1
    assert restatement(WINDOW[0], ON, (BasisChange(ON, 2, 1),)) == Fraction(1, 2)


def test_an_announced_split_trades_on_the_new_basis_from_its_ex_date() -> None:
    events = [
        Event(0, date(2003, 6, 2), "announce_split", {"new": 3, "old": 1, "ex_date": date(2003, 6, 10)}),
        Event(1, date(2003, 6, 16), "split", {"new": 3, "old": 1}),
        Event(2, date(2003, 8, 1), "split", {"new": 1, "old": 2}),
    ]
    assert basis_changes(events) == (BasisChange(date(2003, 6, 10), 3, 1), BasisChange(date(2003, 8, 1), 1, 2))


def test_splits_since_the_agreement_multiply_new_over_old() -> None:
    changes = (BasisChange(date(2003, 6, 10), 3, 1), BasisChange(date(2003, 8, 1), 1, 2))
    assert splits_since(date(2003, 3, 31), date(2003, 9, 1), changes) == Fraction(3, 2)
    assert splits_since(date(2003, 3, 31), date(2003, 7, 1), changes) == 3


def test_the_closing_price_before_an_exercise_is_the_previous_trading_days() -> None:
    prices = _prices()
    prices[WINDOW[-1]] = Decimal("21.50")
    assert closing_price_before(ON, prices, CAL) == (WINDOW[-1], Decimal("21.50"))
