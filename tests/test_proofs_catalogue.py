"""The property catalogue, the engines on small queries, counterexample replay and the runner."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from rightsplan.proofs import verify
from rightsplan.proofs.catalogue import BY_ID, PROPERTIES
from rightsplan.proofs.replay import replay, trace_to_scenario
from rightsplan.solver.engines import bmc, houdini, induction, recheck_property
from rightsplan.solver.model import Config
from rightsplan.spec.citations import is_valid


def test_every_property_has_an_id_a_sentence_valid_sections_and_an_expected_verdict() -> None:
    assert len(BY_ID) == len(PROPERTIES) >= 25
    for p in PROPERTIES:
        assert p.sentence.endswith(".") and p.sections and all(is_valid(s) for s in p.sections)
        assert p.expect in ("PROVED", "COUNTEREXAMPLE")


def test_hq_never_acquiring_is_proved_by_induction_resting_on_section_1a_and_cvc5_agrees() -> None:
    p, cfg = BY_ID["hq_never_acquiring"], Config()
    inv = houdini(cfg)
    verdict, sections = induction(cfg, p.holds, inv)
    assert (verdict, "Section 1(a)" in sections) == ("unsat", True)
    assert recheck_property(cfg, p.holds, inv)


def test_a_belief_the_text_does_not_support_is_not_proved() -> None:
    p, cfg = BY_ID["belief_rights_expire_october_23_2010"], Config()
    assert induction(cfg, p.holds, houdini(cfg))[0] == "sat"


def test_the_october_2010_counterexample_is_one_step_long_and_replays_through_the_reference() -> None:
    p = BY_ID["belief_rights_expire_october_23_2010"]
    found = bmc(Config(), {p.id: (p.holds, p.when)}, 2)[p.id]
    assert found.cex_depth == 1
    data, text = trace_to_scenario(found.counterexample, {}, "a redemption on October 25, 2010 still counts")
    assert text.startswith("# ") and yaml.safe_load(text)["events"][0]["date"] == "2010-10-25"
    assert replay(data, {})[1] is None


def test_the_runner_writes_a_report_and_exits_zero_when_verdicts_are_as_expected(tmp_path: Path) -> None:
    code = verify.main(["--property", "hq_never", "--property", "october_23", "--depth", "3", "--out", str(tmp_path)])
    report = json.loads((tmp_path / "report.json").read_text())
    assert code == 0 and {r["id"]: r["status"] for r in report["results"]} == {
        "hq_never_acquiring": "PROVED", "belief_rights_expire_october_23_2010": "COUNTEREXAMPLE"}
    assert (tmp_path / "counterexamples" / "belief_rights_expire_october_23_2010.yaml").exists()
    assert "Counterexamples" in (tmp_path / "report.md").read_text()


def test_removing_the_hq_exclusion_from_section_1a_is_caught_by_hq_never_acquiring() -> None:
    from rightsplan.proofs.mutants import caught_by

    assert caught_by("named_exempt", depth=2, props=[BY_ID["hq_never_acquiring"]]) == {"hq_never_acquiring": 1}
