"""The incremental ownership index agrees with recomputing everything from scratch (Section 1(d), 29).

The evaluator re-examines only units at or above a watermark when the shares outstanding
change.  These tests draw random histories and check that (1) every person's ownership
fraction equals a naive recomputation from the holdings and the groups, and (2) the
determinations equal those of an evaluator that re-examines every unit after every event.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rightsplan.spec import evaluate, scenario_from_data
from rightsplan.spec.ownership import Ownership

PERSONS = {"a": {}, "b": {}, "c": {}, "w": {"role": "walden"}, "h": {"role": "hq"}, "e": {"role": "employee_plan"}}
NAMES = sorted(PERSONS)
OUT = 1000


@st.composite
def histories(draw: Any) -> dict[str, Any]:
    initial = [draw(st.integers(0, 120)) for _ in NAMES]
    held = dict(zip(NAMES, initial))
    total, outstanding = sum(held.values()), OUT
    events: list[dict[str, Any]] = []
    day = date(2003, 4, 1)
    for _ in range(draw(st.integers(1, 25))):
        day += timedelta(days=draw(st.integers(0, 3)))
        kind = draw(st.sampled_from(["acquire", "dispose", "issue", "repurchase", "option", "join_group", "split"]))
        p = draw(st.sampled_from(NAMES))
        if kind == "acquire" and outstanding - total >= 1:
            n = draw(st.integers(1, min(200, outstanding - total)))
            events.append({"type": kind, "person": p, "shares": n})
            held[p] += n
            total += n
        elif kind == "dispose" and held[p] >= 1:
            n = draw(st.integers(1, held[p]))
            events.append({"type": kind, "person": p, "shares": n})
            held[p] -= n
            total -= n
        elif kind == "issue":
            n = draw(st.integers(1, 300))
            events.append({"type": kind, "shares": n})
            outstanding += n
        elif kind == "repurchase" and outstanding - total >= 2:
            n = draw(st.integers(1, min(300, outstanding - total - 1)))
            events.append({"type": kind, "shares": n})
            outstanding -= n
        elif kind == "option":
            events.append({"type": kind, "person": p, "shares": draw(st.integers(1, 100))})
        elif kind == "join_group":
            q = draw(st.sampled_from([x for x in NAMES if x != p]))
            events.append({"type": kind, "persons": [p, q]})
        elif kind == "split" and not any(e["type"] == "split" for e in events):
            events.append({"type": kind, "new": 2, "old": 1})
            held = {k: v * 2 for k, v in held.items()}
            total, outstanding = total * 2, outstanding * 2
        else:
            continue
        events[-1]["date"] = day.isoformat()
    start = {p: h for p, h in zip(NAMES, initial)}
    return {"outstanding": OUT, "persons": PERSONS, "holdings": start, "events": events}


def naive_fractions(data: dict[str, Any], upto: int) -> dict[str, Fraction]:
    """Recompute ownership from scratch after events[upto], by brute force."""
    held = {p: data["holdings"].get(p, 0) for p in NAMES}
    opts = {p: 0 for p in NAMES}
    links = {frozenset(p for p in NAMES if PERSONS[p].get("role") == "walden")}
    outstanding = data["outstanding"]
    for e in data["events"][: upto + 1]:
        t, n = e["type"], e.get("shares", 0)
        if t in ("acquire", "dispose"):
            held[e["person"]] += n if t == "acquire" else -n
        elif t in ("issue", "repurchase"):
            outstanding += n if t == "issue" else -n
        elif t == "option":
            opts[e["person"]] += n
        elif t == "join_group":
            links.add(frozenset(e["persons"]))
        elif t == "split":
            held = {k: v * e["new"] // e["old"] for k, v in held.items()}
            opts = {k: v * e["new"] // e["old"] for k, v in opts.items()}
            outstanding = outstanding * e["new"] // e["old"]
    out = {}
    for p in NAMES:
        unit = {p}
        while True:
            grown = unit | {q for link in links if link & unit for q in link}
            if grown == unit:
                break
            unit = grown
        owned = sum(held[q] + opts[q] for q in unit)
        out[p] = Fraction(owned, outstanding + sum(opts[q] for q in unit))
    return out


@given(histories())
def test_every_persons_ownership_equals_a_recomputation_from_scratch(data: dict[str, Any]):
    result = evaluate(scenario_from_data(data, "<hypothesis>"), snapshots=True)
    for i, snap in enumerate(result.snapshots):
        assert snap.ownership == naive_fractions(data, i), f"after events[{i}]"


@given(histories())
def test_the_watermark_index_misses_no_determination(data: dict[str, Any]):
    scenario = scenario_from_data(data, "<hypothesis>")
    fast = evaluate(scenario).to_json()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(Ownership, "candidates", lambda self: set(self._members))  # every unit, every time
        m.setattr(Ownership, "could_reach", lambda self, unit: True)
        slow = evaluate(scenario).to_json()
    assert fast == slow
