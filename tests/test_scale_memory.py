"""Long histories in little memory give what the plain paths give (issue 10, item 4).

The validated events are kept in columns (spec/history.py); the evaluator applies runs of quiet
trades and joins without ``step`` (``_Engine._replay``), also while a Section 1(a)(i) cure is
replayed; a JSON file whose ``events`` come last is read as a stream.  Each is checked against
the plain route: every event through the full pass, the file read whole.  The memory of
evaluation is measured to grow with the holders, not with the events.
"""

from __future__ import annotations

import dataclasses
import json
import random
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsplan.spec import evaluate, load_scenario, scenario_from_data, yamlio
from rightsplan.spec import scenario as scenario_module
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.evaluate import _Engine
from rightsplan.spec.history import Event, EventLog
from rightsplan.spec.scenario import _streamed
from rightsplan.spec.yamlio import load_yaml_file

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
CURES = ["all_purposes", "status_only"]


def full_pass(scenario: Any) -> dict[str, Any]:
    """The result with every event through ``step``'s whole Section 1(a) pass (no shortcut at all)."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_Engine, "_calm", lambda self, day: False)
        m.setattr(_Engine, "_quiet_trade", lambda self, e: False)
        return evaluate(scenario).to_json()


# -- the shortcuts of the evaluator change no result -----------------------------------------


@pytest.mark.parametrize("cure", CURES)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_evaluates_as_the_full_pass_does(path: Path, cure: str) -> None:
    scenario = load_scenario(path)
    scenario = dataclasses.replace(scenario, readings={**scenario.readings, "inadvertence_cure": cure})
    assert evaluate(scenario).to_json() == full_pass(scenario)


def crowd(seed: int, n_events: int, n_small: int = 30) -> dict[str, Any]:
    """Many small holders, a few near the thresholds, and the events that set protections, cures and groups."""
    rng = random.Random(seed)
    big = {"w": {"role": "walden"}, "a": {}, "b": {}, "h": {"role": "hq"}}
    small = {f"s{i}": {} for i in range(n_small)}
    persons = {**big, **small}
    held = {"w": 1700, "a": 1400, "b": 900, "h": 500, **{p: rng.randint(0, 20) for p in small}}
    outstanding = 10_000
    initial, total = dict(held), sum(held.values())
    events: list[dict[str, Any]] = []
    day = date(2003, 4, 1)
    for _ in range(n_events):
        day += timedelta(days=rng.choice([0, 0, 0, 1, 3]))
        p = rng.choice(list(big) if rng.random() < 0.3 else list(small))
        r = rng.random()
        if r < 0.4 and outstanding - total >= 1:
            e = {"type": "acquire", "person": p, "shares": rng.randint(1, min(400, outstanding - total))}
            held[p] += e["shares"]
            total += e["shares"]
        elif r < 0.7 and held[p] >= 1:
            e = {"type": "dispose", "person": p, "shares": rng.randint(1, held[p])}
            held[p] -= e["shares"]
            total -= e["shares"]
        elif r < 0.75:
            e = {"type": "option", "person": p, "shares": rng.randint(1, 200)}
        elif r < 0.8:
            e = {"type": "issue", "shares": rng.randint(1, 1500)}
            outstanding += e["shares"]
        elif r < 0.85 and outstanding - total >= 2:
            e = {"type": "repurchase", "shares": rng.randint(1, min(1500, outstanding - total - 1))}
            outstanding -= e["shares"]
        elif r < 0.9:
            e = {"type": "join_group", "persons": rng.sample(sorted(persons), 2)}
        elif r < 0.96:
            e = {"type": rng.choice(["inadvertence", "announce"]), "person": rng.choice(list(big))}
        else:
            e = {"type": "tender_offer", "person": p, "shares": rng.randint(1, 2000)}
        e["date"] = day.isoformat()
        events.append(e)
    return {"outstanding": 10_000, "persons": persons, "holdings": initial, "events": events}


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 2**32), st.integers(1, 60), st.sampled_from(CURES))
def test_a_crowded_history_evaluates_as_the_full_pass_does(seed: int, n_events: int, cure: str) -> None:
    data = crowd(seed, n_events)
    data["interpretation"] = {"inadvertence_cure": cure}
    scenario = scenario_from_data(data, "<crowd>")
    assert evaluate(scenario).to_json() == full_pass(scenario)


def test_an_acquiring_person_sold_down_below_the_watermark_still_voids_the_rights_of_those_it_joins() -> None:
    """Section 7(e): Rights of an Acquiring Person's Affiliates are void; a join with one is never quiet."""
    data = {"outstanding": 10_000, "persons": {"a": {}, "s": {}}, "holdings": {"a": 1000, "s": 10},
            "events": [{"date": "2003-06-02", "type": "acquire", "person": "a", "shares": 600},  # 16%
                       {"date": "2003-06-03", "type": "dispose", "person": "a", "shares": 1500},  # 1%
                       {"date": "2003-06-04", "type": "join_group", "persons": ["s", "a"]}]}
    scenario = scenario_from_data(data, "<test>")
    assert evaluate(scenario).to_json()["void_holders"] == ["a", "s"] == full_pass(scenario)["void_holders"]


