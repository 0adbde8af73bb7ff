"""Long histories in little memory give what the plain paths give (issue 10, item 4).

The validated events are kept in columns (spec/history.py), and past one chunk on disk; the
evaluator applies runs of quiet trades and joins without ``step`` (``_Engine._replay``), also
while a Section 1(a)(i) cure is replayed (reading the history again from disk); a JSON file
whose ``events`` come last is read as a stream.  Each is checked against the plain route:
every event through the full pass, the log in memory, the file read whole.  The memory of
loading and evaluating is measured not to grow with the events, and a group of thousands is
decided and voided once, not after every event (``Status._undecided``, ``VoidRights``).
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

from rightsplan.spec import evaluate, history, load_scenario, scenario_from_data, yamlio
from rightsplan.spec import scenario as scenario_module
from rightsplan.spec.acquiring_person import Status
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.evaluate import _Engine
from rightsplan.spec.history import Event, EventLog
from rightsplan.spec.scenario import _streamed
from rightsplan.spec.void_rights import VoidRights
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


def _cured_then_quiet(n_events: int, n_holders: int) -> dict[str, Any]:
    """``_quiet_history`` after a Section 1(a)(i) cure, so that evaluation replays the whole history."""
    data = _quiet_history(n_events, n_holders)
    data["persons"]["big"] = {}
    data["holdings"]["big"] = 1_400_000  # 14% of 10,000,000
    day = data["events"][0]["date"]
    data["events"][:0] = [{"date": day, "type": "acquire", "person": "big", "shares": 200_000},  # 15.9...%
                          {"date": day, "type": "inadvertence", "person": "big"},
                          {"date": day, "type": "dispose", "person": "big", "shares": 300_000}]
    return data


def test_memory_does_not_grow_with_the_events_of_a_streamed_file_even_when_a_cure_replays_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loaded from a JSON stream and evaluated with a cure's replay, 20,000 more events take under a byte each.

    Before the log went to disk a chunk at a time they took 13 bytes each in columns (and the
    cure's replay read them from memory); the chunks and the stream's window are made small here
    so the history spans many of each.
    """
    monkeypatch.setattr(history, "CHUNK_EVENTS", 1024)
    monkeypatch.setattr(yamlio, "STREAM_CHUNK", 1 << 16)
    peaks = {}
    for n in (2_000, 10_000, 30_000):  # the first only warms the caches (calendar, plan, dates)
        file = tmp_path / f"long-{n}.json"
        file.write_text(json.dumps(_cured_then_quiet(n, 2000)))

        def load_and_evaluate() -> None:
            scenario = load_scenario(file)
            assert scenario.events.offset > len(scenario.events) - 1024  # all but one chunk on disk
            assert evaluate(scenario).cured_episodes  # and the history was replayed for the cure

        peaks[n] = _peak(load_and_evaluate)
    grown = peaks[30_000] - peaks[10_000]
    assert grown < 20_000, f"{grown:,} bytes more for 20,000 more events"


# -- the log on disk ----------------------------------------------------------------------------


@pytest.mark.parametrize("chunk", [1, 3, 16])
def test_a_log_on_disk_gives_every_event_and_result_the_log_in_memory_gives(
        chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = [crowd(seed, 60) for seed in range(12)]
    for d in data[::2]:
        d["interpretation"] = {"inadvertence_cure": "status_only"}
    in_memory = [scenario_from_data(d, "<crowd>") for d in data]
    monkeypatch.setattr(history, "CHUNK_EVENTS", chunk)
    on_disk = [scenario_from_data(d, "<crowd>") for d in data]
    for a, b in zip(in_memory, on_disk):
        assert b.events.offset > 0 and a.events.offset == 0
        assert list(b.events) == list(a.events) and b.events == a.events and b == a
        assert [b.events[i] for i in range(-1, -len(a.events), -7)] == [a.events[i] for i in range(-1, -len(a.events), -7)]
        assert list(b.events.select({"issue", "split", "join_group"})) == list(a.events.select({"issue", "split", "join_group"}))
        assert evaluate(b).to_json() == evaluate(a).to_json()


def test_a_log_on_disk_refuses_an_impossible_sale_as_the_log_in_memory_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """The share flow is replayed from disk to word the refusal (``_check_share_flow``)."""
    data = crowd(3, 50)
    data["events"].append({"date": data["events"][-1]["date"], "type": "dispose", "person": "s0", "shares": 10**6})
    with pytest.raises(ScenarioError) as in_memory:
        scenario_from_data(data, "<crowd>")
    monkeypatch.setattr(history, "CHUNK_EVENTS", 4)
    with pytest.raises(ScenarioError) as on_disk:
        scenario_from_data(data, "<crowd>")
    assert str(on_disk.value) == str(in_memory.value)
    assert "events[50].shares" in str(on_disk.value)


# -- a group of thousands (Section 1(a) and 7(e)) ------------------------------------------------


def _grouped(seed: int) -> dict[str, Any]:
    """A crowded history in which most options, offers and announcements become joins: large groups form."""
    data = crowd(seed, 80, n_small=40)
    rng = random.Random(seed)
    names = sorted(data["persons"])
    for e in data["events"]:
        if e["type"] in ("option", "tender_offer", "announce") and rng.random() < 0.8:
            data["events"][data["events"].index(e)] = {"date": e["date"], "type": "join_group",
                                                       "persons": rng.sample(names, 2)}
    return data


def _units(scenario: Any, upto: int) -> dict[str, str]:
    """Each person's unit after event ``upto``, from the groups and joins alone (units only merge)."""
    parent = {p: p for p in scenario.persons}

    def root(p: str) -> str:
        while parent[p] != p:
            p = parent[p]
        return p

    joins = [e["persons"] for e in scenario.events if e.kind == "join_group" and e.index <= upto]
    for group in [*scenario.groups, *joins]:
        for p in group[1:]:
            parent[root(p)] = root(group[0])
    return {p: root(p) for p in scenario.persons}


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 2**32), st.sampled_from(CURES))
def test_the_void_rights_are_those_of_the_acquiring_persons_units(seed: int, cure: str) -> None:
    """Section 7(e) in its own words: void exactly the Rights of each Acquiring Person and everyone in its unit."""
    data = _grouped(seed)
    data["interpretation"] = {"inadvertence_cure": cure}
    scenario = scenario_from_data(data, "<grouped>")
    result = evaluate(scenario, snapshots=True)
    for snap in result.snapshots:
        unit = _units(scenario, snap.index)
        assert snap.void_holders == {p for p in scenario.persons if unit[p] in {unit[a] for a in snap.acquiring_persons}}
    unit = _units(scenario, len(scenario.events))
    live = {unit[a] for a in result.acquiring_persons}
    assert result.to_json()["void_holders"] == sorted(p for p in scenario.persons if unit[p] in live)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 2**32), st.sampled_from(CURES))
