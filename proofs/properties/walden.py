"""Walden's own threshold and its ratchet: the two Walden provisos of Section 1(a).

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


def walden_had_ratcheted(st: Step) -> Any:
    """Walden's threshold had already dropped to 15% in the state before this step."""
    return st.s.walden_ratcheted


HAD_RATCHETED = once(walden_had_ratcheted, section="Section 1(a)")
lemma("had_ratcheted_is_ratcheted", ("Section 1(a)",),
      lambda z, cfg, roles, s: z.Implies(HAD_RATCHETED.at(s), s.walden_ratcheted))


@prop("walden_threshold_only_drops", "Walden's threshold only ever moves from 20% to 15%, never back: \"from "
      "such time on\", once it has dropped.", sections=("Section 1(a)",), when=HAD_RATCHETED)
def _(st: Step) -> Any:
    return st.s2.walden_ratcheted


def _walden_below_20(st: Step, i: int) -> Any:
    z = st.z
    return z.And(st.walden(i), z.Not(st.s2.walden_ratcheted), z.Not(st.s.buyback_marked[i]), z.Not(st.at(st.s2, i, 20)))


@prop("walden_ordinary_rule_below_20", "Before its ratchet, Walden below 20% never becomes an Acquiring "
      "Person except through the repurchase proviso.",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: st.z.And(_walden_below_20(st, i), st.at(st.s2, i, 15))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_walden_below_20(st, i), st.z.Not(st.s2.became_acquiring[i])))


def _walden_after_ratchet(st: Step, i: int) -> Any:
    z = st.z
    return z.And(st.walden(i), st.s2.walden_ratcheted, st.s2.acquired_more[i], st.at(st.s2, i, 15), st.eligible(i), st.live,
                 z.Not(st.s2.grandfathered[i]), z.Not(st.s.divestiture_pending[i]))


@prop("walden_ratchet_bites", "After its ratchet, Walden acquiring shares to 15% or more is an Acquiring Person.",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: _walden_after_ratchet(st, i)))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_walden_after_ratchet(st, i), st.s2.acquiring[i]))


@prop("belief_walden_safe_below_20", "Before its ratchet, Walden is never an Acquiring Person while below 20%.",
      sections=("Section 1(a)",), expect="COUNTEREXAMPLE",
      belief="Walden ... shall not be deemed an \"Acquiring Person\" until ... 20% or more",
      when=lambda st: st.z.And(st.live, st.some(lambda i: st.z.And(st.walden(i), st.z.Not(st.s2.walden_ratcheted),
                                                                   st.z.Not(st.at(st.s2, i, 20))))))
def _(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: z.Implies(z.And(st.walden(i), z.Not(st.s2.walden_ratcheted), z.Not(st.at(st.s2, i, 20))),
                                        z.Not(st.s2.became_acquiring[i])))


@prop("walden_safe_below_20_own_threshold", "Under the own-threshold reading of the repurchase proviso, Walden "
      "is never made an Acquiring Person below 20% before its ratchet.", sections=("Section 1(a)",),
      readings={"repurchase_deeming_threshold": "own_threshold"},
      when=lambda st: st.some(lambda i: st.z.And(st.walden(i), st.z.Not(st.s2.walden_ratcheted), st.s.buyback_marked[i], st.s2.acquired_more[i])))
def _(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: z.Implies(z.And(st.walden(i), z.Not(st.s2.walden_ratcheted), z.Not(st.at(st.s2, i, 20))),
                                        z.Not(st.s2.became_acquiring[i])))
