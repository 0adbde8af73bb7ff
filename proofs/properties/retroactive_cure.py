"""The final result under Section 1(a)(i)'s retroactive cure: what stays true once later cures are counted.

"then such Person shall not be deemed to be or to have become an 'Acquiring Person' for any
purposes of this Agreement" (Section 1(a)(i)).  A cure reaches back: in the final result the
cured episode never happened.  The model guesses, per episode, whether it will be cured
(solver/cure.py); a *final-view* property reads the guesses off the first run (``Frame``), a
*final-run* property also reads the second copy of the state in which each guessed-cured
episode is suppressed, so that Board actions are judged again (``RunFrame``).  Both are decided by
proofs/cure_check.py (1-induction; a shortest resolved history for a belief, replayed through the
reference implementation's final result), not by the per-step engines.  Two beliefs are expected
to fail: the moment-by-moment view is not the final result.
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver import cure
from rightsplan.solver.cure import Frame, RunFrame
from rightsplan.solver.dates import sad

from ..registry import prop

_CURE = "Section 1(a)(i)"


def in_episode(z: Any, n: int, s: Any, w: list[Any]) -> Any:
    """Every guess "cured" is held by a current Acquiring Person (the prophecy's own invariant)."""
    return z.And(*[z.Implies(w[i], s.acquiring[i]) for i in range(n)])


@prop("guess_only_in_episode", "The model's guess that a Person's episode as an Acquiring Person will later be cured "
      "is only ever held while that Person is an Acquiring Person: the final result speaks of episodes only.",
      sections=(_CURE,), engine="final_view")
def guess_only_in_episode(f: Frame) -> Any:
    return in_episode(f.z, f.n, f.s2, f.w2)


def _had_triggering_event(f: Frame) -> Any:
    return cure.triggering_event(f.z, f.n, f.s, f.w)[0]


@prop("final_triggering_event_fixed", "In the final result, once a Triggering Event has occurred it stays on the "
      "same day: no later cure moves or removes it.",
      sections=("Section 1(oo)", _CURE), engine="final_view", when=_had_triggering_event)
def final_triggering_event_fixed(f: Frame) -> Any:
    """"deemed to have occurred upon any Person becoming an Acquiring Person" (Section 1(oo)), and a cured Person
    "shall not be deemed to be or to have become an 'Acquiring Person' for any purposes" (Section 1(a)(i))."""
    _, t1 = cure.triggering_event(f.z, f.n, f.s, f.w)
    has, t2 = cure.triggering_event(f.z, f.n, f.s2, f.w2)
    return f.z.And(has, t2 == t1)


@prop("cure_leaves_no_trace", "A Person cured under the inadvertence proviso was never an Acquiring Person in the "
      "final result, and voided nobody's Rights.",
      sections=(_CURE, "Section 7(e)"), engine="final_view")
def cure_leaves_no_trace(f: Frame) -> Any:
    """Section 7(e) voids Rights only of "an Acquiring Person or an Associate or Affiliate of an Acquiring Person"."""
    z, s, w = f.z, f.s, f.w

    def voided_by(i: int) -> Any:
        return z.Or(*[z.And(s.void_because[(k, i)], z.Not(w[i])) for k in range(f.n)])

    return z.And(*[z.Implies(f.s2.cured[i], z.And(z.Not(cure.acquiring(z, s, w, i)), z.Not(voided_by(i))))
                   for i in range(f.n)])


@prop("final_void_has_final_cause", "Rights void in the final result are void because of a Person that is an "
      "Acquiring Person in the final result.",
      sections=("Section 7(e)", _CURE), engine="final_view")
def final_void_has_final_cause(f: Frame) -> Any:
    z, s2, w2 = f.z, f.s2, f.w2
    return z.And(*[z.Implies(z.And(s2.void_because[(i, j)], z.Not(w2[j])), cure.acquiring(z, s2, w2, j))
                   for i in range(f.n) for j in range(f.n)])


def _first_crossing(f: Frame, s: Any) -> tuple[Any, Any]:
    """Whether anyone is an Acquiring Person at the moment, and the earliest crossing among them."""
    return cure.opt_min(f.z, [(s.acquiring[i], s.acquiring_since[i]) for i in range(f.n)])


@prop("status_triggering_event_fixed", "The Triggering Event shown at each moment, once it has occurred, never moves "
      "or disappears.",
      sections=("Section 1(oo)", _CURE), expect="COUNTEREXAMPLE", engine="final_view",
      belief="shall be deemed to have occurred upon any Person becoming an Acquiring Person",
      belief_section="Section 1(oo)", when=lambda f: _first_crossing(f, f.s)[0])
def status_triggering_event_fixed(f: Frame) -> Any:
    """Belief (false): a later cure removes the person whose crossing was the Triggering Event, and the view at
    that moment then shows a later one or none; the final result never showed the cured crossing at all."""
    _, t1 = _first_crossing(f, f.s)
    has, t2 = _first_crossing(f, f.s2)
    return f.z.And(has, t2 == t1)


@prop("final_run_keeps_cured_out", "When the history is judged again with its cured episodes removed, nobody in a "
      "cured episode becomes an Acquiring Person.",
      sections=(_CURE,), engine="final_run")
def final_run_keeps_cured_out(r: RunFrame) -> Any:
    z = r.z
    sup = cure.suppression(z, r.cfg, r.s2, r.w2)
    return z.And(*[z.Implies(sup[i], z.Not(r.f2.became_acquiring[i])) for i in range(r.n)])


@prop("final_run_triggering_event_fixed", "When the history is judged again with its cured episodes removed, the "
      "Triggering Event, once it has occurred, keeps its day.",
      sections=("Section 1(oo)", _CURE), engine="final_run",
      when=lambda r: r.z.And(_first_crossing(r, r.f)[0], cure.no_new_cure(r.z, r.cfg, r.f2)))
def final_run_triggering_event_fixed(r: RunFrame) -> Any:
    """Stated where the second judging cures nobody (``cure.no_new_cure``): otherwise the reference judges once more."""
    _, t1 = _first_crossing(r, r.f)
    has, t2 = _first_crossing(r, r.f2)
    return r.z.And(has, t2 == t1)


def _redemption_without_sad(r: RunFrame) -> Any:
    z = r.z
    has_sad, _ = sad(z, r.f2, r.n)
    return z.And(r.e.kind == cure.K["redeem"], z.Not(r.f.expired), r.e.day <= r.cfg.time.final, z.Not(has_sad))


@prop("final_redemption_without_sad", "In the final result, a redemption ordered before the Final Expiration Date "
      "while there is no Shares Acquisition Date takes effect.",
      sections=("Section 23(a)", "Section 1(hh)", _CURE), engine="final_run", when=_redemption_without_sad)
def final_redemption_without_sad(r: RunFrame) -> Any:
    """"at any time prior to the Close of Business on the earlier of (i) the fifth day following the Shares
    Acquisition Date ... and (ii) the Final Expiration Date" (Section 23(a))."""
    return r.f2.redeemed


def _refused_then_no_new_cure(r: RunFrame) -> Any:
    z = r.z
    return z.And(r.e.kind == cure.K["redeem"], z.Not(r.s.redeemed), z.Not(r.s2.redeemed),
                 cure.no_new_cure(z, r.cfg, r.f2))


@prop("refused_redemption_stays_refused", "A redemption refused when the Board orders it is refused in the final "
      "result too.",
      sections=("Section 23(a)", "Section 1(hh)", _CURE), expect="COUNTEREXAMPLE", engine="final_run",
      belief="at any time prior to the Close of Business on the earlier of (i) the fifth day following the Shares "
      "Acquisition Date", belief_section="Section 23(a)", when=_refused_then_no_new_cure)
def refused_redemption_stays_refused(r: RunFrame) -> Any:
    """Belief (false under ``inadvertence_cure: all_purposes``): the cure removes the cured person's Shares
    Acquisition Date, and with it the Section 23(a) window that closed the redemption.  Stated where the second
    judging cures nobody."""
    return r.z.Not(r.f2.redeemed)
