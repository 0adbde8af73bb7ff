"""Dates and Board actions in the model: Sections 1(hh), 1(l), 1(oo), 1(q), 23 and 24.

The dates a state implies (``te``, ``sad``, ``distribution``, ``deadline``) are in
``dates``; ``dates`` and ``actions`` here add one step's named constraints to a ``Step``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rightsplan.spec.vocabulary import Role

from .dates import deadline, distribution, fifth_day, sad, te
from .model import Named, named, opt_min, role_is

if TYPE_CHECKING:
    from .step import Step


def dates(st: "Step") -> list[Named]:
    """Announcements, tender offers and Distribution-Date extensions (Sections 1(hh), 1(l))."""
    z, s, e, s2, k = st.z, st.s, st.e, st.s2, st.kind
    out: list[Named] = []
    announce_ok = z.BoolVal(False)
    for i in range(st.n):
        told = z.And(st.live, k["announce"], st.is_p(i), s2.acquiring[i])
        announce_ok = z.Or(announce_ok, told)
        ann = z.And(z.Not(st.cured[i]), z.Or(s.announced[i], told))
        out += [named("Section 1(hh)", f"announced{i}", s2.announced[i] == ann),
                named("Section 1(hh)", f"announced_at{i}", s2.announced_on[i] == z.If(z.And(told, z.Not(s.announced[i])), e.day, s.announced_on[i]))]
    st.announce_ok = announce_ok
    had, t1 = sad(z, s, st.n)
    has, t2 = sad(z, s2, st.n)
    ten = st.days.distribution  # "the Close of Business on the tenth Business Day" (Section 1(l))
    ddS = z.If(z.And(had, t1 == t2), s.distribution_by_announcement, t2 + ten)
    st.tender_ok = z.And(st.live, k["tender_offer"], z.Or(*[z.And(st.is_p(i), would_be(st, i)) for i in range(st.n)]))
    hasT = z.Or(s.has_tender_clause, st.tender_ok)
    soon = e.day + ten
    ddT = z.If(st.tender_ok, z.If(z.And(s.has_tender_clause, s.distribution_by_tender_offer < soon), s.distribution_by_tender_offer, soon), s.distribution_by_tender_offer)
    sched, when = opt_min(z, [(has, ddS), (hasT, ddT)])
    st.extend_dd_ok = z.And(st.live, k["extend_distribution"], sched, e.day <= when, e.until > when)
    move = st.extend_dd_ok
    out += [named("Section 1(l)", "clause_i", z.And(s2.has_announcement_clause == has, s2.distribution_by_announcement == z.If(z.And(move, ddS < e.until), e.until, ddS))),
            named("Section 1(l)", "clause_ii", z.And(s2.has_tender_clause == hasT, s2.distribution_by_tender_offer == z.If(z.And(move, ddT < e.until), e.until, ddT))),
            named("Section 1(l)", "extended", s2.distribution_extended == z.Or(s.distribution_extended, move)),
            named("Section 23(a)", "fifth_day", s2.redemption_fifth_day == fifth_day(z, st.cfg, t2))]
    return out


def would_be(st: "Step", i: int) -> Any:
    """Whether i 'would be an Acquiring Person' if it bought the offered shares (Section 1(l)(ii))."""
    z, s2, n = st.z, st.s2, st.e.amount
    mark = st.lines.deeming if st.cfg.reading("repurchase_deeming_threshold") == "literal_15" else st.threshold(i)
    deemed = z.And(s2.buyback_marked[i], st.at(s2, i, mark, n)) if st.cfg.has("repurchase_deeming") else z.BoolVal(False)
    return z.And(st.eligible(i), z.Or(s2.acquiring[i], st.at(s2, i, st.threshold(i), n), deemed))


def actions(st: "Step") -> list[Named]:
    """Redemption, exchange, the 50% bar and expiration (Sections 1(q), 23(a), 24)."""
    z, s, e, s2, k = st.z, st.s, st.e, st.s2, st.kind
    late_ok = st.cfg.reading("late_redemption_extension") == "effective"
    rd_now = deadline(z, st.cfg, s2, st.n)
    before = deadline(z, st.cfg, s2, st.n, (s.has_redemption_board_date, s.redemption_board_date))
    proposed = z.If(z.And(s.has_redemption_board_date, s.redemption_board_date > e.until), s.redemption_board_date, e.until)
    later = z.Or(z.Not(sad(z, s2, st.n)[0]), deadline(z, st.cfg, s2, st.n, (z.BoolVal(True), proposed)) > before)
    extend_ok = z.And(st.live, k["extend_redemption"], z.Or(z.BoolVal(late_ok), e.day <= before), later)
    redeem_ok = z.And(k["redeem"], z.Not(s.expired), e.day <= rd_now)
    bar_now = z.Or(*[z.And(z.Not(exempt_24(st, i)), st.at(s2, i, st.lines.bar)) for i in range(st.n)])
    barred = z.Or(s.exchange_barred, bar_now)
    has_te, _ = te(z, s2, st.n)
    common = z.And(z.Not(e.variant), has_te, z.Not(barred))
    if st.cfg.reading("exchange_requires_exercisable") == "yes":
        has_dd, dd = distribution(z, s2)
        common = z.And(common, has_dd, e.day > dd)
    rights = z.And(e.variant, z.Not(has_te))
    exchange_ok = z.And(st.live, k["exchange"], z.Or(common, rights))
    partial_ends = st.cfg.reading("partial_exchange_expires") == "yes"
    ends = z.Or(s.expired, e.day > st.final, redeem_ok, z.And(exchange_ok, z.Or(e.all_rights, z.BoolVal(partial_ends))))
    ok = [("Section 1(hh)", "announce", st.announce_ok), ("Section 1(a)", "inadvertence", st.inadv_eff),
          ("Section 1(l)", "extend_distribution", st.extend_dd_ok), ("Section 23(a)", "extend_redemption", extend_ok),
          ("Section 23(a)", "redeem", redeem_ok), ("Section 24(a)", "exchange", exchange_ok)]
    ok.append(("Section 1(l)", "tender_offer", st.live))
    has_dd, dd_at = distribution(z, s2)
    ok += [("Section 13(a)", "merger", st.live),
           ("Section 7(a)", "exercise", z.And(st.live, has_dd, e.day > dd_at))]
    board = z.Or(*[k[kind] for _, kind, _ in ok])
    effective = [named(sec, f"effective_{kind}", z.Implies(k[kind], s2.effective == cond)) for sec, kind, cond in ok]
    effective.append(named("Section 1(d)", "effective_other", z.Implies(z.Not(board), s2.effective)))
    return [
        named("Section 23(a)", "board_deadline", z.And(s2.has_redemption_board_date == z.Or(s.has_redemption_board_date, extend_ok), s2.redemption_board_date == z.If(
            extend_ok, z.If(z.And(s.has_redemption_board_date, s.redemption_board_date > e.until), s.redemption_board_date, e.until), s.redemption_board_date))),
        named("Section 23(a)", "redeemed", s2.redeemed == z.Or(s.redeemed, redeem_ok)),
        named("Section 24(a)", "exchange_bar", z.And(s2.exchange_barred == barred, s2.barred_since == z.If(s.exchange_barred, s.barred_since, e.day))),
        named("Section 24(a)", "exchanged", z.And(s2.exchanged_all == z.Or(s.exchanged_all, z.And(exchange_ok, e.all_rights)),
                                                  s2.exchanged_part == z.Or(s.exchanged_part, z.And(exchange_ok, z.Not(e.all_rights))))),
        named("Section 1(q)", "expired", s2.expired == ends),
        *effective,
    ]


def exempt_24(st: "Step", i: int) -> Any:
    """Section 24(a) excepts only the Company, its Subsidiaries and its plans (not the plan's named holders)."""
    return role_is(st.z, st.roles[i], Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN)
