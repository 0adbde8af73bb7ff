"""A named holder's own threshold and its ratchet: the two Walden provisos of Section 1(a), for every plan.

A plan may name a holder with its own threshold (DigitalThink's Walden, Pain Therapeutics'
Eastbourne), with or without a ratchet; these properties need one (``needs=``) and are
reported not applicable to a plan without.  The built-in plan's words:

"Walden ... shall not be deemed an 'Acquiring Person' until such time as Walden shall be the
Beneficial Owner of an aggregate of 20% or more of the Common Shares then outstanding; provided,
further, that, after Walden has been the Beneficial Owner of 15% or more of the Common Shares then
outstanding and subsequently becomes the Beneficial Owner of less than 15% ..., then, from such
time on, Walden shall be deemed an Acquiring Person at such time as Walden shall be the Beneficial
Owner of an aggregate of 15% or more" (Section 1(a)).
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver.step import Step
from rightsplan.solver.temporal import lemma, once

from ..registry import prop


def holder_had_ratcheted(st: Step) -> Any:
    """The named holder's threshold had already dropped to its ratchet line in the state before this step."""
    return st.s.ratcheted


HAD_RATCHETED = once(holder_had_ratcheted, section="Section 1(a)")
lemma("had_ratcheted_is_ratcheted", ("Section 1(a)",),
      lambda z, cfg, roles, s: z.Implies(HAD_RATCHETED.at(s), s.ratcheted))


@prop("{holder_key}_threshold_only_drops", "{holder}'s threshold only ever moves from {holder_threshold} to "
      "{ratchet}, never back: \"from such time on\", once it has dropped.", sections=("Section 1(a)",),
      needs=("own_threshold_holder", "ratchet"), when=HAD_RATCHETED)
def _(st: Step) -> Any:
    return st.s2.ratcheted


def _holder_below_own_line(st: Step, i: int) -> Any:
    z = st.z
    return z.And(st.own_threshold_holder(i), z.Not(st.s2.ratcheted), z.Not(st.s.buyback_marked[i]), z.Not(st.at(st.s2, i, st.lines.holder)))


@prop("{holder_key}_ordinary_rule_below_{holder_threshold_n}", "{before_ratchet}{holder} below {holder_threshold} "
      "never becomes an Acquiring Person except through the repurchase proviso.",
      sections=("Section 1(a)",), needs=("own_threshold_holder",), when=lambda st: st.some(lambda i: st.z.And(_holder_below_own_line(st, i), st.at(st.s2, i, st.lines.threshold))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_holder_below_own_line(st, i), st.z.Not(st.s2.became_acquiring[i])))


def _holder_after_ratchet(st: Step, i: int) -> Any:
    z = st.z
    return z.And(st.own_threshold_holder(i), st.s2.ratcheted, st.s2.acquired_more[i], st.at(st.s2, i, st.lines.ratchet), st.eligible(i), st.live,
                 z.Not(st.s2.grandfathered[i]), z.Not(st.s.divestiture_pending[i]))


@prop("{holder_key}_ratchet_bites", "After its ratchet, {holder} acquiring shares to {ratchet} or more is an "
      "Acquiring Person.", sections=("Section 1(a)",), needs=("own_threshold_holder", "ratchet"), when=lambda st: st.some(lambda i: _holder_after_ratchet(st, i)))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_holder_after_ratchet(st, i), st.s2.acquiring[i]))


@prop("{holder_key}_safe_below_{holder_threshold_n}_own_threshold", "Under the own-threshold reading of the "
      "repurchase proviso, {holder} is never made an Acquiring Person below {holder_threshold}{until_ratchet}.",
      sections=("Section 1(a)",), needs=("own_threshold_holder",),
      readings={"repurchase_deeming_threshold": "own_threshold"},
      when=lambda st: st.some(lambda i: st.z.And(st.own_threshold_holder(i), st.z.Not(st.s2.ratcheted), st.s.buyback_marked[i], st.s2.acquired_more[i])))
def _(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: z.Implies(z.And(st.own_threshold_holder(i), z.Not(st.s2.ratcheted), z.Not(st.at(st.s2, i, st.lines.holder))),
                                        z.Not(st.s2.became_acquiring[i])))
