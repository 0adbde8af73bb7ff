"""The stateful cross-check keeps reaching every determination it is meant to check.

A cross-check that stops generating, say, a Shares Acquisition Date on a Wednesday would
still pass; this test counts, over the CI run of tests/test_crosscheck_stateful.py (the same
run, shared within a session), how many histories reached each determination, and requires
each at least ``FEW`` times.  The counts are for the derandomized "ci" profile.
"""

from __future__ import annotations

import pytest
from test_crosscheck_stateful import coverage_of_ci_run

FEW = 3

# What each label means (tests/test_crosscheck_stateful.py ``reached``).
DETERMINATIONS = {
    "sad_Monday": "a Shares Acquisition Date on a Monday (redemption deadline: Monday + 5 is a Saturday, rolled)",
    "sad_Tuesday": "a Shares Acquisition Date on a Tuesday (+ 5 is a Sunday, rolled to Monday)",
    "sad_Wednesday": "a Shares Acquisition Date on a Wednesday (+ 5 is a Monday)",
    "sad_Thursday": "a Shares Acquisition Date on a Thursday",
    "sad_Friday": "a Shares Acquisition Date on a Friday",
    "dd_clause_i": "a Distribution Date by Section 1(l)(i): ten Business Days after the Shares Acquisition Date",
    "dd_clause_ii": "a Distribution Date by Section 1(l)(ii), earlier than clause (i): a tender offer",
    "across_memorial_day_2003": "a Distribution Date whose ten Business Days cross Memorial Day, May 26, 2003",
    "fifth_day_across_a_holiday": "a redemption deadline whose five calendar days hold a weekday that is not a "
                                  "Business Day (Thanksgiving, Christmas, New Year, Good Friday, Memorial Day 2003-04)",
    "extend_distribution_effective": "a Board extension of the Distribution Date that takes effect (Section 1(l))",
    "extend_redemption_effective": "a Board extension of the redemption deadline that takes effect (Section 23(a))",
    "redeem_effective": "a redemption in time (Section 23(a))",
    "redeem_refused_late": "a redemption refused as after the deadline (Section 23(a))",
    "cure": "an inadvertent Acquiring Person cured by divestiture (Section 1(a)(i))",
    "divest_by_used": "an inadvertence finding on an Acquiring Person with a Board divest_by date",
    "walden_ratchet": "Walden's threshold ratcheted to 15% (Section 1(a))",
    "bar_50": "the 50% bar on exchanges (Section 24(a))",
    "exchange_effective": "an exchange that takes effect (Section 24(a))",
    "exchange_refused_barred": "an exchange refused while barred (Section 24(a))",
    "exercise_effective": "an exercise after the Distribution Date (Section 7(a))",
    "merger_effective": "a merger while the Rights are outstanding (Section 13(a))",
    "price_event": "an event of the price provisions (Sections 11(a)(i), 11(b), 11(c), 1(j))",
    "split_2_1": "a 2-for-1 split (Section 11(n))",
    "split_3_1": "a 3-for-1 split",
    "split_3_2": "a 3-for-2 split",
    "split_1_2": "a 1-for-2 reverse split",
    "split_1_3": "a 1-for-3 reverse split",
}


@pytest.mark.parametrize("label", sorted(DETERMINATIONS))
def test_cross_check_reaches(label: str) -> None:
    """The CI cross-check reaches this determination in at least a few histories."""
    counts = coverage_of_ci_run()
    assert counts[label] >= FEW, f"{label} ({DETERMINATIONS[label]}): {counts[label]} histories; all: {dict(counts)}"
