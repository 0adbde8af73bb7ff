"""Shared test helpers and Hypothesis profiles.

Profiles: "ci" (the default: derandomized, so CI is repeatable), "verify" (200 fresh random
examples, for `make verify`) and "long" (1,000, for a deeper run).  Choose one with
HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

from rightsplan.spec.evaluate import Evaluation, evaluate
from rightsplan.spec.scenario import scenario_from_data

settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("verify", derandomize=False, max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", derandomize=False, max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PERSONS: dict[str, Any] = {
    "acme": {},
    "beta": {},
    "gamma": {},
    "w1": {"role": "walden"},
    "w2": {"role": "walden"},
    "hq": {"role": "hq"},
    "esop": {"role": "employee_plan"},
    "sub": {"role": "subsidiary"},
}

OUT = 10_000_000  # shares outstanding in most tests: 1,500,000 is exactly 15%


def scenario_data(events: list[dict[str, Any]], holdings: dict[str, int] | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"outstanding": OUT, "persons": PERSONS, "holdings": holdings or {}, "events": events}
    data.update(extra)
    return data


def run(events: list[dict[str, Any]], holdings: dict[str, int] | None = None, **extra: Any) -> Evaluation:
    """Evaluate a scenario built from these events (start: the agreement date, 2003-03-31)."""
    return evaluate(scenario_from_data(scenario_data(events, holdings, **extra), "<test>"), snapshots=True)


def ev(date: str, type: str, **fields: Any) -> dict[str, Any]:  # noqa: A002 - the contract's field name
    return {"date": date, "type": type, **fields}
