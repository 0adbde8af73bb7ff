"""The Triggering Event of Section 1(oo), and whether it can be undone.

"A 'TRIGGERING EVENT' shall be deemed to have occurred upon any Person becoming an Acquiring
Person" (Section 1(oo)); a Person cured under Section 1(a)(i) "shall not be deemed to be or to
have become an 'Acquiring Person' for any purposes of this Agreement".
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver.step import Step

from ..registry import prop


@prop("triggering_event_stays", "Once a Triggering Event has occurred it stays, on the same date, unless a "
      "Section 1(a)(i) cure removes it.",
      sections=("Section 1(oo)", "Section 1(a)"), when=lambda st: st.te(st.s)[0])
def _(st: Step) -> Any:
    z = st.z
    (had, t1), (has, t2) = st.te(st.s), st.te(st.s2)
    return z.Implies(z.And(had, z.Not(st.some(lambda i: st.s2.cured[i]))), z.And(has, t2 == t1))
