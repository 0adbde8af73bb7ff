"""The identities the drafting of Sections 11, 13, 23, 24 and Exhibit A intends, proved with SymPy.

Each identity is an expression over positive rationals that ``cancel``/``expand`` reduce
to zero (an algebraic proof for all inputs, never a numeric spot check), or a bound proved
by maximising a linear expression over the interval a rounding error lies in.  Where the
words do not give the identity one might expect, the identity states what they do give.
``main()`` prints every identity with PROVED or FAILED and exits non-zero on any FAILED.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from rightsplan.solver.formulas import (
    CENT, E, E0, E1, F1, F2, FORMULAS, MULT, N_new, N_old, O, P, PP, PREF_THOUSANDTHS_STEP, Q_old, R, RP,
    TEN_THOUSANDTH, XR, K, M, S, T, V, p,
)
from rightsplan.spec.citations import cite


@dataclass(frozen=True)
class Result:
    name: str
    sections: tuple[str, ...]
    statement: str
    verdict: str  # PROVED | FAILED
    how: str


_CHECKS: list[Callable[[], Result]] = []


def identity(name: str, sections: tuple[str, ...], statement: str):
    """Register a check whose body returns (ok, how)."""
    cited = tuple(cite(s) for s in sections)

    def wrap(fn: Callable[[], tuple[bool, str]]) -> Callable[[], Result]:
        def run() -> Result:
            ok, how = fn()
            return Result(name, cited, statement, "PROVED" if ok else "FAILED", how)

        _CHECKS.append(run)
        return run

    return wrap


def zero(*exprs: sp.Expr) -> tuple[bool, str]:
    """Each expression is identically zero: ``cancel(expand(e)) == 0``."""
    ok = all(sp.cancel(sp.expand(e)) == 0 for e in exprs)
    return ok, "cancel(expand(lhs - rhs)) == 0 for " + "; ".join(sp.sstr(e) for e in exprs)


def f(name: str) -> sp.Expr:
    return FORMULAS[name].expr


theta, delta1, delta2 = sp.symbols("theta delta_1 delta_2", real=True)
step = sp.Symbol("step", positive=True)


def rounding_error_range(size: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """Range of round_half_up(x) - x for a rounding step ``size`` (as max, min over theta in [0, 1]).

    round_half_up(x) = size * floor(x/size + 1/2) = size * (x/size + 1/2 - theta), where
    theta is the fractional part of x/size + 1/2, in [0, 1); so the error is size/2 - size*theta.
    """
    err = sp.expand(size * (sp.Symbol("x") / size + sp.Rational(1, 2) - theta) - sp.Symbol("x"))
    box = sp.Interval(0, 1)
    return sp.maximum(err, theta, box), sp.minimum(err, theta, box)


@identity("tep_unchanged_11ai", ("Section 11(a)(i)", "Section 4(a)"),
          "A Preferred split leaves the Total Exercise Price of a Right unchanged: (E/F)(T F) = E T.")
def _tep_11ai() -> tuple[bool, str]:
    return zero(f("E_11ai") * f("T_11ai") - E * T)


@identity("aggregate_unchanged_11n", ("Section 11(n)",),
          "A Common split leaves the aggregate exercise price of all Rights unchanged: "
          "(N_new R)(E N_old/N_new) T = (N_old R) E T.")
def _aggregate_11n() -> tuple[bool, str]:
    return zero(N_new * f("R_11n") * f("E_11n") * f("T_11n") - N_old * R * E * T)


@identity("flip_in_twice", ("Section 11(a)(ii)",),
          "The flip-in shares are worth twice the Total Exercise Price at the price used (twice the "
          "Exercise Price while a Right buys one one-thousandth): X P = 2 E T.")
def _flip_in() -> tuple[bool, str]:
    return zero(f("X_flip_in") * P - 2 * E * T, (f("X_flip_in") * P).subs(T, 1) - 2 * E)


@identity("flip_in_payment_words", ("Section 11(a)(ii)", "Section 7(a)"),
          "The words do not give 'worth twice the Exercise Price' once a Right buys T != 1 one-thousandths: "
          "11(a)(ii) has the holder pay 'the Exercise Price' E but sizes the shares on E T, so the shares are "
          "worth 2 T times the payment (twice it only when T = 1).")
def _flip_in_payment() -> tuple[bool, str]:
    ok, how = zero(f("X_flip_in") * P / E - 2 * T)
    return ok and sp.solve(sp.Eq(2 * T, 2), T) == [1], how + "; 2 T = 2 only for T = 1"


@identity("flip_in_after_split_same_claim", ("Section 11(n)", "Section 11(a)(ii)", "Section 1(j)"),
          "A Common split before the Triggering Event leaves the flip-in claim behind each pre-split Common "
          "Share unchanged (in pre-split shares), given the 1(j) restatement of the older prices: "
          "(R N_new/N_old) X(E N_old/N_new, P N_old/N_new) N_old/N_new = R X(E, P).")
def _flip_in_split() -> tuple[bool, str]:
    k = N_old / N_new
    after = f("X_flip_in").subs({E: E * k, P: P * k}, simultaneous=True)
    return zero(R * (N_new / N_old) * after * k - R * f("X_flip_in"))


@identity("flip_over_twice", ("Section 13(a)",),
          "The flip-over shares are worth twice the Total Exercise Price: Y P_PP = 2 E T.")
def _flip_over() -> tuple[bool, str]:
    return zero(f("Y_flip_over") * PP - 2 * E * T)


@identity("successive_adjustments_compose", ("Section 11(a)(i)", "Section 11(n)", "Section 11(d)"),
          "Two successive adjustments equal one by the product of their fractions (Exercise Price and "
          "one-thousandths under 11(a)(i); Exercise Price under 11(n); the 11(d) carried price).")
def _compose() -> tuple[bool, str]:
    q0, q1, q2, n0, n1, n2 = sp.symbols("q0 q1 q2 n0 n1 n2", positive=True, rational=True)
    e_ai = lambda e, a, b: e / (b / a)  # noqa: E731 - the 11(a)(i) formula with outstanding a -> b
    return zero(
        e_ai(e_ai(E, q0, q1), q1, q2) - e_ai(E, q0, q2),
        T * (q1 / q0) * (q2 / q1) - T * (q2 / q0),
        E * (n0 / n1) * (n1 / n2) - E * (n0 / n2),
        (E * F1) * F2 - E * (F1 * F2),
    )


@identity("g_and_h_same_claim", ("Section 11(g)", "Section 11(h)"),
          "11(g) (more Preferred per Right) and 11(h) (more Rights) give a holder the same Preferred "
          "for the same total price: T E0/E1 thousandths for E0 T either way.")
def _g_h() -> tuple[bool, str]:
    g_pref, g_pay = f("T_11g"), E1 * f("T_11g")
    h_pref, h_pay = f("r_11h") * T, f("r_11h") * T * E1
    return zero(g_pref - h_pref, g_pay - h_pay, g_pay - E0 * T)


@identity("rights_claim_11n", ("Section 11(n)", "Exhibit A §2", "Exhibit A §3"),
          "After a Common split, the Rights behind each pre-split Common Share buy the same Preferred claim "
          "(counted in pre-split Common Shares) for the same price; Exhibit A §2 does not enter, because "
          "§3's multiple of 1,000 is per current Common Share.")
def _rights_claim() -> tuple[bool, str]:
    rights = R * N_new / N_old
    claim = rights * f("T_11n") / 1000 * MULT * N_old / N_new
    return zero(claim - R * T * MULT / 1000, rights * f("E_11n") * f("T_11n") - R * E * T)


@identity("preferred_claim_with_exhibit_a2", ("Exhibit A §2", "Exhibit A §3"),
          "With Exhibit A §2, an outstanding Preferred holding keeps its claim in pre-split Common Shares.")
def _with_a2() -> tuple[bool, str]:
    return zero(f("Q_exhibit_a2") * MULT * N_old / N_new - Q_old * MULT)


@identity("preferred_claim_without_exhibit_a2", ("Exhibit A §2", "Exhibit A §3"),
          "Without Exhibit A §2, an outstanding Preferred holding's claim in pre-split Common Shares would "
          "be multiplied by N_old/N_new (halved by a 2-for-1 split); the factor is 1 only if N_new = N_old.")
def _without_a2() -> tuple[bool, str]:
    ratio = (Q_old * MULT * N_old / N_new) / (Q_old * MULT)
    ok, how = zero(ratio - N_old / N_new)
    only = sp.solve(sp.Eq(ratio, 1), N_new)
    return ok and only == [N_old], how + f"; ratio = 1 only for N_new in {only}"


@identity("proviso_11ai_prevents_double_count", ("Section 11(a)(i)", "Section 11(n)", "Exhibit A §2"),
          "Were 11(a)(i) also applied to the Preferred split that Exhibit A §2 makes with a Common split, "
          "the Rights' claim per pre-split Common Share would be multiplied by N_new/N_old; the proviso of "
          "11(a)(i) ('no such adjustment ... to the extent ... Section 11(n)') prevents it.")
def _proviso() -> tuple[bool, str]:
    adj = N_new / N_old
    rights = R * N_new / N_old
    claim = rights * (T * adj) / 1000 * MULT * N_old / N_new
    return zero(claim / (R * T * MULT / 1000) - N_new / N_old)


@identity("exchange_ratio_reading", ("Section 24(a)", "Section 11(n)"),
          "Under the reading exchange_ratio_adjustment: unchanged, a holder's exchange claim per pre-split "
          "Common Share is unchanged by a split; under 'scaled' it would be multiplied by N_old/N_new.")
def _exchange() -> tuple[bool, str]:
    rights = R * N_new / N_old
    unchanged = rights * XR * N_old / N_new
    scaled = rights * f("XR_24a") * N_old / N_new
    return zero(unchanged - R * XR, scaled / (R * XR) - N_old / N_new)


@identity("redemption_aggregate_11n", ("Section 23(a)", "Section 11(n)"),
          "Under redemption_price_adjustment: scaled, the aggregate redemption price of all Rights is "
          "unchanged by a split.")
def _redemption() -> tuple[bool, str]:
    return zero(R * N_new * f("RP_23a") - R * N_old * RP)


@identity("deemed_preferred_price_literal", ("Section 1(j)", "Exhibit A §2", "Exhibit A §3"),
          "After splits K = N_new/N_old, the literal 1(j) deemed Preferred price (1,000 x the Common price "
          "restated to the agreement date's basis) is K times 1,000 current Common Shares, the worth Exhibit "
          "A §2-§3 give a Preferred Share; reading preferred_price_split_adjustment: none removes the factor.")
def _deemed() -> tuple[bool, str]:
    literal = f("M_deemed").subs(K, N_new / N_old)
    return zero(literal / (MULT * P) - N_new / N_old)


@identity("rights_offering_lowers_price", ("Section 11(b)",),
          "The 11(b) fraction is below 1 exactly when the offering price p is below the market price M: "
          "1 - f = S (M - p) / (M (O + S)).")
def _factor_11b() -> tuple[bool, str]:
    return zero(1 - f("f_11b") - S * (M - p) / (M * (O + S)))


@identity("distribution_removes_value", ("Section 11(c)",),
          "The 11(c) adjustment lowers the Exercise Price by the distributed share of the Preferred's "
          "value: E - E' = E V / M.")
def _factor_11c() -> tuple[bool, str]:
    return zero(E - f("E_11c") - E * V / M)


@identity("rounding_error_half_step", ("Section 11(d)",),
          "Rounding to the nearest step (ties up) moves a figure by at most half a step: "
          "round(x) - x lies in (-step/2, step/2].")
def _lemma() -> tuple[bool, str]:
    hi, lo = rounding_error_range(step)
    ok = sp.simplify(hi - step / 2) == 0 and sp.simplify(lo + step / 2) == 0
    return ok, f"error = step/2 - step*theta, theta in [0,1): max {hi}, min {lo} (attained only at theta=1)"


@identity("carry_forward_no_drift", ("Section 11(d)",),
          "With the exact carry (reading section_11_rounding: result_only) the carried price after any "
          "adjustments is E F1 F2 ... exactly, and the price put in effect is it to the nearest cent: never "
          "more than half a cent from the unrounded value, however many adjustments came before.")
def _carry_exact() -> tuple[bool, str]:
    carried = (E * F1) * F2
    ok1, how = zero(carried - E * F1 * F2)
    hi, lo = rounding_error_range(CENT)
    ok2 = hi == CENT / 2 and lo == -CENT / 2
    return ok1 and ok2, how + f"; in-effect minus carried lies in [{lo}, {hi}] by the rounding lemma"


@identity("carry_forward_each_calculation_drift", ("Section 11(d)",),
          "Rounding the carried price at every calculation (reading each_calculation) lets errors compound: "
          "after two steps the drift is F2 d1 + d2 (|d| <= 1/2 cent), up to (1 + F2)/2 cents -- more than one "
          "cent once F2 > 1, e.g. after a 1-for-3 combination.")
def _carry_each() -> tuple[bool, str]:
    c1 = E * F1 + delta1
    c2 = c1 * F2 + delta2
    ok, how = zero(c2 - E * F1 * F2 - (F2 * delta1 + delta2))
    bound = sp.maximum(F2 * delta1 + delta2, delta1, sp.Interval(-CENT / 2, CENT / 2)).subs(delta2, CENT / 2)
    ok2 = sp.simplify(bound - (1 + F2) * CENT / 2) == 0
    return ok and ok2, how + f"; max over d1, d2 = {bound}"


@identity("tep_11g_rounding_bound", ("Section 11(g)", "Section 11(d)"),
          "11(g) keeps the Total Exercise Price exactly before rounding (E1 T E0/E1 = E0 T); rounding the "
          "Preferred to 1/100,000 of a share moves it by at most E1/200 (half of 1/100 one-thousandth).")
def _tep_11g() -> tuple[bool, str]:
    ok1, how = zero(E1 * f("T_11g") - E0 * T)
    hi, lo = rounding_error_range(PREF_THOUSANDTHS_STEP)
    ok2 = sp.simplify(E1 * hi - E1 / 200) == 0 and sp.simplify(E1 * lo + E1 / 200) == 0
    return ok1 and ok2, how + f"; E1 x rounding error lies in [{E1 * lo}, {E1 * hi}]"


@identity("flip_in_rounding_bound", ("Section 11(a)(ii)", "Section 11(d)"),
          "Rounding the flip-in shares to the nearest ten-thousandth moves their value at the price used "
          "from 2 E T by at most P/20000.")
def _flip_in_bound() -> tuple[bool, str]:
    hi, lo = rounding_error_range(TEN_THOUSANDTH)
    ok = sp.simplify(P * hi - P / 20000) == 0 and sp.simplify(P * lo + P / 20000) == 0
    return ok, f"X_rounded P - 2 E T = P x error, error in [{lo}, {hi}]"


def run_all() -> list[Result]:
    """Every identity, in the order registered."""
    return [check() for check in _CHECKS]


def table(results: list[Result]) -> str:
    width = max(len(r.name) for r in results)
    lines = [f"{r.verdict:<7} {r.name:<{width}}  {', '.join(r.sections)}\n        {r.statement}" for r in results]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print every identity with PROVED or FAILED; exit 1 if any FAILED."""
    results = run_all()
    print(table(results))
    failed = [r for r in results if r.verdict != "PROVED"]
    print(f"\n{len(results) - len(failed)} PROVED, {len(failed)} FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
