"""Key properties stated in their own words: definitions written here, not borrowed from the model.

A property that calls the model's helpers (its ownership test, its fifth-day function, its
deadline) moves with the model when the model is wrong, and proves nothing about the mistake.
The properties below read only the model's *state fields* (holdings, options, units, roles,
statuses and recorded dates) and the plan's terms, and define everything else here:
ownership as a fraction with its own denominator (Section 1(d) and Rule 13d-3(d)(1)(i)), the
thresholds, "additional" shares, the Shares Acquisition Date, and the redemption deadline by
calendar arithmetic on real dates (Sections 23(a) and 1(f)).  The clocks get exact
properties (the deadline *is* the rolled fifth day unless extended or capped), not only bounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from typing import Any

from rightsplan.solver.dates import any_clock
from rightsplan.solver.cached import term_at
from rightsplan.solver.system import Step
from rightsplan.spec.errors import InternalError
from rightsplan.spec.vocabulary import Role

from .registry import prop


def term(st: Step, name: str) -> Any:
    """A figure of the plan under check, read from its terms file (spec/terms.py), not from the model's lines.

    ``acquiring_person_threshold`` (Section 1(a) "15% or more"), ``repurchase_deeming_threshold``,
    ``exchange_bar_threshold`` (Section 24(a) "50% or more"), ``distribution_business_days``
    (Section 1(l) "the tenth Business Day"), ``redemption_days`` (Section 23(a) "the fifth day").
    """
    return st.cfg.model_plan.terms.value(name)


def holder_lines(st: Step) -> tuple[Fraction | None, Fraction | None]:
    """The own-threshold holder's threshold ("Walden ... 20% or more") and ratchet line ("less than 15%")."""
    own = st.cfg.model_plan.terms.own_threshold_holders()
    if not own:
        return None, None
    return own[0].threshold.value, own[0].ratchet.value if own[0].ratchet is not None else None


# --- Ownership, written again (Section 1(d)) -------------------------------------------------

def together(st: Step, state: Any, i: int, j: int) -> Any:
    """i and j are Affiliates/Associates or a group: one Beneficial Owner (Section 1(d)(i), (iii))."""
    return st.z.BoolVal(True) if i == j else state.grouped[(min(i, j), max(i, j))]


def beneficially_owned(st: Step, state: Any, i: int) -> Any:
    """Shares held, plus those the unit "has the right to acquire" (Section 1(d)(ii)(A))."""
    z = st.z
    return z.Sum([z.If(together(st, state, i, j), state.held[j] + state.options[j], 0) for j in range(st.n)])


def outstanding_for(st: Step, state: Any, i: int) -> Any:
    """The Common Shares "then outstanding" for i: its own options count as outstanding (Rule 13d-3(d)(1)(i))."""
    z = st.z
    return state.outstanding + z.Sum([z.If(together(st, state, i, j), state.options[j], 0) for j in range(st.n)])


def holds_at_least(st: Step, state: Any, i: int, share: Fraction) -> Any:
    """"``share`` or more of the Common Shares then outstanding", as an exact cross-multiplication."""
    return beneficially_owned(st, state, i) * share.denominator >= share.numerator * outstanding_for(st, state, i)


def in_own_threshold_holder(st: Step, state: Any, i: int) -> Any:
    """The own-threshold holder and its Affiliates and Associates (Section 1(a): "together with all of their
    Affiliates and Associates (collectively, 'Walden')")."""
    z = st.z
    return z.Or(*[z.And(st.roles[j] == _role(Role.OWN_THRESHOLD), together(st, state, i, j)) for j in range(st.n)])


def _role(role: Role) -> int:
    return list(Role).index(role)


def exempt(st: Step, i: int) -> Any:
    """The Company, a Subsidiary, an employee benefit plan (Section 1(a); and the only ones Section 24(a) excepts)."""
    z = st.z
    return z.Or(*[st.roles[i] == _role(r) for r in (Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN)])


def can_be_acquiring(st: Step, i: int) -> Any:
    """Section 1(a): "any Person, other than H&Q ..." and not the Company, a Subsidiary or a plan."""
    z = st.z
    return z.And(z.Not(exempt(st, i)), st.roles[i] != _role(Role.NAMED_EXEMPT))


