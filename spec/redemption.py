"""Redemption (Section 23) and the Expiration Date (Section 1(q)).

"The Company may ... at any time prior to the Close of Business on the earlier of (i) the
fifth day following the Shares Acquisition Date (or such later date as may be determined by
action of the Company's Board of Directors and publicly announced by the Company) and (ii)
the Final Expiration Date, redeem all but not less than all the then outstanding Rights"
(Section 23(a)).
"""

from __future__ import annotations

from datetime import date, timedelta

from .calendar import BusinessCalendar
from .citations import cite
from .terms import PlanTerms

S_23A = cite("Section 23(a)")
S_27 = cite("Section 27")


def redemption_deadline(plan: PlanTerms, calendar: BusinessCalendar, sad: date | None, extension: date | None) -> date:
    """The last date on which a redemption order is effective (an event dated D acts before D's Close of Business).

    "the fifth day following" counts calendar days; the Close of Business on it rolls to the
    next Business Day under Section 1(f).  A Board extension replaces the fifth day only
    when it is later; clause (ii) caps it at the Final Expiration Date.
    """
    fed = plan.final_expiration_date
    if sad is None:
        return calendar.close_of_business(fed)
    fifth = sad + timedelta(days=plan.redemption_days)
    if extension is not None and extension > fifth:
        fifth = extension
    return calendar.close_of_business(min(fifth, fed))