def test_the_crowded_histories_hold_cures_that_are_replayed() -> None:
    """The comparison above is only as good as its histories: some must replay a Section 1(a)(i) cure."""
    cured = [seed for seed in range(200)
             if _Engine(scenario_from_data(crowd(seed, 60), "<crowd>"), False, frozenset()).run().cured_episodes]
    assert len(cured) >= 10


# -- the history in columns ------------------------------------------------------------------


def _events() -> tuple[Event, ...]:
    data = {"outstanding": 10**29, "persons": {"a": {}, "b": {}}, "holdings": {"a": 10},
            "events": [{"date": "2003-06-02", "type": "acquire", "person": "a", "shares": 5},
                       {"date": "2003-06-02", "type": "issue", "shares": 7, "to": "b"},
                       {"date": "2003-06-03", "type": "acquire", "person": "b", "shares": 2**70},
                       {"date": "2003-06-04", "type": "tender_offer", "person": "b", "shares": 3}]}
    return tuple(scenario_from_data(data, "<test>").events)


def test_a_log_gives_back_each_event_as_it_was_given() -> None:
    events = _events()
    log = EventLog.of(["a", "b"], events)
    assert list(log) == list(events) and log == events and len(log) == 4
    assert log[-1] == events[3] and log[1:3] == events[1:3]
    assert set(log.whole) == {1, 2}  # an issue, and a share count past 64 bits, are kept whole
    assert [e.kind for e in log.select({"issue"})] == ["issue"]
    with pytest.raises(IndexError):
        log[4]


def test_a_count_past_64_bits_is_evaluated_with_python_integers() -> None:
    data = {"outstanding": 10**29, "persons": {"a": {}, "b": {}}, "holdings": {"a": 10},
            "events": [{"date": "2003-06-02", "type": "acquire", "person": "b", "shares": 15 * 10**27}]}
    scenario = scenario_from_data(data, "<test>")
    assert scenario.events.peak == 10**29
    assert evaluate(scenario).to_json()["acquiring_persons"] == {"b": "2003-06-02"}
    assert full_pass(scenario)["acquiring_persons"] == {"b": "2003-06-02"}


def test_a_history_takes_about_13_bytes_an_event() -> None:
    log = scenario_from_data(crowd(1, 5000), "<crowd>").events
    columns = log.codes.itemsize + log.persons.itemsize + log.shares.itemsize
    assert columns == 13
    assert len(log.whole) < len(log) // 3


# -- a JSON file read as a stream -------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, (bool, int, str)) else str(value)


@pytest.mark.parametrize("path", EXAMPLES[::4], ids=lambda p: p.stem)
def test_a_streamed_json_file_gives_the_scenario_a_whole_read_gives(path: Path, tmp_path: Path) -> None:
    data = _plain(load_yaml_file(path))
    data["events"] = data.pop("events", [])  # last, so the file is read as a stream
    file = tmp_path / "case.json"
    file.write_text(json.dumps(data, indent=1))
    streamed = _streamed(file, str(file))
    assert streamed is not None
    assert streamed == scenario_from_data(json.loads(file.read_text()), str(file), tmp_path)


