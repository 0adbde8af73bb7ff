"""The view of one transition ``s --e--> s2`` that rules and property formulas share.

``Step`` holds the two states and the event, and the terms several provisions share (who is
eligible, each person's threshold, whether the Rights are still alive); the provision
modules (``status``, ``board``) add their named constraints through it, and property
formulas (proofs/) read it.  It reads states through ``dates``, never through the rules.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from rightsplan.spec.vocabulary import Role

from . import dates
from .model import AP_PCT, FINAL, K, RATCHET_PCT, WALDEN_PCT, Config, Vars, role_is
from .ownership import at_least, same


class Step:
    """One transition of the model, with the terms its provisions share."""

    def __init__(self, z: ModuleType, cfg: Config, roles: list[Any], s: Vars, e: Vars, s2: Vars):
        self.z, self.cfg, self.roles, self.s, self.e, self.s2 = z, cfg, roles, s, e, s2
        self.n = cfg.persons
        self.kind = {name: e.kind == code for name, code in K.items()}
        self.live = z.And(z.Not(s.expired), e.day <= FINAL)

    def is_p(self, i: int) -> Any:
        return self.e.person == i

    def walden(self, i: int) -> Any:
        """i is part of "Walden": a named Walden person or one of their Affiliates/Associates (Section 1(a))."""
        z = self.z
        return z.Or(*[z.And(role_is(z, self.roles[j], Role.WALDEN), self.same2(i, j)) for j in range(self.n)])

    def eligible(self, i: int) -> Any:
        """Not H&Q and not exempt: the persons Section 1(a) can make Acquiring Persons."""
        z, role = self.z, self.roles[i]
        out = []
        if self.cfg.has("hq"):
            out.append(z.Not(role_is(z, role, Role.HQ)))
        if self.cfg.has("exempt"):
            out.append(z.Not(role_is(z, role, Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN)))
        return z.And(*out) if out else z.BoolVal(True)

    def threshold(self, i: int) -> Any:
        """15, or 20 for Walden until its ratchet, then 15 (Section 1(a) provisos)."""
        z = self.z
        if not self.cfg.has("walden_20"):
            return z.IntVal(AP_PCT)
        if not self.cfg.has("walden_ratchet"):
            return z.If(self.walden(i), WALDEN_PCT, AP_PCT)
        return z.If(self.walden(i), z.If(self.s2.walden_ratcheted, RATCHET_PCT, WALDEN_PCT), AP_PCT)

    def at(self, state: Vars, i: int, pct: Any, extra: Any = 0) -> Any:
        return at_least(self.z, state, self.n, i, pct, extra)

    def same2(self, i: int, j: int) -> Any:
        return same(self.z, self.s2, i, j)

    # Views for property formulas (proofs/catalogue.py).
    def every(self, f: Any) -> Any:
        return self.z.And(*[f(i) for i in range(self.n)])

    def some(self, f: Any) -> Any:
        return self.z.Or(*[f(i) for i in range(self.n)])

    def role(self, i: int, *which: Role) -> Any:
        return role_is(self.z, self.roles[i], *which)

    def exempt(self, i: int) -> Any:
        return self.role(i, Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN)

    def void(self, state: Vars, i: int) -> Any:
        return self.z.Or(*[state.void_because[(i, j)] for j in range(self.n)])

    def te(self, state: Vars) -> tuple[Any, Any]:
        return dates.te(self.z, state, self.n)

    def sad(self, state: Vars) -> tuple[Any, Any]:
        return dates.sad(self.z, state, self.n)

    def dd(self, state: Vars) -> tuple[Any, Any]:
        return dates.distribution(self.z, state)

    def deadline(self, state: Vars) -> Any:
        return dates.deadline(self.z, state, self.n)

    def exercisable(self, i: int) -> Any:
        """After the Distribution Date, before expiration, and not void (Sections 7(a), 7(e))."""
        has, when = self.dd(self.s2)
        return self.z.And(has, self.e.day > when, self.z.Not(self.s2.expired), self.z.Not(self.void(self.s2, i)))