def test_deciding_only_the_undecided_members_decides_as_walking_every_member(seed: int, cure: str) -> None:
    data = _grouped(seed)
    data["interpretation"] = {"inadvertence_cure": cure}
    scenario = scenario_from_data(data, "<grouped>")
    kept = evaluate(scenario).to_json()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(Status, "_undecided", lambda self, own, unit: list(own.members(unit)))
        m.setattr(Status, "_protected", lambda self, own, unit: True)
        assert evaluate(scenario).to_json() == kept


def test_an_acquiring_person_cured_no_longer_voids_its_affiliates_rights() -> None:
    """Section 1(a)(i) "for any purposes": a cured person's Rights, and its Affiliate's, are not void (7(e))."""
    data = {"outstanding": 10_000, "persons": {"a": {}, "s": {"role": "employee_plan"}}, "holdings": {"a": 1400, "s": 10},
            "groups": [["a", "s"]], "interpretation": {"inadvertence_cure": "status_only"},
            "events": [{"date": "2003-06-02", "type": "acquire", "person": "a", "shares": 200},  # 16.1%
                       {"date": "2003-06-03", "type": "inadvertence", "person": "a"},
                       {"date": "2003-06-04", "type": "dispose", "person": "a", "shares": 300}]}
    result = evaluate(scenario_from_data(data, "<test>"), snapshots=True)
    assert result.snapshots[0].void_holders == {"a", "s"}
    assert result.to_json()["void_holders"] == [] and result.to_json()["acquiring_persons"] == {}


def test_a_group_of_thousands_is_decided_and_voided_once_not_after_every_trade(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 persons in one group cross 15% together, then trade 1,000 times.

    Walking every member after every trade took 2,000 x 1,000 decisions, and each member's
    void Rights recorded every Acquiring Person of the group (2,000 x 2,000 entries): the
    1,000,000-event benchmark with a 10,000-member group stopped at 670 MB after 3.5 minutes.
    """
    n = 2000
    names = [f"m{i}" for i in range(n)]
    trades = [{"date": "2003-06-03", "type": "acquire" if i % 2 else "dispose", "person": names[i % n], "shares": 1}
              for i in range(1000)]
    data = {"outstanding": 100_000, "persons": dict.fromkeys(names, {}), "holdings": dict.fromkeys(names, 7),
            "groups": [names],  # 14,000 shares: 14%
            "events": [{"date": "2003-06-02", "type": "acquire", "person": "m0", "shares": 2000}, *trades]}
    decided, voids = [], []
    plain_decide, plain_init = Status._decide_person, VoidRights.__init__

    def counting(self: Status, *args: Any) -> Any:
        decided.append(1)
        return plain_decide(self, *args)

    def keeping(self: VoidRights) -> None:
        plain_init(self)
        voids.append(self)

    monkeypatch.setattr(Status, "_decide_person", counting)
    monkeypatch.setattr(VoidRights, "__init__", keeping)
    result = evaluate(scenario_from_data(data, "<group>")).to_json()
    assert len(result["acquiring_persons"]) == n and len(result["void_holders"]) == n
    assert len(decided) == n  # each member once, at the crossing
    assert sum(len(lists) for lists in voids[0]._voided.values()) == n  # one member list per Acquiring Person
