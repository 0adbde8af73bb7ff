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

from ..registry import prop


def _exchange(st: Step) -> Any:
    return st.z.And(st.kind["exchange"], st.z.Not(st.e.variant))


@prop("exchange_only_after_triggering_event", "A Section 24(a) exchange takes effect only after a Triggering "
      "Event.", sections=("Section 24(a)", "Section 1(oo)"), when=lambda st: st.z.And(_exchange(st), st.s2.effective))
def _(st: Step) -> Any:
    return st.te(st.s2)[0]


@prop("fifty_percent_bars_exchange", "Once any Person other than the Company, a Subsidiary or a plan has "
      "reached 50%, no Section 24(a) exchange takes effect, ever.",
      sections=("Section 24(a)",), when=lambda st: st.z.And(_exchange(st), st.s.exchange_barred))
def _(st: Step) -> Any:
    return st.z.Not(st.s2.effective)


@prop("fifty_percent_bar_recorded", "Whenever such a Person is at 50% or more the bar is in force, from the "
      "first such date.", sections=("Section 24(a)",),
      when=lambda st: st.some(lambda i: st.z.And(st.z.Not(st.exempt(i)), st.at(st.s2, i, 50))))
def _(st: Step) -> Any:
    return st.z.And(st.s2.exchange_barred, st.s2.barred_since <= st.e.day)


@prop("rights_exchange_only_before_acquiring_person", "A Section 24(e) exchange for other rights takes effect "
      "only while no Person is an Acquiring Person.", sections=("Section 24(e)",),
      when=lambda st: st.z.And(st.kind["exchange"], st.e.variant, st.s2.effective))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Not(st.s2.acquiring[i]))


def _no_acquiring_person_at_50(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: z.And(z.Not(z.And(st.s.acquiring[i], st.at(st.s, i, 50))),
                                    z.Not(z.And(st.s2.acquiring[i], st.at(st.s2, i, 50)))))


@prop("belief_exchange_until_acquiring_person_has_50", "The Board can exchange after a Triggering Event so "
      "long as the Acquiring Person has not reached 50%.", sections=("Exhibit C", "Section 24(a)"),
      expect="COUNTEREXAMPLE", belief="At any time after ... an Acquiring Person obtains 15% ... and prior to the "
      "acquisition by the Acquiring Person of 50% of the outstanding Common Stock ... may exchange the Rights",
      when=lambda st: st.z.And(_exchange(st), st.live, st.te(st.s2)[0], _no_acquiring_person_at_50(st)))
def _(st: Step) -> Any:
    return st.s2.effective
