"""The catalogue per plan (issue 9): properties of every plan in the plan's words, the beliefs of one plan as data.

A property that needs a part the plan does not have is reported "not applicable" with the
reason; a belief declared in a terms file is checked and its counterexample replayed under
that plan; a belief naming an unknown template (or parameter, or expected verdict for an
unknown id) is refused with file, place and value.  The built-in plan keeps every id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from rightsplan.proofs import findings, verify
from rightsplan.proofs.beliefs import TEMPLATES, last_index_on_or_before
from rightsplan.proofs.catalogue import BY_ID, NOT_APPLICABLE, PROPERTIES, use_plan
from rightsplan.proofs.plan_words import number, ordinal, percent
from rightsplan.proofs.report import write_report
from rightsplan.spec import agreement
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.terms import load_plan, shipped_plans

# The ids of the built-in plan's catalogue before the split (git 4fa4f6a): every one must stay.
BUILTIN_IDS = """
hq_never_acquiring exempt_never_acquiring repurchase_carve_out repurchase_then_acquire grandfathered_without_acquisition
grandfathered_holder_not_acquiring grandfather_ends_on_acquisition acquiring_person_stays
no_new_acquiring_after_expiration belief_every_15_percent_holder_acquiring walden_threshold_only_drops
walden_ordinary_rule_below_20 walden_ratchet_bites belief_walden_safe_below_20 walden_safe_below_20_own_threshold
inadvertent_acquirer_cured inadvertent_acquirer_divests_in_time triggering_event_stays
belief_triggering_event_is_permanent shares_acquisition_date_needs_acquiring_person distribution_within_10_days_of_sad
distribution_within_10_days_of_tender_offer distribution_date_never_earlier belief_distribution_follows_acquisition
belief_tender_offer_for_15_percent_starts_clock belief_distribution_date_cannot_be_withdrawn
no_redemption_after_deadline redemption_deadline_by_final_expiration redemption_window_five_days
belief_redeemable_until_fifth_day_after_15_percent_announcement exchange_only_after_triggering_event
fifty_percent_bars_exchange fifty_percent_bar_recorded rights_exchange_only_before_acquiring_person
belief_exchange_until_acquiring_person_has_50 nothing_exercisable_after_redemption_or_exchange expiration_is_final
no_board_action_after_expiration belief_rights_expire_october_23_2010 acquiring_persons_rights_void
void_rights_stay_void void_only_after_triggering_event own_words_fifty_percent_bar_exact
own_words_redemption_deadline_exact own_words_redemption_effective_exactly_in_window
own_words_distribution_date_at_first_announcement own_words_repurchase_carve_out own_words_deeming_proviso
own_words_cure_in_time own_words_grandfathered_without_additional_shares own_words_void_rights_exact
own_words_threshold_crossing_makes_acquiring own_words_below_threshold_not_acquiring own_words_expiration
""".split()
# Added since: the final result under the retroactive cure of Section 1(a)(i) (proofs/properties/retroactive_cure.py).
FINAL_RESULT_IDS = """
guess_only_in_episode final_triggering_event_fixed cure_leaves_no_trace final_void_has_final_cause
status_triggering_event_fixed final_run_keeps_cured_out final_run_triggering_event_fixed final_redemption_without_sad
refused_redemption_stays_refused
""".split()


@pytest.fixture
def builtin_after() -> Iterator[None]:
    """Whatever a test renders, the catalogue is the built-in plan's again afterwards."""
    yield
    use_plan()


def _terms_file(tmp_path: Path, base: str, **sections: object) -> Path:
    """A copy of a shipped plan's terms file with sections replaced (beliefs, expected_verdicts, ...)."""
    data = yaml.safe_load((Path(__file__).parent.parent / "spec" / "plans" / f"{base}.yaml").read_text())
    data.update(sections)
    data["name"] = f"{base}-test"
    path = tmp_path / f"{base}-test.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_the_built_in_plan_keeps_every_id_and_each_belief_its_counterexample_verdict() -> None:
    assert [p.id for p in PROPERTIES if p.id not in BUILTIN_IDS + FINAL_RESULT_IDS] == []
    assert sorted(p.id for p in PROPERTIES) == sorted(BUILTIN_IDS + FINAL_RESULT_IDS)
    assert {n.id: n.reason for n in NOT_APPLICABLE} == {  # the allowance properties: Selectica's 0.5%
        "grandfathered_within_allowance_not_acquiring": "the plan's grandfathering has no allowance",
        "grandfather_allowance_reached_makes_acquiring": "the plan's grandfathering has no allowance"}
    beliefs = [p for p in PROPERTIES if p.id.startswith("belief_")]
    assert len(beliefs) == 9 and all(p.expect == "COUNTEREXAMPLE" and p.template in TEMPLATES for p in beliefs)


