"""The inadvertence cure of Section 1(a)(i).

"if the Company's Board of Directors determines in good faith that a Person who would otherwise be
an 'Acquiring Person' ... has become such inadvertently ... and if such Person divested or divests
as promptly as practicable a sufficient number of Common Shares so that such Person would no
longer be an 'Acquiring Person' ..., then such Person shall not be deemed to be or to have become
an 'Acquiring Person' for any purposes of this Agreement" (Section 1(a)(i)).
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver.ownership import owned
from rightsplan.solver.step import Step

from ..registry import prop


def _divested(st: Step, i: int) -> Any:
    """Below its threshold, and owning fewer shares than when it crossed."""
    z = st.z
    return z.And(z.Not(st.at(st.s2, i, st.threshold(i))), owned(z, st.s2, st.n, i) < st.s2.owned_at_crossing[i])


def _finding_while_below(st: Step, i: int) -> Any:
    return st.z.And(st.live, st.kind["inadvertence"], st.is_p(i), st.s.acquiring[i], _divested(st, i))


@prop("inadvertent_acquirer_cured", "A Person found to have crossed inadvertently, that has already divested "
      "below its threshold, is not an Acquiring Person and voids no Rights.",
      sections=("Section 1(a)", "Section 7(e)"), when=lambda st: st.some(lambda i: _finding_while_below(st, i)))
def _(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: z.Implies(_finding_while_below(st, i), z.And(
        z.Not(st.s2.acquiring[i]), st.every(lambda j: z.Not(st.s2.void_because[(j, i)])))))


def _divests_in_time(st: Step, i: int) -> Any:
    z = st.z
    return z.And(st.s.divestiture_pending[i], st.e.day <= st.s.divestiture_deadline[i], _divested(st, i))


@prop("inadvertent_acquirer_divests_in_time", "A Person under an inadvertence finding that divests below its "
      "threshold by the deadline stops being an Acquiring Person.",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: _divests_in_time(st, i)))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_divests_in_time(st, i), st.z.Not(st.s2.acquiring[i])))
