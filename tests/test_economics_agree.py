"""The reference implementation and the SymPy formulas compute the same numbers, rounding included.

Each property draws exact inputs, runs the ``spec`` function and evaluates the matching
formula of ``solver.formulas`` on the same inputs; the two are written independently.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from rightsplan.solver.formulas import FORMULAS, cpsmp_value
from rightsplan.spec.adjustments import (
    EconomicContext, apply_economic_event, distribution_factor, initial_terms, rights_offering_factor,
)
from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.flip import flip_in, flip_over
from rightsplan.spec.fractional import common_delivery
from rightsplan.spec.market_price import current_per_share_market_price
from rightsplan.spec.scenario import Event
from rightsplan.spec.terms import load_plan

PLAN = load_plan()
CAL = BusinessCalendar({})
ON = date(2004, 3, 1)
WINDOW = CAL.trading_days_before(ON, 30)

cents = st.integers(1, 100_000).map(lambda n: Decimal(n) / 100)
thousandths = st.integers(1, 1_000).map(lambda n: Decimal(n) / 100)
ratios = st.integers(1, 12)


def terms(e: Decimal, t: Decimal):
    return replace(initial_terms(PLAN), exercise_price=e, thousandths_per_right=t, carried_price=Fraction(e))


def ctx(prices: list[Decimal] | None = None) -> EconomicContext:
    return EconomicContext(PLAN, {}, CAL, dict(zip(WINDOW, prices or [Decimal(1)] * 30)))


def ev(kind: str, **fields: object) -> Event:
    return Event(0, ON, kind, fields)


@given(st.lists(cents, min_size=30, max_size=30), cents, thousandths)
def test_the_market_price_and_flip_in_agree(prices: list[Decimal], e: Decimal, t: Decimal) -> None:
    c = ctx(prices)
    mp = current_per_share_market_price(ON, c.prices, CAL)
    assert mp.value == cpsmp_value(prices, [Fraction(1)] * 30)
    got = flip_in(terms(e, t), ON, c).common_shares_per_right
    assert Fraction(got) == FORMULAS["X_flip_in"].value(E=e, T=t, P=mp.value)


@given(cents, thousandths, cents)
def test_the_flip_over_agrees(e: Decimal, t: Decimal, price: Decimal) -> None:
    got = flip_over(terms(e, t), price, ctx()).principal_shares_per_right
    assert Fraction(got) == FORMULAS["Y_flip_over"].value(E=e, T=t, P_PP=price)


def _price_agrees(after, e: Decimal, exact: Fraction, rounded: Fraction) -> None:
    assert after.carried_price == exact
    if abs(exact - Fraction(e)) * 100 >= Fraction(e):  # Section 11(d): made at 1% or more
        assert Fraction(after.exercise_price) == rounded
    else:
        assert after.exercise_price == e


@given(cents, thousandths, ratios, ratios)
def test_a_common_split_agrees(e: Decimal, t: Decimal, new: int, old: int) -> None:
    after, _ = apply_economic_event(terms(e, t), ev("split", new=new, old=old), ctx())
    f = FORMULAS["E_11n"]
    _price_agrees(after, e, Fraction(f.exact(E=e, N_old=old, N_new=new)), f.value(E=e, N_old=old, N_new=new))
    assert after.thousandths_per_right == t and after.rights_per_share == 1
    assert after.redemption_price == FORMULAS["RP_23a"].value(RP=PLAN.redemption_price, N_old=old, N_new=new)


@given(cents, thousandths, ratios, ratios)
def test_a_preferred_split_agrees(e: Decimal, t: Decimal, new: int, old: int) -> None:
    after, _ = apply_economic_event(terms(e, t), ev("preferred_split", new=new, old=old), ctx())
    f = FORMULAS["E_11ai"]
    _price_agrees(after, e, Fraction(f.exact(E=e, Q_old=old, Q_new=new)), f.value(E=e, Q_old=old, Q_new=new))
    assert Fraction(after.thousandths_per_right) == FORMULAS["T_11ai"].value(T=t, Q_old=old, Q_new=new)


@given(cents, thousandths, st.integers(1, 10_000), st.integers(1, 10_000), cents, cents,
       st.sampled_from(["preferred", "rights"]))
def test_a_rights_offering_and_its_11g_or_11h_agree(e, t, o, s, p, m, election) -> None:
    event = ev("rights_offering", price=p, shares=s, preferred_outstanding=o, preferred_price=m, election=election)
    after, _ = apply_economic_event(terms(e, t), event, ctx())
    if p >= m:
        assert after == terms(e, t)
        return
    assert rights_offering_factor(o, s, Fraction(p), Fraction(m)) == FORMULAS["f_11b"].exact(O=o, S=s, p=p, M=m)
    f = FORMULAS["E_11b"]
    _price_agrees(after, e, Fraction(f.exact(E=e, O=o, S=s, p=p, M=m)), f.value(E=e, O=o, S=s, p=p, M=m))
    _eleven_g_h_agree(after, e, t, election)


@given(cents, thousandths, cents, cents, st.sampled_from(["preferred", "rights"]))
def test_a_distribution_and_its_11g_or_11h_agree(e, t, v, m, election) -> None:
    if v >= m:
        return
    after, _ = apply_economic_event(terms(e, t), ev("distribution", value=v, preferred_price=m, election=election), ctx())
    assert distribution_factor(Fraction(m), Fraction(v)) == FORMULAS["f_11c"].exact(M=m, V=v)
    f = FORMULAS["E_11c"]
    _price_agrees(after, e, Fraction(f.exact(E=e, M=m, V=v)), f.value(E=e, M=m, V=v))
    _eleven_g_h_agree(after, e, t, election)


def _eleven_g_h_agree(after, e: Decimal, t: Decimal, election: str) -> None:
    if after.deferred_since is not None:
        assert (after.thousandths_per_right, after.rights_per_share) == (t, 1)
    elif election == "preferred":
        want = FORMULAS["T_11g"].value(T=t, E_0=e, E_1=after.exercise_price)
        assert Fraction(after.thousandths_per_right) == want
    else:
        assert Fraction(after.rights_per_share) == FORMULAS["r_11h"].value(E_0=e, E_1=after.exercise_price)


@given(st.integers(1, 1000), st.integers(1, 10**6).map(lambda n: Decimal(n) / 10_000), cents)
def test_cash_for_a_fractional_common_share_agrees(rights: int, per_right: Decimal, close: Decimal) -> None:
    c = ctx([close] * 30)
    d = common_delivery(rights, per_right, ON, c)
    assert d.cash == FORMULAS["cash_14c"].value(phi=d.fraction, P=close) if d.fraction else d.cash == 0
    assert d.whole + d.fraction == rights * Fraction(per_right)


@given(cents, st.lists(st.integers(1, 400), min_size=1, max_size=8))
def test_the_carried_price_stays_within_the_proved_bounds(e: Decimal, basis_points: list[int]) -> None:
    """Section 11(d) (identity carry_forward_no_drift): half a cent after a made adjustment, under 1% while carried."""
    rt = terms(e, Decimal(1))
    exact = Fraction(e)
    for i, bp in enumerate(basis_points):
        value = Decimal(bp)  # per Preferred Share, against a market price of 10,000: bp basis points
        rt, _ = apply_economic_event(rt, Event(i, ON, "distribution", {"value": value, "preferred_price": Decimal(10_000)}), ctx())
        exact *= Fraction(10_000 - bp, 10_000)
        assert rt.carried_price == exact
        drift = abs(Fraction(rt.exercise_price) - exact)
        if rt.deferred_since is None:
            assert drift <= Fraction(1, 200)
        else:
            assert drift * 100 < Fraction(rt.exercise_price)


@given(cents, thousandths, cents, cents)
def test_11g_and_11h_give_a_holder_the_same_claim_within_the_rounding_bound(e, t, v, m) -> None:
    """Identities g_and_h_same_claim and tep_11g_rounding_bound, on the reference implementation."""
    if v >= m:
        return
    g, _ = apply_economic_event(terms(e, t), ev("distribution", value=v, preferred_price=m), ctx())
    h, _ = apply_economic_event(terms(e, t), ev("distribution", value=v, preferred_price=m, election="rights"), ctx())
    assert g.exercise_price == h.exercise_price
    if g.deferred_since is not None:
        return
    preferred_g = Fraction(g.thousandths_per_right)
    preferred_h = Fraction(h.rights_per_share) * Fraction(h.thousandths_per_right)
    ratio, t = Fraction(e) / Fraction(g.exercise_price), Fraction(t)
    assert abs(preferred_g - t * ratio) <= Fraction(1, 200)  # half of 1/100 of a one-thousandth
    assert abs(preferred_h - t * ratio) <= t * Fraction(1, 200_000)  # half of 1/100,000 of a Right
    assert abs(Fraction(g.exercise_price) * preferred_g - Fraction(e) * t) <= Fraction(g.exercise_price) / 200
