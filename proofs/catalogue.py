"""The property catalogue: what the agreement guarantees, and what readers assume it does.

Every property is one function over a model step ``st`` (state ``st.s``, event ``st.e``,
next state ``st.s2``) that must be true at every step of every history.  The decorator
gives it an id, one plain sentence, the sections it rests on, an optional premise (which
must be reachable: a vacuous property fails the run) and the verdict we expect.
Properties marked ``belief`` state what a reader of the Summary of Rights (Exhibit C)
might believe; where the operative text does not support it the checker must find the
counterexample -- a finding for counsel, not a failure.

Write formulas with ``z = st.z`` (never ``import z3``) so cvc5 can re-check them.
"""

from __future__ import annotations

from typing import Any, Callable

from rightsplan.solver.dates import fifth_day
from rightsplan.solver.model import FINAL
from rightsplan.solver.ownership import owned
from rightsplan.solver.system import Step
from rightsplan.spec.vocabulary import Role

from .registry import BY_ID, PROPERTIES, Formula, Property, prop

__all__ = ["BY_ID", "PROPERTIES", "Formula", "Property", "prop"]


def each(st: Step, f: Callable[[int], Any]) -> Any:
    return st.every(f)


# --- Section 1(a): who can be an Acquiring Person -----------------------------------------

@prop("hq_never_acquiring", "H&Q is never an Acquiring Person, however much it owns.",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: st.z.And(st.role(i, Role.HQ), st.at(st.s2, i, 15))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.role(i, Role.HQ), st.z.Not(st.s2.acquiring[i])))


@prop("exempt_never_acquiring", "The Company, its Subsidiaries and its employee plans are never Acquiring Persons.",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: st.z.And(st.exempt(i), st.at(st.s2, i, 15))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.exempt(i), st.z.Not(st.s2.acquiring[i])))


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


@prop("walden_threshold_only_drops", "Walden's threshold only ever moves from 20% to 15%, never back.",
      sections=("Section 1(a)",), when=lambda st: st.s.walden_ratcheted)
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
    return z.And(st.s.buyback_marked[i], st.s2.acquired_more[i], st.at(st.s2, i, 15), st.eligible(i), st.live,
                 z.Not(st.s2.grandfathered[i]), z.Not(st.s.divestiture_pending[i]))


@prop("repurchase_then_acquire", "A Person lifted to 15% by a buyback that then acquires more while at 15% "
      "or more is an Acquiring Person.",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: _marked_buys(st, i)))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_marked_buys(st, i), st.s2.acquiring[i]))


@prop("grandfathered_without_acquisition", "A grandfathered holder never becomes an Acquiring Person without "
      "acquiring additional shares.",
      sections=("Section 1(a)",),
      when=lambda st: st.some(lambda i: st.z.And(st.s.grandfathered[i], st.z.Not(st.s2.acquired_more[i]), st.eligible(i),
                                                  st.at(st.s2, i, st.threshold(i)))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.z.And(st.s.grandfathered[i], st.z.Not(st.s2.acquired_more[i])), st.z.Not(st.s2.became_acquiring[i])))


@prop("grandfathered_holder_not_acquiring", "A holder of 15% or more on the agreement date is not an Acquiring "
      "Person while its grandfathering lasts.", sections=("Section 1(a)",),
      when=lambda st: st.some(lambda i: st.z.And(st.s2.grandfathered[i], st.eligible(i), st.at(st.s2, i, st.threshold(i)))))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.s2.grandfathered[i], st.z.Not(st.s2.acquiring[i])))


def _grandfathered_buys(st: Step, i: int) -> Any:
    z = st.z
    return z.And(st.s.grandfathered[i], st.s2.acquired_more[i], st.at(st.s2, i, st.threshold(i)), st.eligible(i), st.live,
                 z.Not(st.s.divestiture_pending[i]))


@prop("grandfather_ends_on_acquisition", "A grandfathered holder that acquires more while at its threshold "
      "is an Acquiring Person.",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: _grandfathered_buys(st, i)))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(_grandfathered_buys(st, i), st.s2.acquiring[i]))


@prop("acquiring_person_stays", "An Acquiring Person stays one unless cured under Section 1(a)(i).",
      sections=("Section 1(a)",), when=lambda st: st.some(lambda i: st.s.acquiring[i]))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.z.And(st.s.acquiring[i], st.z.Not(st.s2.cured[i])), st.s2.acquiring[i]))


@prop("no_new_acquiring_after_expiration", "No one becomes an Acquiring Person after the Expiration Date.",
      sections=("Section 1(a)", "Section 1(q)"), when=lambda st: st.s.expired)
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Not(st.s2.became_acquiring[i]))


# --- Sections 1(oo), 1(hh), 1(l): the dates ------------------------------------------------

@prop("triggering_event_stays", "Once a Triggering Event has occurred it stays, on the same date, unless a "
      "Section 1(a)(i) cure removes it.",
      sections=("Section 1(oo)", "Section 1(a)"), when=lambda st: st.te(st.s)[0])
