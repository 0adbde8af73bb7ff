"""The scaling argument of solver/scaling.py: made for the model and every property, and able to fail.

Each mistake below would let a proof about the model's five split ratios say nothing about a
split of another ratio (or about the same history in other units); the check must name it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pytest
import z3

import rightsplan.solver.status as model_status
import rightsplan.solver.step as model_step
import rightsplan.solver.system as model_system
from rightsplan.proofs.catalogue import BY_ID
from rightsplan.proofs.labels import every_split_ratio
from rightsplan.solver import scaling
from rightsplan.solver.model import Config
from rightsplan.spec.terms import shipped_plans


@dataclass(frozen=True)
class Prop:
    """The part of a catalogue Property the check reads."""

    id: str
    holds: Callable[[Any], Any]
    engine: str = "step"


def problems(cfg: Config | None = None) -> list[str]:
    return scaling.model_report(cfg or Config()).problems


# -- the argument is made ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", shipped_plans())
def test_the_argument_is_made_for_every_shipped_plans_model(plan: str) -> None:
    report = scaling.model_report(Config(plan=plan))
    assert report.problems == []
    n = Config(plan=plan).persons
    # held, options, owned at crossing per person and the outstanding count are restated at a split (and, on a
    # plan with an allowance, the shares owned on the grandfathering date)
    allowance = Config(plan=plan).lines.allowance != 0
    assert report.split_equations == 3 * n + 1 + (n if allowance else 0)
    assert report.atoms > 1000


def test_the_argument_is_made_for_every_property_of_the_catalogue_under_its_readings() -> None:
    for p in BY_ID.values():
        cfg = Config().with_readings(**p.readings)
        assert scaling.every_ratio(cfg, p) == [], p.id


def test_the_any_clock_model_is_scale_invariant_too() -> None:
    """verify proves with the fifth day as an uninterpreted function of the date index when it can."""
    assert problems(Config(clock="any")) == []


# -- the argument fails on a mistake ----------------------------------------------------------------------------


def test_shares_owned_at_crossing_left_unrestated_by_a_split_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 8's defect (a) in the model: the cure compares post-split holdings with pre-split crossing shares."""
    monkeypatch.setattr(model_status, "split_real", lambda st, x: x)
    found = problems()
    assert found and all("owned_at_crossing" in p for p in found)
    assert any("[split]" in p for p in found)


def test_a_split_that_ignores_its_ratio_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_system, "split_to", lambda st, before, after: after == 2 * before)
    found = problems()
    assert found and any("b.held0" in p for p in found)


def test_an_absolute_share_count_in_a_rule_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    """'15% or more' as 15% of the shares outstanding plus 1,000 shares: a line no scaling keeps."""
    real = model_step.at_least

    def at_least(z: Any, s: Any, n: int, i: int, level: Any, extra: Any = 0, scale: int = 100) -> Any:
        return z.And(real(z, s, n, i, level, extra, scale), s.held[i] >= 1000)

    monkeypatch.setattr(model_step, "at_least", at_least)
    found = problems()
    assert any(">= 1000" in p for p in found)


def test_a_property_with_an_absolute_count_or_a_count_in_a_date_is_seen() -> None:
    cfg = Config()
    absolute = Prop("absolute", lambda st: st.z.Implies(st.s2.acquiring[0], st.s2.held[0] >= 150))
    in_date = Prop("in_date", lambda st: st.e.day <= st.s.held[0] + st.s.today)
    assert any(">= 150" in p for p in scaling.every_ratio(cfg, absolute))
    assert scaling.every_ratio(cfg, in_date)
    fine = Prop("fine", lambda st: st.z.Implies(st.s2.acquiring[0], 100 * st.s2.held[0] >= 15 * st.s2.outstanding))
    assert scaling.every_ratio(cfg, fine) == []


def test_a_property_comparing_counts_across_a_split_is_seen() -> None:
    """'Holdings never fall unless sold' compares the counts before and after a split: true of 2:1, not of 1:3."""
    cfg = Config()
    prop = Prop("no_fall", lambda st: st.z.Or(st.kind["dispose"], st.s2.held[0] >= st.s.held[0]))
    found = scaling.every_ratio(cfg, prop)
    assert found and all("[split]" in p for p in found)