def _case(data: dict[str, Any], key: str | None = None, text: tuple[str, str] | None = None) -> str:
    """The scenario as JSON, with ``key`` moved first, or one piece of its text replaced."""
    if key is not None:
        data = {key: data[key], **data}
    written = json.dumps(data)
    return written.replace(*text) if text else written


BROKEN = {
    "events before persons": lambda d: _case(d, key="events"),
    "a duplicate key in an event": lambda d: _case(d, text=('"shares": 5', '"shares": 5, "shares": 6')),
    "a syntax error in the events": lambda d: _case(d, text=('"shares": 5}', '"shares": 5,}')),
    "a key after the events": lambda d: _case(d, text=("]}", '], "description": "x"}')),
    "a number too long": lambda d: _case(d, text=('"shares": 5', '"shares": 5' + "0" * 40)),
    "an undeclared person": lambda d: _case(d, text=('"person": "a"', '"person": "z"')),
    "a byte that is not UTF-8": lambda d: _case(d, text=('"acquire"', '"acqu\udce9ire"')),
}


def _outcome(file: Path) -> Any:
    try:
        return evaluate(load_scenario(file)).to_json()
    except ScenarioError as error:
        return str(error)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_file_the_stream_cannot_read_gets_the_answer_of_a_whole_read(name: str, tmp_path: Path) -> None:
    data = {"outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 10},
            "events": [{"date": "2003-06-02", "type": "acquire", "person": "a", "shares": 5}]}
    file = tmp_path / "case.json"
    file.write_text(BROKEN[name](data), errors="surrogateescape")
    streamed = _outcome(file)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(scenario_module, "_streamed", lambda p, source: None)
        assert _outcome(file) == streamed


# -- memory grows with the holders, not the events --------------------------------------------


def _peak(action: Any) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _quiet_history(n_events: int, n_holders: int) -> dict[str, Any]:
    """Small holders trading over 200 dates: a bench history in little."""
    rng = random.Random(n_events)
    names = [f"h{i}" for i in range(n_holders)]
    held = dict.fromkeys(names, 50)
    events = []
    for i in range(n_events):
        who = rng.choice(names)
        kind = "acquire" if held[who] < 10 or rng.random() < 0.5 else "dispose"
        n = rng.randint(1, 9)
        held[who] += n if kind == "acquire" else -n
        events.append({"date": (date(2003, 4, 1) + timedelta(days=i * 200 // n_events)).isoformat(),
                       "type": kind, "person": who, "shares": n})
    return {"outstanding": 10**7, "persons": dict.fromkeys(names, {}), "holdings": dict.fromkeys(names, 50),
            "events": events}


def test_evaluation_memory_does_not_grow_with_the_events() -> None:
    """Two histories over the same 2,000 holders and dates, one four times longer."""
    small, large = (scenario_from_data(_quiet_history(n, 2000), "<quiet>") for n in (10_000, 40_000))
    grown = _peak(lambda: evaluate(large)) - _peak(lambda: evaluate(small))
    assert grown < 30_000 * 0.5, f"evaluation grew by {grown} bytes for 30,000 more events"


def test_a_streamed_json_file_is_never_held_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read 64 KiB at a time, 15,000 more events take their 13 bytes each in columns (and the arrays' slack)."""
    monkeypatch.setattr(yamlio, "STREAM_CHUNK", 1 << 16)
    peaks = []
    for n in (5_000, 20_000):
        file = tmp_path / f"long-{n}.json"
        file.write_text(json.dumps(_quiet_history(n, 2000)))
        peaks.append(_peak(lambda: load_scenario(file)))
    assert peaks[1] - peaks[0] < 15_000 * 40, f"{peaks[1] - peaks[0]:,} bytes more for 15,000 more events"
