"""Malformed scenarios are refused before evaluation, with file, place, value and expectation."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rightsplan.spec import ScenarioError, scenario_from_data
from rightsplan.spec.scenario_schema import FIELD_KINDS, schema_text
from rightsplan.spec.vocabulary import EVENT_KINDS
from rightsplan.spec.yamlio import load_yaml_file

GOOD: dict[str, Any] = {
    "outstanding": 1000,
    "persons": {"acme": {}, "beta": {}},
    "holdings": {"acme": 100},
    "events": [
        {"date": "2003-06-02", "type": "acquire", "person": "acme", "shares": 50},
        {"date": "2003-06-03", "type": "dispose", "person": "acme", "shares": 10},
    ],
}


def with_change(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


BAD = [
    ("unknown person", with_change("events.0.person", "zed"), "events[0].person", "declared under persons"),
    ("negative shares", with_change("events.0.shares", -5), "events[0].shares", "an integer >= 1"),
    ("zero shares", with_change("events.0.shares", 0), "events[0].shares", "an integer >= 1"),
    ("fractional shares", with_change("events.0.shares", 1.5), "events[0].shares", "an integer >= 1"),
    ("shares as text", with_change("events.0.shares", "ten"), "events[0].shares", "an integer >= 1"),
    ("holdings above outstanding", with_change("holdings.acme", 1001), "holdings", "at most outstanding"),
    ("dates out of order", with_change("events.1.date", "2003-06-01"), "events[1].date", "chronological"),
    ("unknown event type", with_change("events.0.type", "gift"), "events[0].type", "one of acquire"),
    ("unknown event field", with_change("events.0.price", 3), "events[0].price", "only the fields of acquire"),
    ("missing required field", with_change("events.0", {"date": "2003-06-02", "type": "acquire", "person": "acme"}),
     "events[0].shares", "required field shares"),
    ("not a date", with_change("events.0.date", "June 2"), "events[0].date", "ISO date"),
    ("date outside the calendar", with_change("events.0.date", "2036-01-07"), "events[0].date", "between"),
    ("zero outstanding", with_change("outstanding", 0), "outstanding", "an integer >= 1"),
    ("unknown role", with_change("persons.beta", {"role": "pirate"}), "persons.beta.role", "one of the roles of plan digitalthink-2003: ordinary"),
    ("unknown top-level key", with_change("colour", "red"), "colour", "one of the scenario keys"),
    ("unknown reading", with_change("interpretation", {"mood": "x"}), "interpretation.mood", "one of"),
    ("bad reading value", with_change("interpretation", {"partial_exchange_expires": "maybe"}),
     "interpretation.partial_exchange_expires", "one of no, yes"),
    ("selling more than held", with_change("events.1.shares", 151), "events[1].shares", "at most 150"),
    ("buying more than the float", with_change("events.0.shares", 901), "events[0].shares", "at most 900"),
    ("bad exchange portion", with_change("events.1", {"date": "2003-06-03", "type": "exchange", "portion": 2}),
     "events[1].portion", "0 < portion <= 1"),
    ("non-positive price", with_change("prices", {"2003-05-01": 0}), "prices.2003-05-01", "a decimal price > 0"),
    ("group with unknown person", with_change("groups", [["acme", "zed"]]), "groups[0][1]", "declared"),
    ("event before start", with_change("events.0.date", "2003-03-30"), "events[0].date", "on or after the start"),
]


@pytest.mark.parametrize("data,place,expected", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_malformed_scenario_is_refused_with_its_place(data, place, expected):
    with pytest.raises(ScenarioError) as info:
        scenario_from_data(data, "case.yaml")
    message = str(info.value)
    assert message.startswith(f"case.yaml: {place}: got ")
    assert expected in message
    assert isinstance(info.value, ValueError)


def test_the_well_formed_base_case_is_accepted():
    assert len(scenario_from_data(GOOD, "case.yaml").events) == 2


def test_the_cli_prints_one_error_line_and_exits_2_without_a_traceback(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(json.dumps(with_change("events.0.shares", -5)))
    proc = subprocess.run([sys.executable, "-m", "rightsplan.proofs.cli", "evaluate", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == f"error: {bad}: events[0].shares (line 1, column 168): got -5; expected an integer >= 1"
    assert "Traceback" not in proc.stderr


def test_the_cli_reports_a_yaml_syntax_error_with_its_line(tmp_path: Path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("outstanding: 10\nevents: [\n")
    proc = subprocess.run([sys.executable, "-m", "rightsplan.proofs.cli", "evaluate", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: {bad}: line ")


def test_the_cli_reports_a_missing_file(tmp_path: Path):
    proc = subprocess.run([sys.executable, "-m", "rightsplan.proofs.cli", "evaluate", str(tmp_path / "none.yaml")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "a readable scenario file" in proc.stderr


def test_evaluate_json_produces_every_key_of_the_contract(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text(json.dumps(GOOD))
    proc = subprocess.run([sys.executable, "-m", "rightsplan.proofs.cli", "evaluate", "--json", str(good)],
                          capture_output=True, text=True, check=True)
    keys = set(json.loads(proc.stdout))
    assert {
        "acquiring_persons", "triggering_event", "shares_acquisition_date", "distribution_date", "redemption_deadline",
        "expiration", "exchange_barred_since", "ineffective_events", "void_holders", "terms", "flip_in", "flip_over",
        "explanations",
    } <= keys


# -- the published JSON Schema --------------------------------------------------------------

SCHEMA_PATH = Path(__file__).parent.parent / "docs" / "scenario-schema.json"
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


def as_json_data(value: Any) -> Any:
    """A YAML document as its JSON twin: dates (keys too) become ISO text."""
    if isinstance(value, dict):
        return {k.isoformat() if isinstance(k, date) else k: as_json_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json_data(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def schema_validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_published_schema_is_the_one_the_rules_generate():
    assert SCHEMA_PATH.read_text() == schema_text(), "run: python -m rightsplan.spec.scenario_schema > docs/scenario-schema.json"


def test_every_kind_of_event_field_has_a_schema():
    kinds = {f.kind for k in EVENT_KINDS.values() for f in k.fields} - {"choice"}
    assert kinds <= set(FIELD_KINDS)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_satisfies_the_schema(path: Path):
    errors = list(schema_validator().iter_errors(as_json_data(load_yaml_file(path))))
    assert errors == [], [e.message[:200] for e in errors]


SCHEMA_CATCHES = ["negative shares", "zero shares", "fractional shares", "shares as text", "unknown event type",
                  "unknown event field", "missing required field", "not a date", "zero outstanding", "unknown role",
                  "unknown top-level key", "unknown reading", "bad reading value", "bad exchange portion"]


@pytest.mark.parametrize("data", [b[1] for b in BAD if b[0] in SCHEMA_CATCHES], ids=SCHEMA_CATCHES)
def test_the_schema_refuses_what_the_validator_refuses(data: dict[str, Any]):
    assert not schema_validator().is_valid(data)
    with pytest.raises(ScenarioError):
        scenario_from_data(data, "case.yaml")


def test_the_schema_accepts_the_well_formed_base_case():
    assert schema_validator().is_valid(GOOD)
