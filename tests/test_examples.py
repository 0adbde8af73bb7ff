"""The worked examples in examples/ evaluate to what the agreement requires.

Each example carries ``description`` (the test's name) and ``expect`` (a subset of the
``evaluate --json`` keys, worked out by hand from the agreement text and docs/semantics.md).
The comparison is ``rightsplan.spec.expectations`` (the library behind ``rightsplan test``):
objects compare on the fields the example gives; lists of objects compare item by item on
the given fields; lists of names compare as sets.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rightsplan.spec.expectations import check_scenario
from rightsplan.spec.scenario import load_scenario

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CASES = [s for s in (load_scenario(p) for p in sorted(EXAMPLES.glob("*.yaml"))) if s.expect]


def test_there_are_at_least_twelve_worked_examples_about_ownership_and_board_actions() -> None:
    own = [s for s in CASES if not Path(s.source).name.startswith("econ-")]
    assert len(own) >= 12


@pytest.mark.parametrize("scenario", CASES, ids=lambda s: s.description or Path(s.source).stem)
def test_example(scenario: Any) -> None:
    checked = check_scenario(scenario)
    wrong = {c.key: {"expected": c.expected, "got": c.got} for c in checked.failures}
    assert checked.checks and wrong == {}, f"{scenario.source}: {wrong}"


OWN = [p for p in sorted(EXAMPLES.glob("*.yaml")) if not p.name.startswith("econ-")]


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.stem)
def test_every_example_opens_with_a_comment_and_carries_a_description_and_expectations(path: Path) -> None:
    scenario = load_scenario(path)
    assert path.read_text(encoding="utf-8").startswith("# ")
    assert scenario.description and scenario.expect


def test_every_example_states_its_answers_in_an_expect_block() -> None:
    paths = sorted(EXAMPLES.glob("*.yaml"))
    assert len(CASES) == len(paths) >= 71, [p.name for p in paths if not load_scenario(p).expect]


def test_example_descriptions_are_distinct_so_each_names_one_test() -> None:
    names = [s.description for s in CASES]
    assert len(names) == len(set(names))