def at_own_threshold(st: Step, state: Any, i: int) -> Any:
    """At or above i's threshold (Section 1(a)): 15%; Walden's 20% until it "subsequently becomes the
    Beneficial Owner of less than 15%", and from then on the aggregate 15% of the ratchet.

    One comparison per case, each linear: the threshold is a constant inside its branch.
    """
    z = st.z
    ordinary = holds_at_least(st, state, i, term(st, "acquiring_person_threshold"))
    own, ratchet = holder_lines(st)
    if own is None:
        return ordinary
    mine = holds_at_least(st, state, i, own)
    if ratchet is not None:
        mine = z.If(state.ratcheted, holds_at_least(st, state, i, ratchet), mine)
    return z.If(in_own_threshold_holder(st, state, i), mine, ordinary)


def acquires_additional(st: Step, i: int) -> Any:
    """The event makes i's unit the Beneficial Owner of additional Common Shares (never a split)."""
    z, e, k = st.z, st.e, st.kind
    into = z.Or(*[z.And(e.person == j, together(st, st.s2, i, j)) for j in range(st.n)])
    bought = z.Or(k["acquire"], k["option"], z.And(k["issue"], e.variant))
    joined = z.And(k["join_group"], beneficially_owned(st, st.s2, i) > beneficially_owned(st, st.s, i))
    return z.Or(z.And(bought, into), joined)


# --- Dates, written again (Sections 1(hh), 1(f), 23(a)) ----------------------------------------

def first_announcement(st: Step, state: Any) -> tuple[Any, Any]:
    """(exists, index): the earliest recorded public announcement of a current Acquiring Person (1(hh))."""
    z = st.z
    has, when = z.BoolVal(False), z.IntVal(0)
    for i in range(st.n):
        counts = z.And(state.announced[i], state.acquiring[i])
        when = z.If(z.And(counts, z.Or(z.Not(has), state.announced_on[i] < when)), state.announced_on[i], when)
        has = z.Or(has, counts)
    return has, when


@dataclass(frozen=True)
class RolledDays:
    """"The fifth day following" each Business Day, rolled by Section 1(f), as a table read off real dates.

    Built from the reference calendar (spec/calendar.py) of the Config's calendar readings and the
    plan's jurisdictions, never from the model's clock (solver/calendar_model.py): index t is the
    t-th Business Day after the plan's anchor, and its entry is the index of the Close of Business
    on the date ``days`` calendar days later (``BusinessCalendar.close_of_business``: "if such day is
    not a Business Day, then on the next succeeding Business Day").  Stated to the solver as the
    weekday's entry in a week without closings -- index t's weekday being t plus the weekdays before
    it that are not Business Days, mod 5, counted on the dates -- less a correction over each run of
    indices whose rolled day a closing brings nearer.
    """

    normal: tuple[int, ...]  # Business Days from each weekday, Monday first, to its rolled day in an open week
    phases: tuple[tuple[int, int], ...]  # (first index, weekdays before it that are not Business Days)
    corrections: tuple[tuple[int, int, int], ...]  # (first index, last index, Business Days less than normal)
    final: int  # the index of the Close of Business on the Final Expiration Date: the table's last exact entry


@lru_cache(maxsize=None)
def rolled_days(plan: str, readings: tuple[tuple[str, str], ...], anchor: date, days: int) -> RolledDays:
    """The table of a plan's calendar under the given readings, from ``anchor`` (index 0)."""
    from rightsplan.spec.calendar import CALENDAR_READINGS, BusinessCalendar
    from rightsplan.spec.terms import load_plan

    terms = load_plan(plan)
    cal = BusinessCalendar({k: v for k, v in readings if k in CALENDAR_READINGS}, terms.business_day_states)
    final_day = cal.close_of_business(terms.final_expiration_date)
    dates, d = [], anchor
    while not dates or dates[-1] < cal.close_of_business(final_day + timedelta(days=days)):
        if cal.is_business_day(d):
            dates.append(d)
        d += timedelta(days=1)
    index = {day: i for i, day in enumerate(dates)}
    final = index[final_day]
    normal = tuple(_open_week_offset(anchor + timedelta(days=w), days) for w in range(5))
    phases: list[tuple[int, int]] = []
    corrections: list[tuple[int, int, int]] = []
    closed = 0
    for t in range(final + 1):
        if t:
            closed += sum(1 for k in range(1, (dates[t] - dates[t - 1]).days) if (dates[t - 1] + timedelta(days=k)).weekday() < 5)
        if not phases or phases[-1][1] != closed:
            phases.append((t, closed))
        if (t + closed) % 5 != dates[t].weekday():
            raise InternalError(f"index {t} ({dates[t]}): {closed} closed weekdays before it do not give its weekday")
        less = normal[dates[t].weekday()] - (index[cal.close_of_business(dates[t] + timedelta(days=days))] - t)
        if less and corrections and corrections[-1][1] == t - 1 and corrections[-1][2] == less:
            corrections[-1] = (corrections[-1][0], t, less)
        elif less:
            corrections.append((t, t, less))
    return RolledDays(normal, tuple(phases), tuple(corrections), final)