def test_every_belief_template_of_a_counterexample_has_a_reason() -> None:
    assert {p.template for p in PROPERTIES if p.expect == "COUNTEREXAMPLE" and p.engine == "step"} <= \
        set(findings.REASONS)
    assert set(findings.REASONS) <= set(TEMPLATES)


def test_the_built_in_plans_belief_words_are_where_its_file_says() -> None:
    for b in load_plan().beliefs:
        assert agreement.quote_found(b.words, b.section), b.id


def test_sentences_and_ids_are_in_each_plans_terms(builtin_after: None) -> None:
    use_plan("selectica-2008")
    assert "A Person lifted to 4.99% by a buyback" in BY_ID["repurchase_then_acquire"].sentence
    assert "additional shares of 0.5% or more of the shares then outstanding while at 4.99% or more" in \
        BY_ID["grandfather_allowance_reached_makes_acquiring"].sentence
    assert BY_ID["named_exempt_never_acquiring"].sentence.startswith("A Board-designated Exempt Person is never")
    assert "as of the Close of Business on November 17, 2008" in BY_ID["grandfathered_holder_not_acquiring"].sentence
    use_plan("usec-2010")
    assert BY_ID["named_exempt_never_acquiring"].sentence.startswith("Each of Toshiba and B&W is never")
    use_plan("pain-therapeutics-2005")
    assert BY_ID["eastbourne_ordinary_rule_below_20"].sentence.startswith("Eastbourne below 20% never becomes")
    assert not any("walden" in p.id or "Walden" in p.sentence for p in PROPERTIES)


def test_a_property_a_plan_has_no_part_for_is_reported_not_applicable_with_the_reason(
        builtin_after: None, tmp_path: Path) -> None:
    use_plan("usec-2010")
    na = {n.id: n.reason for n in NOT_APPLICABLE}
    assert na["own_threshold_holder_ratchet_bites"] == "the plan has no named holder with its own threshold"
    assert "own_threshold_holder_ratchet_bites" not in BY_ID
    use_plan("pain-therapeutics-2005")
    na = {n.id: n.reason for n in NOT_APPLICABLE}
    assert na == {"named_exempt_never_acquiring": "the plan has no named exempt holder and no Board-designated "
                  "Exempt Persons", "eastbourne_threshold_only_drops": "the plan's named holders have no ratchet",
                  "eastbourne_ratchet_bites": "the plan's named holders have no ratchet",
                  "grandfathered_within_allowance_not_acquiring": "the plan's grandfathering has no allowance",
                  "grandfather_allowance_reached_makes_acquiring": "the plan's grandfathering has no allowance"}
    write_report(tmp_path, [], [], [], 1)
    md, data = (tmp_path / "report.md").read_text(), json.loads((tmp_path / "report.json").read_text())
    assert "eastbourne_ratchet_bites (not applicable: the plan's named holders have no ratchet)" in md
    assert data["plan"]["name"] == "pain-therapeutics-2005" and len(data["not_applicable"]) == 5
    assert "(plan `pain-therapeutics-2005`)" in md and "Pain Therapeutics" in data["title"]


def test_a_belief_naming_an_unknown_template_is_refused_with_file_place_and_value(
        builtin_after: None, tmp_path: Path) -> None:
    belief = {"id": "belief_x", "words": "w", "section": "Section 1(a)", "sections": ["Section 1(a)"],
              "template": "no_such_template", "expect": "COUNTEREXAMPLE"}
    path = _terms_file(tmp_path, "usec-2010", beliefs=[belief])
    with pytest.raises(ScenarioError) as caught:
        use_plan(str(path))
    assert (caught.value.file, caught.value.place, caught.value.value) == (str(path), "beliefs[0].template",
                                                                            "no_such_template")
    assert "holder_at_percent_is_acquiring" in caught.value.expected
    assert verify.main(["--plan", str(path), "--property", "belief_x"]) == 2


