"""Natural, 1-minimal counterexamples that are the same files for any number of jobs (proofs/minimize.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
import z3

from rightsplan.proofs import minimize, verify
from rightsplan.proofs.catalogue import BY_ID
from rightsplan.proofs.replay import name_persons, trace_to_scenario
from rightsplan.spec.scenario import scenario_from_data

BELIEFS = sorted(p.id for p in BY_ID.values() if "belief" in p.id and p.expect == "COUNTEREXAMPLE")
PLAIN_NAMES = {"Acquirer", "Second Holder", "Third Holder", "Walden", "H&Q", "Employee Plan", "Subsidiary", "Company"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """`verify --property belief` once with one job and once with two."""
    out = {}
    for jobs in (1, 2):
        out[jobs] = tmp_path_factory.mktemp(f"jobs{jobs}")
        code = verify.main(["--property", "belief", "--jobs", str(jobs), "--out", str(out[jobs]), "--no-identities"])
        assert code == 0
    return out


def _files(out: Path) -> dict[str, bytes]:
    return {f.stem: f.read_bytes() for f in sorted((out / "counterexamples").glob("*.yaml"))}


def test_counterexample_files_are_byte_identical_for_one_and_for_two_jobs(runs: dict[int, Path]) -> None:
    one, two = _files(runs[1]), _files(runs[2])
    assert sorted(one) == BELIEFS
    assert one == two


def test_what_minimization_did_is_reported_the_same_for_one_and_for_two_jobs(runs: dict[int, Path]) -> None:
    def minimized(out: Path) -> dict[str, Any]:
        results = json.loads((out / "report.json").read_text())["results"]
        return {r["id"]: (r["scenario_data"], {k: v for k, v in r["minimization"].items() if k != "seconds"})
                for r in results}

    one = minimized(runs[1])
    assert one == minimized(runs[2])
    assert all(how["witness"] == "natural" for _, how in one.values())


def test_each_saved_counterexample_still_refutes_its_property_and_no_single_removal_does(runs: dict[int, Path]) -> None:
    for pid, text in _files(runs[1]).items():
        p, data = BY_ID[pid], yaml.safe_load(text)
        assert minimize.check(data, p.holds, p.readings).refutes, pid
        for what, smaller in minimize.removals(data):
            assert not minimize.check(smaller, p.holds, p.readings).refutes, f"{pid}: without {what} it still refutes"


def test_each_saved_counterexample_reads_as_a_story_and_evaluates(runs: dict[int, Path]) -> None:
    cli = Path(sys.executable).parent / "rightsplan"
    for pid, text in _files(runs[1]).items():
        data = yaml.safe_load(text)
        assert text.startswith(b"# Counterexample to " + pid.encode()), pid
        assert data["outstanding"] == 10_000_000 and set(data["persons"]) <= PLAIN_NAMES, pid
        assert all(v % 10_000 == 0 for v in data["holdings"].values()), pid
        assert all(ev.get("shares", 10_000) % 10_000 == 0 for ev in data["events"]), pid
        late = pid == "belief_rights_expire_october_23_2010"
        assert all(str(ev["date"]).startswith("2010" if late else "2003") for ev in data["events"]), pid
        path = runs[1] / "counterexamples" / f"{pid}.yaml"
        assert subprocess.run([str(cli), "evaluate", str(path)], capture_output=True).returncode == 0, pid


def test_a_violation_is_pinned_to_the_least_values_whatever_model_the_solver_met_first() -> None:
    x, y = z3.Int("x"), z3.Int("y")
    solver = z3.Solver()
    solver.add(x + y >= 7, x >= 2, y >= 0)
    t = minimize.Tightener(solver)
    assert (t.least(x, 0), t.least(y, 0)) == (2, 5)
    assert not t.prefer(x + y < 7)
    assert t.fewest([x > 2, y > 5]) == 0


class _GivesUp:
    """A solver that answers ``unknown`` below a resource limit and then as the real one would."""

    def __init__(self, needs: int) -> None:
        self.inner, self.needs, self.limit, self.limits_tried = z3.Solver(), needs, 1, []

    def set(self, key: str, value: int) -> None:
        assert key == "rlimit"
        self.limit = value

    def check(self, *assumptions: Any) -> Any:
        self.limits_tried.append(self.limit)
        return z3.unknown if self.limit < self.needs else self.inner.check(*assumptions)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_a_tightening_check_the_solver_gives_up_on_is_retried_with_a_larger_limit_never_taken_as_no() -> None:
    """unknown is not "no": the least value is the true least whatever limit the first check ran out of."""
    x = z3.Int("x")
    solver = _GivesUp(needs=4)
    solver.inner.add(x >= 3)
    t = minimize.Tightener(solver, rlimit=1)
    assert t.least(x, 0) == 3 and t.prefer(x == 3) and not t.prefer(x == 4)
    assert solver.limits_tried[:2] == [1, 4] and solver.limit == 1  # retried at 4x, then the limit put back


def test_a_tightening_check_undecided_at_every_limit_raises_instead_of_steering_the_result() -> None:
    solver = _GivesUp(needs=10**9)
    solver.inner.add(z3.Int("x") >= 3)
    with pytest.raises(minimize.Undecided, match="16x the resource limit"):
        minimize.Tightener(solver, rlimit=1)
    assert solver.limits_tried == [1, 4, 16]


def test_the_natural_search_finds_a_one_person_buyback_story_for_the_15_percent_belief() -> None:
    p = BY_ID["belief_every_15_percent_holder_acquiring"]
    trace = minimize.witness(_config(p), p.holds, 1)
    data = trace_to_scenario(trace, p.readings, "")[0]
    assert list(data["persons"]) == ["Acquirer"] and data["outstanding"] == 10_000_000
    assert [ev["type"] for ev in data["events"]] == ["repurchase"] and data["events"][0]["date"] == "2003-04-22"
    assert minimize.check(data, p.holds, p.readings).refutes


def _config(p: Any) -> Any:
    from rightsplan.solver.model import Config

    return Config().with_readings(**p.readings)


def test_a_scenario_in_which_nobody_reaches_15_percent_does_not_refute_the_15_percent_belief() -> None:
    p = BY_ID["belief_every_15_percent_holder_acquiring"]
    data = {"start": "2003-04-21", "outstanding": 10_000_000, "persons": {"Acquirer": {}},
            "holdings": {"Acquirer": 1_400_000}, "events": [{"date": "2003-04-22", "type": "acquire",
                                                               "person": "Acquirer", "shares": 10_000}]}
    result = minimize.check(data, p.holds, p.readings)
    assert not result.refutes and result.reason == "the property holds at every step of the replay"


def test_a_scenario_that_cannot_run_is_never_kept_and_says_why() -> None:
    p = BY_ID["belief_every_15_percent_holder_acquiring"]
    data = {"start": "2003-04-21", "outstanding": 10_000_000, "persons": {"Acquirer": {}}, "holdings": {},
            "events": [{"date": "2003-04-22", "type": "dispose", "person": "Acquirer", "shares": 10_000}]}
    result = minimize.check(data, p.holds, p.readings)
    assert not result.refutes and result.reason.startswith("the scenario does not run")


SCENARIO = {"start": "2003-04-21", "outstanding": 10_000_000,
            "persons": {"a": {}, "w": {"role": "walden"}, "h": {"role": "hq"}},
            "holdings": {"a": 1_000_000, "h": 500_000}, "groups": [["a", "h"]], "grandfathered": ["h"],
            "events": [{"date": "2003-04-22", "type": "acquire", "person": "w", "shares": 10_000},
                       {"date": "2003-04-23", "type": "repurchase", "shares": 10_000}]}


def test_every_kind_of_single_removal_is_tried() -> None:
    kinds = [what for what, _ in minimize.removals(SCENARIO)]
    assert kinds == ["person a", "person w", "person h", "groups[0]", "holding of a", "holding of h", "events[0]",
                     "events[1]", "role of w", "role of h", "grandfathering of h"]


def test_removing_a_person_removes_its_holding_groups_grandfathering_and_events() -> None:
    removed = dict(minimize.removals(SCENARIO))
    assert removed["person h"]["holdings"] == {"a": 1_000_000} and "groups" not in removed["person h"]
    assert "grandfathered" not in removed["person h"]
    assert [ev["type"] for ev in removed["person w"]["events"]] == ["repurchase"]


def test_persons_are_named_after_their_roles_in_the_order_they_act_and_the_loader_accepts_the_names() -> None:
    named = name_persons(SCENARIO)
    assert list(named["persons"]) == ["Walden", "Acquirer", "H&Q"]
    assert named["groups"] == [["Acquirer", "H&Q"]] and named["grandfathered"] == ["H&Q"]
    assert named["events"][0]["person"] == "Walden"
    assert set(scenario_from_data(named, "<test>").persons) == {"Walden", "Acquirer", "H&Q"}


def test_a_second_ordinary_person_and_a_second_walden_get_their_own_names() -> None:
    data = {"outstanding": 100, "persons": {"x": {}, "y": {}, "v": {"role": "walden"}, "u": {"role": "walden"}},
            "holdings": {"y": 5, "u": 3}, "events": [{"date": "2003-04-22", "type": "announce", "person": "x"}]}
    assert list(name_persons(data)["persons"]) == ["Acquirer", "Second Holder", "Walden", "Walden 2"]


def test_when_the_natural_witness_does_not_replay_the_plain_one_is_used_and_the_result_says_so(monkeypatch) -> None:
    p = BY_ID["belief_every_15_percent_holder_acquiring"]
    real, calls = minimize.check, []

    def refuse_first(data: dict[str, Any], formula: Any, readings: dict[str, str]) -> minimize.Check:
        calls.append(data)
        return minimize.Check(False, "forced for the test") if len(calls) == 1 else real(data, formula, readings)

    monkeypatch.setattr(minimize, "check", refuse_first)
    found = minimize.witness(_config(p), p.holds, 1)
    result = minimize.counterexample(p, 1, (), found)
    how = result["minimization"]
    assert how["witness"] == "plain" and how["notes"] == ["the natural witness was not kept: forced for the test"]
    assert real(result["data"], p.holds, p.readings).refutes