def _open_week_offset(start: date, days: int) -> int:
    """Business Days from ``start`` to the day ``days`` calendar days later, rolled past a weekend only."""
    end = start + timedelta(days=days)
    while end.weekday() >= 5:
        end += timedelta(days=1)
    return sum(1 for k in range(1, (end - start).days + 1) if (start + timedelta(days=k)).weekday() < 5)


def days_after(st: Step, t: Any, days: int) -> Any:
    """The index of the Close of Business ``days`` calendar days after Business Day t (Sections 23(a), 1(f)).

    Exact up to the Final Expiration Date's index; a day after it is that index plus one (every
    deadline is "the earlier of" it and the Final Expiration Date).
    """
    z = st.z
    if st.cfg.clock == "any" and days == term(st, "redemption_days"):
        return any_clock(z, t)  # proofs/verify.py re-checks so only where clock_agrees holds
    table = rolled_days(str(st.cfg.plan), st.cfg.readings, st.cfg.time.anchor, days)
    return term_at(z, table, lambda x: _table_term(z, table, x), t)


def _table_term(z: Any, table: RolledDays, t: Any) -> Any:
    steps = [(start, count - before) for (start, count), (_, before) in zip(table.phases[1:], table.phases)]
    closed = z.Sum([z.If(t >= start, k, 0) for start, k in steps]) if steps else z.IntVal(0)
    weekday = (t + closed) % 5
    offset = z.IntVal(table.normal[4])
    for w in (3, 2, 1, 0):
        offset = z.If(weekday == w, table.normal[w], offset)
    less = z.IntVal(0)
    for first, last, k in reversed(table.corrections):
        less = z.If(z.And(t >= first, t <= last), k, less)
    raw = t + offset - less
    return z.If(raw <= table.final, raw, table.final + 1)  # after the Final Expiration Date: one index for all


def rolled_fifth_day(st: Step, t: Any) -> Any:
    """Section 23(a)'s "fifth day following" Business Day t, rolled by Section 1(f) (the plan's count of days)."""
    return days_after(st, t, term(st, "redemption_days"))


def redemption_deadline(st: Step, state: Any) -> Any:
    """Section 23(a): "the earlier of (i) the fifth day following the Shares Acquisition Date (or such later
    date as may be determined by action of the Company's Board ...) and (ii) the Final Expiration Date"."""
    z = st.z
    has, sad = first_announcement(st, state)
    fifth = rolled_fifth_day(st, sad)
    chosen = z.If(z.And(state.has_redemption_board_date, state.redemption_board_date > fifth), state.redemption_board_date, fifth)
    final = st.final
    return z.If(has, z.If(chosen < final, chosen, final), final)


# --- The properties ------------------------------------------------------------------------

def _someone(st: Step, f: Any) -> Any:
    return st.z.Or(*[f(i) for i in range(st.n)])


def _everyone(st: Step, f: Any) -> Any:
    return st.z.And(*[f(i) for i in range(st.n)])


def _bar_reached(st: Step, state: Any) -> Any:
    return _someone(st, lambda i: st.z.And(st.z.Not(exempt(st, i)), holds_at_least(st, state, i, term(st, "exchange_bar_threshold"))))


@prop("own_words_{bar_word}_percent_bar_exact", "The exchange bar is in force exactly when some Person other "
      "than the Company, a Subsidiary or a plan has, at any time so far, held {bar} or more (options counted in its "
      "own denominator).", sections=("Section 24(a)", "Section 1(d)"),
      when=lambda st: st.z.And(st.z.Not(st.s.exchange_barred), _bar_reached(st, st.s2)))
def _(st: Step) -> Any:
    return st.s2.exchange_barred == st.z.Or(st.s.exchange_barred, _bar_reached(st, st.s2))


@prop("own_words_redemption_deadline_exact", "The redemption deadline is the Close of Business on the "
      "{redemption_day} calendar day after the Shares Acquisition Date, rolled to the next Business Day, unless the Board set a "
      "later date, and never after the Final Expiration Date; with no Shares Acquisition Date it is the Final "
      "Expiration Date.", sections=("Section 23(a)", "Section 1(f)", "Section 1(hh)"),
      when=lambda st: first_announcement(st, st.s2)[0])
def _(st: Step) -> Any:
    return st.deadline(st.s2) == redemption_deadline(st, st.s2)


