"""Section 14 and Section 24(d): cash in lieu of fractional Rights and shares."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from rightsplan.spec.adjustments import EconomicContext
from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.fractional import (
    common_delivery, exchange_delivery, fractional_rights_cash, preferred_delivery, split_off,
)
from rightsplan.spec.terms import load_plan

PLAN = load_plan()
CAL = BusinessCalendar({})
ON = date(2003, 7, 7)  # a Monday after the July 4 holiday
DAYS = CAL.trading_days_before(ON, 30)


def ctx(**readings: str) -> EconomicContext:
    prices = {d: Decimal("20.00") for d in DAYS}
    prices[DAYS[-1]] = Decimal("21.00")  # Thursday July 3, the Trading Day before the exercise
    return EconomicContext(PLAN, dict(readings), CAL, prices)


def test_three_rights_of_16_6667_shares_deliver_50_shares_and_cash_for_the_ten_thousandth() -> None:
    d = common_delivery(3, Decimal("16.6667"), ON, ctx())
    assert (d.whole, d.fraction, d.price_date, d.cash) == (50, Fraction(1, 10000), date(2003, 7, 3), Fraction("0.0021"))


def test_a_whole_number_of_shares_pays_no_cash() -> None:
    d = common_delivery(4, Decimal("25.0000"), ON, ctx())
    assert (d.whole, d.cash) == (100, 0)


def test_preferred_is_delivered_in_whole_thousandths_and_the_rest_is_cash_at_one_thousandth_of_the_close() -> None:
    d = preferred_delivery(3, Decimal("1.05"), ON, ctx())  # 0.00315 of a Preferred Share
    assert (d.whole, d.fraction) == (Fraction(3, 1000), Fraction(15, 100000))
    assert d.unit_value == Fraction("0.021") and d.cash == Fraction(15, 100000) * Fraction("0.021")


def test_under_the_thousand_reading_a_preferred_share_is_worth_a_thousand_closes() -> None:
    d = preferred_delivery(3, Decimal("1.05"), ON, ctx(fractional_preferred_value="thousand"))
    assert d.unit_value == 21000 and d.cash == Fraction("3.15")  # 0.15 of a one-thousandth = 0.15 of a Common Share


def test_an_exchange_pays_cash_for_the_fraction_at_the_previous_close_by_default() -> None:
    d = exchange_delivery(3, Fraction(1, 2), ON, ctx())
    assert (d.whole, d.fraction, d.cash) == (1, Fraction(1, 2), Fraction("10.50"))


def test_an_exchange_can_value_the_fraction_at_the_thirty_day_average() -> None:
    d = exchange_delivery(3, Fraction(1, 2), ON, ctx(exchange_fraction_price="average_30"))
    assert d.unit_value == Fraction(601, 30) and d.price_date is None


def test_a_fractional_right_is_paid_at_the_rights_closing_price() -> None:
    assert fractional_rights_cash(Fraction(1, 3), Decimal("0.60")) == Fraction("0.20")


def test_split_off_separates_whole_units_from_the_remainder() -> None:
    assert split_off(Fraction(7, 2), Fraction(1)) == (3, Fraction(1, 2))
