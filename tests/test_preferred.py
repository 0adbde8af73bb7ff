"""Exhibit A: a Preferred Share is 1,000 Common Shares' worth in dividends, votes and liquidation."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from rightsplan.spec.preferred import claim, liquidation_amount, proportional_adjustment, quarterly_dividend, votes
from rightsplan.spec.terms import load_plan


def test_the_multiple_is_the_plan_term() -> None:
    assert load_plan().preferred_multiple == 1000


def test_a_preferred_dividend_is_a_thousand_common_dividends_to_the_cent() -> None:
    assert quarterly_dividend(Decimal("0.12")) == Decimal("120.00")
    assert quarterly_dividend(Decimal("0.000015")) == Decimal("0.02")  # a tie, 0.015, rounds up
    assert quarterly_dividend(Decimal("0.0000149")) == Decimal("0.01")


def test_a_one_thousandth_casts_one_vote_and_takes_one_common_share_in_liquidation() -> None:
    assert votes(Fraction(1, 1000)) == 1
    assert liquidation_amount(Fraction(5), Fraction(3)) == 5003


def test_a_common_split_splits_the_outstanding_preferred_in_proportion() -> None:
    assert proportional_adjustment(Fraction(10), 2, 1) == 20
    assert proportional_adjustment(Fraction(10), 1, 4) == Fraction(5, 2)


def test_the_split_preferred_keeps_its_claim_in_pre_split_common_shares() -> None:
    after = claim(proportional_adjustment(Fraction(1), 2, 1))
    assert after.in_presplit_shares(2, 1) == claim(Fraction(1)).common_equivalents == 1000
    assert claim(Fraction(1)).in_presplit_shares(2, 1) == 500  # without Exhibit A §2
