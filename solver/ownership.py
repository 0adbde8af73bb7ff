"""Beneficial Ownership in the model: units of persons and percentage comparisons.

Section 1(d): a Person beneficially owns what it "or any of such Person's Affiliates or
Associates beneficially owns", including what it has "the right to acquire".  A unit is
the transitively closed join-group relation; all persons of the plan's own-threshold holder
("collectively, 'Walden'") form one unit.  Every comparison is linear: a line ``level / scale``
of the plan (solver/plan.py) is ``scale * owned >= level * outstanding_for_unit``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from .model import K, Vars, pairs


def same(z: ModuleType, s: Vars, i: int, j: int) -> Any:
    """True when persons i and j are in one unit (Section 1(d)(i), 1(d)(iii))."""
    if i == j:
        return z.BoolVal(True)
    return s.grouped[(min(i, j), max(i, j))]


def owned(z: ModuleType, s: Vars, n: int, i: int) -> Any:
    """Shares the unit of i holds or has the right to acquire (Section 1(d)(i), 1(d)(ii)(A))."""
    return z.Sum([z.If(same(z, s, i, j), s.held[j] + s.options[j], 0) for j in range(n)])


def denominator(z: ModuleType, s: Vars, n: int, i: int) -> Any:
    """Shares outstanding for i's unit: outstanding plus the unit's own options (Rule 13d-3(d)(1)(i))."""
    return s.outstanding + z.Sum([z.If(same(z, s, i, j), s.options[j], 0) for j in range(n)])


def at_least(z: ModuleType, s: Vars, n: int, i: int, level: Any, extra: Any = 0, scale: int = 100) -> Any:
    """'level/scale or more' of the Common Shares then outstanding, with ``extra`` shares added.

    "the Beneficial Owner of 15% or more of the Common Shares then outstanding" (Section 1(a)):
    "or more" is ``>=``; ``scale`` is the plan's common denominator (``Lines.scale``).
    """
    return scale * (owned(z, s, n, i) + extra) >= level * denominator(z, s, n, i)


def joined(z: ModuleType, s: Vars, e: Vars, n: int) -> dict[tuple[int, int], Any]:
    """The unit relation after a join_group of persons p and q, closed transitively.

    The relation before is an equivalence (units are transitively closed), so adding the one
    link p-q joins exactly: i and j are one unit after when they were before, or when one was
    in p's unit and the other in q's.  (A single intermediate person is not enough from four
    persons on: {a, b} joined to {c, d} through b-c links a to d through both b and c.)
    """
    is_join = e.kind == K["join_group"]

    def with_(i: int, who: Any) -> Any:
        return z.Or(*[z.And(who == m, same(z, s, i, m)) for m in range(n)])

    return {
        (i, j): z.Or(s.grouped[(i, j)], z.And(is_join, z.Or(z.And(with_(i, e.person), with_(j, e.other)),
                                                       z.And(with_(i, e.other), with_(j, e.person)))))
        for (i, j) in pairs(n)
    }
