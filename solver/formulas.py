"""The price formulas of the agreement as SymPy expressions, each with its section.

Every symbol is a positive rational.  ``FORMULAS`` holds one ``Formula`` per provision;
``Formula.latex()`` and ``Formula.plain()`` render it for reports, and
``Formula.value(...)`` evaluates it exactly, rounding the result only where Section 11(d)
says (half up: "to the nearest").  The plan's numbers (the 50% divisor, the 1,000 multiple,
the par value) come from its terms file: ``plan_formulas(plan)`` builds one plan's formulas,
and ``FORMULAS`` (with ``HALF``, ``HALF_13``, ``MULT``, ``PAR_FLOOR``) is the built-in plan's,
which the identities of proofs/identities.py are stated over.  It never uses the reference
implementation's logic.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

import sympy as sp

from rightsplan.spec.citations import cite
from rightsplan.spec.terms import BUILTIN_PLAN, PlanTerms, load_plan


def _pos(names: str) -> tuple[sp.Symbol, ...]:
    return sp.symbols(names, positive=True, rational=True)


# Terms of a Right and prices.
E, E0, E1, T, R = _pos("E E_0 E_1 T R")  # Exercise Price, prices before/after, thousandths, Rights per share
P, P10, PP, M = _pos("P P_10 P_PP M")  # Common price (1(j)), 10-day price, Principal Party price, Preferred price
N_old, N_new, Q_old, Q_new = _pos("N_old N_new Q_old Q_new")  # Common / Preferred outstanding before and after
O, S, p, V, X, K, RP, XR, F1, F2 = _pos("O S p V X K RP XR F_1 F_2")
c = sp.IndexedBase("c", positive=True)  # closing prices
a = sp.IndexedBase("a", positive=True)  # restatement factors (Section 1(j) proviso)
i, n = sp.symbols("i n", positive=True, integer=True)


@dataclass(frozen=True)
class PlanNumbers:
    """The figures of one plan the price formulas use, exact."""

    half: sp.Rational  # Section 11(a)(ii): "50% of the Current Per Share Market Price"
    half_13: sp.Rational  # Section 13(a): "fifty percent (50%) of the Current Per Share Market Price"
    mult: sp.Integer  # Exhibit A §3: "1,000 times the aggregate per share amount"
    par_floor: sp.Rational  # the par value of one one-thousandth of a Preferred Share

    @classmethod
    def of(cls, plan: PlanTerms) -> "PlanNumbers":
        return cls(sp.Rational(str(plan.flip_in_divisor)), sp.Rational(str(plan.flip_over_divisor)),
                   sp.Integer(plan.preferred_multiple), sp.Rational(str(plan.preferred_par_value)) / 1000)


_BUILTIN = PlanNumbers.of(load_plan(BUILTIN_PLAN))
HALF, HALF_13, MULT, PAR_FLOOR = _BUILTIN.half, _BUILTIN.half_13, _BUILTIN.mult, _BUILTIN.par_floor
CENT = sp.Rational(1, 100)
TEN_THOUSANDTH = sp.Rational(1, 10_000)
PREF_THOUSANDTHS_STEP = sp.Rational(1, 100)  # 1/100,000 of a Preferred Share = 1/100 of a one-thousandth


@dataclass(frozen=True)
class Formula:
    """One provision's formula: ``name = expr``, with its section and the step it is rounded to."""

    name: str
    section: str
    expr: sp.Expr
    meaning: str
    step: sp.Rational | None = None  # Section 11(d) rounding of the result, if any
    floor: sp.Rational | None = None  # the par-value floor of an Exercise Price, if any

    def latex(self) -> str:
        return f"{sp.latex(sp.Symbol(self.name))} = {sp.latex(self.expr)}"

    def plain(self) -> str:
        return f"{self.name} = {sp.sstr(self.expr)}    [{self.section}]"

    def exact(self, **values: object) -> sp.Rational:
        """The formula's value on exact inputs (Decimal, Fraction or int), unrounded."""
        subs = {sp.Symbol(k, positive=True, rational=True): _rat(v) for k, v in values.items()}
        out = self.expr.subs(subs).doit()
        if not out.is_Rational:
            raise ValueError(f"{self.name}: inputs {sorted(values)} leave {out} unevaluated")
        return out

    def value(self, **values: object) -> Fraction:
        """The formula's value, rounded to its step (half up) when it has one."""
        out = self.exact(**values)
        if self.step is not None:
            out = round_half_up(out, self.step)
        if self.floor is not None:
            out = sp.Max(out, self.floor)
        return Fraction(int(out.p), int(out.q))


def _rat(v: object) -> sp.Rational:
    if isinstance(v, (Decimal, Fraction, int)):
        f = Fraction(v)
        return sp.Rational(f.numerator, f.denominator)
    if isinstance(v, sp.Rational):
        return v
    raise TypeError(f"exact input expected, got {v!r}")


def round_half_up(x: sp.Rational, step: sp.Rational) -> sp.Rational:
    """``x`` to the nearest multiple of ``step``, a tie up: step * floor(x/step + 1/2)."""
    return step * sp.floor(x / step + sp.Rational(1, 2))


def _f(name: str, section: str, expr: sp.Expr, meaning: str, step: sp.Rational | None = None) -> Formula:
    return Formula(name, cite(section), expr, meaning, step)


