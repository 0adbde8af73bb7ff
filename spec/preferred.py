"""The Series A Participating Preferred Stock (Exhibit A): 1,000 Common Shares' worth per share.

A Preferred Share receives 1,000 times the Common dividend (§3), casts 1,000 votes (§4)
and takes 1,000 times the Common liquidation amount (§7); so one one-thousandth of a
Preferred Share stands for one Common Share.  When the Common is split, §2 splits the
outstanding Preferred in the same proportion, keeping the multiple at 1,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .adjustments import CENT, round_to
from .citations import cite

S_A2 = cite("Exhibit A §2")
S_A3 = cite("Exhibit A §3")
S_A4 = cite("Exhibit A §4")
S_A7 = cite("Exhibit A §7")

MULTIPLE = 1000  # Exhibit A §3(a), §4(a), §7: "1,000 times"; the plan term preferred_multiple


def quarterly_dividend(common_dividends_per_share: Decimal, multiple: int = MULTIPLE) -> Decimal:
    """Dividend per Preferred Share: 1,000 x the Common cash dividends since the last payment date, to the cent.

    Exhibit A §3(a): "in an amount per share (rounded to the nearest cent) equal to 1,000
    times the aggregate per share amount of all cash dividends ... declared on the Common
    Stock since the immediately preceding Quarterly Dividend Payment Date".
    """
    return round_to(Fraction(common_dividends_per_share) * multiple, CENT)


def votes(preferred_shares: Fraction, multiple: int = MULTIPLE) -> Fraction:
    """Votes of a holding of Preferred (fractions vote in proportion, §12).

    Exhibit A §4(a): "Each share of Series A Participating Preferred Stock shall entitle the
    holder thereof to 1,000 votes".
    """
    return preferred_shares * multiple


def liquidation_amount(common_per_share: Fraction, accrued: Fraction = Fraction(0), multiple: int = MULTIPLE) -> Fraction:
    """Liquidation amount per Preferred Share: 1,000 x the Common amount, plus accrued dividends.

    Exhibit A §7: "an aggregate amount per share equal to 1,000 times the aggregate amount to
    be distributed per share to holders of shares of Common Stock plus an amount equal to
    any accrued and unpaid dividends".
    """
    return common_per_share * multiple + accrued


def proportional_adjustment(preferred_outstanding: Fraction, new: int, old: int) -> Fraction:
    """Preferred outstanding after a Common split of new-for-old.

    Exhibit A §2: on a Common Stock dividend, subdivision or combination "the Corporation
    shall simultaneously effect a proportional adjustment to the number of outstanding
    shares of Series A Participating Preferred Stock".
    """
    return preferred_outstanding * Fraction(new, old)


@dataclass(frozen=True)
class Claim:
    """What a holding of Preferred is entitled to, counted in Common Shares of a given moment."""

    common_equivalents: Fraction  # Common Shares whose dividends, votes and liquidation it matches

    def in_presplit_shares(self, new: int, old: int) -> Fraction:
        """The same claim counted in Common Shares as they were before a new-for-old split."""
        return self.common_equivalents * Fraction(old, new)


def claim(preferred_shares: Fraction, multiple: int = MULTIPLE) -> Claim:
    """A Preferred holding's claim in current Common Shares (Exhibit A §3, §4, §7)."""
    return Claim(preferred_shares * multiple)
