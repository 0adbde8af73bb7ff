"""The readings matrix (proofs/matrix.py): which switches the model reads, and which verdicts change with them.

The checks run in this process at a small depth; the full matrix is `make matrix`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rightsplan.proofs import matrix, verify
from rightsplan.proofs.catalogue import BY_ID, PROPERTIES
from rightsplan.proofs.registry import prop, undeclare
from rightsplan.proofs.report import write_report
from rightsplan.spec.calendar import CALENDAR_READINGS
from rightsplan.spec.scenario import load_scenario

DEPTH = 3
MODELLED = {"repurchase_deeming_threshold", "walden_ratchet_cause", "partial_exchange_expires",
            "late_redemption_extension", "prompt_divestiture_days", "inadvertence_divestiture",
            "exchange_requires_exercisable"}


CHECKER = matrix.Checker(verify.run, verify.confirm, verify.apply_readings)


def in_process(ids: list[str], readings: dict[str, str]) -> list[dict[str, Any]]:
    """The verify run's check, one property at a time in this process, under the configuration's readings."""
    with matrix.readings_applied(CHECKER, readings):
        return [verify.check([pid], DEPTH)[0] for pid in ids]


def no_replay(r: dict[str, Any], config: dict[str, str]) -> list[str]:
    return []


def switches(*names: str) -> list[matrix.Switch]:
    return [sw for sw in matrix.survey() if sw.name in names]


def test_the_model_reads_the_seven_switches_of_its_rules() -> None:
    found = {sw.name: sw for sw in matrix.survey()}
    assert MODELLED <= {name for name, sw in found.items() if sw.modelled}
    assert MODELLED | set(CALENDAR_READINGS) >= {name for name, sw in found.items() if sw.modelled}
    assert found["repurchase_deeming_threshold"].read_by == ("board.would_be", "status.acquiring")
    assert "becomes" in found["repurchase_deeming_threshold"].changes["own_threshold"]
    assert found["walden_ratchet_cause"].changes == {"any_cause": (), "own_disposition": ("ratchet",)}
    assert found["prompt_divestiture_days"].changes["5"] == ("divest_by",)


def test_switches_the_model_never_reads_say_why() -> None:
    found = {sw.name: sw for sw in matrix.survey()}
    assert all(sw.why_not == ("" if sw.modelled else matrix.CALENDAR_WHY) for name, sw in found.items()
               if name in CALENDAR_READINGS)
    assert found["inadvertence_cure"].why_not == matrix.CURE_WHY and not found["inadvertence_cure"].read_by
    assert "exchange_ratio_reading" in found["exchange_ratio_adjustment"].why_not
    assert "no identity names this reading" in found["flip_over_rounding"].why_not
    assert all(sw.why_not == "" for sw in found.values() if sw.modelled)


def test_each_value_runs_alone_and_pairs_sharing_a_constraint_run_together() -> None:
    configs = matrix.configurations(list(matrix.survey()))
    singles = [c for c in configs if len(c) == 1 and set(c) <= MODELLED]
    assert len(singles) == 2 + 2 + 2 + 2 + 3 + 2 + 2
    assert configs[:len(singles)] == singles  # the calendar's switches, if the model reads them, come after
    pairs = {tuple(sorted(c)) for c in configs if len(c) == 2}
    assert all(set(pair) <= MODELLED for pair in pairs)
    assert ("exchange_requires_exercisable", "partial_exchange_expires") in pairs
    assert ("repurchase_deeming_threshold", "walden_ratchet_cause") not in pairs  # they share no constraint
    assert {"repurchase_deeming_threshold": "own_threshold", "prompt_divestiture_days": "30"} in configs


@pytest.mark.parametrize("result, premise, cell", [
    ({"status": "PROVED", "witness_depth": 2, "depth": 0}, True, "PROVED"),
    ({"status": "PROVED", "witness_depth": None, "bmc_depth": 3, "depth": 0}, True,
     "vacuous (no reachable premise within depth 3)"),
    ({"status": "PROVED", "witness_depth": None, "depth": 0}, False, "PROVED"),
    ({"status": "COUNTEREXAMPLE", "depth": 2}, True, "COUNTEREXAMPLE at depth 2"),
    ({"status": "BOUNDED", "witness_depth": 1, "depth": 12}, True, "BOUNDED(12)"),
    ({"status": "UNKNOWN", "detail": "timeout", "depth": 0}, True, "UNKNOWN (timeout)"),
], ids=["proved", "vacuous", "proved-without-premise", "counterexample", "bounded", "unknown"])
def test_a_cell_names_the_verdict(result: dict[str, Any], premise: bool, cell: str) -> None:
    assert matrix.verdict(result, premise) == cell


def test_a_change_of_depth_alone_is_not_a_change_of_verdict() -> None:
    assert matrix.kind("COUNTEREXAMPLE at depth 2") == matrix.kind("COUNTEREXAMPLE at depth 5") == "COUNTEREXAMPLE"
    assert matrix.kind("vacuous (no reachable premise within depth 3)") == "vacuous"
    assert matrix.kind("UNKNOWN (timeout)") == "UNKNOWN" and matrix.kind("BOUNDED(12)") == "BOUNDED"


@pytest.fixture(scope="module")
def walden(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """The own-threshold Walden property under both readings of the deeming proviso, replayed."""
    ids = ["walden_safe_below_20_own_threshold"]
    out = tmp_path_factory.mktemp("matrix")
    m = matrix.compute(ids, {}, in_process(ids, {}), in_process, matrix.replaying_confirmer(CHECKER, out),
                       switches("repurchase_deeming_threshold"), progress=lambda line: None)
    return matrix.data(m, ids), out


def test_the_matrix_finds_the_deeming_threshold_dependency(walden: tuple[dict[str, Any], Path]) -> None:
    d, _ = walden
    t = d["properties"]["walden_safe_below_20_own_threshold"]
    assert d["changed"] == ["walden_safe_below_20_own_threshold"] and d["problems"] == []
    assert t["changes_with"] == ["repurchase_deeming_threshold"]
    assert t["verdicts"]["repurchase_deeming_threshold"] == {"literal_15": "COUNTEREXAMPLE at depth 2",
                                                             "own_threshold": "PROVED"}
    assert t["own_readings"] == {"repurchase_deeming_threshold": "own_threshold"}
    assert t["rows"] == [["repurchase_deeming_threshold=literal_15", "COUNTEREXAMPLE at depth 2"]]
    assert t["plain"][0].startswith("Under repurchase_deeming_threshold = literal_15, where the deeming proviso uses "
                                    "its own line (the plan's repurchase_deeming_threshold: 15% in the built-in plan)")
    assert "it holds in every history" in t["plain"][0]


def test_the_counterexample_under_the_other_reading_is_written_and_replays(walden: tuple[dict[str, Any], Path]) -> None:
    d, out = walden
    path = d["properties"]["walden_safe_below_20_own_threshold"]["counterexamples"][
        "repurchase_deeming_threshold=literal_15"]
    written = out / "matrix" / "repurchase_deeming_threshold=literal_15" / "counterexamples"
    assert Path(path).resolve() == (written / "walden_safe_below_20_own_threshold.yaml").resolve()
    scenario = load_scenario(Path(path))
    assert dict(scenario.readings)["repurchase_deeming_threshold"] == "literal_15"


def test_the_property_keeps_its_own_reading_after_the_matrix(walden: tuple[dict[str, Any], Path]) -> None:
    assert BY_ID["walden_safe_below_20_own_threshold"].readings == {"repurchase_deeming_threshold": "own_threshold"}
    assert all(BY_ID[p.id] is p for p in PROPERTIES)


def test_report_json_and_md_carry_the_matrix(walden: tuple[dict[str, Any], Path], tmp_path: Path) -> None:
    d, _ = walden
    write_report(tmp_path, [], [], [], DEPTH, {}, d)
    saved = json.loads((tmp_path / "report.json").read_text())["readings_matrix"]
    assert saved["properties"]["walden_safe_below_20_own_threshold"]["verdicts"]["repurchase_deeming_threshold"][
        "literal_15"] == "COUNTEREXAMPLE at depth 2"
    md = (tmp_path / "report.md").read_text()
    assert "## Where the readings matter" in md and "**1 of 1 statements come out differently" in md
    assert "| `repurchase_deeming_threshold=literal_15` | COUNTEREXAMPLE at depth 2 |" in md
    assert 'id="readings-matrix"' in (tmp_path / "report.html").read_text()


def test_a_report_without_the_matrix_has_no_section(tmp_path: Path) -> None:
    write_report(tmp_path, [], [], [], DEPTH, {})
    assert json.loads((tmp_path / "report.json").read_text())["readings_matrix"] is None
    assert "Where the readings matter" not in (tmp_path / "report.md").read_text()


@pytest.fixture
def reading_property() -> Any:
    """A property whose own words read a switch the model never reads: true only under one reading of it."""
    pid = "test_only_true_when_a_cure_counts_for_all_purposes"

    @prop(pid, "True exactly when an inadvertence cure counts for all purposes.", sections=("Section 1(a)",))
    def _(st: Any) -> Any:
        return st.z.BoolVal(st.cfg.reading("inadvertence_cure") == "all_purposes")

    yield pid
    undeclare(pid)


def test_a_property_whose_verdict_changes_is_flagged_first_and_one_that_reads_no_switch_has_one_row(
        reading_property: str) -> None:
    ids = ["hq_never_acquiring", reading_property]
    m = matrix.compute(ids, {}, in_process(ids, {}), in_process, no_replay, switches("inadvertence_cure"),
                       progress=lambda line: None)
    d = matrix.data(m, ids)
    assert d["changed"] == [reading_property] and list(d["properties"])[0] == reading_property
    t = d["properties"][reading_property]
    assert t["reads"]["formula"] == ["inadvertence_cure"]
    assert t["verdicts"]["inadvertence_cure"] == {"all_purposes": "PROVED", "status_only": "COUNTEREXAMPLE at depth 1"}
    assert [r["readings"] | {"n": r["properties"]} for r in d["runs"]] == [{"inadvertence_cure": "status_only", "n": 1}]
    assert d["switches"][0]["read_by_properties"] == [reading_property]
    assert f"{reading_property}: CHANGES with inadvertence_cure" in matrix.terminal(d)
    hq = d["properties"]["hq_never_acquiring"]  # neither the model nor its words read inadvertence_cure
    assert hq["verdicts"] == {} and hq["rows"] == [] and hq["verdict"] == "PROVED" and hq["changes_with"] == []
    assert "hq_never_acquiring                                         PROVED under every reading" in matrix.terminal(d)
