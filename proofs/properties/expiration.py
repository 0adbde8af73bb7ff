"""The Expiration Date of Section 1(q), and what may still happen after it.

"'EXPIRATION DATE' shall mean the earliest to occur of: (i) the Close of Business on the Final
Expiration Date, (ii) the Redemption Date, or (iii) the time at which the Board of Directors
orders the exchange of the Rights as provided in Section 24 hereof" (Section 1(q)); "'FINAL
EXPIRATION DATE' shall mean October 23, 2010" (Section 1(r)).
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver.step import Step
from rightsplan.solver.temporal import lemma, once

from ..registry import prop


@prop("nothing_exercisable_after_redemption_or_exchange", "After a redemption or a full exchange no Right can "
      "be exercised.", sections=("Section 23(b)", "Section 24(b)", "Section 7(a)"),
      when=lambda st: st.z.Or(st.s2.redeemed, st.s2.exchanged_all))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Not(st.exercisable(i)))


def rights_had_expired(st: Step) -> Any:
    """The Rights had expired in the state before this step."""
    return st.s.expired


HAD_EXPIRED = once(rights_had_expired, section="Section 1(q)")
lemma("had_expired_is_expired", ("Section 1(q)",), lambda z, cfg, roles, s: z.Implies(HAD_EXPIRED.at(s), s.expired))


@prop("expiration_is_final", "Once the Rights have expired they stay expired, and they expire after the Final "
      "Expiration Date's Close of Business.", sections=("Section 1(q)", "Section 1(f)"),
      when=lambda st: st.z.Or(HAD_EXPIRED(st), st.e.day > st.final))
def _(st: Step) -> Any:
    return st.s2.expired


@prop("no_board_action_after_expiration", "After the Expiration Date no redemption or exchange takes effect.",
      sections=("Section 1(q)", "Section 23(a)", "Section 24(a)"),
      when=lambda st: st.z.And(st.s.expired, st.z.Or(st.kind["redeem"], st.kind["exchange"])))
def _(st: Step) -> Any:
    return st.z.Not(st.s2.effective)
