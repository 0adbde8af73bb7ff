"""Why the model's five split ratios stand for every ratio: the scaling argument, checked on the formulas.

Section 11(n) restates every count by the split's ratio ("subdivide[s]" or "combine[s]" the
Common Shares), and every line Section 1(a) and 24(a) draw is a share *of* the Common Shares
then outstanding.  So no determination can tell a history from the same history with every
count multiplied by one positive integer; and a split of ratio n:o (new for old) between two
stretches of a history is the model's 2:1 split once the stretch before it is multiplied by
``n`` and the stretch after it by ``2*o`` (``o*after == n*before`` becomes ``after' == 2*before'``).

That is checked here on the very formulas the proofs use, not assumed.  Each is taken apart
into arithmetic atoms (``100*(held + options) >= 15*(outstanding + options)``, ``today == 0``),
and each atom must keep its truth value under the scaling:

* a **homogeneous** atom -- every monomial of the same degree in the counts (``held``,
  ``options``, ``outstanding``, the shares owned at crossing and on the grandfathering date, the
  event's share ``amount``) -- does, since both sides are multiplied by ``c**d > 0``; an atom
  with no count at all (dates, kinds, roles, the fraction owned on the grandfathering date) is
  untouched;
* a sign test of an integer count expression written with a constant (``amount >= 1``, which is
  ``amount > 0`` over the integers) does, for a positive integer ``c``;
* in a split step, where the counts before and after are scaled apart, every atom must be
  homogeneous in the counts before and in the counts after separately, except the split
  equations themselves, ``old*after == new*before`` with the step's own ratio (an ``If`` inside
  an atom is split into its cases first).

The split step is built with one *symbolic* ratio, ``transition(..., splits=((RATIO_NEW,
RATIO_OLD),))``: the model's own code with any ratio, of which the five of ``SPLITS`` are instances
(with the event's ``amount`` naming one), so "the model's split with ratio n:o" is that code, not a
second definition.  Checked, for every kind of event: the start state, the transition (with any
suppression, as the retroactive cure's final run has it), the cure's links between its runs,
every invariant candidate, and each proved property's formula.  Then, for every history with
splits of any ratios (positive integers n:o), multiplying the stretch before the k-th split by
``prod(n_j, j >= k) * prod(2*o_j, j < k)`` gives a history of the model with 2:1 splits only,
integer counts throughout, and the same truth value for every atom of every step: what is proved
for the model's histories holds for every ratio the scenario format accepts.  A counterexample
found with the five ratios is a real one (every finding is replayed through the reference).
The agreement's side -- that the reference implementation, too, cannot tell a history from its
scaled 2:1 twin -- is tests/test_scale_invariance_spec.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable, Iterable

import z3

from .model import K

# The fields that count shares (scaled), and those that do not: dates (Business-Day indices), the event's kind and
# persons, the fraction owned on the grandfathering date.  A field in neither is refused, so a new field of the
# model is classified by someone who thought about it (tests/test_scaling.py checks both lists cover the model).
COUNT_FIELDS = ("held", "options", "outstanding", "owned_at_crossing", "owned_at_grandfathering", "amount")
NOT_COUNTS = ("acquiring_since", "announced_on", "divestiture_deadline", "today", "distribution_by_announcement",
              "distribution_by_tender_offer", "redemption_board_date", "redemption_fifth_day", "barred_since",
              "share_at_grandfathering", "kind", "person", "other", "day", "until")
_BOOL_OPS = {z3.Z3_OP_AND, z3.Z3_OP_OR, z3.Z3_OP_NOT, z3.Z3_OP_IMPLIES, z3.Z3_OP_XOR, z3.Z3_OP_IFF}
_COMPARE = {z3.Z3_OP_LE, z3.Z3_OP_LT, z3.Z3_OP_GE, z3.Z3_OP_GT, z3.Z3_OP_EQ, z3.Z3_OP_DISTINCT}

Degree = tuple[int, int]  # (degree in the counts before, degree in the counts after)


class NotScaleInvariant(Exception):
    """A term the scaling argument cannot take (a count inside a date or a function, a field not classified)."""


def count_side(name: str, before: Iterable[str], after: Iterable[str]) -> int | None:
    """0 for a count of a state or event tagged ``before``, 1 for one tagged ``after``, None for a non-count."""
    tag, _, rest = name.partition(".")
    if not rest:  # a person's role, fixed for the history
        if name.rstrip("0123456789") == "role":
            return None
        raise NotScaleInvariant(f"{name}: a term neither a count nor known not to be one")
    fld = rest.rstrip("0123456789")
    if tag == "ratio" or fld in NOT_COUNTS:
        return None
    if fld not in COUNT_FIELDS:
        raise NotScaleInvariant(f"{name}: a field neither in scaling.COUNT_FIELDS nor in NOT_COUNTS")
    if tag in before:
        return 0
    if tag in after:
        return 1
    raise NotScaleInvariant(f"count {name} of no known state")


@dataclass
class Atoms:
    """The arithmetic atoms of a formula, sorted by how they behave under the scaling."""

    before: frozenset[str]
    after: frozenset[str]
    split: bool = False  # a split step, with the symbolic ratio RATIO_NEW:RATIO_OLD
    invariant: int = 0  # atoms that keep their value
    split_equations: int = 0
    problems: list[str] = field(default_factory=list)
    _deg: dict[int, frozenset[Degree]] = field(default_factory=dict)
    _seen: set[int] = field(default_factory=set)

    # -- terms ---------------------------------------------------------------------------------
    def degrees(self, t: Any) -> frozenset[Degree]:
        """The (before, after) degrees of the monomials of an arithmetic term; 0 contributes none."""
        key = t.get_id()
        if key not in self._deg:
            self._deg[key] = self._degrees(t)
        return self._deg[key]

    def _degrees(self, t: Any) -> frozenset[Degree]:
        if z3.is_int_value(t) or z3.is_rational_value(t) or z3.is_algebraic_value(t):
            return frozenset() if _value(t) == 0 else frozenset({(0, 0)})
        if z3.is_const(t) and t.decl().kind() == z3.Z3_OP_UNINTERPRETED:
            side = count_side(t.decl().name(), self.before, self.after)
            return frozenset({(0, 0)}) if side is None else frozenset({(1, 0) if side == 0 else (0, 1)})
        op, kids = t.decl().kind(), t.children()
        if op in (z3.Z3_OP_ADD, z3.Z3_OP_SUB, z3.Z3_OP_UMINUS):
            return frozenset().union(*[self.degrees(k) for k in kids])
        if op == z3.Z3_OP_MUL:
            out = frozenset({(0, 0)})
            for k in kids:
                out = frozenset((a[0] + b[0], a[1] + b[1]) for a in out for b in self.degrees(k))
            return out
        if op == z3.Z3_OP_DIV and self.degrees(kids[1]) == {(0, 0)}:  # by a constant or the ratio's old
            return self.degrees(kids[0])
        if op == z3.Z3_OP_TO_REAL:
            return self.degrees(kids[0])
        if op == z3.Z3_OP_ITE:
            self.formula(kids[0])
            return self.degrees(kids[1]) | self.degrees(kids[2])
        # anything else (a function of dates, integer division, to_int): only when no count is inside
        if any(self.degrees(k) - {(0, 0)} for k in kids):
            raise NotScaleInvariant(f"a count inside {t.decl().name()}: {_short(t)}")
        return frozenset({(0, 0)})

    # -- formulas ------------------------------------------------------------------------------
    def formula(self, f: Any) -> None:
        """Sort every atom of a Boolean formula; the problems are collected, not raised."""
        key = f.get_id()
        if key in self._seen:
            return
        self._seen.add(key)
        if z3.is_true(f) or z3.is_false(f) or z3.is_const(f):
            return
        op, kids = f.decl().kind(), f.children()
        if op in _BOOL_OPS or op == z3.Z3_OP_ITE and z3.is_bool(f) or op in (z3.Z3_OP_EQ, z3.Z3_OP_DISTINCT) and z3.is_bool(kids[0]):
            for k in kids:
                self.formula(k)
            return
        if op in _COMPARE:
            self.atom(f, op, kids)
            return
        if op == z3.Z3_OP_UNINTERPRETED:  # a predicate of dates
            try:
                if any(self.degrees(k) - {(0, 0)} for k in kids):
                    self.problems.append(f"a count inside the predicate {f.decl().name()}: {_short(f)}")
            except NotScaleInvariant as exc:
                self.problems.append(str(exc))
            return
        self.problems.append(f"an unexpected connective {f.decl().name()}: {_short(f)}")

    def atom(self, f: Any, op: int, kids: list[Any], depth: int = 0) -> None:
        try:
            degs = frozenset().union(*[self.degrees(k) for k in kids])
        except NotScaleInvariant as exc:
            self.problems.append(str(exc))
            return
        if self._scales(degs) <= 1 or self._sign_test(op, kids):
            self.invariant += 1
        elif self.split and _split_equation(f, op, kids, self.before, self.after):
            self.split_equations += 1
        elif (branch := _an_ite(f)) is not None and depth < 8:
            # P(If(c, x, y)) is If(c, P(x), P(y)): each case must keep its value (c is checked as a formula)
            c, x, y = branch.children()
            self.formula(c)
            for case in (x, y):
                g = z3.substitute(f, (branch, case))
                self.atom(g, op, g.children(), depth + 1)
        else:
            self.problems.append(f"not invariant under the scaling: {_short(f)}")

    def _sign_test(self, op: int, kids: list[Any]) -> bool:
        """``x >= 1``, ``x < 1``, ``x <= -1``, ``x > -1`` of an integer count expression homogeneous in the counts:
        a test of the sign of ``x`` over the integers, which multiplying by a positive integer keeps."""
        if op not in (z3.Z3_OP_LE, z3.Z3_OP_LT, z3.Z3_OP_GE, z3.Z3_OP_GT) or len(kids) != 2:
            return False
        lhs, rhs = kids
        if z3.is_int_value(lhs):  # c op x: flip to x op' c
            lhs, rhs, op = rhs, lhs, {z3.Z3_OP_LE: z3.Z3_OP_GE, z3.Z3_OP_LT: z3.Z3_OP_GT,
                                      z3.Z3_OP_GE: z3.Z3_OP_LE, z3.Z3_OP_GT: z3.Z3_OP_LT}[op]
        if not (z3.is_int_value(rhs) and lhs.sort() == z3.IntSort()):
            return False
        inner = self.degrees(lhs)
        return self._scales(inner) == 1 and (0, 0) not in inner and (op, rhs.as_long()) in _SIGN_TESTS

    def _scales(self, degs: frozenset[Degree]) -> int:
        """How many different factors the monomials are multiplied by: in a split step the counts before and
        after are scaled apart, so each (before, after) degree is its own; elsewhere one factor, the total degree.
        A term or atom with at most one keeps its value (its sign, or its equality)."""
        return len(degs) if self.split else len({a + b for a, b in degs})


# x >= 1 is x > 0 over the integers, x < 1 is x <= 0, x <= -1 is x < 0, x > -1 is x >= 0
_SIGN_TESTS = {(z3.Z3_OP_GE, 1), (z3.Z3_OP_LT, 1), (z3.Z3_OP_LE, -1), (z3.Z3_OP_GT, -1),
               (z3.Z3_OP_GE, 0), (z3.Z3_OP_LT, 0), (z3.Z3_OP_LE, 0), (z3.Z3_OP_GT, 0)}
# The symbolic ratio of the split step checked (new for old); they are not counts and are not scaled.
RATIO_NEW, RATIO_OLD = z3.Int("ratio.new"), z3.Int("ratio.old")
ANY_RATIO = ((RATIO_NEW, RATIO_OLD),)  # the ``splits`` the checked step is built with
Coefficient = dict[tuple[int, int], Fraction]  # (power of new, power of old) -> rational factor


def _an_ite(f: Any) -> Any | None:
    """The first arithmetic If inside an atom, or None."""
    todo, seen = list(f.children()), set()
    while todo:
        t = todo.pop()
        if t.get_id() in seen:
            continue
        seen.add(t.get_id())
        if z3.is_app_of(t, z3.Z3_OP_ITE) and not z3.is_bool(t):
            return t
        if z3.is_arith(t):
            todo += t.children()
    return None


def _split_equation(f: Any, op: int, kids: list[Any], before: frozenset[str], after: frozenset[str]) -> bool:
    """``old*after == new*before`` (in any arrangement the simplifier leaves) with the step's symbolic ratio,
    relating one count of the state before to the same count of the state after."""
    if op != z3.Z3_OP_EQ:
        return False
    terms: dict[str, Coefficient] = {}
    for sign, side in ((1, kids[0]), (-1, kids[1])):
        if not _linear(side, {(0, 0): Fraction(sign)}, terms):
            return False
    terms = {k: {m: q for m, q in v.items() if q != 0} for k, v in terms.items()}
    terms = {k: v for k, v in terms.items() if v}
    if len(terms) != 2 or "" in terms:
        return False
    sides = {name: count_side(name, before, after) for name in terms}
    pre = [n for n, s in sides.items() if s == 0]
    post = [n for n, s in sides.items() if s == 1]
    if len(pre) != 1 or len(post) != 1 or pre[0].partition(".")[2] != post[0].partition(".")[2]:
        return False
    cx, cy = terms[pre[0]], terms[post[0]]  # cy*after + cx*before == 0, so after/before must be -cx/cy == new/old
    if len(cx) != 1 or len(cy) != 1:
        return False
    (mx, qx), (my, qy) = next(iter(cx.items())), next(iter(cy.items()))
    return -qx / qy == 1 and (mx[0] - my[0], mx[1] - my[1]) == (1, -1)


def _value(t: Any) -> Fraction:
    if z3.is_int_value(t):
        return Fraction(t.as_long())
    if z3.is_rational_value(t):
        return Fraction(t.numerator_as_long(), t.denominator_as_long())
    raise NotScaleInvariant(f"an irrational constant {t}")


def _times(a: Coefficient, b: Coefficient) -> Coefficient:
    out: Coefficient = {}
    for (i, j), q in a.items():
        for (k, m), r in b.items():
            out[(i + k, j + m)] = out.get((i + k, j + m), Fraction(0)) + q * r
    return out


def _coefficient(t: Any) -> Coefficient | None:
    """A product of rational constants and powers of the ratio's new and old, or None."""
    if z3.is_int_value(t) or z3.is_rational_value(t):
        return {(0, 0): _value(t)}
    if z3.eq(t, RATIO_NEW):
        return {(1, 0): Fraction(1)}
    if z3.eq(t, RATIO_OLD):
        return {(0, 1): Fraction(1)}
    op, kids = (t.decl().kind(), t.children()) if z3.is_app(t) else (None, [])
    if op == z3.Z3_OP_TO_REAL:
        return _coefficient(kids[0])
    if op == z3.Z3_OP_MUL:
        out: Coefficient | None = {(0, 0): Fraction(1)}
        for k in kids:
            c = _coefficient(k)
            if c is None or len(c) != 1:
                return None
            out = _times(out, c)
        return out
    return None


