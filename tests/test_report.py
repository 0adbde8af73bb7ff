"""The checker's report and runner: why each belief fails, report.html/.md/.json, streaming rows, time limits."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rightsplan.proofs import findings, verify
from rightsplan.proofs.catalogue import BY_ID, PROPERTIES, current_plan, kept
from rightsplan.spec import agreement, evaluate, scenario_from_data

import quick_report
from test_memo import fetches

# The Board redeems on Monday, October 25, 2010; Saturday, October 23 is the Final Expiration Date.
REDEEM = {"outstanding": 10_000_000, "persons": {"acquirer": {}}, "holdings": {"acquirer": 1_000_000},
          "events": [{"date": "2010-10-25", "type": "redeem"}]}


def test_every_stored_quotation_is_in_the_shipped_agreement() -> None:
    assert findings.check_words() == []


def test_every_belief_words_are_found_in_exhibit_c_or_section_1a() -> None:
    for p in PROPERTIES:
        if p.belief:
            assert agreement.quote_found(p.belief, findings.belief_source(p.belief, p.belief_section)), p.id


def test_every_expected_counterexample_has_a_reason_and_every_reason_a_belief_template() -> None:
    expected = {p.template for p in PROPERTIES if p.expect == "COUNTEREXAMPLE" and p.engine == "step"}
    assert set(findings.REASONS) == expected


def test_the_october_23_reason_is_read_from_the_replay() -> None:
    why = findings.explain("belief_rights_expire_october_23_2010",
                           evaluate(scenario_from_data(REDEEM, "r.yaml"), snapshots=True))
    assert why is not None and why.step == 1 and why.determination == "redemption effective"
    assert "is a Saturday" in why.sentence and "Monday, October 25, 2010" in why.sentence
    assert [c for c, _ in why.words] == ["Section 1(r)", "Section 1(f)", "Section 23(a)"]


def test_a_reason_the_replay_does_not_show_is_not_printed() -> None:
    early = REDEEM | {"events": [{"date": "2010-10-22", "type": "redeem"}]}
    assert findings.explain("belief_rights_expire_october_23_2010",
                            evaluate(scenario_from_data(early, "r.yaml"), snapshots=True)) is None


def test_the_h_and_q_reason_names_the_carve_out() -> None:
    data = {"outstanding": 10_000_000, "persons": {"H&Q": {"role": "hq"}}, "holdings": {"H&Q": 1_400_000},
            "events": [{"date": "2003-04-22", "type": "acquire", "person": "H&Q", "shares": 200_000}]}
    why = findings.explain("belief_every_15_percent_holder_acquiring",
                           evaluate(scenario_from_data(data, "h.yaml"), snapshots=True))
    assert why is not None and "H&Q holds 16%" in why.sentence and why.words[0][0] == "Section 1(a)"
    assert "other than H&Q Venture Associates" in why.words[0][1]


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    """The shared quick run (tests/quick_report.py): its exit code and report folder."""
    return quick_report.run(tmp_path_factory.getbasetemp() / "quick-run")


def test_a_quick_run_passes_and_writes_three_reports(quick: tuple[int, Path]) -> None:
    code, out = quick
    assert code == 0
    assert {p.name for p in out.iterdir()} >= {"report.html", "report.md", "report.json", "counterexamples"}


def test_the_html_report_is_one_self_contained_file_with_each_finding_chart_and_reason(quick: tuple[int, Path]) -> None:
    html = (quick[1] / "report.html").read_text()
    assert not fetches(html) and "<style>" in html
    section = html[html.index('id="belief_rights_expire_october_23_2010"'):html.index('id="proofs"')]
    assert "<svg" in section and "Why it fails." in section and "is a Saturday" in section
    assert 'href="#s-1f"' in section and 'id="s-1f"' in html
    assert "not failures" in html


def test_page_one_comes_before_the_findings_and_the_proofs(quick: tuple[int, Path]) -> None:
    md = (quick[1] / "report.md").read_text()
    assert md.index("## Summary") < md.index("## Findings") < md.index("## The proofs, by section")
    assert "All 3 verdicts are as expected: 1 proved, 2 expected findings." in md


def test_the_markdown_report_has_no_python_shapes_or_bad_plurals(quick: tuple[int, Path]) -> None:
    md = (quick[1] / "report.md").read_text()
    for bad in ("{'", "1 new shares", "on 1 shares", "hq now hold", "\n0. ", "Step 0"):
        assert bad not in md
    assert "**Step 1.** Monday, October 25, 2010" in md


def test_the_json_report_carries_the_same_findings(quick: tuple[int, Path]) -> None:
    data = json.loads((quick[1] / "report.json").read_text())
    f = {x["id"]: x for x in data["findings"]}["belief_rights_expire_october_23_2010"]
    assert f["why"]["determination"] == "redemption effective" and len(data["findings"]) == 2
    assert "chart" not in f and data["proved"] == 1 and data["checked"] == 3


def test_an_expired_right_beside_an_effective_redemption_is_explained(quick: tuple[int, Path]) -> None:
    data = json.loads((quick[1] / "report.json").read_text())
    (f,) = [x for x in data["findings"] if x["id"] == "belief_rights_expire_october_23_2010"]
    rights = f["table"][-1]["rights"]
    assert rights.startswith("redeemed: the Rights expire with this redemption")


def test_a_property_run_never_touches_the_full_report(quick: tuple[int, Path]) -> None:
    home = quick[1].parent.parent
    assert (home / "counterexamples" / "belief_rights_expire_october_23_2010.yaml").read_text() == "# from the full run\n"
    assert not (home / "report.html").exists() and (quick[1] / "report.html").exists()


def test_a_property_past_its_time_limit_is_unknown_and_fails_the_run(capsys: pytest.CaptureFixture[str],
                                                                     tmp_path: Path) -> None:
    # The slowest proof of the catalogue (seconds of CPU), so it is still running when 0.01 s is up.
    slow = "own_words_redemption_effective_exactly_in_window"
    code = verify.main(["--property", slow, "--timeout", "0.01", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1 and "UNKNOWN (timeout)" in out
    assert out.strip().splitlines()[-1].startswith(f"1 problem(s); unexpected verdicts: {slow}")


def test_rows_print_as_properties_finish_and_the_closing_line_says_where_the_report_is(quick: tuple[int, Path]) -> None:
    lines = (quick[1].parent.parent / "printed.txt").read_text().strip().splitlines()
    assert lines[0].startswith("checking 3 properties") and lines[1].split()[0] in BY_ID
    assert lines[-1].startswith("all 3 verdicts as expected (1 proved, 2 findings:") and "report.html" in lines[-1]


def test_a_run_wide_reading_applies_to_every_property_and_an_unknown_one_is_refused(tmp_path: Path) -> None:
    assert verify.main(["--property", "hq_never", "--reading", "nope=1", "--out", str(tmp_path)]) == 2
    before = dict(BY_ID)
    with kept():
        verify.apply_readings({"walden_ratchet_cause": "any_cause"})
        assert BY_ID["walden_safe_below_20_own_threshold"].readings == {
            "repurchase_deeming_threshold": "own_threshold", "walden_ratchet_cause": "any_cause"}
    assert BY_ID == before  # the run-wide reading ends with the block, as it ends with a verify run


def test_a_verify_run_leaves_the_catalogue_as_it_found_it(tmp_path: Path) -> None:
    """A run's --plan and --reading are rendered into the catalogue for the run only (catalogue.kept)."""
    before, plan = dict(BY_ID), current_plan().name
    code = verify.main(["--plan", "selectica-2008", "--property", "acquiring_person_stays", "--reading",
                        "walden_ratchet_cause=any_cause", "--depth", "1", "--no-identities", "--out", str(tmp_path)])
    assert code in (0, 1) and (tmp_path / "report.json").is_file()
    assert BY_ID == before and current_plan().name == plan


def test_dates_in_the_story_are_weekday_dates() -> None:
    assert findings.long_date(date(2010, 10, 25)) == "Monday, October 25, 2010"


def test_the_plans_beliefs_are_read_before_what_the_cure_does_to_the_final_result() -> None:
    from rightsplan.proofs.report import reading_order

    results = [{"id": "cure_1", "engine": "final_view"}, {"id": "belief_1"}, {"id": "cure_2", "engine": "final_run"},
               {"id": "belief_2", "engine": "step"}]
    assert [r["id"] for r in reading_order(results)] == ["belief_1", "belief_2", "cure_1", "cure_2"]
