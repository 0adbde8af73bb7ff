"""Initial states and the one-step transition, assembled from the provision modules.

``Step`` (solver/step.py) holds one transition ``s --e--> s2`` and the terms several
provisions share.  The provision modules add named constraints to it; ``transition``
returns them all.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from rightsplan.spec.vocabulary import Role

from . import board, status, temporal
from .model import K, R, SPLITS, Config, Named, Vars, fresh_inputs, named, pairs, role_is
from .ownership import at_least, denominator, joined, owned, same
from .step import Step


def split_to(st: Step, before: Any, after: Any) -> Any:
    """``after`` is ``before`` restated by the event's split ``st.splits[e.amount - 1]``: ``old * after == new * before``.

    Section 11(n): the split "subdivide[s]" or "combine[s]" the Common Shares.  Stated as a
    linear equation between integers, so a split that would leave a fraction of a share has no
    successor (the scenario format refuses it too) and no division reaches the solver.
    """
    z = st.z
    return z.And(st.e.amount <= len(st.splits),
                 *[z.Implies(st.e.amount == code + 1, old * after == new * before) for code, (new, old) in enumerate(st.splits)])


def holdings(st: Step) -> list[Named]:
    """Share counts after the event: Sections 1(d), 11(n) and the Company's issues and buybacks."""
    z, s, e, s2, k = st.z, st.s, st.e, st.s2, st.kind
    out: list[Named] = []
    for i in range(st.n):
        me = st.is_p(i)
        h2 = z.If(z.And(k["acquire"], me), s.held[i] + e.amount,
                  z.If(z.And(k["dispose"], me), s.held[i] - e.amount,
                       z.If(z.And(k["issue"], e.variant, me), s.held[i] + e.amount,
                            z.If(z.And(k["repurchase"], e.variant, me), s.held[i] - e.amount, s.held[i]))))
        o2 = z.If(z.And(k["option"], me), s.options[i] + e.amount, s.options[i])
        out += [named("Section 1(d)", f"holding{i}", z.If(k["split"], split_to(st, s.held[i], s2.held[i]), s2.held[i] == h2)),
                named("Section 1(d)", f"option{i}", z.If(k["split"], split_to(st, s.options[i], s2.options[i]), s2.options[i] == o2))]
    out2 = z.If(k["issue"], s.outstanding + e.amount, z.If(k["repurchase"], s.outstanding - e.amount, s.outstanding))
    out.append(named("Section 29", "outstanding", z.If(k["split"], split_to(st, s.outstanding, s2.outstanding), s2.outstanding == out2)))
    g2 = joined(z, s, e, st.n)
    out += [named("Section 1(d)", f"unit{i}{j}", s2.grouped[(i, j)] == g2[(i, j)]) for (i, j) in pairs(st.n)]
    out.append(named("Section 1(f)", "now", s2.today == e.day))
    return out


def well_formed_event(st: Step) -> list[Named]:
    """What the scenario format allows: positive shares, known persons, dates in order."""
    z, s, e, k = st.z, st.s, st.e, st.kind
    n = st.n
    held = z.Sum([s.held[i] for i in range(n)])
    float_ = s.outstanding - held
    mine = z.Sum([z.If(st.is_p(i), s.held[i], 0) for i in range(n)])
    return [named("Section 1(d)", "event", z.And(
        e.kind >= 0, e.kind < len(K), e.person >= 0, e.person < n, e.other >= 0, e.other < n, e.amount >= 1, e.day >= s.today,
        z.Implies(k["join_group"], e.person != e.other),
        z.Implies(k["acquire"], e.amount <= float_),
        z.Implies(k["dispose"], e.amount <= mine),
        z.Implies(z.And(k["repurchase"], e.variant), e.amount <= mine),
        z.Implies(z.And(k["repurchase"], z.Not(e.variant)), e.amount <= float_),
        z.Implies(k["repurchase"], e.amount < s.outstanding),
        z.Implies(k["split"], e.amount <= len(st.splits)),
        z.Implies(k["inadvertence"], z.Or(z.Not(e.variant), e.until >= e.day)),
    ))]


def transition(z: ModuleType, cfg: Config, roles: list[Any], s: Vars, e: Vars, s2: Vars,
               suppressed: list[Any] | None = None, splits: tuple[tuple[Any, Any], ...] = SPLITS) -> list[Named]:
    """Every named constraint of one step s --e--> s2; ``suppressed`` (solver/cure.py's final run) blocks
    each flagged person from becoming an Acquiring Person at this event.  ``splits``: the ratios a split
    may have (solver/scaling.py passes one symbolic ratio to check that the five stand for all)."""
    st = Step(z, cfg, roles, s, e, s2)
    st.suppressed, st.splits = suppressed, splits
    return (well_formed_event(st) + holdings(st) + status.ratchet(st) + status.acquiring(st)
            + status.inadvertence(st) + board.dates(st) + board.actions(st) + status.void(st) + temporal.steps(st))


