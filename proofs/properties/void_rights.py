"""Void Rights: Section 7(e).

"from and after the first occurrence of a Triggering Event, any Rights beneficially owned by (i) an
Acquiring Person or an Associate or Affiliate of an Acquiring Person ... shall become null and
void" (Section 7(e)).
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver.step import Step

from ..registry import prop


@prop("acquiring_persons_rights_void", "The Rights of an Acquiring Person and of its Affiliates and Associates "
      "are void.", sections=("Section 7(e)",), when=lambda st: st.some(lambda i: st.s2.acquiring[i]))
def _(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: st.every(lambda j: z.Implies(z.And(st.s2.acquiring[j], st.same2(i, j)), st.void(st.s2, i))))


@prop("void_rights_stay_void", "Void Rights stay void unless the Acquiring Person behind them is cured.",
      sections=("Section 7(e)", "Section 1(a)"), when=lambda st: st.some(lambda i: st.void(st.s, i)))
def _(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: st.every(lambda j: z.Implies(z.And(st.s.void_because[(i, j)], z.Not(st.s2.cured[j])),
                                                           st.void(st.s2, i))))


@prop("void_only_after_triggering_event", "No Right is void before a Triggering Event.",
      sections=("Section 7(e)", "Section 1(oo)"), when=lambda st: st.some(lambda i: st.void(st.s2, i)))
def _(st: Step) -> Any:
    return st.te(st.s2)[0]
