"""Deliberately broken variants of the reference implementation, each caught by the worked examples.

House style 11: a threshold moved, a carve-out deleted, ``>=`` turned into ``>`` must each be
caught.  Each mutant below replaces one function of ``spec/`` for the duration of a test; the
test evaluates every example that states its expectations and requires at least one of them
to come out wrong.  A mutant no example catches means the examples do not pin that rule down.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import importlib

import pytest

from rightsplan.spec import acquiring_person, board, distribution_date, exchange, ownership, redemption
from rightsplan.spec.scenario import load_scenario
from rightsplan.spec.void_rights import VoidRights

# the module, not the function of the same name that the package exports
engine = importlib.import_module("rightsplan.spec.evaluate")
_void = VoidRights.void

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


def _strict_at_least(self: Any, unit: str, threshold: Fraction) -> bool:
    return self.owned(unit) * threshold.denominator > threshold.numerator * self.denominator(unit)


def _walden_at_15(self: Any, own: Any, unit: str) -> Fraction:
    return self.plan.acquiring_person_threshold


def _shield_without_mark(original: Callable[..., Any]) -> Callable[..., Any]:
    def mutant(self: Any, own: Any, unit: str, change: Any) -> Any:
        notes = original(self, own, unit, change)
        self.marked.clear()
        return notes
    return mutant


def _calendar_days(self: Any, started: Any, extended_to: Any, sad_clause: bool) -> Any:
    return self.calendar.close_of_business(started + timedelta(days=self.plan.distribution_business_days))


MUTANTS: dict[str, tuple[Any, str, Callable[..., Any]]] = {
    "15% or more read as more than 15%": (ownership.Ownership, "at_least", _strict_at_least),
    "H&Q not carved out": (acquiring_person.Status, "can_be_acquiring", lambda self, role: not role.exempt),
    "exempt persons not carved out": (acquiring_person.Status, "can_be_acquiring", lambda self, role: role.value != "hq"),
    "Walden's 20% proviso deleted": (acquiring_person.Status, "threshold", _walden_at_15),
    "Walden's ratchet deleted": (acquiring_person.Status, "track_ratchets", lambda self, own, change: []),
    "repurchase carve-out deleted": (acquiring_person.Status, "mark_repurchase", lambda self, own, unit, change: []),
    "repurchase deeming rule deleted": (acquiring_person.Status, "mark_repurchase",
                                        _shield_without_mark(acquiring_person.Status.mark_repurchase)),
    "grandfathering deleted": (acquiring_person.Status, "grandfather", lambda self, own, index: []),
    "inadvertence cure deleted": (engine._Engine, "check_inadvertence", lambda self, e: None),
    "50% exchange bar deleted": (engine, "reaches_bar", lambda own, unit, plan: False),
    "exchange allowed before a Triggering Event": (
        board, "refuse_exchange", lambda kind, trig, barred, any_ap, *bar: exchange.refuse_exchange(kind, trig or True, barred, any_ap, *bar)),
    "redemption window ignores the Shares Acquisition Date": (
        engine._Engine, "deadline", lambda self: redemption.redemption_deadline(self.plan, self.cal, None, None)),
    "tenth Business Day counted in calendar days": (distribution_date.DistributionClock, "_scheduled", _calendar_days),
    "void Rights of affiliates forgotten": (VoidRights, "void", lambda self, ap, holders: _void(self, ap, [ap])),
}


def wrong_examples() -> list[str]:
    wrong = []
    for path in EXAMPLES:
        s = load_scenario(path)
        if not s.expect:
            continue
        got = engine.evaluate(s).to_json()
        for key, value in s.expect.items():
            if _plain(value) != _plain_key(key, got.get(key), value):
                wrong.append(f"{path.name}:{key}")
                break
    return wrong


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if value is None or isinstance(value, (bool, int, str)) else str(value)


def _plain_key(key: str, got: Any, expected: Any) -> Any:
    """The output, cut to the fields the expectation names (lists of objects compare on those fields)."""
    if isinstance(expected, list) and isinstance(got, list) and expected and isinstance(expected[0], dict):
        return [{k: _plain(g.get(k)) for k in e} for e, g in zip(expected, got)] + (
            [None] * (len(got) - len(expected)) if len(got) > len(expected) else [])
    if isinstance(expected, dict) and isinstance(got, dict) and key not in ("acquiring_persons",):
        return {k: _plain(got.get(k)) for k in expected}
    return _plain(got)


def test_the_unmutated_specification_meets_every_example():
    assert wrong_examples() == []


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_each_broken_variant_is_caught_by_some_example(name: str, monkeypatch: pytest.MonkeyPatch):
    target, attr, replacement = MUTANTS[name]
    monkeypatch.setattr(target, attr, replacement)
    assert wrong_examples(), f"no example catches the mutant: {name}"


# -- the checked set of legal-logic mutants (proofs/mutants_set.py) ---------------------------

from rightsplan.proofs.mutants_sandbox import CHECKOUT, MutantRotted, Sandbox  # noqa: E402
from rightsplan.proofs.mutants_set import DEFECTS, SOLVER, SPEC, Mutant, Patch  # noqa: E402
from rightsplan.proofs.mutants_set import MUTANTS as SOURCE_MUTANTS  # noqa: E402
from rightsplan.spec.citations import cite  # noqa: E402


def test_the_set_has_at_least_40_mutants_in_each_layer_named_by_a_known_section():
    assert len(SPEC) >= 40 and len(SOLVER) >= 30
    assert {m.layer for m in SPEC} == {"spec"} and {m.layer for m in SOLVER} == {"solver"}
    for m in SOURCE_MUTANTS:
        cite(m.section)  # raises for an unknown or malformed citation
        assert m.name[:2].rstrip("_").isdigit() or m.name[0].isdigit(), f"{m.name}: name it after its section"


@pytest.mark.parametrize("mutant", SOURCE_MUTANTS, ids=lambda m: m.name)
def test_each_mutant_still_matches_the_source_exactly_once(mutant: Mutant):
    for patch in mutant.patches:
        text = (CHECKOUT / patch.path).read_text()
        assert text.count(patch.old) == 1, (
            f"{mutant.name}: {patch.path} no longer holds its snippet exactly once: update proofs/mutants_set.py")
        assert patch.old != patch.new


def test_every_defect_of_issue_8_is_a_mutant():
    assert sorted(DEFECTS) == list("abcdefgh")
    assert set(DEFECTS.values()) <= {m.name for m in SOURCE_MUTANTS}


@pytest.fixture(scope="module")
def sandbox():
    box = Sandbox(label="test")
    yield box
    box.remove()


def test_a_sandbox_imports_rightsplan_from_its_own_copy(sandbox: Sandbox):
    where = sandbox.probe()
    assert all(f.startswith(str(sandbox.root)) for f in where.values()), where
    assert not str(sandbox.root).startswith(str(CHECKOUT))


def test_a_mutant_changes_the_copy_and_never_the_checkout(sandbox: Sandbox):
    mutant = next(m for m in SOURCE_MUTANTS if m.name == "1a_threshold_gt_spec")
    before = (CHECKOUT / "spec/ownership.py").read_text()
    sandbox.apply(mutant)
    assert mutant.patches[0].new in (sandbox.root / "spec/ownership.py").read_text()
    assert (CHECKOUT / "spec/ownership.py").read_text() == before


def test_a_mutant_whose_snippet_is_gone_fails_loudly(sandbox: Sandbox):
    rotted = Mutant("1a_gone", "Section 1(a)", "a snippet no file holds",
                    (Patch("spec/ownership.py", "this text is in no file", "x"),))
    with pytest.raises(MutantRotted, match="occurs 0 times; expected exactly once"):
        sandbox.apply(rotted)
