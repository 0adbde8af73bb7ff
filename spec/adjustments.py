"""Adjustment of the Exercise Price, shares per Right and number of Rights (Section 11).

``RightTerms`` is what one Right is, at one moment: its Exercise Price (per one-thousandth
of a Preferred Share), the one-thousandths it buys, the Rights on each Common Share, and
the redemption price (23(a)) and exchange ratio (24(a)) "appropriately adjusted".  Every
Exercise Price change goes through Section 11(d): the exact price is carried forward, the
price in effect moves only by 1% or more (or at the three-year / Expiration deadline), and
is then the carried price to the nearest cent.  Ties round half up ("nearest").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from .citations import cite
from .errors import ScenarioError
from .market_price import BasisChange, TradingCalendar, show_exact, basis_changes, current_per_share_market_price, splits_since
from .terms import PlanTerms
from .vocabulary import READINGS

S_11A_I = cite("Section 11(a)(i)")
S_11B = cite("Section 11(b)")
S_11C = cite("Section 11(c)")
S_11D = cite("Section 11(d)")
S_11G = cite("Section 11(g)")
S_11H = cite("Section 11(h)")
S_11N = cite("Section 11(n)")
S_23A = cite("Section 23(a)")
S_24A = cite("Section 24(a)")
S_1J = cite("Section 1(j)")

CENT = Decimal("0.01")
TEN_THOUSANDTH = Decimal("0.0001")
HUNDRED_THOUSANDTH = Decimal("0.00001")


def round_to(x: Fraction | Decimal, step: Decimal) -> Decimal:
    """``x`` to the nearest multiple of ``step``, a tie rounded up (Section 11(d): "to the nearest")."""
    q = Fraction(x) / Fraction(step)
    n = q.numerator // q.denominator
    if (q - n) * 2 >= 1:
        n += 1
    return (Decimal(n) * step).quantize(step, rounding=ROUND_HALF_UP)


def round_thousandths(thousandths: Fraction) -> Decimal:
    """One-thousandths of a Preferred Share, to the nearest one hundred-thousandth of a Preferred Share."""
    return (round_to(thousandths / 1000, HUNDRED_THOUSANDTH) * 1000).quantize(CENT)


@dataclass(frozen=True)
class EconomicContext:
    """What the price provisions need besides the terms of a Right."""

    plan: PlanTerms
    readings: dict[str, str]
    calendar: TradingCalendar
    prices: dict[date, Decimal]
    changes: tuple[BasisChange, ...] = ()
    expiration: date | None = None
    source: str = "<scenario>"
    common_splits: tuple[tuple[date, int, int], ...] = ()  # (date, new, old) of every ``split`` event

    @classmethod
    def from_scenario(cls, s: Any, calendar: TradingCalendar, expiration: date | None = None) -> EconomicContext:
        """Build the context from a loaded ``Scenario`` (its plan, readings, prices and splits)."""
        # Only these kinds matter here; a long history's log finds them without reading its trades.
        events = tuple(s.events.select({"split", "announce_split"}) if hasattr(s.events, "select") else s.events)
        splits = tuple((e.date, e["new"], e["old"]) for e in events if e.kind == "split")
        return cls(s.plan, dict(s.readings), calendar, dict(s.prices), basis_changes(events), expiration,
                   s.source, splits)

    def reading(self, name: str) -> str:
        return self.readings.get(name, READINGS[name].default)


@dataclass(frozen=True)
class RightTerms:
    """The terms of one Right in force at a moment, with the Section 11(d) carry-forward state."""

    exercise_price: Decimal  # per one-thousandth of a Preferred Share, in effect (Sections 4(a), 7(b))
    thousandths_per_right: Decimal
    rights_per_share: Decimal
    redemption_price: Fraction  # Section 23(a), per Right
    exchange_ratio: Fraction  # Section 24(a), Common Shares per Right
    carried_price: Fraction  # the Exercise Price every adjustment so far would give, unrounded (11(d))
    deferred_since: date | None = None  # date of the oldest transaction whose adjustment is carried forward
    pending_bc: Fraction = Fraction(1)  # product of carried-forward Section 11(b)/(c) factors (for 11(g)/(h))
    pending_other: bool = False  # a carried-forward adjustment came from Section 11(a)(i) or 11(n)

    @property
    def total_exercise_price(self) -> Decimal:
        """Section 4(a): "the aggregate Exercise Price of all Preferred Shares issuable upon exercise of one Right"."""
        return self.exercise_price * self.thousandths_per_right

    def to_json(self) -> dict[str, str]:
        out = {
            "exercise_price": str(self.exercise_price),
            "thousandths_per_right": str(self.thousandths_per_right),
            "rights_per_share": str(self.rights_per_share),
            "redemption_price": show_exact(self.redemption_price),
            "exchange_ratio": show_exact(self.exchange_ratio),
            "total_exercise_price": _money(self.total_exercise_price),
        }
        if self.deferred_since is not None:
            out["carried_exercise_price"] = show_exact(self.carried_price)
            out["deferred_since"] = self.deferred_since.isoformat()
        return out


def _money(d: Decimal) -> str:
    """Whole cents as 0.00; a finer exact amount with all its places."""
    return str(d.quantize(CENT)) if d == d.quantize(CENT) else str(d)


def initial_terms(plan: PlanTerms) -> RightTerms:
    """The terms of a Right before any adjustment (Sections 3(a), 4(a), 7(b), 23(a), 24(a))."""
    return RightTerms(
        plan.exercise_price, plan.thousandths_per_right, plan.rights_per_share,
        Fraction(plan.redemption_price), Fraction(plan.exchange_ratio), Fraction(plan.exercise_price),
    )


def _par_floor(price: Decimal, plan: PlanTerms) -> Decimal:
    """Exercise Price raised, if need be, so one Right costs no less than the par value it buys.

    Sections 11(a)(i), 11(b), 11(c), 11(n): "in no event shall the consideration to be paid
    upon the exercise of one Right be less than the aggregate par value of the shares".
    """
    floor = Fraction(plan.preferred_par_value) / 1000  # par value of one one-thousandth
    return price if price >= floor else Decimal(floor.numerator) / Decimal(floor.denominator)


def _made(rt: RightTerms, carried: Fraction, ctx: EconomicContext) -> RightTerms:
    price = _par_floor(round_to(carried, CENT), ctx.plan)
    return replace(rt, exercise_price=price, carried_price=carried, deferred_since=None,
                   pending_bc=Fraction(1), pending_other=False)


def adjust_price(rt: RightTerms, factor: Fraction, when: date, ctx: EconomicContext,
                 from_11bc: bool = False) -> tuple[RightTerms, list[str]]:
    """Multiply the carried Exercise Price by ``factor``; put it in effect only if Section 11(d) requires.

    Section 11(d): "no adjustment in the Exercise Price shall be required unless such
    adjustment would require an increase or decrease of at least one percent (1.0%) of the
    Exercise Price; provided, however, that any adjustments which by reason of this Section
    11(d) are not required to be made shall be carried forward and taken into account in
    any subsequent adjustment."  "At least" 1%: a change of exactly 1% is made.
    """
    carried = rt.carried_price * factor
    if ctx.reading("section_11_rounding") == "each_calculation":
        carried = Fraction(round_to(carried, CENT))
    change = abs(carried - Fraction(rt.exercise_price))
    if change * 100 >= Fraction(rt.exercise_price):
        new = _made(rt, carried, ctx)
        return new, [f"The Exercise Price becomes ${new.exercise_price} (the carried price {show_exact(carried)} to "
                     f"the nearest cent), a change of at least 1% ({S_11D})."]
    new = replace(rt, carried_price=carried, deferred_since=rt.deferred_since or when,
                  pending_bc=rt.pending_bc * factor if from_11bc else rt.pending_bc,
                  pending_other=rt.pending_other or not from_11bc)
    return new, [f"The Exercise Price stays ${rt.exercise_price}: the change to {show_exact(carried)} is less than 1% "
                 f"and is carried forward ({S_11D})."]


def adjustment_deadline(rt: RightTerms, ctx: EconomicContext) -> date | None:
    """The last date by which a carried-forward adjustment must be made.

    Section 11(d): "any adjustment required by this Section 11 shall be made no later than
    the earlier of (i) three (3) years from the date of the transaction which requires such
    adjustment or (ii) the Expiration Date."  February 29 plus three years is February 28.
    """
    if rt.deferred_since is None:
        return None
    d, years = rt.deferred_since, ctx.plan.adjustment_deadline_years
    try:
        due = d.replace(year=d.year + years)
    except ValueError:
        due = d.replace(year=d.year + years, day=28)
    return min(due, ctx.expiration) if ctx.expiration is not None else due


def settle(rt: RightTerms, as_of: date, ctx: EconomicContext) -> tuple[RightTerms, list[str]]:
    """Put a carried-forward adjustment in effect once its Section 11(d) deadline has come."""
    due = adjustment_deadline(rt, ctx)
    if due is None or as_of < due:
        return rt, []
    new = _made(rt, rt.carried_price, ctx)
    notes = [f"On {due.isoformat()} the adjustment carried forward since {rt.deferred_since.isoformat()} is made: "
             f"the Exercise Price becomes ${new.exercise_price} (three years or the Expiration Date, {S_11D})."]
    return _follow_11bc(rt, new, Fraction(1), None, notes)


def _follow_11bc(before: RightTerms, after: RightTerms, factor: Fraction, election: str | None,
                 notes: list[str]) -> tuple[RightTerms, list[str]]:
    """After a made Exercise Price change with a Section 11(b)/(c) part, apply 11(g) or 11(h).

    When the change is wholly 11(b)/(c), the ratio is the text's "Exercise Price in effect
    immediately prior to such adjustment" over the one "immediately after"; when a carried
    11(a)(i)/11(n) part is made in the same step, only the 11(b)/(c) factors count.
    """
    bc = before.pending_bc * factor
    if bc == 1:
        return after, notes
    wholly_bc = not before.pending_other
    ratio = Fraction(before.exercise_price) / Fraction(after.exercise_price) if wholly_bc else 1 / bc
    if (election or "preferred") == "rights":
        return rights_count_11h(after, ratio, notes)
    return preferred_per_right_11g(after, ratio, notes)


def preferred_per_right_11g(rt: RightTerms, ratio: Fraction, notes: list[str]) -> tuple[RightTerms, list[str]]:
    """More Preferred per Right: thousandths x (price before / price after), to 1/100,000 of a share.

    Section 11(g): "that number of Preferred Shares (calculated to the nearest one
    hundred-thousandth of a share) obtained by (i) multiplying (x) the number of Preferred
    Shares covered by a Right immediately prior to this adjustment, by (y) the Exercise
    Price in effect immediately prior ... and (ii) dividing the product so obtained by the
    Exercise Price in effect immediately after such adjustment".
    """
    t = round_thousandths(Fraction(rt.thousandths_per_right) * ratio)
    return replace(rt, thousandths_per_right=t), notes + [
        f"Each Right now buys {t} one-thousandths of a Preferred Share ({S_11G})."]


def rights_count_11h(rt: RightTerms, ratio: Fraction, notes: list[str]) -> tuple[RightTerms, list[str]]:
    """More Rights instead: each Right becomes (price before / price after) Rights, to 1/100,000.

    Section 11(h): "Each Right held of record prior to such adjustment of the number of
    Rights shall become that number of Rights (calculated to the nearest one
    hundred-thousandth) obtained by dividing the Exercise Price in effect immediately prior
    to adjustment of the Exercise Price by the Exercise Price in effect immediately after".
    """
    each = round_to(ratio, HUNDRED_THOUSANDTH)
    per_share = rt.rights_per_share * each
    return replace(rt, rights_per_share=per_share), notes + [
        f"The Company elects to adjust the number of Rights: each Right becomes {each} Rights, "
        f"{per_share} per Common Share ({S_11H})."]


def _price_step(rt: RightTerms, factor: Fraction, e: Any, ctx: EconomicContext, from_11bc: bool,
                election: str | None = None) -> tuple[RightTerms, list[str]]:
    new, notes = adjust_price(rt, factor, e.date, ctx, from_11bc)
    if new.deferred_since is not None:
        return new, notes  # carried forward: 11(g)/(h) waits until the adjustment is made
    return _follow_11bc(rt, new, factor if from_11bc else Fraction(1), election, notes)


def preferred_split(rt: RightTerms, e: Any, ctx: EconomicContext) -> tuple[RightTerms, list[str]]:
    """A Preferred Share dividend, subdivision or combination: Exercise Price / F, thousandths x F.

    Section 11(a)(i): the Exercise Price is divided by the "ADJUSTMENT FRACTION", "the
    numerator of which shall be the total number of Preferred Shares ... outstanding
    immediately following such time and the denominator of which shall be the total number
    of Preferred Shares outstanding immediately prior", and the one-thousandths per Right
    are "multiplied by the Adjustment Fraction"; but "no such adjustment shall be made ...
    to the extent that there shall have simultaneously occurred an event described in ...
    Section 11(n) with a proportionate adjustment being made thereunder".
    """
    f = Fraction(e["new"], e["old"])
    if any(d == e.date and Fraction(n, o) == f for d, n, o in ctx.common_splits):
        return rt, [f"No adjustment: the Preferred split accompanies a Common split of the same ratio adjusted "
                    f"under {S_11N} (Exhibit A §2; the proviso of {S_11A_I})."]
    new, notes = _price_step(rt, 1 / f, e, ctx, from_11bc=False)
    t = round_thousandths(Fraction(rt.thousandths_per_right) * f)
    return replace(new, thousandths_per_right=t), [
        f"The Preferred Shares are split {e['new']}-for-{e['old']}: the Adjustment Fraction is {f} ({S_11A_I})."
    ] + notes + [f"Each Right now buys {t} one-thousandths of a Preferred Share ({S_11A_I})."]


def common_split(rt: RightTerms, e: Any, ctx: EconomicContext) -> tuple[RightTerms, list[str]]:
    """A Common Share dividend, subdivision or combination: same Rights per share, Exercise Price x old/new.

    Section 11(n): "(1) each Common Share ... outstanding immediately following such time
    shall have associated with it the number of Rights as were associated with one Common
    Share immediately prior"; "(2) the Exercise Price ... shall equal the result obtained by
    multiplying the Exercise Price in effect immediately prior to such time by a fraction,
    the numerator of which shall be the total number of Common Shares outstanding
    immediately prior ... and the denominator ... immediately after"; "(3) the number of
    one-thousandths of a Preferred Share ... shall equal the number ... as were issuable
    with respect to one Right immediately prior".  Sections 23(a) and 24(a) adjust the
    redemption price and exchange ratio "to reflect any stock split" per the readings.
    """
    f = Fraction(e["old"], e["new"])
    new, notes = _price_step(rt, f, e, ctx, from_11bc=False)
    notes = [f"The Common Shares are split {e['new']}-for-{e['old']}: each Common Share keeps "
             f"{rt.rights_per_share} Right(s) and each Right the same one-thousandths ({S_11N})."] + notes
    if ctx.reading("redemption_price_adjustment") == "scaled":
        new = replace(new, redemption_price=rt.redemption_price * f)
        notes.append(f"The redemption price becomes ${show_exact(new.redemption_price)} per Right ({S_23A}).")
    if ctx.reading("exchange_ratio_adjustment") == "scaled":
        new = replace(new, exchange_ratio=rt.exchange_ratio * f)
        notes.append(f"The exchange ratio becomes {show_exact(new.exchange_ratio)} Common Share per Right ({S_24A}).")
    return new, notes


def preferred_market_price(e: Any, ctx: EconomicContext) -> Fraction:
    """The Current Per Share Market Price of a Preferred Share on the record date ``e.date``.

    Section 1(j): "If the Preferred Shares are not publicly traded, the Current Per Share
    Market Price of the Preferred Shares shall be conclusively deemed to be the product of
    (x) the Current Per Share Market Price of the Common Shares ... as appropriately
    adjusted to reflect any stock split ... occurring after the date hereof, multiplied by
    (y) 1000."  An event's ``preferred_price`` (a traded price, or the Board's fair value)
    takes its place.
    """
    if e.get("preferred_price") is not None:
        return Fraction(e["preferred_price"])
    common = current_per_share_market_price(e.date, ctx.prices, ctx.calendar, ctx.changes,
                                            ctx.plan.price_window_trading_days, ctx.source).value
    if ctx.reading("preferred_price_split_adjustment") == "literal":
        common *= splits_since(ctx.plan.agreement_date, e.date, ctx.changes)
    price = common * ctx.plan.preferred_multiple
    if ctx.reading("section_11_rounding") == "each_calculation":
        price = Fraction(round_to(price, CENT))
    return price


def rights_offering_factor(outstanding: int, offered: int, price: Fraction, market: Fraction) -> Fraction:
    """The Section 11(b) fraction: (O + offered x price / market) / (O + offered).

    Section 11(b): "the numerator of which shall be the number of Preferred Shares ...
    outstanding on such record date, plus the number of Preferred Shares ... which the
    aggregate offering price of the total number of Preferred Shares ... would purchase at
    such current market price, and the denominator of which shall be the number of
    Preferred Shares ... outstanding on such record date, plus the number of additional
    Preferred Shares ... to be offered".
    """
    return (outstanding + offered * price / market) / (outstanding + offered)


def rights_offering(rt: RightTerms, e: Any, ctx: EconomicContext) -> tuple[RightTerms, list[str]]:
    """A below-market offering of Preferred to Preferred holders lowers the Exercise Price (Section 11(b)).

    Only "at a price per share ... less than the then Current Per Share Market Price of the
    Preferred Shares ... on such record date" is there an adjustment.
    """
    market = preferred_market_price(e, ctx)
    price = Fraction(e["price"])
    if price >= market:
        return rt, [f"No adjustment: the offering price ${e['price']} is not below the Preferred Share's "
                    f"Current Per Share Market Price ${show_exact(market)} ({S_11B})."]
    f = rights_offering_factor(e["preferred_outstanding"], e["shares"], price, market)
    new, notes = _price_step(rt, f, e, ctx, True, e.get("election"))
    return new, [f"Rights offering below the market price ${show_exact(market)}: the Exercise Price is "
                 f"multiplied by {f} ({S_11B})."] + notes


def distribution_factor(market: Fraction, value: Fraction) -> Fraction:
    """The Section 11(c) fraction: (market - value per Preferred Share) / market.

    Section 11(c): "the numerator of which shall be the Current Per Share Market Price of a
    Preferred Share ... on such record date, less the fair market value per Preferred Share
    ... of the portion of the cash, assets or evidences of indebtedness so to be
    distributed ... and the denominator of which shall be such Current Per Share Market
    Price".
    """
    return (market - value) / market


def distribution(rt: RightTerms, e: Any, ctx: EconomicContext) -> tuple[RightTerms, list[str]]:
    """A distribution of assets or debt to Preferred holders lowers the Exercise Price (Section 11(c))."""
    market = preferred_market_price(e, ctx)
    value = Fraction(e["value"])
    if value >= market:
        raise ScenarioError(ctx.source, f"events[{e.index}].value", str(e["value"]),
                            f"a value per Preferred Share below its Current Per Share Market Price "
                            f"${show_exact(market)}", S_11C)
    f = distribution_factor(market, value)
    new, notes = _price_step(rt, f, e, ctx, True, e.get("election"))
    return new, [f"Distribution worth ${e['value']} per Preferred Share against a market price "
                 f"${show_exact(market)}: the Exercise Price is multiplied by {f} ({S_11C})."] + notes


def _announce_split(rt: RightTerms, e: Any, ctx: EconomicContext) -> tuple[RightTerms, list[str]]:
    return rt, [f"A {e['new']}-for-{e['old']} split is announced, trading on the new basis from "
                f"{e['ex_date'].isoformat()}; prices before then are restated in Current Per Share Market "
                f"Prices determined after it ({S_1J})."]


_HANDLERS = {
    "split": common_split,
    "preferred_split": preferred_split,
    "rights_offering": rights_offering,
    "distribution": distribution,
    "announce_split": _announce_split,
}
ECONOMIC_KINDS = frozenset(_HANDLERS)


def apply_economic_event(rt: RightTerms, event: Any, ctx: EconomicContext) -> tuple[RightTerms, list[str]]:
    """The terms after one event, with sentences citing the sections that moved them.

    A carried-forward adjustment whose Section 11(d) deadline has come is made first.
    """
    rt, notes = settle(rt, event.date, ctx)
    handler = _HANDLERS.get(event.kind)
    if handler is None:
        return rt, notes
    rt, more = handler(rt, event, ctx)
    return rt, notes + more