@pytest.mark.parametrize("change, place, value", [
    ({"parameters": {"percent": "1.5"}}, "beliefs[0].parameters.percent", "1.5"),
    ({"parameters": {"percent": "0.15", "days": 3}}, "beliefs[0].parameters.days", "days"),
    ({"parameters": {}}, "beliefs[0].parameters", {}),
    ({"template": "own_threshold_holder_safe_below_percent", "parameters": {"holder": "toshiba", "percent": "0.2"}},
     "beliefs[0].template", "own_threshold_holder_safe_below_percent"),
])
def test_a_belief_with_a_wrong_parameter_is_refused_where_it_is(builtin_after: None, tmp_path: Path,
                                                                 change: dict, place: str, value: object) -> None:
    belief = {"id": "belief_x", "words": "w", "section": "Section 1(a)", "sections": ["Section 1(a)"],
              "template": "holder_at_percent_is_acquiring", "expect": "COUNTEREXAMPLE"} | change
    with pytest.raises(ScenarioError) as caught:
        use_plan(str(_terms_file(tmp_path, "usec-2010", beliefs=[belief])))
    assert (caught.value.place, caught.value.value) == (place, value)


def test_an_expected_verdict_for_an_id_the_plan_does_not_have_is_refused(builtin_after: None, tmp_path: Path) -> None:
    path = _terms_file(tmp_path, "usec-2010", expected_verdicts={
        "walden_ratchet_bites": {"verdict": "COUNTEREXAMPLE", "reason": "r"}})
    with pytest.raises(ScenarioError) as caught:
        use_plan(str(path))
    assert (caught.value.place, caught.value.value) == ("expected_verdicts.walden_ratchet_bites",
                                                         "walden_ratchet_bites")


def test_a_plans_expected_verdict_replaces_the_catalogues_with_its_reason(builtin_after: None, tmp_path: Path) -> None:
    path = _terms_file(tmp_path, "usec-2010", expected_verdicts={
        "grandfather_ends_on_acquisition": {"verdict": "COUNTEREXAMPLE", "reason": "an allowance"}})
    use_plan(str(path))
    p = BY_ID["grandfather_ends_on_acquisition"]
    assert (p.expect, p.expect_reason) == ("COUNTEREXAMPLE", "an allowance")


