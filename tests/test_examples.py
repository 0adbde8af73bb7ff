"""The worked examples in examples/ evaluate to what the agreement requires.

Each example carries ``description`` (the test's name) and ``expect`` (a subset of the
``evaluate --json`` keys, worked out by hand from the agreement text and docs/semantics.md).
Objects compare on the fields the example gives; lists of objects compare item by item
on the given fields; lists of names compare as sets.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rightsplan.spec.evaluate import evaluate
from rightsplan.spec.scenario import load_scenario

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CASES = [s for s in (load_scenario(p) for p in sorted(EXAMPLES.glob("*.yaml"))) if s.expect]


def _plain(value: Any) -> Any:
    """Dates as ISO strings, numbers as strings, so YAML input compares with JSON output."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (int, float)) and not isinstance(value, bool) or hasattr(value, "as_tuple"):
        return str(value)
    return value


def _matches(key: str, expected: Any, got: Any) -> bool:
    if key == "acquiring_persons":
        return expected == got
    if isinstance(expected, dict):
        return isinstance(got, dict) and all(k in got and _plain(got[k]) == v for k, v in expected.items())
    if isinstance(expected, list) and all(isinstance(e, dict) for e in expected):
        return (
            isinstance(got, list)
            and len(got) == len(expected)
            and all(_matches(key, e, g) for e, g in zip(expected, got))
        )
    if isinstance(expected, list):
        return isinstance(got, list) and sorted(expected) == sorted(_plain(got))
    return expected == got


def test_there_are_at_least_twelve_worked_examples_about_ownership_and_board_actions() -> None:
    own = [s for s in CASES if not Path(s.source).name.startswith("econ-")]
    assert len(own) >= 12


@pytest.mark.parametrize("scenario", CASES, ids=lambda s: s.description or Path(s.source).stem)
def test_example(scenario: Any) -> None:
    got = _plain(evaluate(scenario).to_json())
    wrong = {
        key: {"expected": value, "got": got.get(key)}
        for key, value in _plain(dict(scenario.expect)).items()
        if key not in got or not _matches(key, value, got[key])
    }
    assert wrong == {}, f"{scenario.source}: {wrong}"


OWN = [p for p in sorted(EXAMPLES.glob("*.yaml")) if not p.name.startswith("econ-")]


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.stem)
def test_every_example_opens_with_a_comment_and_carries_a_description_and_expectations(path: Path) -> None:
    scenario = load_scenario(path)
    assert path.read_text(encoding="utf-8").startswith("# ")
    assert scenario.description and scenario.expect


def test_example_descriptions_are_distinct_so_each_names_one_test() -> None:
    names = [s.description for s in CASES]
    assert len(names) == len(set(names))