def initial(z: ModuleType, cfg: Config, roles: list[Any], s: Vars, suppressed: list[Any] | None = None) -> list[Named]:
    """The start state: any holdings within the outstanding count, nothing determined yet (``suppressed``:
    persons solver/cure.py's final run keeps from being Acquiring Persons at the start)."""
    n, lines = cfg.persons, cfg.lines
    facts = [s.outstanding >= 1, z.Sum([s.held[i] for i in range(n)]) <= s.outstanding, s.today == 0]
    for i in range(n):
        facts += [roles[i] >= 0, roles[i] < len(Role), s.held[i] >= 0, s.options[i] == 0,
                  *[z.Not(s.bools[b][i]) for b in ("shielded", "buyback_marked", "divestiture_pending", "announced",
                                                   "became_acquiring", "cured", "acquired_more")],
                  s.acquiring_since[i] == 0, s.announced_on[i] == 0, s.divestiture_deadline[i] == 0,
                  *plan_roles(z, cfg, roles[i]), *grandfathering(z, cfg, s, i)]
    for (i, j) in pairs(n):
        wi, wj = role_is(z, roles[i], Role.OWN_THRESHOLD), role_is(z, roles[j], Role.OWN_THRESHOLD)
        facts.append(z.Implies(z.And(wi, wj), s.grouped[(i, j)]))
    facts += [transitive(z, s, n)]
    at_ratchet = [z.And(role_is(z, roles[i], Role.OWN_THRESHOLD), at_least(z, s, n, i, lines.level(lines.ratchet), 0, lines.scale))
                  for i in range(n)] if lines.ratchet is not None else []
    facts.append(s.has_been_at_ratchet == z.Or(*at_ratchet))
    facts += [z.Not(s.bools[b]) for b in ("ratcheted", "has_announcement_clause", "has_tender_clause",
                                          "has_redemption_board_date", "redeemed", "exchanged_all",
                                          "exchanged_part", "expired", "distribution_extended")]
    facts += [s.effective, s.distribution_by_announcement == 0, s.distribution_by_tender_offer == 0, s.redemption_board_date == 0, s.barred_since == 0,
              s.redemption_fifth_day == 0]
    return [named("Section 1(a)", "start", z.And(*facts)), *start_determinations(z, cfg, roles, s, suppressed),
            *temporal.starts(z, s)]


def plan_roles(z: ModuleType, cfg: Config, role: Any) -> list[Any]:
    """A person may take only the kinds of role its plan has (Section 1(a): the holders the plan names)."""
    terms = cfg.model_plan.terms
    absent = [] if cfg.model_plan.holder_key is not None else [Role.OWN_THRESHOLD]
    if not any(h.role is Role.NAMED_EXEMPT for h in terms.holders.values()) and terms.exempt_persons is None:
        absent.append(Role.NAMED_EXEMPT)
    return [role != R[r] for r in absent]


def grandfathering(z: ModuleType, cfg: Config, s: Vars, i: int) -> list[Any]:
    """Who may start grandfathered, and what it owned on the grandfathering date (Section 1(a)(ii)).

    "if, as of the date hereof, any Person is the Beneficial Owner of 15% or more of the Common
    Shares outstanding, such Person shall not be or become an 'Acquiring Person' ... unless and
    until": the model starts after the grandfathering date, with the holdings of that date.
    """
    lines, n = cfg.lines, cfg.persons
    if lines.grandfather is None:
        return [z.Not(s.grandfathered[i]), s.owned_at_grandfathering[i] == 0, s.share_at_grandfathering[i] == 0]
    out = [z.Implies(s.grandfathered[i], at_least(z, s, n, i, lines.level(lines.grandfather), 0, lines.scale))]
    if lines.allowance == 0:
        return out + [s.owned_at_grandfathering[i] == 0, s.share_at_grandfathering[i] == 0]
    out.append(s.owned_at_grandfathering[i] == z.If(s.grandfathered[i], owned(z, s, n, i), 0))
    if cfg.reading("grandfather_allowance_measure") == "percentage_points":
        out.append(s.share_at_grandfathering[i] * denominator(z, s, n, i) == z.If(s.grandfathered[i], owned(z, s, n, i), 0))
    else:
        out.append(s.share_at_grandfathering[i] == 0)
    return out


def start_determinations(z: ModuleType, cfg: Config, roles: list[Any], s: Vars,
                         suppressed: list[Any] | None = None) -> list[Named]:
    """The start state is itself evaluated: who is already an Acquiring Person, whether 50% is reached."""
    n, lines = cfg.persons, cfg.lines
    st = Step(z, cfg, roles, s, fresh_inputs(z, "start"), s)
    out = []
    for i in range(n):
        thr = z.IntVal(lines.level(lines.threshold))
        if lines.holder is not None and cfg.has("own_threshold"):
            thr = z.If(st.own_threshold_holder(i), lines.level(lines.holder), thr)
        protected = s.grandfathered[i] if cfg.has("grandfather") else z.BoolVal(False)
        ap = z.And(st.eligible(i), z.Not(protected), at_least(z, s, n, i, thr, 0, lines.scale))
        if suppressed is not None:
            ap = z.And(ap, z.Not(suppressed[i]))
        out += [named("Section 1(a)", f"start_acquiring{i}", s.acquiring[i] == ap),
                named("Section 1(a)", f"start_owned{i}", s.owned_at_crossing[i] == z.If(ap, owned(z, s, n, i), 0))]
        out += [named("Section 7(e)", f"start_void{i}{j}", s.void_because[(i, j)] == z.And(s.acquiring[j], same(z, s, i, j)))
                for j in range(n)]
    bar = z.Or(*[z.And(z.Not(board.exempt_24(st, i)), at_least(z, s, n, i, lines.level(lines.bar), 0, lines.scale)) for i in range(n)])
    out.append(named("Section 24(a)", "start_bar", s.exchange_barred == bar))
    return out


def transitive(z: ModuleType, s: Vars, n: int) -> Any:
    """The unit relation is transitively closed."""
    out = []
    for i in range(n):
        for j in range(n):
            for m in range(n):
                if len({i, j, m}) == 3:
                    out.append(z.Implies(z.And(same(z, s, i, m), same(z, s, m, j)), same(z, s, i, j)))
    return z.And(*out)
