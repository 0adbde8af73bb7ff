"""Candidate strengthening invariants for the induction engine (Houdini keeps the inductive ones).

Each candidate is a fact about one state that a reader of the agreement would expect to
hold always; the engine proves the largest inductive subset together and then uses it to
prove properties by one-step induction.  A candidate that is not inductive is dropped,
never assumed.
"""

from __future__ import annotations

from collections import ChainMap
from types import ModuleType
from typing import Any, Callable

from rightsplan.spec.vocabulary import Role

from . import board, temporal
from .model import Config, Vars, pairs, role_is
from .ownership import same

Invariant = Callable[[ModuleType, Config, list[Any], Vars], Any]


def _each(f: Callable[[ModuleType, Config, list[Any], Vars, int], Any]) -> Invariant:
    return lambda z, cfg, roles, s: z.And(*[f(z, cfg, roles, s, i) for i in range(cfg.persons)])


def _pairs(f: Callable[[ModuleType, Config, list[Any], Vars, int, int], Any]) -> Invariant:
    return lambda z, cfg, roles, s: z.And(*[f(z, cfg, roles, s, i, j)
                                           for i in range(cfg.persons) for j in range(cfg.persons)])


def _eligible(z: ModuleType, cfg: Config, role: Any) -> Any:
    out = []
    if cfg.has("named_exempt"):
        out.append(z.Not(role_is(z, role, Role.NAMED_EXEMPT)))
    if cfg.has("exempt"):
        out.append(z.Not(role_is(z, role, Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN)))
    return z.And(*out) if out else z.BoolVal(True)


def _transitive(z: ModuleType, cfg: Config, roles: list[Any], s: Vars) -> Any:
    from .system import transitive

    return transitive(z, s, cfg.persons)


def _holder_united(z: ModuleType, cfg: Config, roles: list[Any], s: Vars) -> Any:
    return z.And(*[z.Implies(z.And(role_is(z, roles[i], Role.OWN_THRESHOLD), role_is(z, roles[j], Role.OWN_THRESHOLD)), s.grouped[(i, j)])
                   for (i, j) in pairs(cfg.persons)])


def _sad_clause(z: ModuleType, cfg: Config, roles: list[Any], s: Vars) -> Any:
    has, t = board.sad(z, s, cfg.persons)
    ten = cfg.days.distribution
    return z.And(s.has_announcement_clause == has, z.Implies(has, s.distribution_by_announcement >= t + ten),
                 z.Implies(z.And(has, z.Not(s.distribution_extended)), s.distribution_by_announcement == t + ten))


RULES: dict[str, Invariant] = {
    "shares_nonnegative": _each(lambda z, c, r, s, i: z.And(s.held[i] >= 0, s.options[i] >= 0)),
    "holdings_within_outstanding": lambda z, c, r, s: z.And(s.outstanding >= 1, z.Sum([s.held[i] for i in range(c.persons)]) <= s.outstanding),
    "units_transitive": _transitive,
    "named_holder_one_unit": _holder_united,
    "acquiring_persons_eligible": _each(lambda z, c, r, s, i: z.Implies(s.acquiring[i], _eligible(z, c, r[i]))),
    "grandfathered_not_acquiring": _each(lambda z, c, r, s, i: z.Implies(s.grandfathered[i], z.Not(s.acquiring[i]))),
    "announced_is_acquiring": _each(lambda z, c, r, s, i: z.Implies(s.announced[i], z.And(s.acquiring[i], s.acquiring_since[i] <= s.announced_on[i]))),
    "clock_only_for_acquiring": _each(lambda z, c, r, s, i: z.Implies(s.divestiture_pending[i], s.acquiring[i])),
    "became_in_the_past": _each(lambda z, c, r, s, i: z.And(s.acquiring_since[i] <= s.today, s.announced_on[i] <= s.today, s.today >= 0)),
    "void_because_of_acquiring": _pairs(lambda z, c, r, s, i, j: z.Implies(s.void_because[(i, j)], z.And(s.acquiring[j], same(z, s, i, j)))),
    "unit_of_acquiring_void": _pairs(lambda z, c, r, s, i, j: z.Implies(
        z.And(s.acquiring[j], same(z, s, i, j)), s.void_because[(i, j)])),
    "ended_rights_expired": lambda z, c, r, s: z.And(z.Implies(s.redeemed, s.expired), z.Implies(s.exchanged_all, s.expired)),
    "ratchet_after_line": lambda z, c, r, s: z.Implies(s.ratcheted, s.has_been_at_ratchet),
    "sad_clause_tracks_sad": _sad_clause,
    "bar_date_past": lambda z, c, r, s: z.Implies(s.exchange_barred, s.barred_since <= s.today),
    "expired_after_final": lambda z, c, r, s: z.Implies(s.today > c.time.final, s.expired),
    "deadline_not_after_final": lambda z, c, r, s: board.deadline(z, c, s, c.persons) <= c.time.final,
}

# The provisions each invariant rests on, so a proof's core can name them.
RULE_SECTIONS: dict[str, tuple[str, ...]] = {
    "shares_nonnegative": ("Section 1(d)",),
    "holdings_within_outstanding": ("Section 1(d)", "Section 29"),
    "units_transitive": ("Section 1(d)",),
    "named_holder_one_unit": ("Section 1(a)", "Section 1(d)"),
    "acquiring_persons_eligible": ("Section 1(a)",),
    "grandfathered_not_acquiring": ("Section 1(a)",),
    "announced_is_acquiring": ("Section 1(hh)", "Section 1(a)"),
    "clock_only_for_acquiring": ("Section 1(a)",),
    "became_in_the_past": ("Section 1(oo)", "Section 1(hh)"),
    "void_because_of_acquiring": ("Section 7(e)",),
    "unit_of_acquiring_void": ("Section 7(e)",),
    "ended_rights_expired": ("Section 1(q)", "Section 23(a)", "Section 24(a)"),
    "ratchet_after_line": ("Section 1(a)",),
    "sad_clause_tracks_sad": ("Section 1(l)", "Section 1(hh)"),
    "bar_date_past": ("Section 24(a)",),
    "expired_after_final": ("Section 1(q)", "Section 1(f)"),
    "deadline_not_after_final": ("Section 23(a)",),
}

# The candidates: the rules' above, then the lemmas the declared histories bring (solver/temporal.py).
CANDIDATES: ChainMap[str, Invariant] = ChainMap(temporal.LEMMAS, RULES)
SECTIONS: ChainMap[str, tuple[str, ...]] = ChainMap(temporal.LEMMA_SECTIONS, RULE_SECTIONS)