def _linear(t: Any, coef: Coefficient, out: dict[str, Coefficient]) -> bool:
    """Add ``coef * t`` to ``out`` (count name -> coefficient, "" for the rest); False if not linear in the counts."""
    c = _coefficient(t)
    if c is not None:
        _add(out, "", _times(coef, c))
        return True
    if z3.is_const(t) and t.decl().kind() == z3.Z3_OP_UNINTERPRETED:
        _add(out, t.decl().name(), coef)
        return True
    op, kids = t.decl().kind(), t.children()
    if op == z3.Z3_OP_ADD:
        return all(_linear(k, coef, out) for k in kids)
    if op == z3.Z3_OP_SUB:
        return _linear(kids[0], coef, out) and all(_linear(k, _times(coef, {(0, 0): Fraction(-1)}), out) for k in kids[1:])
    if op == z3.Z3_OP_UMINUS:
        return _linear(kids[0], _times(coef, {(0, 0): Fraction(-1)}), out)
    if op == z3.Z3_OP_TO_REAL:
        return _linear(kids[0], coef, out)
    if op == z3.Z3_OP_MUL:
        factors = [(k, _coefficient(k)) for k in kids]
        rest = [k for k, c in factors if c is None]
        if len(rest) != 1:
            return False
        scale = coef
        for _, c in factors:
            if c is not None:
                scale = _times(scale, c)
        return _linear(rest[0], scale, out)
    if op == z3.Z3_OP_DIV:
        d = _coefficient(kids[1])
        if d is None or len(d) != 1:
            return False
        (i, j), q = next(iter(d.items()))
        return _linear(kids[0], _times(coef, {(-i, -j): 1 / q}), out)
    return False


