"""Cash in lieu of fractional Rights and shares (Section 14, Section 24(d)).

A holder receives whole Common Shares (or whole one-thousandths of a Preferred Share) and,
for the rest, "an amount in cash equal to the same fraction of the current market value"
of one, at the price the subsection names.  The cash is exact: the agreement gives it no
rounding rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .adjustments import EconomicContext
from .citations import cite
from .market_price import show_exact, closing_price_before, current_per_share_market_price

S_14A = cite("Section 14(a)")
S_14B = cite("Section 14(b)")
S_14C = cite("Section 14(c)")
S_24D = cite("Section 24(d)")

ONE_THOUSANDTH = Fraction(1, 1000)


@dataclass(frozen=True)
class Delivery:
    """What a holder receives: whole units, the fraction paid in cash, the price and the cash."""

    whole: Fraction  # whole Common Shares, or Preferred Shares in whole one-thousandths
    fraction: Fraction  # the part paid in cash, in the same unit
    unit_value: Fraction  # current market value of one unit (a share)
    cash: Fraction
    price_date: date | None
    section: str

    def to_json(self) -> dict[str, Any]:
        return {"whole": show_exact(self.whole), "fraction": show_exact(self.fraction), "unit_value": show_exact(self.unit_value),
                "cash": show_exact(self.cash), "price_date": self.price_date.isoformat() if self.price_date else None,
                "section": self.section}


def split_off(quantity: Fraction, unit: Fraction) -> tuple[Fraction, Fraction]:
    """``quantity`` as (whole multiples of ``unit``, the remainder)."""
    whole = (quantity // unit) * unit
    return whole, quantity - whole


def fractional_rights_cash(fraction: Fraction, right_price: Decimal) -> Fraction:
    """Cash for a fractional Right: the fraction x the Rights' closing price the Trading Day before.

    Section 14(a): "an amount in cash equal to the same fraction of the current market value
    of a whole Right", which "shall be the closing price of the Rights for the Trading Day
    immediately prior to the date on which such fractional Rights would have been otherwise
    issuable".
    """
    return fraction * Fraction(right_price)


def common_delivery(rights: int, shares_per_right: Decimal, exercise_date: date, ctx: EconomicContext) -> Delivery:
    """Whole Common Shares on exercise, and cash for the fraction at the previous day's close.

    Section 14(c): "In lieu of such fractional Common Shares, the Company shall pay ... an
    amount in cash equal to the same fraction of the current market value of a Common
    Share", being "the closing price of a Common Share ... for the Trading Day immediately
    prior to the date of such exercise".
    """
    whole, frac = split_off(rights * Fraction(shares_per_right), Fraction(1))
    day, price = closing_price_before(exercise_date, ctx.prices, ctx.calendar, ctx.source)
    return Delivery(whole, frac, Fraction(price), frac * Fraction(price), day, S_14C)


def preferred_value(common_close: Decimal, ctx: EconomicContext) -> Fraction:
    """The Section 14(b) value of one Preferred Share.

    Section 14(b): "the current market value of a Preferred Share shall be the product equal
    to (x) one thousandth multiplied by (y) the closing price of a Common Share".  The
    ``fractional_preferred_value`` reading ``thousand`` uses 1,000 instead (Section 1(j)).
    """
    if ctx.reading("fractional_preferred_value") == "thousand":
        return Fraction(common_close) * ctx.plan.preferred_multiple
    return Fraction(common_close) * ONE_THOUSANDTH


def preferred_delivery(rights: int, thousandths_per_right: Decimal, exercise_date: date,
                       ctx: EconomicContext) -> Delivery:
    """Preferred in whole one-thousandths on exercise, and cash for the rest (Section 14(b)).

    "The Company shall not be required to issue fractions of Preferred Shares (other than
    fractions that are integral multiples of one one-thousandth of a Preferred Share)"; for
    the rest "an amount in cash equal to the same fraction of the current market value of a
    Preferred Share".
    """
    preferred = rights * Fraction(thousandths_per_right) * ONE_THOUSANDTH
    whole, frac = split_off(preferred, ONE_THOUSANDTH)
    day, close = closing_price_before(exercise_date, ctx.prices, ctx.calendar, ctx.source)
    value = preferred_value(close, ctx)
    return Delivery(whole, frac, value, frac * value, day, S_14B)


def exchange_delivery(rights: int, exchange_ratio: Fraction, exchange_date: date, ctx: EconomicContext) -> Delivery:
    """Whole Common Shares on an exchange, and cash for the fraction (Section 24(d)).

    Section 24(d): "there shall be paid ... an amount in cash equal to the same fraction of
    the current market value of a whole Common Share (as determined pursuant to the second
    sentence of Section 1(j) hereof)".  The day is not named: the ``exchange_fraction_price``
    reading picks the previous Trading Day's close (default) or the 30-day average.
    """
    whole, frac = split_off(rights * exchange_ratio, Fraction(1))
    if ctx.reading("exchange_fraction_price") == "average_30":
        mp = current_per_share_market_price(exchange_date, ctx.prices, ctx.calendar, ctx.changes,
                                            ctx.plan.price_window_trading_days, ctx.source)
        return Delivery(whole, frac, mp.value, frac * mp.value, None, S_24D)
    day, close = closing_price_before(exchange_date, ctx.prices, ctx.calendar, ctx.source)
    return Delivery(whole, frac, Fraction(close), frac * Fraction(close), day, S_24D)
