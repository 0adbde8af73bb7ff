"""Flip-in (Section 11(a)(ii)), its substitutes (11(a)(iii)) and flip-over (Section 13(a), 13(c)).

The flip-in gives each Right that is not void (Section 7(e)) the Common Shares that the
Total Exercise Price buys at half the Current Per Share Market Price on the Triggering
Event date; the flip-over gives the Principal Party's shares the Total Exercise Price
buys at half its price.  Both are computed from the terms in force immediately before
the event, so each Right's shares are worth twice what it pays at the price used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .adjustments import CENT, TEN_THOUSANDTH, EconomicContext, RightTerms, round_to
from .citations import cite
from .errors import ScenarioError
from .market_price import MarketPrice, show_exact, current_per_share_market_price

S_11A_II = cite("Section 11(a)(ii)")
S_11A_III = cite("Section 11(a)(iii)")
S_13A = cite("Section 13(a)")
S_13C = cite("Section 13(c)")


@dataclass(frozen=True)
class FlipIn:
    """Common Shares per Right under Section 11(a)(ii), with the price and window used."""

    common_shares_per_right: Decimal
    exercise_price: Decimal
    total_exercise_price: Decimal
    market_price: MarketPrice
    price_used: Fraction  # the Current Per Share Market Price as used (to the cent under each_calculation)

    def to_json(self) -> dict[str, Any]:
        return {
            "common_shares_per_right": str(self.common_shares_per_right),
            "exercise_price": str(self.exercise_price),
            "total_exercise_price": str(self.total_exercise_price),
            "market_price": show_exact(self.price_used),
            "window": [self.market_price.window[0].isoformat(), self.market_price.window[-1].isoformat()],
        }

    def explanation(self) -> str:
        return (f"Each Right not void buys {self.common_shares_per_right} Common Shares for ${self.exercise_price}: "
                f"${self.total_exercise_price} / (50% x ${show_exact(self.price_used)}), the average closing price "
                f"from {self.market_price.window[0]} to {self.market_price.window[-1]} ({S_11A_II}).")


def flip_in_shares(total_exercise_price: Fraction, market: Fraction, divisor: Fraction) -> Decimal:
    """TEP / (divisor x market), to the nearest ten-thousandth of a Common Share (Section 11(d))."""
    return round_to(total_exercise_price / (divisor * market), TEN_THOUSANDTH)


def _section_11_price(mp: MarketPrice, ctx: EconomicContext) -> Fraction:
    if ctx.reading("section_11_rounding") == "each_calculation":
        return Fraction(round_to(mp.value, CENT))
    return mp.value


def flip_in(terms_before_trigger: RightTerms, trigger_date: date, ctx: EconomicContext) -> FlipIn:
    """Common Shares per Right after the first Triggering Event.

    Section 11(a)(ii): "such number of Common Shares of the Company as shall equal the
    quotient obtained by dividing (A) the product obtained by multiplying (1) the Exercise
    Price in effect immediately prior to the occurrence of the Triggering Event by (2) the
    number of one-thousandths of a Preferred Share for which a Right was exercisable ...
    immediately prior to the first occurrence of a Triggering Event, by (B) 50% of the
    Current Per Share Market Price for Common Shares on the date of occurrence of the
    Triggering Event".  Void Rights (Section 7(e)) get nothing; the evaluator lists them.
    """
    rt = terms_before_trigger
    mp = current_per_share_market_price(trigger_date, ctx.prices, ctx.calendar, ctx.changes,
                                        ctx.plan.price_window_trading_days, ctx.source)
    price = _section_11_price(mp, ctx)
    tep = rt.total_exercise_price
    shares = flip_in_shares(Fraction(tep), price, Fraction(ctx.plan.flip_in_divisor))
    return FlipIn(shares, rt.exercise_price, tep, mp, price)


def section_11a_ii_trigger_date(triggering_event: date, redemption_expires: date) -> date:
    """The later of the first Triggering Event and the end of the right of redemption.

    Section 11(a)(iii): "the later of (x) the first occurrence of a Triggering Event and (y)
    the date on which the Company's right of redemption pursuant to Section 23(a) expires
    (the later of (x) and (y) being referred to herein as the 'SECTION 11(a)(ii) TRIGGER DATE')".
    """
    return max(triggering_event, redemption_expires)


def substitution_period_end(trigger_date: date, ctx: EconomicContext, extended_to: date | None = None) -> date:
    """Last day of the Substitution Period: 30 days after the trigger date, extendable to 90 at most.

    Section 11(a)(iii): "within thirty (30) days following" the Section 11(a)(ii) Trigger
    Date; the period "may be extended to the extent necessary, but not more than ninety (90)
    days after the Section 11(a)(ii) Trigger Date".
    """
    base = trigger_date + timedelta(days=ctx.plan.substitution_period_days)
    if extended_to is None:
        return base
    cap = trigger_date + timedelta(days=ctx.plan.substitution_period_max_days)
    if not base <= extended_to <= cap:
        raise ScenarioError(ctx.source, "substitution_period", extended_to.isoformat(),
                            f"an extension ending between {base} and {cap}", S_11A_III)
    return extended_to


@dataclass(frozen=True)
class Spread:
    """Section 11(a)(iii)'s Current Value of a Right's Common Shares and its Spread over the Exercise Price."""

    current_value: Decimal
    spread: Decimal
    market_price: MarketPrice

    def to_json(self) -> dict[str, str]:
        return {"current_value": str(self.current_value), "spread": str(self.spread),
                "market_price": show_exact(self.market_price.value)}


def current_value_and_spread(flip: FlipIn, trigger_date: date, ctx: EconomicContext) -> Spread:
    """Current Value = shares per Right x the 10-day price on the trigger date; Spread = it less the Exercise Price.

    Section 11(a)(iii): "(A) determine the excess of (1) the value of the Common Shares
    issuable upon the exercise of a Right (the 'CURRENT VALUE') over (2) the Exercise Price
    (such excess, the 'SPREAD')"; "the value of the Common Shares shall be the Current Per
    Share Market Price of the Common Shares on the Section 11(a)(ii) Trigger Date" (ten
    Trading Days, Section 1(j)).  Both are money: to the nearest cent (Section 11(d)).
    """
    mp = current_per_share_market_price(trigger_date, ctx.prices, ctx.calendar, ctx.changes,
                                        ctx.plan.price_window_trading_days_11a_iii, ctx.source)
    value = round_to(Fraction(flip.common_shares_per_right) * _section_11_price(mp, ctx), CENT)
    return Spread(value, value - flip.exercise_price, mp)


@dataclass(frozen=True)
class FlipOver:
    """Principal Party Common Shares per Right under Section 13(a)."""

    principal_shares_per_right: Decimal | Fraction
    total_exercise_price: Decimal
    principal_price: Decimal

    def to_json(self) -> dict[str, str]:
        shares = self.principal_shares_per_right
        return {
            "principal_shares_per_right": show_exact(Fraction(shares)) if isinstance(shares, Fraction) else str(shares),
            "total_exercise_price": str(self.total_exercise_price),
            "principal_price": str(self.principal_price),
        }

    def explanation(self) -> str:
        return (f"Each Right not void buys {self.to_json()['principal_shares_per_right']} Common Shares of the "
                f"Principal Party: ${self.total_exercise_price} / (50% x ${self.principal_price}) ({S_13A}), "
                f"without taking into account any Section 11(a)(ii) adjustment ({S_13C}).")


def flip_over(terms_before_event: RightTerms, principal_price: Decimal, ctx: EconomicContext) -> FlipOver:
    """Principal Party shares per Right: Total Exercise Price / (50% x the Principal Party's price).

    Section 13(a)(A): "at a price equal to the Total Exercise Price applicable immediately
    prior to the occurrence of the Section 13 Event ... such number of ... Common Shares of
    the Principal Party ... as shall be equal to the result obtained by dividing such Total
    Exercise Price by an amount equal to fifty percent (50%) of the Current Per Share Market
    Price of the Common Shares of such Principal Party".  Section 13(c), last paragraph: the
    Rights are exercisable so "without taking into account any prior adjustment required by
    Section 11(a)(ii)" -- the Preferred-based terms, never the flip-in's Common Shares.
    """
    tep = terms_before_event.total_exercise_price
    exact = Fraction(tep) / (Fraction(ctx.plan.flip_over_divisor) * Fraction(principal_price))
    if ctx.reading("flip_over_rounding") == "exact":
        return FlipOver(exact, tep, principal_price)
    return FlipOver(round_to(exact, TEN_THOUSANDTH), tep, principal_price)