@prop("own_words_redemption_effective_exactly_in_window", "A redemption ordered while the Rights are outstanding "
      "takes effect exactly when it is ordered no later than the redemption deadline.",
      sections=("Section 23(a)", "Section 1(q)"),
      when=lambda st: st.z.And(st.kind["redeem"], st.z.Not(st.s.expired)))
def _(st: Step) -> Any:
    z = st.z
    return z.Implies(z.And(st.kind["redeem"], z.Not(st.s.expired)),
                     st.s2.redeemed == z.Or(st.s.redeemed, st.e.day <= redemption_deadline(st, st.s2)))


@prop("own_words_distribution_date_at_first_announcement", "When the first public announcement of an "
      "Acquiring Person is made and the Board has extended nothing, the Distribution Date becomes the earlier of "
      "the {distribution_day} Business Day after it and any tender-offer date already scheduled.",
      sections=("Section 1(l)", "Section 1(hh)"),
      when=lambda st: st.z.And(st.z.Not(first_announcement(st, st.s)[0]), first_announcement(st, st.s2)[0],
                               st.z.Not(st.s2.distribution_extended)))
def _(st: Step) -> Any:
    z = st.z
    premise = z.And(z.Not(first_announcement(st, st.s)[0]), first_announcement(st, st.s2)[0], z.Not(st.s2.distribution_extended),
                    z.Not(st.kind["tender_offer"]))
    ten = st.e.day + term(st, "distribution_business_days")
    expected = z.If(z.And(st.s.has_tender_clause, st.s.distribution_by_tender_offer < ten), st.s.distribution_by_tender_offer, ten)
    has, when = st.dd(st.s2)
    return z.Implies(premise, z.And(has, when == expected))


@prop("own_words_repurchase_carve_out", "A Company buyback (from the market or another holder) never makes a "
      "Person that was below its threshold an Acquiring Person.", sections=("Section 1(a)",),
      when=lambda st: st.z.And(st.kind["repurchase"], _someone(st, lambda i: st.z.And(
          can_be_acquiring(st, i), st.z.Not(at_own_threshold(st, st.s, i)), at_own_threshold(st, st.s2, i)))))
def _(st: Step) -> Any:
    z = st.z
    sold_by = lambda i: z.And(st.e.variant, z.Or(*[z.And(st.e.person == j, together(st, st.s, i, j)) for j in range(st.n)]))  # noqa: E731
    return _everyone(st, lambda i: z.Implies(
        z.And(st.kind["repurchase"], z.Not(sold_by(i)), z.Not(st.s.acquiring[i]), z.Not(st.s.buyback_marked[i]),
              z.Not(at_own_threshold(st, st.s, i))),
        z.Not(st.s2.acquiring[i])))


@prop("own_words_deeming_proviso", "A Person lifted to {deeming} or more by a buyback that then acquires "
      "additional shares while at {deeming} or more becomes an Acquiring Person (the literal reading: the proviso's "
      "own line).",
      sections=("Section 1(a)",),
      when=lambda st: _someone(st, lambda i: st.z.And(can_be_acquiring(st, i), st.s.buyback_marked[i], acquires_additional(st, i),
                                                       holds_at_least(st, st.s2, i, term(st, "repurchase_deeming_threshold")), st.live)))
def _(st: Step) -> Any:
    z = st.z
    return _everyone(st, lambda i: z.Implies(
        z.And(can_be_acquiring(st, i), st.s.buyback_marked[i], acquires_additional(st, i), holds_at_least(st, st.s2, i, term(st, "repurchase_deeming_threshold")),
              st.live, z.Not(st.s.grandfathered[i])),
        z.Or(st.s2.acquiring[i], st.s2.cured[i])))


@prop("own_words_cure_in_time", "A Person under an inadvertence finding that has, by its deadline, divested "
      "below its threshold (owning fewer shares than when it crossed) is not an Acquiring Person.",
      sections=("Section 1(a)(i)",),
      when=lambda st: _someone(st, lambda i: st.z.And(st.s.divestiture_pending[i], st.e.day <= st.s.divestiture_deadline[i],
                                                       st.z.Not(at_own_threshold(st, st.s2, i)),
                                                       beneficially_owned(st, st.s2, i) < st.s2.owned_at_crossing[i])))
def _(st: Step) -> Any:
    z = st.z
    return _everyone(st, lambda i: z.Implies(
        z.And(st.s.divestiture_pending[i], st.e.day <= st.s.divestiture_deadline[i], z.Not(at_own_threshold(st, st.s2, i)),
              beneficially_owned(st, st.s2, i) < st.s2.owned_at_crossing[i]),
        z.Not(st.s2.acquiring[i])))


