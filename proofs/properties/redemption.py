"""Redemption: the window of Section 23(a).

"The Company may ... at any time prior to the Close of Business on the earlier of (i) the fifth
day following the Shares Acquisition Date (or such later date as may be determined by action of
the Company's Board of Directors and publicly announced by the Company) and (ii) the Final
Expiration Date, redeem all but not less than all the then outstanding Rights" (Section 23(a)).
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver.step import Step
from rightsplan.solver.temporal import lemma, once

from ..registry import prop


@prop("no_redemption_after_deadline", "A redemption ordered after the redemption deadline has no effect.",
      sections=("Section 23(a)",), when=lambda st: st.z.And(st.kind["redeem"], st.e.day > st.deadline(st.s2)))
def _(st: Step) -> Any:
    return st.z.Not(st.s2.effective)


@prop("redemption_deadline_by_final_expiration", "The redemption deadline is never after the Final Expiration "
      "Date's Close of Business.", sections=("Section 23(a)", "Section 1(f)"))
def _(st: Step) -> Any:
    return st.deadline(st.s2) <= st.final


def board_extended_redemption(st: Step) -> Any:
    """A Board action setting a later redemption deadline takes effect at this step.

    "(or such later date as may be determined by action of the Company's Board of Directors
    and publicly announced by the Company)" (Section 23(a)).
    """
    return st.z.And(st.kind["extend_redemption"], st.s2.effective)


REDEMPTION_EXTENDED = once(board_extended_redemption, section="Section 23(a)")
lemma("board_date_follows_board", ("Section 23(a)",),
      lambda z, cfg, roles, s: z.Implies(s.has_redemption_board_date, REDEMPTION_EXTENDED.at(s)))


@prop("redemption_window_{redemption_days_word}_days", "Without a Board extension, the redemption window closes "
      "within {redemption_days} Business Days of the Shares Acquisition Date.",
      sections=("Section 23(a)", "Section 1(hh)"), when=lambda st: st.z.And(st.sad(st.s2)[0], st.z.Not(REDEMPTION_EXTENDED(st))))
def _(st: Step) -> Any:
    return st.deadline(st.s2) <= st.sad(st.s2)[1] + st.days.redemption
