"""Exchange: Section 24(a), its 50% bar, and the exchange for other rights of Section 24(e).

The Board may, "at any time after the occurrence of a Triggering Event, exchange all or part of
the then outstanding and exercisable Rights ... Notwithstanding the foregoing, the Board of
Directors shall not be empowered to effect such exchange at any time after any Person (other than
the Company, any Subsidiary of the Company, any employee benefit plan ...), together with all
Affiliates and Associates of such Person, becomes the Beneficial Owner of 50% or more of the
Common Shares then outstanding" (Section 24(a)); and "at any time before any Person has become an
Acquiring Person, exchange all or part of the then outstanding Rights for rights of substantially
equivalent value" (Section 24(e)).
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver.step import Step
from rightsplan.solver.temporal import lemma, once

from ..registry import prop


def _exchange(st: Step) -> Any:
    return st.z.And(st.kind["exchange"], st.z.Not(st.e.variant))


@prop("exchange_only_after_triggering_event", "A Section 24(a) exchange takes effect only after a Triggering "
      "Event.", sections=("Section 24(a)", "Section 1(oo)"), when=lambda st: st.z.And(_exchange(st), st.s2.effective))
def _(st: Step) -> Any:
    return st.te(st.s2)[0]


def someone_held_50(st: Step) -> Any:
    """After this step, a Person other than the Company, a Subsidiary or a plan holds 50% or more.

    "any Person (other than the Company, any Subsidiary of the Company, any employee benefit
    plan ...), together with all Affiliates and Associates of such Person, becomes the
    Beneficial Owner of 50% or more of the Common Shares then outstanding" (Section 24(a)).
    It reads the state after each event, so a Person at 50% only at the start, before the
    first event, is not counted here (own_words_fifty_percent_bar_exact covers that case).
    """
    z = st.z
    return st.some(lambda i: z.And(z.Not(st.exempt(i)), st.at(st.s2, i, st.lines.bar)))


HELD_50 = once(someone_held_50, section="Section 24(a)")
lemma("held_50_is_barred", ("Section 24(a)",), lambda z, cfg, roles, s: z.Implies(HELD_50.at(s), s.exchange_barred))


@prop("{bar_word}_percent_bars_exchange", "Once any Person other than the Company, a Subsidiary or a plan has "
      "reached {bar}, no Section 24(a) exchange takes effect, ever.",
      sections=("Section 24(a)",), when=lambda st: st.z.And(_exchange(st), HELD_50(st)))
def _(st: Step) -> Any:
    return st.z.Not(st.s2.effective)


@prop("{bar_word}_percent_bar_recorded", "Whenever such a Person is at {bar} or more the bar is in force, from "
      "the first such date.", sections=("Section 24(a)",),
      when=lambda st: st.some(lambda i: st.z.And(st.z.Not(st.exempt(i)), st.at(st.s2, i, st.lines.bar))))
def _(st: Step) -> Any:
    return st.z.And(st.s2.exchange_barred, st.s2.barred_since <= st.e.day)


@prop("rights_exchange_only_before_acquiring_person", "A Section 24(e) exchange for other rights takes effect "
      "only while no Person is an Acquiring Person.", sections=("Section 24(e)",),
      when=lambda st: st.z.And(st.kind["exchange"], st.e.variant, st.s2.effective))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Not(st.s2.acquiring[i]))