@prop("own_words_grandfathered_without_additional_shares", "A holder grandfathered {grandfather_when} does not "
      "become an Acquiring Person at an event that gives it no additional Common Shares.",
      sections=("Section 1(a)(ii)",), needs=("grandfathering",),
      when=lambda st: _someone(st, lambda i: st.z.And(st.s.grandfathered[i], st.z.Not(acquires_additional(st, i)))))
def _(st: Step) -> Any:
    z = st.z
    return _everyone(st, lambda i: z.Implies(z.And(st.s.grandfathered[i], z.Not(st.s.acquiring[i]), z.Not(acquires_additional(st, i))),
                                             z.Not(st.s2.acquiring[i])))


@prop("own_words_void_rights_exact", "A Person's Rights are void exactly when it is, or is an Affiliate or "
      "Associate of, a current Acquiring Person.", sections=("Section 7(e)",),
      when=lambda st: _someone(st, lambda j: st.s2.acquiring[j]))
def _(st: Step) -> Any:
    z = st.z
    return _everyone(st, lambda i: z.Or(*[st.s2.void_because[(i, j)] for j in range(st.n)]) == _someone(
        st, lambda j: z.And(st.s2.acquiring[j], together(st, st.s2, i, j))))


@prop("own_words_threshold_crossing_makes_acquiring", "An eligible Person with no protection (not grandfathered, "
      "not lifted by a buyback) that acquires shares up to its threshold becomes an Acquiring Person.",
      sections=("Section 1(a)",),
      when=lambda st: _someone(st, lambda i: st.z.And(st.live, can_be_acquiring(st, i), st.kind["acquire"],
                                                       st.e.person == i, at_own_threshold(st, st.s2, i))))
def _(st: Step) -> Any:
    z = st.z
    return _everyone(st, lambda i: z.Implies(
        z.And(st.live, can_be_acquiring(st, i), st.kind["acquire"], st.e.person == i, at_own_threshold(st, st.s2, i),
              z.Not(st.s.grandfathered[i])),
        z.Or(st.s2.acquiring[i], st.s2.cured[i])))


@prop("own_words_below_threshold_not_acquiring", "A Person below its threshold (and not lifted to {deeming} by "
      "a buyback) never becomes an Acquiring Person.", sections=("Section 1(a)",),
      when=lambda st: _someone(st, lambda i: st.z.And(can_be_acquiring(st, i), st.z.Not(st.s.acquiring[i]),
                                                       st.z.Not(at_own_threshold(st, st.s2, i)))))
def _(st: Step) -> Any:
    z = st.z
    return _everyone(st, lambda i: z.Implies(
        z.And(z.Not(st.s.acquiring[i]), z.Not(st.s.buyback_marked[i]), z.Not(at_own_threshold(st, st.s2, i))), z.Not(st.s2.acquiring[i])))


@prop("own_words_expiration", "After the Final Expiration Date's Close of Business, or once redeemed or fully "
      "exchanged, the Rights are expired and stay so; no redemption or exchange then takes effect.",
      sections=("Section 1(q)", "Section 23(a)", "Section 24(a)"),
      when=lambda st: st.z.Or(st.s.expired, st.e.day > st.final))
def _(st: Step) -> Any:
    z = st.z
    gone = z.Or(st.s.expired, st.e.day > st.final)
    board = z.Or(st.kind["redeem"], st.kind["exchange"], st.kind["extend_redemption"], st.kind["extend_distribution"])
    return z.Implies(gone, z.And(st.s2.expired, z.Implies(board, z.Not(st.s2.effective)),
                                 st.s2.redeemed == st.s.redeemed, st.s2.exchanged_all == st.s.exchanged_all))


def clock_agrees(cfg: Any) -> bool:
    """cvc5 confirms the model's Section 23(a) clock is this module's table: one function of every integer index.

    Asked of Z3 and of cvc5; with it, a proof may treat the fifth day as an uninterpreted function
    shared by the model and the properties (``Config.clock`` "any"): what holds for every clock holds
    for this one.
    """
    import z3

    from rightsplan.solver.dates import fifth_day
    from rightsplan.solver.engines import cvc5_api, new_solver
    from rightsplan.solver.model import fresh_inputs, fresh_roles, fresh_state

    for z in (z3, cvc5_api()):
        t = z.Int("t")
        st = Step(z, cfg, fresh_roles(z, cfg), fresh_state(z, cfg, "a"), fresh_inputs(z, "e"), fresh_state(z, cfg, "b"))
        solver = new_solver(z)
        solver.add(fifth_day(z, cfg, t) != rolled_fifth_day(st, t))
        if solver.check() != z.unsat:
            return False
    return True
