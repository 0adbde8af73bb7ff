"""Who is an Acquiring Person: Section 1(a), its carve-outs and its grandfather clause.

"ACQUIRING PERSON" shall mean any Person, other than H&Q Venture Associates, LLC, who or which,
together with all Affiliates and Associates of such Person, shall be the Beneficial Owner of 15%
or more of the Common Shares then outstanding, but shall not include the Company, any Subsidiary
of the Company or any employee benefit plan ... ; "no Person shall be deemed to be an Acquiring
Person as the result of an acquisition of Common Shares by the Company which, by reducing the
number of shares outstanding, increases the proportionate number of shares beneficially owned by
such Person to 15% or more"; and "(ii) if, as of the date hereof, any Person is the Beneficial
Owner of 15% or more ... such Person shall not be or become an 'Acquiring Person' ... unless and
until such time as such Person shall become the Beneficial Owner of additional Common Shares"
(Section 1(a)), quoted from the built-in plan; each property is stated for every plan, in its terms
(``{threshold}``, ``{exempt_holder}``, ...).  The summary's shorter "obtains 15% or more" is a belief of
that plan, declared in its terms file (proofs/beliefs.py).
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver.ownership import denominator, owned
from rightsplan.solver.step import Step
from rightsplan.spec.vocabulary import Role

from ..registry import prop


@prop("{exempt_key}_never_acquiring", "{exempt_holder} is never an Acquiring Person, however much it owns.",
      sections=("Section 1(a)",), needs=("named_exempt",), when=lambda st: st.some(lambda i: st.z.And(st.role(i, Role.NAMED_EXEMPT), st.at(st.s2, i, st.lines.threshold))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.role(i, Role.NAMED_EXEMPT), st.z.Not(st.s2.acquiring[i])))


@prop("exempt_never_acquiring", "The Company, its Subsidiaries and its employee plans are never Acquiring Persons.",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: st.z.And(st.exempt(i), st.at(st.s2, i, st.lines.threshold))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.exempt(i), st.z.Not(st.s2.acquiring[i])))


def _buyback_lift(st: Step, i: int) -> Any:
    z = st.z
    return z.And(st.kind["repurchase"], z.Not(st.at(st.s, i, st.threshold(i))))


@prop("repurchase_carve_out", "A Company buyback never makes a Person below its threshold an Acquiring Person.",
      sections=("Section 1(a)",),
      when=lambda st: st.some(lambda i: st.z.And(_buyback_lift(st, i), st.eligible(i), st.at(st.s2, i, st.threshold(i)))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_buyback_lift(st, i), st.z.Not(st.s2.became_acquiring[i])))


def _marked_buys(st: Step, i: int) -> Any:
    z = st.z
    return z.And(st.s.buyback_marked[i], st.s2.acquired_more[i], st.at(st.s2, i, st.lines.deeming), st.eligible(i), st.live,
                 z.Not(st.s2.grandfathered[i]), z.Not(st.s.divestiture_pending[i]))


@prop("repurchase_then_acquire", "A Person lifted to {deeming} by a buyback that then acquires more while at "
      "{deeming} or more is an Acquiring Person.",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: _marked_buys(st, i)))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_marked_buys(st, i), st.s2.acquiring[i]))


@prop("grandfathered_without_acquisition", "A grandfathered holder never becomes an Acquiring Person without "
      "acquiring additional shares.",
      sections=("Section 1(a)",), needs=("grandfathering",),
      when=lambda st: st.some(lambda i: st.z.And(st.s.grandfathered[i], st.z.Not(st.s2.acquired_more[i]), st.eligible(i),
                                                  st.at(st.s2, i, st.threshold(i)))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.z.And(st.s.grandfathered[i], st.z.Not(st.s2.acquired_more[i])), st.z.Not(st.s2.became_acquiring[i])))


@prop("grandfathered_holder_not_acquiring", "A holder of {grandfather_threshold} or more {grandfather_when} is "
      "not an Acquiring Person while its grandfathering lasts.", sections=("Section 1(a)",), needs=("grandfathering",),
      when=lambda st: st.some(lambda i: st.z.And(st.s2.grandfathered[i], st.eligible(i), st.at(st.s2, i, st.threshold(i)))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.s2.grandfathered[i], st.z.Not(st.s2.acquiring[i])))


def _grandfathered_buys(st: Step, i: int) -> Any:
    z = st.z
    return z.And(st.s.grandfathered[i], st.s2.acquired_more[i], st.at(st.s2, i, st.threshold(i)), st.eligible(i), st.live,
                 z.Not(st.s.divestiture_pending[i]))


@prop("grandfather_ends_on_acquisition", "A grandfathered holder that acquires more while at its threshold "
      "is an Acquiring Person.",
      sections=("Section 1(a)",), needs=("grandfathering",), when=lambda st: st.some(lambda i: _grandfathered_buys(st, i)))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_grandfathered_buys(st, i), st.s2.acquiring[i]))


def _gained_allowance(st: Step, i: int) -> Any:
    """Since the grandfathering date, i's unit has gained shares of the allowance or more of the shares now outstanding.

    "unless and until such time as such Person acquires beneficial ownership of additional shares ...
    representing one-half of one percent (0.5%) or more of the shares of Common Stock then outstanding"
    (Selectica's amended Section 1(a)); the shares owned on that date are ``owned_at_grandfathering``,
    restated by splits (reading ``grandfather_allowance_measure: net_shares``).
    """
    a, z = st.lines.allowance, st.z
    gained = owned(z, st.s2, st.n, i) - st.s2.owned_at_grandfathering[i]
    return a.denominator * gained >= a.numerator * denominator(z, st.s2, st.n, i)


@prop("grandfathered_within_allowance_not_acquiring", "A holder grandfathered {grandfather_when} that acquires "
      "additional shares of less than {grandfather_allowance} of the shares then outstanding is not made an "
      "Acquiring Person by them.", sections=("Section 1(a)",), needs=("grandfather_allowance",),
      readings={"grandfather_allowance_measure": "net_shares"},
      when=lambda st: st.some(lambda i: st.z.And(st.s.grandfathered[i], st.s2.acquired_more[i], st.eligible(i),
                                                 st.at(st.s2, i, st.threshold(i)), st.z.Not(_gained_allowance(st, i)))))
def _(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: z.Implies(z.And(st.s.grandfathered[i], z.Not(_gained_allowance(st, i))),
                                        z.Not(st.s2.became_acquiring[i])))


def _beyond_allowance(st: Step, i: int) -> Any:
    return st.z.And(_grandfathered_buys(st, i), st.at(st.s2, i, st.lines.grandfather), _gained_allowance(st, i))


@prop("grandfather_allowance_reached_makes_acquiring", "A holder grandfathered {grandfather_when} that acquires "
      "additional shares of {grandfather_allowance} or more of the shares then outstanding while at "
      "{grandfather_threshold} or more is an Acquiring Person.", sections=("Section 1(a)",),
      needs=("grandfather_allowance",), readings={"grandfather_allowance_measure": "net_shares"},
      when=lambda st: st.some(lambda i: _beyond_allowance(st, i)))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_beyond_allowance(st, i), st.s2.acquiring[i]))


@prop("acquiring_person_stays", "An Acquiring Person stays one unless cured under Section 1(a)(i).",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: st.s.acquiring[i]))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.z.And(st.s.acquiring[i], st.z.Not(st.s2.cured[i])), st.s2.acquiring[i]))


@prop("no_new_acquiring_after_expiration", "No one becomes an Acquiring Person after the Expiration Date.",
      sections=("Section 1(a)", "Section 1(q)"), when=lambda st: st.s.expired)
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Not(st.s2.became_acquiring[i]))

