"""The Shares Acquisition Date (Section 1(hh)) and the Distribution Date (Section 1(l)).

"(l) "DISTRIBUTION DATE" shall mean the earlier of (i) the Close of Business on the tenth
Business Day (or such later date as may be determined by action of the Company's Board of
Directors) after the Shares Acquisition Date ... or (ii) the Close of Business on the tenth
Business Day (or such later date ...) after the date that a tender or exchange offer by any
Person ... is first published or sent or given ..., if, assuming the successful
consummation thereof, such Person would be an Acquiring Person."
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .calendar import BusinessCalendar
from .citations import cite
from .terms import PlanTerms

S_1HH = cite("Section 1(hh)")
S_1L = cite("Section 1(l)")


@dataclass
class Clause:
    """One clause of 1(l) that has started a clock: its scheduled date and any Board extension."""

    source: str  # "announcement" (clause (i)) or "tender_offer" (clause (ii))
    person: str
    started: date
    index: int
    extended_to: date | None = None


@dataclass
class DistributionClock:
    plan: PlanTerms
    calendar: BusinessCalendar
    announcements: list[Clause] = field(default_factory=list)
    tenders: list[Clause] = field(default_factory=list)
    sad_extension: date | None = None

    def shares_acquisition_date(self, live: set[str] | dict) -> Clause | None:
        """The first public announcement that a (still uncured) Acquiring Person has become such (1(hh))."""
        for a in self.announcements:
            if a.person in live:
                return a
        return None

    def forget(self, person: str, live: set[str] | dict) -> None:
        """Drop a cured person's announcements; keep the Board's later date while a Shares Acquisition Date stands.

        Section 1(hh): "then no Shares Acquisition Date shall be deemed to have occurred" for a
        person cured under Section 1(a)(i), so its announcements go.  The Board's extension is
        its own act, "such later date as may be determined by action of the Company's Board of
        Directors", effective when taken: it still governs the clause (i) date while another
        announcement remains the Shares Acquisition Date (docs/semantics.md).  With none left
        the clock is gone, and a later announcement starts afresh.
        """
        self.announcements = [a for a in self.announcements if a.person != person]
        if self.shares_acquisition_date(live) is None:
            self.sad_extension = None

    def _scheduled(self, started: date, extended_to: date | None, sad_clause: bool) -> date:
        n = self.plan.distribution_business_days
        if sad_clause and started + timedelta(days=n) < self.plan.record_date:
            base = self.calendar.close_of_business(self.plan.record_date)
        else:
            base = self.calendar.business_days_after(started, n)
        if extended_to is not None and extended_to > base:
            return self.calendar.close_of_business(extended_to)
        return base

    def pending_dates(self, live: set[str] | dict) -> list[tuple[Clause, date]]:
        out = []
        sad = self.shares_acquisition_date(live)
        if sad is not None:
            out.append((sad, self._scheduled(sad.started, self.sad_extension, True)))
        out.extend((t, self._scheduled(t.started, t.extended_to, False)) for t in self.tenders)
        return out

    def distribution_date(self, live: set[str] | dict) -> tuple[date, Clause] | None:
        """The earlier of the clause dates, or None when no clause has started."""
        dates = self.pending_dates(live)
        if not dates:
            return None
        clause, when = min(dates, key=lambda cd: cd[1])
        return when, clause

    def extend(self, on: date, until: date, live: set[str] | dict) -> str | None:
        """Apply a Board extension; returns the reason it is ineffective, or None when it took effect."""
        current = self.distribution_date(live)
        if current is None:
            return "no Distribution Date is pending, so there is nothing to extend"
        if on > current[0]:
            return f"the Distribution Date already occurred on {current[0]}"
        moved = False
        for clause, when in self.pending_dates(live):
            if self.calendar.close_of_business(until) > when:
                moved = True
                if clause.source == "announcement":
                    self.sad_extension = max(self.sad_extension or until, until)
                else:
                    clause.extended_to = max(clause.extended_to or until, until)
        return None if moved else f"{until} is not later than the pending Distribution Date {current[0]}"
