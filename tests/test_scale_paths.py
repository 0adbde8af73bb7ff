"""The paths taken for long histories give what the ordinary paths give (issue 10, item 4).

A JSON file's parsed events are consumed as they are validated (``load_scenario``); an event's
person is the declared name itself; the cycle collector is paused during validation and
evaluation and left as it was found.  Each is checked against the plain route.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from rightsplan.spec import evaluate, scenario_from_data
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.scenario import load_scenario
from rightsplan.spec.yamlio import load_yaml_file

EXAMPLE = Path(__file__).parent.parent / "examples" / "buyback-then-one-more-share.yaml"


def _as_json(data: dict, tmp_path: Path) -> Path:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data, default=str))
    return path


def _history() -> dict:
    return {
        "outstanding": 1000, "persons": {"a": {}, "b": {}}, "holdings": {"a": 10},
        "events": [{"date": "2003-06-02", "type": "acquire", "person": "a", "shares": 5},
                   {"date": "2003-06-03", "type": "dispose", "person": "a", "shares": 3},
                   {"date": "2003-06-04", "type": "option", "person": "b", "shares": 7}],
    }


def test_a_consumed_json_file_gives_the_scenario_the_data_gives(tmp_path: Path) -> None:
    data = _history()
    from_file = load_scenario(_as_json(data, tmp_path))
    from_data = scenario_from_data(data, from_file.source)
    assert from_file.events == from_data.events
    assert evaluate(from_file).to_json() == evaluate(from_data).to_json()


def test_validating_data_does_not_change_the_callers_data() -> None:
    data = _history()
    before = json.dumps(data)
    scenario_from_data(data, "<test>")
    assert json.dumps(data) == before


def test_an_event_names_the_declared_person_string_itself() -> None:
    data = _history()
    data["events"][0]["person"] = "".join(["a"])  # equal to the declared name, another object
    scenario = scenario_from_data(data, "<test>")
    declared = next(name for name in scenario.persons if name == "a")
    assert scenario.events[0]["person"] is declared


@pytest.mark.parametrize("bad, message", [
    ({"date": "2003-06-05", "type": "dispose", "person": "a", "shares": 99}, "at most 12, the shares a holds"),
    ({"date": "2003-06-05", "type": "acquire", "person": "z", "shares": 1}, "a person declared under persons"),
])
def test_a_consumed_json_file_refuses_as_the_data_does(tmp_path: Path, bad: dict, message: str) -> None:
    data = _history()
    data["events"].append(bad)
    path = _as_json(data, tmp_path)
    with pytest.raises(ScenarioError) as from_file:
        load_scenario(path)
    with pytest.raises(ScenarioError) as from_data:
        scenario_from_data(json.loads(path.read_text()), str(path))
    assert message in str(from_file.value)
    assert str(from_file.value) == str(from_data.value)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_left_as_it_was_found(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        evaluate(scenario_from_data(load_yaml_file(EXAMPLE), str(EXAMPLE)))
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
