"""The Shares Acquisition Date (Section 1(hh)) and the Distribution Date (Section 1(l)).

"'SHARES ACQUISITION DATE' shall mean the first date of public announcement ... by the Company or
an Acquiring Person that an Acquiring Person has become such; provided that, if such Person is
determined not to have become an Acquiring Person pursuant to Section 1(a) hereof, then no Shares
Acquisition Date shall be deemed to have occurred" (Section 1(hh)).  "'DISTRIBUTION DATE' shall
mean the earlier of (i) the Close of Business on the tenth Business Day (or such later date as may
be determined by action of the Company's Board of Directors) after the Shares Acquisition Date ...
or (ii) the Close of Business on the tenth Business Day (or such later date ...) after the date
that a tender or exchange offer by any Person ... is first published ..., if, assuming the
successful consummation thereof, such Person would be an Acquiring Person" (Section 1(l)).
"""

from __future__ import annotations

from typing import Any

from rightsplan.solver.step import Step
from rightsplan.solver.temporal import lemma, once

from ..registry import prop


@prop("shares_acquisition_date_needs_acquiring_person", "There is a Shares Acquisition Date only while there "
      "is an Acquiring Person, and never before the Triggering Event.",
      sections=("Section 1(hh)", "Section 1(oo)"), when=lambda st: st.sad(st.s2)[0])
def _(st: Step) -> Any:
    z = st.z
    (_has, t), (te, when) = st.sad(st.s2), st.te(st.s2)
    return z.And(te, when <= t)


def board_extended_distribution_date(st: Step) -> Any:
    """A Board action setting a later Distribution Date takes effect at this step.

    "(or such later date as may be determined by action of the Company's Board of Directors)"
    (Section 1(l)).
    """
    return st.z.And(st.kind["extend_distribution"], st.s2.effective)


EXTENDED = once(board_extended_distribution_date, section="Section 1(l)")
lemma("extension_flag_follows_board", ("Section 1(l)",),
      lambda z, cfg, roles, s: z.Implies(s.distribution_extended, EXTENDED.at(s)))


def _sad_unextended(st: Step) -> Any:
    return st.z.And(st.sad(st.s2)[0], st.z.Not(EXTENDED(st)))


@prop("distribution_within_{distribution_days_n}_days_of_sad", "Unless the Board extends it, the Distribution Date "
      "is no later than the {distribution_day} Business Day after the Shares Acquisition Date.",
      sections=("Section 1(l)", "Section 1(hh)"), when=_sad_unextended)
def _(st: Step) -> Any:
    (has, when), (_, sad) = st.dd(st.s2), st.sad(st.s2)
    return st.z.And(has, when <= sad + st.days.distribution)


def _first_tender(st: Step) -> Any:
    z = st.z
    return z.And(st.kind["tender_offer"], st.s2.has_tender_clause, z.Not(st.s.has_tender_clause), z.Not(EXTENDED(st)))


@prop("distribution_within_{distribution_days_n}_days_of_tender_offer", "Unless the Board extends it, a tender "
      "offer that would make its maker an Acquiring Person fixes a Distribution Date no later than "
      "{distribution_days} Business Days on.",
      sections=("Section 1(l)",), when=_first_tender)
def _(st: Step) -> Any:
    has, when = st.dd(st.s2)
    return st.z.And(has, when <= st.e.day + st.days.distribution)


@prop("distribution_date_never_earlier", "Once a Distribution Date is scheduled, no later event (cures aside) "
      "moves it earlier than its 1(l) clauses allow or removes it.",
      sections=("Section 1(l)",), when=lambda st: st.z.And(st.dd(st.s)[0], st.z.Not(st.some(lambda i: st.s2.cured[i]))))
def _(st: Step) -> Any:
    z = st.z
    (_had, t1), (has, t2) = st.dd(st.s), st.dd(st.s2)
    return z.And(has, z.Or(t2 >= t1, st.e.day + st.days.distribution >= t2))
