"""Exchange of Rights for Common Shares (Section 24(a)) or for other rights (Section 24(e)).

"the Company may ... at any time after the occurrence of a Triggering Event, exchange all or
part of the then outstanding and exercisable Rights (which shall not include Rights that have
become null and void pursuant to the provisions of Section 7(e) hereof) for Common Shares ...
Notwithstanding the foregoing, the Board of Directors shall not be empowered to effect such
exchange at any time after any Person (other than the Company, any Subsidiary of the Company,
any employee benefit plan of the Company or any such Subsidiary, or any entity holding Common
Shares for or pursuant to the terms of any such plan), together with all Affiliates and
Associates of such Person, becomes the Beneficial Owner of 50% or more of the Common Shares
then outstanding." (Section 24(a))
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from .citations import cite
from .ownership import Ownership
from .terms import PlanTerms

S_24A = cite("Section 24(a)")
S_24B = cite("Section 24(b)")
S_24E = cite("Section 24(e)")


def reaches_bar(own: Ownership, unit: str, plan: PlanTerms) -> bool:
    """Whether a non-exempt person of this unit, with its Affiliates and Associates, holds the bar or more.

    "becomes the Beneficial Owner of 50% or more of the Common Shares then outstanding" (the plan's
    ``exchange_bar_threshold``).  The exceptions are only the Company, its Subsidiaries and the plans:
    named holders (exempt from Section 1(a) or with their own threshold) count.
    """
    if not own.at_least(unit, plan.exchange_bar_threshold):
        return False
    return any(not own.roles[p].exempt for p in own.members(unit))


def refuse_exchange(kind: str, triggering: date | None, barred_since: date | None, any_acquiring: bool,
                    bar: Fraction | None = None) -> tuple[str, str] | None:
    """Why the Board may not order this exchange now, with the section; None when it may."""
    if kind == "rights":
        if any_acquiring:
            return S_24E, "Section 24(e) permits an exchange for other rights only before any Person has become an Acquiring Person"
        return None
    if triggering is None:
        return S_24A, "Section 24(a) permits an exchange only after a Triggering Event, and none has occurred"
    if barred_since is not None:
        line = f"{float(bar * 100):g}%" if bar is not None else "the exchange bar"
        return S_24A, f"a Person reached {line} on {barred_since}, after which the Board may not effect an exchange"
    return None


def after_exchange(exchanged: Fraction, portion: Fraction) -> Fraction:
    """Pro rata partial exchanges (Section 24(b)): each takes ``portion`` of the Rights still outstanding."""
    return 1 - (1 - exchanged) * (1 - portion)