def test_a_belief_declared_in_a_terms_file_is_checked_and_its_counterexample_replayed_under_that_plan(
        builtin_after: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    belief = {"id": "belief_every_4_99_percent_holder_acquiring", "words": "4.99% or more", "section": "Section 1(a)",
              "sections": ["Section 1(a)"], "template": "holder_at_percent_is_acquiring",
              "parameters": {"percent": "0.0499"}, "expect": "COUNTEREXAMPLE"}
    path = _terms_file(tmp_path, "selectica-2008", beliefs=[belief])
    out = tmp_path / "out"
    code = verify.main(["--plan", str(path), "--property", "belief_every_4_99", "--depth", "2", "--out", str(out),
                        "--no-identities"])
    report = json.loads((out / "report.json").read_text())
    (r,) = report["results"]
    assert code == 0 and r["status"] == "COUNTEREXAMPLE" and report["plan"]["name"] == "selectica-2008-test"
    printed = capsys.readouterr().out
    assert "own_threshold_holder_ratchet_bites" in printed
    assert "NOT APPLICABLE: the plan has no named holder with its own threshold" in printed
    scenario = yaml.safe_load((out / "counterexamples" / f"{belief['id']}.yaml").read_text())
    assert scenario["plan"] == str(path)
    (f,) = report["findings"]
    assert f["why"] is not None and "4.99%" in f["why"]["sentence"]


def test_the_plan_words() -> None:
    assert [percent(x) for x in (load_plan().value("acquiring_person_threshold"),)] == ["15%"]
    from fractions import Fraction
    assert percent(Fraction(499, 10000)) == "4.99%" and percent(Fraction(1, 3)) == "100/3%"
    assert (number(10), number(50), number(21), ordinal(5), ordinal(10), ordinal(22)) == (
        "ten", "fifty", "twenty-one", "fifth", "tenth", "22nd")


def test_a_belief_date_is_the_last_business_day_on_or_before_it_in_the_models_window() -> None:
    from datetime import date

    from rightsplan.solver.plan import model_plan

    plan = load_plan()
    final = model_plan(plan.source).time.final
    assert last_index_on_or_before(plan, date(2010, 10, 23)) == final - 1  # Saturday: Friday, October 22
    assert last_index_on_or_before(plan, date(2010, 10, 25)) == final
    assert last_index_on_or_before(plan, date(2009, 1, 1)) is None


def test_every_shipped_plan_renders_a_catalogue(builtin_after: None) -> None:
    for name in shipped_plans():
        use_plan(name)
        assert PROPERTIES and all(p.sentence.endswith(".") and "{" not in p.sentence for p in PROPERTIES), name


@pytest.mark.parametrize("bought, acquiring", [(1, False), (2, True)])
def test_a_holder_declared_grandfathered_at_the_start_has_the_allowance_from_its_start_holding(
        bought: int, acquiring: bool) -> None:
    """Selectica: 11 of 201 shares grandfathered; 1 more share is 0.4975% (< 0.5%), 2 more are 0.995%.

    Found by ``verify --plan selectica-2008`` (grandfather_ends_on_acquisition): the reference counted the
    whole start holding as "additional shares"; the model and the reference now agree on both sides of the line.
    """
    from rightsplan.proofs.replay import replay
    from rightsplan.spec import evaluate, scenario_from_data

    data = {"plan": "selectica-2008", "start": "2009-02-23", "outstanding": 201, "persons": {"Acquirer": {}},
            "holdings": {"Acquirer": 11}, "grandfathered": ["Acquirer"],
            "events": [{"date": "2009-02-23", "type": "acquire", "person": "Acquirer", "shares": bought}]}
    result = evaluate(scenario_from_data(data, "g.yaml")).to_json()
    assert ("Acquirer" in result["acquiring_persons"]) is acquiring
    assert replay(data, {})[1] is None


_BELIEF = {"id": "belief_x", "words": "w", "section": "Section 1(a)", "sections": ["Section 1(a)"],
           "template": "holder_at_percent_is_acquiring", "parameters": {"percent": "0.15"}, "expect": "COUNTEREXAMPLE"}


@pytest.mark.parametrize("sections, place, value", [
    ({"beliefs": [_BELIEF | {"expect": "MAYBE"}]}, "beliefs[0].expect", "MAYBE"),
    ({"beliefs": [{k: v for k, v in _BELIEF.items() if k != "words"}]}, "beliefs[0].words", None),
    ({"beliefs": [_BELIEF | {"sections": "Section 1(a)"}]}, "beliefs[0].sections", "Section 1(a)"),
    ({"beliefs": [_BELIEF | {"section": "Clause 7"}]}, "beliefs[0].section", "Clause 7"),
    ({"beliefs": [_BELIEF, _BELIEF]}, "beliefs[0].id", "belief_x"),
    ({"beliefs": [_BELIEF | {"readings": {"no_such_switch": "x"}}]}, "beliefs[0].readings", "no_such_switch"),
    ({"beliefs": [_BELIEF | {"colour": "red"}]}, "beliefs[0].colour", "colour"),
    ({"beliefs": {"id": "belief_x"}}, "beliefs", {"id": "belief_x"}),
    ({"expected_verdicts": {"exempt_never_acquiring": {"verdict": "NO", "reason": "r"}}},
     "expected_verdicts.exempt_never_acquiring.verdict", "NO"),
    ({"expected_verdicts": {"exempt_never_acquiring": {"verdict": "PROVED"}}},
     "expected_verdicts.exempt_never_acquiring.reason", None),
    ({"finding_words": {"bar": {"section": "Sec. 24", "words": "w"}}}, "finding_words.bar.section", "Sec. 24"),
])
def test_a_malformed_checker_section_of_a_terms_file_is_refused_when_the_plan_loads(
        tmp_path: Path, sections: dict, place: str, value: object) -> None:
    path = _terms_file(tmp_path, "usec-2010", **sections)
    with pytest.raises(ScenarioError) as caught:
        load_plan(str(path))
    assert (caught.value.file, caught.value.place, caught.value.value) == (str(path), place, value)


def test_a_finding_on_another_plan_names_its_holder_and_numbers_from_that_plan() -> None:
    """Pain Therapeutics: Eastbourne's offer to 18% starts no clock: its own 20%, not DigitalThink's words."""
    from rightsplan.spec import evaluate, scenario_from_data

    data = {"plan": "pain-therapeutics-2005", "start": "2005-06-01", "outstanding": 10_000_000,
            "persons": {"eastbourne": {"role": "eastbourne"}}, "holdings": {"eastbourne": 1_000_000},
            "events": [{"date": "2005-06-01", "type": "tender_offer", "person": "eastbourne", "shares": 800_000}]}
    why = findings.explain("belief_tender_offer_for_15_percent_starts_clock",
                           evaluate(scenario_from_data(data, "p.yaml"), snapshots=True))
    assert why is not None and "Eastbourne's threshold is 20%, not 15%" in why.sentence
    assert [c for c, _ in why.words] == ["Section 1(a)"] and "Eastbourne Capital Management" in why.words[0][1]
    assert "Walden" not in why.sentence and "H&Q" not in why.sentence
