"""The economic identities are proved, and a broken formula is caught by some identity."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp

from rightsplan.proofs import identities
from rightsplan.solver import formulas
from rightsplan.solver.formulas import FORMULAS, E, N_new, N_old, P, T


def test_every_identity_is_proved() -> None:
    results = identities.run_all()
    assert len(results) >= 20
    assert [r.name for r in results if r.verdict != "PROVED"] == []


def test_the_runner_prints_a_table_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert identities.main() == 0
    out = capsys.readouterr().out
    assert "PROVED  tep_unchanged_11ai" in out and "0 FAILED" in out


def test_zero_refuses_an_expression_that_is_not_identically_zero() -> None:
    assert identities.zero(E * T - E * T)[0] is True
    assert identities.zero(E * T - E)[0] is False


BROKEN = {
    "flip_in_twice": ("X_flip_in", E * T / P),  # the 50% dropped
    "aggregate_unchanged_11n": ("E_11n", E * N_new / N_old),  # the fraction upside down
    "tep_unchanged_11ai": ("T_11ai", T),  # thousandths not multiplied
    "flip_over_twice": ("Y_flip_over", E / (P * sp.Rational(1, 2))),  # Exercise Price for Total Exercise Price
}


@pytest.mark.parametrize("identity_name", sorted(BROKEN))
def test_a_deliberately_broken_formula_fails_its_identity(identity_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    name, wrong = BROKEN[identity_name]
    monkeypatch.setitem(formulas.FORMULAS, name, replace(FORMULAS[name], expr=wrong))
    failed = {r.name for r in identities.run_all() if r.verdict == "FAILED"}
    assert identity_name in failed


def test_each_formula_renders_as_latex_and_plain_text_with_its_section() -> None:
    for f in FORMULAS.values():
        assert f.latex().startswith(sp.latex(sp.Symbol(f.name)))
        assert f.plain().endswith(f"[{f.section}]")