def _add(out: dict[str, Coefficient], name: str, c: Coefficient) -> None:
    mine = out.setdefault(name, {})
    for m, q in c.items():
        mine[m] = mine.get(m, Fraction(0)) + q


def _short(t: Any, width: int = 160) -> str:
    text = " ".join(str(t).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def specialize(f: Any, e: Any, kind: str) -> Any:
    """``f`` in a step of one kind (a split: the one symbolic ratio, the event's ``amount`` 1), simplified."""
    subs = [(e.kind, z3.IntVal(K[kind]))] + ([(e.amount, z3.IntVal(1))] if kind == "split" else [])
    return z3.simplify(z3.substitute(f, *subs))


@dataclass
class Report:
    """What was checked and what failed (an empty ``problems`` is the argument made)."""

    problems: list[str] = field(default_factory=list)
    atoms: int = 0
    split_equations: int = 0


BEFORE, AFTER = frozenset({"a", "fa", "e", "start"}), frozenset({"b", "fb"})  # the tags of a step's states


def check_step(report: Report, label: str, f: Any, e: Any) -> None:
    """Every kind's specialization of a step formula ``f`` over (a, e, b) -- and the final run's (fa, e, fb) --
    is invariant under the scaling (a split: the counts before and after scaled apart)."""
    for kind in K:
        split = kind == "split"
        a = Atoms(BEFORE - {"e"} if split else BEFORE, AFTER, split=split)
        a.formula(specialize(f, e, kind))
        _collect(report, f"{label} [{kind}]", a)


def check_state(report: Report, label: str, f: Any) -> None:
    """A formula of one state (the start, an invariant) is invariant under scaling its counts."""
    a = Atoms(BEFORE, frozenset())
    a.formula(z3.simplify(f))
    _collect(report, label, a)


def _collect(report: Report, label: str, a: Atoms) -> None:
    report.atoms += a.invariant + a.split_equations
    report.split_equations += a.split_equations
    report.problems += [f"{label}: {p}" for p in a.problems]


@dataclass
class _Terms:
    """One step of both runs, built with the one symbolic split ratio: what the formulas are made of."""

    cfg: Any

    def __post_init__(self) -> None:
        from . import cure
        from .model import fresh_inputs, fresh_roles, fresh_state

        cfg = self.cfg
        self.roles, self.e = fresh_roles(z3, cfg), fresh_inputs(z3, "e")
        self.s, self.s2, self.f, self.f2 = (fresh_state(z3, cfg, tag) for tag in ("a", "b", "fa", "fb"))
        self.w, self.w2 = cure.guesses(z3, cfg, "a"), cure.guesses(z3, cfg, "b")


def model_report(cfg: Any) -> Report:
    """The scaling argument for the model of one Config: its start state, its transition (with any suppression,
    as in the retroactive cure's final run), the cure's prophecy and final-run links, and the invariant candidates.

    The transition is built with one symbolic split ratio (``splits=ANY_RATIO``): the
    model's own code with any ratio, of which the five constant ratios of SPLITS are instances.
    """
    from . import cure
    from .invariants import CANDIDATES
    from .system import initial, transition

    t, report = _Terms(cfg), Report()
    flags = [z3.Bool(f"suppressed{i}") for i in range(cfg.persons)]
    check_state(report, "start", z3.And(*[c.expr for c in initial(z3, cfg, t.roles, t.s, flags)]))
    step = transition(z3, cfg, t.roles, t.s, t.e, t.s2, flags, splits=ANY_RATIO)
    check_step(report, "transition", z3.And(*[c.expr for c in step]), t.e)
    links = [*[c.expr for c in cure.step(z3, cfg, t.s, t.s2, t.w, t.w2)], *cure.suppression(z3, cfg, t.s2, t.w2),
             *cure.suppression_at_start(z3, cfg, t.s, t.w), cure.same_start(z3, cfg, t.s, t.f),
             cure.no_new_cure(z3, cfg, t.f), *[c.expr for c in cure.start(z3, cfg, t.s, t.w)]]
    check_step(report, "retroactive cure", z3.And(*links), t.e)
    for name in CANDIDATES:
        check_state(report, f"invariant {name}", CANDIDATES[name](z3, cfg, t.roles, t.s))
    return report


def property_report(cfg: Any, prop: Any) -> Report:
    """The scaling argument for one property (``Property``): its statement, premise and all, at every kind of step."""
    from . import cure
    from .step import Step

    t, report = _Terms(cfg), Report()
    if prop.engine == "step":
        frame: Any = Step(z3, cfg, t.roles, t.s, t.e, t.s2)
        frame.splits = ANY_RATIO
    elif prop.engine == "final_view":
        frame = cure.Frame(cfg, t.s, t.e, t.s2, t.w, t.w2, z=z3)
    else:
        frame = cure.RunFrame(cfg, t.s, t.e, t.s2, t.w, t.w2, t.f, t.f2, z=z3)
    check_step(report, f"property {prop.id}", prop.holds(frame), t.e)
    return report


@lru_cache(maxsize=None)
def _model_problems(cfg: Any) -> tuple[str, ...]:
    return tuple(model_report(cfg).problems)


def every_ratio(cfg: Any, prop: Any) -> list[str]:
    """Why a proof of ``prop`` under ``cfg`` might not carry over to splits of every ratio: [] when the scaling
    argument is made for the model and the property (verify fails a PROVED result otherwise)."""
    return [*_model_problems(cfg), *property_report(cfg, prop).problems]