def _price(name: str, section: str, expr: sp.Expr, meaning: str, floor: sp.Rational) -> Formula:
    """An adjusted Exercise Price: to the cent, and never below the par value of what a Right buys.

    "in no event shall the consideration to be paid upon the exercise of one Right be less
    than the aggregate par value of the shares" (Sections 11(a)(i), 11(b), 11(c), 11(n)).
    """
    return Formula(name, cite(section), expr, meaning, CENT, floor)


def market_price(window: int) -> sp.Expr:
    """Section 1(j) average over ``window`` Trading Days, each closing price restated by its factor."""
    return sp.Sum(c[i] * a[i], (i, 1, window)) / window


def formula_list(k: PlanNumbers) -> list[Formula]:
    """Every formula, with one plan's figures."""
    return [
        _f("CPSMP", "Section 1(j)", sp.Sum(c[i] * a[i], (i, 1, n)) / n,
           "average of the n closing prices before the date (the plan's windows), each restated by a_i"),
        _f("M_deemed", "Section 1(j)", P * K * k.mult,
           "deemed Preferred price: the Common price restated by the splits since the agreement (K), x the multiple"),
        _f("F_11ai", "Section 11(a)(i)", Q_new / Q_old, "Adjustment Fraction: Preferred outstanding after / before"),
        _price("E_11ai", "Section 11(a)(i)", E / (Q_new / Q_old), "Exercise Price divided by the Adjustment Fraction",
               k.par_floor),
        _f("T_11ai", "Section 11(a)(i)", T * (Q_new / Q_old), "one-thousandths per Right x the Adjustment Fraction",
           PREF_THOUSANDTHS_STEP),
        _f("X_flip_in", "Section 11(a)(ii)", E * T / (k.half * P),
           "Common Shares per Right: Exercise Price x one-thousandths / (the divisor x market price)", TEN_THOUSANDTH),
        _f("CV", "Section 11(a)(iii)", X * P10, "Current Value: the flip-in shares at the 10-day price", CENT),
        _f("Spread", "Section 11(a)(iii)", X * P10 - E, "Spread: Current Value less the Exercise Price", CENT),
        _f("f_11b", "Section 11(b)", (O + S * p / M) / (O + S), "rights-offering fraction"),
        _price("E_11b", "Section 11(b)", E * (O + S * p / M) / (O + S), "Exercise Price after a rights offering",
               k.par_floor),
        _f("f_11c", "Section 11(c)", (M - V) / M, "distribution fraction"),
        _price("E_11c", "Section 11(c)", E * (M - V) / M, "Exercise Price after a distribution", k.par_floor),
        _f("T_11g", "Section 11(g)", T * E0 / E1, "one-thousandths per Right after an 11(b)/(c) adjustment",
           PREF_THOUSANDTHS_STEP),
        _f("r_11h", "Section 11(h)", E0 / E1, "Rights each Right becomes under an 11(h) election", sp.Rational(1, 100_000)),
        _price("E_11n", "Section 11(n)", E * N_old / N_new, "Exercise Price after a Common split", k.par_floor),
        _f("R_11n", "Section 11(n)", R, "Rights per Common Share after a Common split (unchanged)"),
        _f("T_11n", "Section 11(n)", T, "one-thousandths per Right after a Common split (unchanged)"),
        _f("RP_23a", "Section 23(a)", RP * N_old / N_new, "redemption price per Right, scaled"),
        _f("XR_24a", "Section 24(a)", XR * N_old / N_new, "exchange ratio per Right, if scaled"),
        _f("Y_flip_over", "Section 13(a)", E * T / (k.half_13 * PP),
           "Principal Party shares per Right: Total Exercise Price / (the divisor x its price)", TEN_THOUSANDTH),
        _f("Q_exhibit_a2", "Exhibit A §2", Q_old * N_new / N_old, "Preferred outstanding after a Common split"),
        _f("D_pref", "Exhibit A §3", k.mult * sp.Symbol("d", positive=True, rational=True),
           "Preferred dividend per share: the multiple x the Common dividend", CENT),
        _f("cash_14c", "Section 14(c)", sp.Symbol("phi", positive=True, rational=True) * P,
           "cash for a fraction phi of a Common Share at the previous day's close"),
    ]


@lru_cache(maxsize=None)
def plan_formulas(plan: str = BUILTIN_PLAN) -> dict[str, Formula]:
    """One plan's formulas by name (a shipped plan's name or a terms file)."""
    return {f.name: f for f in formula_list(PlanNumbers.of(load_plan(plan)))}


_LIST = formula_list(_BUILTIN)
FORMULAS: dict[str, Formula] = {f.name: f for f in _LIST}


def cpsmp_value(closes: list[Decimal], factors: list[Fraction]) -> Fraction:
    """The Section 1(j) formula evaluated on one window's closing prices and restatement factors."""
    k = len(closes)
    expr = market_price(k).doit()
    subs = {c[j + 1]: _rat(closes[j]) for j in range(k)} | {a[j + 1]: _rat(factors[j]) for j in range(k)}
    out = expr.subs(subs)
    return Fraction(int(out.p), int(out.q))


def report() -> str:
    """Every formula in plain text, one a line."""
    return "\n".join(f.plain() for f in _LIST)


def main(argv: list[str] | None = None) -> int:
    """Print every formula as plain text, or as LaTeX with ``--latex``."""
    latex = "--latex" in (sys.argv[1:] if argv is None else argv)
    print("\n".join(f.latex() for f in _LIST) if latex else report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