def test_verify_fails_a_proof_the_argument_does_not_reach() -> None:
    r: dict[str, Any] = {"id": "x", "status": "PROVED", "detail": "1-induction"}
    every_split_ratio(r, Config(), Prop("absolute", lambda st: st.s2.held[0] >= 150))
    assert r["scaling"] and r["detail"] == "1-induction"
    ok: dict[str, Any] = {"id": "y", "status": "PROVED", "detail": "1-induction"}
    every_split_ratio(ok, Config(), Prop("fine", lambda st: st.s2.held[0] >= 0))
    assert "scaling" not in ok and ok["detail"] == "1-induction; every split ratio, by scaling"


# -- the atoms, one by one --------------------------------------------------------------------------------------


def atoms(f: Any, split: bool = False) -> scaling.Atoms:
    a = scaling.Atoms(scaling.BEFORE - ({"e"} if split else set()), scaling.AFTER, split=split)
    a.formula(f)
    return a


H, O, B = z3.Int("a.held0"), z3.Int("a.outstanding"), z3.Int("b.held0")
X, Y = z3.Real("a.owned_at_crossing0"), z3.Real("b.owned_at_crossing0")
DAY, SHARE = z3.Int("e.day"), z3.Real("a.share_at_grandfathering0")


@pytest.mark.parametrize("f, ok", [
    (100 * H >= 15 * O, True),                  # a percentage of the shares outstanding
    (H >= 1, True), (H > 0, True), (1 <= H, True), (H < 1, True),  # sign tests over the integers
    (H >= 2, False), (H <= 5, False),           # an absolute count
    (X >= 1, False),                            # over the reals x >= 1 is no sign test
    (SHARE * O <= H, True),                     # a fraction (not scaled) times a count
    (H * O >= 3, False),                        # degree 2 against degree 0
    (H * H >= O * O, True),                     # degree 2 on both sides
    (DAY <= 30, True),                          # a date alone
    (DAY <= H, False),                          # a count in a date
    (z3.If(DAY > 3, H, O) >= 0, True),
    (z3.If(DAY > 3, H, 5) >= 3, False),
])
def test_atoms(f: Any, ok: bool) -> None:
    assert (atoms(f).problems == []) is ok


N, D = scaling.RATIO_NEW, scaling.RATIO_OLD


@pytest.mark.parametrize("f, ok", [
    (D * B == N * H, True),                     # a split equation
    (N * H == D * B, True),
    (Y == X * z3.ToReal(N) / z3.ToReal(D), True),
    (D * B == N * H + 1, False),
    (B == 2 * H, False),                        # the wrong ratio
    (N * B == D * H, False),                    # the ratio upside down
    (D * z3.Int("b.options0") == N * H, False),  # a different count after
    (B >= H, False),                            # counts before and after compared
    (100 * B >= 15 * z3.Int("b.outstanding"), True),  # after only
    (Y == z3.If(DAY > 3, z3.ToReal(B), X * z3.ToReal(N) / z3.ToReal(D)), True),  # the crossing shares' If
])
def test_atoms_of_a_split_step(f: Any, ok: bool) -> None:
    assert (atoms(f, split=True).problems == []) is ok


def test_every_number_field_of_the_model_is_classified_count_or_not() -> None:
    from rightsplan.solver.model import GLOBAL_INT, INPUT_INT, PERSON_INT, PERSON_REAL

    fields = {*GLOBAL_INT, *INPUT_INT, *PERSON_INT, *PERSON_REAL}
    assert fields == {*scaling.COUNT_FIELDS, *scaling.NOT_COUNTS}
    assert not set(scaling.COUNT_FIELDS) & set(scaling.NOT_COUNTS)
    assert atoms(z3.Int("a.rights_held0") >= 100).problems  # a field nobody classified is refused


def test_a_count_declared_not_a_count_would_hide_an_absolute_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The classification matters: with ``held`` taken for a date, ``held >= 1000`` would pass."""
    assert atoms(H >= 1000).problems
    monkeypatch.setattr(scaling, "COUNT_FIELDS", tuple(f for f in scaling.COUNT_FIELDS if f != "held"))
    monkeypatch.setattr(scaling, "NOT_COUNTS", (*scaling.NOT_COUNTS, "held"))
    assert atoms(H >= 1000).problems == []