def _(st: Step) -> Any:
    z = st.z
    (had, t1), (has, t2) = st.te(st.s), st.te(st.s2)
    return z.Implies(z.And(had, z.Not(st.some(lambda i: st.s2.cured[i]))), z.And(has, t2 == t1))


@prop("shares_acquisition_date_needs_acquiring_person", "There is a Shares Acquisition Date only while there "
      "is an Acquiring Person, and never before the Triggering Event.",
      sections=("Section 1(hh)", "Section 1(oo)"), when=lambda st: st.sad(st.s2)[0])
def _(st: Step) -> Any:
    z = st.z
    (_has, t), (te, when) = st.sad(st.s2), st.te(st.s2)
    return z.And(te, when <= t)


def _sad_unextended(st: Step) -> Any:
    return st.z.And(st.sad(st.s2)[0], st.z.Not(st.s2.distribution_extended))


@prop("distribution_within_10_days_of_sad", "Unless the Board extends it, the Distribution Date is no later "
      "than the tenth Business Day after the Shares Acquisition Date.",
      sections=("Section 1(l)", "Section 1(hh)"), when=_sad_unextended)
def _(st: Step) -> Any:
    (has, when), (_, sad) = st.dd(st.s2), st.sad(st.s2)
    return st.z.And(has, when <= sad + 10)


def _first_tender(st: Step) -> Any:
    z = st.z
    return z.And(st.kind["tender_offer"], st.s2.has_tender_clause, z.Not(st.s.has_tender_clause), z.Not(st.s2.distribution_extended))


@prop("distribution_within_10_days_of_tender_offer", "Unless the Board extends it, a tender offer that would "
      "make its maker an Acquiring Person fixes a Distribution Date no later than ten Business Days on.",
      sections=("Section 1(l)",), when=_first_tender)
def _(st: Step) -> Any:
    has, when = st.dd(st.s2)
    return st.z.And(has, when <= st.e.day + 10)


@prop("distribution_date_never_earlier", "Once a Distribution Date is scheduled, no later event (cures aside) "
      "moves it earlier than its 1(l) clauses allow or removes it.",
      sections=("Section 1(l)",), when=lambda st: st.z.And(st.dd(st.s)[0], st.z.Not(st.some(lambda i: st.s2.cured[i]))))
def _(st: Step) -> Any:
    z = st.z
    (_had, t1), (has, t2) = st.dd(st.s), st.dd(st.s2)
    return z.And(has, z.Or(t2 >= t1, st.e.day + 10 >= t2))


# --- Sections 23, 24, 1(q): Board actions and expiration ----------------------------------

@prop("no_redemption_after_deadline", "A redemption ordered after the redemption deadline has no effect.",
      sections=("Section 23(a)",), when=lambda st: st.z.And(st.kind["redeem"], st.e.day > st.deadline(st.s2)))
def _(st: Step) -> Any:
    return st.z.Not(st.s2.effective)


@prop("redemption_deadline_by_final_expiration", "The redemption deadline is never after the Final Expiration "
      "Date's Close of Business.", sections=("Section 23(a)", "Section 1(f)"))
def _(st: Step) -> Any:
    return st.deadline(st.s2) <= FINAL


@prop("redemption_window_five_days", "Without a Board extension, the redemption window closes within five "
      "Business Days of the Shares Acquisition Date.",
      sections=("Section 23(a)", "Section 1(hh)"), when=lambda st: st.z.And(st.sad(st.s2)[0], st.z.Not(st.s2.has_redemption_board_date)))
def _(st: Step) -> Any:
    return st.deadline(st.s2) <= st.sad(st.s2)[1] + 5


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


@prop("nothing_exercisable_after_redemption_or_exchange", "After a redemption or a full exchange no Right can "
      "be exercised.", sections=("Section 23(b)", "Section 24(b)", "Section 7(a)"),
      when=lambda st: st.z.Or(st.s2.redeemed, st.s2.exchanged_all))
def _(st: Step) -> Any:
    return st.every(lambda i: st.z.Not(st.exercisable(i)))


@prop("expiration_is_final", "Once the Rights have expired they stay expired, and they expire after the Final "
      "Expiration Date's Close of Business.", sections=("Section 1(q)", "Section 1(f)"),
      when=lambda st: st.z.Or(st.s.expired, st.e.day > FINAL))
def _(st: Step) -> Any:
    return st.s2.expired


@prop("no_board_action_after_expiration", "After the Expiration Date no redemption or exchange takes effect.",
      sections=("Section 1(q)", "Section 23(a)", "Section 24(a)"),
      when=lambda st: st.z.And(st.s.expired, st.z.Or(st.kind["redeem"], st.kind["exchange"])))
def _(st: Step) -> Any:
    return st.z.Not(st.s2.effective)


