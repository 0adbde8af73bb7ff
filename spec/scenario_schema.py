"""The scenario format as a JSON Schema, generated from the tables the validator reads.

The event kinds and their fields (``vocabulary.EVENT_KINDS``), the roles (``Role``), the
reading switches (``READINGS``), the top-level keys (``scenario.TOP_LEVEL``) and the number
bound (``scenario.NUMBER_BOUND``) are the validator's own; ``FIELD_KINDS`` says what each
kind of field accepts, as the validator's ``_Checker.field`` does.  The schema is published
as docs/scenario-schema.json so that editors can check a file as it is written:

    python -m rightsplan.spec.scenario_schema > docs/scenario-schema.json

A file the schema accepts may still be refused by the validator for what a schema cannot
say: an undeclared person, holdings above the outstanding count, events out of order, a
sale of shares not held, a date outside the Business-Day calendar.
"""

from __future__ import annotations

import json
from typing import Any

from .scenario import CALENDAR_FIRST, CALENDAR_LAST, NUMBER_BOUND, TOP_LEVEL
from .terms import BUILTIN_PLAN, load_plan, shipped_plans
from .vocabulary import EVENT_KINDS, READINGS, EventKind, Field

SCHEMA_ID = "https://rightsplan.invalid/scenario-schema.json"

DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$",
        "description": f"an ISO date between {CALENDAR_FIRST} and {CALENDAR_LAST}"}
PERSON = {"type": "string", "minLength": 1, "description": "a person declared under persons"}
COUNT = {"type": "integer", "minimum": 1, "maximum": NUMBER_BOUND - 1}
DECIMAL_TEXT = "^[0-9]+(\\.[0-9]+)?$"
PRICE = {"anyOf": [{"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": NUMBER_BOUND},
                   {"type": "string", "pattern": DECIMAL_TEXT}], "description": "a decimal price > 0"}
PORTION = {"anyOf": [{"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                     {"type": "string", "pattern": "^([0-9]+(\\.[0-9]+)?|[0-9]+/[0-9]+)$"}],
           "description": "a fraction 0 < portion <= 1, such as 0.5 or 1/2"}

# What each kind of field accepts (the validator's _Checker.field, kind by kind).
FIELD_KINDS: dict[str, dict[str, Any]] = {
    "shares": COUNT,
    "ratio_int": COUNT,
    "person": PERSON,
    "persons": {"type": "array", "items": PERSON, "minItems": 2, "uniqueItems": True},
    "date": DATE,
    "price": PRICE,
    "portion": PORTION,
    "text": {"type": "string"},
}


def field_schema(spec: Field) -> dict[str, Any]:
    """The schema of one event field."""
    if spec.kind == "choice":
        return {"enum": list(spec.choices)}
    return FIELD_KINDS[spec.kind]


def event_schema(kind: EventKind) -> dict[str, Any]:
    """One event kind: its date, its type and exactly its fields."""
    properties: dict[str, Any] = {"date": DATE, "type": {"const": kind.name}}
    properties.update({f.name: field_schema(f) for f in kind.fields})
    return {
        "type": "object",
        "title": f"{kind.name} ({kind.section})",
        "properties": properties,
        "required": ["date", "type", *(f.name for f in kind.fields if f.required)],
        "additionalProperties": False,
    }


def reading_schema(choices: tuple[str, ...]) -> dict[str, Any]:
    """A reading switch's words; a switch whose words are numbers may be written as a number."""
    return {"enum": [*choices, *(int(c) for c in choices if c.isdigit())]}


def _mapping_or_null(values: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": ["object", "null"], "additionalProperties": values, **extra}


def scenario_schema() -> dict[str, Any]:
    """The whole scenario format (../shared/scenario-format.md and the documented extensions)."""
    properties: dict[str, Any] = {
        "plan": {"type": "string", "description": "a shipped plan (" + ", ".join(shipped_plans())
                 + ") or a path to a terms file"},
        "interpretation": {
            "type": ["object", "null"],
            "properties": {name: reading_schema(r.choices) | {"description": r.section} for name, r in READINGS.items()},
            "additionalProperties": False,
        },
        "start": DATE,
        "outstanding": COUNT,
        "persons": _mapping_or_null({
            "type": ["object", "null"],
            "properties": {"role": {
                "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
                "description": "ordinary, employee_plan, subsidiary, company, exempt_person (plans with Exempt "
                               "Persons) or one of the plan's named holders: " + "; ".join(
                                   f"{name}: {', '.join(load_plan(name).holders) or 'none'}" for name in shipped_plans()),
            }},
            "additionalProperties": False,
        }, propertyNames={"minLength": 1}),
        "holdings": _mapping_or_null(COUNT | {"minimum": 0}),
        "options": _mapping_or_null(COUNT | {"minimum": 0}),
        "groups": {"type": ["array", "null"], "items": {"type": "array", "items": PERSON, "minItems": 1,
                                                         "uniqueItems": True}},
        "prices": _mapping_or_null(PRICE, propertyNames={"pattern": DATE["pattern"]}),
        "events": {"type": ["array", "null"], "items": {"oneOf": [event_schema(k) for k in EVENT_KINDS.values()]}},
        "grandfathered": {"type": ["array", "null"], "items": PERSON, "uniqueItems": True},
        "description": {"type": ["string", "null"]},
        "expect": {"type": ["object", "null"]},
    }
    if set(properties) != TOP_LEVEL:
        raise AssertionError(f"the schema's keys differ from the validator's: {sorted(set(properties) ^ TOP_LEVEL)}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "rightsplan scenario (v1)",
        "description": __doc__.split("\n\n")[0].replace("\n", " "),
        "type": "object",
        "properties": properties,
        "required": ["outstanding"],
        "additionalProperties": False,
        "allOf": [_roles_of(name) for name in shipped_plans()],
    }


def _roles_of(name: str) -> dict[str, Any]:
    """Under a shipped plan (the built-in one when ``plan`` is left out), ``role`` is one of that plan's words."""
    plan = {"const": name}
    when = {"anyOf": [{"not": {"required": ["plan"]}}, {"properties": {"plan": plan}}]} if name == BUILTIN_PLAN \
        else {"required": ["plan"], "properties": {"plan": plan}}
    role = {"properties": {"role": {"enum": load_plan(name).role_words()}}}
    return {"if": when, "then": {"properties": {"persons": {"type": ["object", "null"], "additionalProperties": {
        "anyOf": [{"type": "null"}, role]}}}}}


def schema_text() -> str:
    """The schema as published in docs/scenario-schema.json."""
    return json.dumps(scenario_schema(), indent=2) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
