"""The Expiration Date (Section 1(q)) and the Final Expiration Date (Section 1(r)).

"(q) "EXPIRATION DATE" shall mean the earliest to occur of: (i) the Close of Business on the
Final Expiration Date, (ii) the Redemption Date, or (iii) the time at which the Board of
Directors orders the exchange of the Rights as provided in Section 24 hereof."
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .calendar import BusinessCalendar
from .citations import cite
from .terms import PlanTerms

S_1Q = cite("Section 1(q)")
S_1R = cite("Section 1(r)")


def final_expiration(plan: PlanTerms, calendar: BusinessCalendar) -> date:
    """Section 1(q)(i): the Close of Business on the Final Expiration Date, rolled per 1(f)."""
    return calendar.close_of_business(plan.final_expiration_date)


@dataclass(frozen=True)
class Expiration:
    """Section 1(q): the earliest of Final Expiration, the Redemption Date and an exchange order."""

    date: date
    cause: str  # "final_expiration" | "redemption" | "exchange"

    def to_json(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "cause": self.cause}