# --- Section 7(e): void Rights ------------------------------------------------------------

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


# --- Beliefs a reader of the Summary of Rights (Exhibit C) might hold ---------------------

@prop("belief_distribution_follows_acquisition", "Ten Business Days after a Person becomes an Acquiring "
      "Person there is a Distribution Date.", sections=("Exhibit C", "Section 1(l)", "Section 1(hh)"),
      expect="COUNTEREXAMPLE", belief="Rights will separate ... following (a) the tenth business day ... after a "
      "person or group acquires beneficial ownership of 15% or more",
      when=lambda st: st.z.And(st.live, st.some(lambda i: st.z.And(st.s2.acquiring[i], st.e.day > st.s2.acquiring_since[i] + 10))))
def _(st: Step) -> Any:
    return st.dd(st.s2)[0]


@prop("belief_every_15_percent_holder_acquiring", "Any holder of 15% or more (other than the Company and its "
      "plans) is an Acquiring Person.", sections=("Exhibit C", "Section 1(a)"), expect="COUNTEREXAMPLE",
      belief="If an acquiror (an \"ACQUIRING PERSON\") obtains 15% or more of the Company's Common Stock",
      when=lambda st: st.z.And(st.live, st.some(lambda i: st.z.And(st.z.Not(st.exempt(i)), st.at(st.s2, i, 15)))))
def _(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: z.Implies(z.And(z.Not(st.exempt(i)), st.at(st.s2, i, 15)), st.s2.acquiring[i]))


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


def _announced_15(st: Step) -> Any:
    z = st.z
    return z.And(st.kind["announce"], st.live, st.some(lambda i: z.And(st.is_p(i), z.Not(st.exempt(i)),
                                                                       st.at(st.s2, i, 15))))


@prop("belief_redeemable_until_fifth_day_after_15_percent_announcement", "Once it is announced that a Person "
      "holds 15% or more, the Rights are redeemable only until the fifth day after.",
      sections=("Exhibit C", "Section 23(a)", "Section 1(hh)"), expect="COUNTEREXAMPLE",
      belief="redeemable ... on or prior to the fifth day ... after public announcement ... that a Person has "
      "acquired beneficial ownership of 15% or more", when=lambda st: st.z.And(_announced_15(st), st.z.Not(st.s2.has_redemption_board_date)))
def _(st: Step) -> Any:
    return st.deadline(st.s2) <= fifth_day(st.z, st.e.day)


@prop("belief_rights_expire_october_23_2010", "No redemption takes effect after October 23, 2010.",
      sections=("Exhibit C", "Section 1(q)", "Section 23(a)", "Section 1(f)"), expect="COUNTEREXAMPLE",
      belief="The Rights expire on the earliest of (a) October 23, 2010",
      when=lambda st: st.z.And(st.kind["redeem"], st.s2.effective))
def _(st: Step) -> Any:
    return st.e.day < FINAL  # the last Business Day on or before Saturday, October 23, 2010 is FINAL - 1


def _tender_15(st: Step) -> Any:
    z = st.z
    return z.And(st.kind["tender_offer"], st.live, z.Not(st.s2.distribution_extended),
                 st.some(lambda i: z.And(st.is_p(i), z.Not(st.exempt(i)), st.at(st.s2, i, 15, st.e.amount))))


@prop("belief_tender_offer_for_15_percent_starts_clock", "A tender offer that would give its maker 15% or more "
      "fixes a Distribution Date within ten Business Days.", sections=("Exhibit C", "Section 1(l)"),
      expect="COUNTEREXAMPLE", belief="the tenth business day ... after a person or group announces a tender or "
      "exchange offer, the consummation of which would result in ownership ... of 15% or more", when=_tender_15)
def _(st: Step) -> Any:
    has, when = st.dd(st.s2)
    return st.z.And(has, when <= st.e.day + 10)


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


@prop("belief_triggering_event_is_permanent", "Once a Triggering Event has occurred it can never be undone.",
      sections=("Section 1(oo)", "Section 1(a)"), expect="COUNTEREXAMPLE",
      belief="If an acquiror ... obtains 15% ... each Right ... will entitle the holder",
      when=lambda st: st.z.And(st.live, st.te(st.s)[0]))
def _(st: Step) -> Any:
    return st.te(st.s2)[0]


@prop("belief_distribution_date_cannot_be_withdrawn", "A scheduled Distribution Date cannot be withdrawn.",
      sections=("Section 1(l)", "Section 1(hh)", "Section 1(a)"), expect="COUNTEREXAMPLE",
      belief="Rights will separate from the Common Stock and become exercisable following ... the tenth business day",
      when=lambda st: st.z.And(st.live, st.dd(st.s)[0]))
def _(st: Step) -> Any:
    return st.dd(st.s2)[0]


# The key properties stated over definitions of their own (proofs/independent.py) join the catalogue.
from . import independent  # noqa: E402,F401
