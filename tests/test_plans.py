"""Three more real plans from terms files alone (issue 9): Selectica 2008, Pain Therapeutics 2005, USEC 2010.

The acceptance cases of the issue, each exactly at its line and one share (or one step) short of
it: Selectica's 4.99% threshold and its grandfathering "as of the Close of Business on November 17,
2008" with the 0.5% allowance; Eastbourne's 20% under Pain Therapeutics' 15% with no ratchet;
Toshiba and Babcock & Wilcox fully outside USEC's definition.  Then what a terms file must be: every
term sourced or marked as an assumption, every assumption listed by the results that read it, role
words checked against the plan, and a bad term refused with its file, place and value.  The worked
examples of each plan (examples/plans/<plan>/) are checked here as `make examples` checks them.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rightsplan.spec.cli import cli
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.evaluate import Evaluation, evaluate
from rightsplan.spec.expectations import check_scenario
from rightsplan.spec.scenario import load_scenario, scenario_from_data
from rightsplan.spec.terms import load_plan, shipped_plans
from rightsplan.spec.yamlio import load_yaml_file

NEW_PLANS = ("selectica-2008", "pain-therapeutics-2005", "usec-2010")
OUT = 10_000_000  # shares outstanding: 499,000 is 4.99%, 50,000 is 0.5%, 1,500,000 is 15%
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "plans"
PLAN_DIR = Path(str(resources.files("rightsplan.spec.plans")))


def run_plan(plan: str, holdings: dict[str, int], events: list[dict[str, Any]], *, start: str,
             persons: dict[str, Any] | None = None, **extra: Any) -> Evaluation:
    """Evaluate a scenario under a shipped plan; persons not given are ordinary."""
    data = {"plan": plan, "start": start, "outstanding": OUT, "holdings": holdings, "events": events,
            "persons": persons or {p: {} for p in holdings}, **extra}
    return evaluate(scenario_from_data(data, "<test>"))


def buy(day: str, person: str, shares: int) -> dict[str, Any]:
    return {"date": day, "type": "acquire", "person": person, "shares": shares}


def aps(result: Evaluation) -> dict[str, str]:
    return result.to_json()["acquiring_persons"]


# -- Selectica: "4.99% or more", grandfathered "as of the Close of Business on November 17, 2008" + 0.5% --

def selectica(holdings: dict[str, int], events: list[dict[str, Any]], start: str = "2008-11-17",
              **extra: Any) -> Evaluation:
    return run_plan("selectica-2008", holdings, events, start=start, **extra)


def test_selectica_a_new_holder_one_share_under_4_99_percent_is_not_an_acquiring_person():
    assert aps(selectica({"newco": 400_000}, [buy("2008-12-01", "newco", 98_999)])) == {}   # 4.98999%


def test_selectica_a_new_holder_at_exactly_4_99_percent_is_an_acquiring_person():
    # "the Beneficial Owner of 4.99% or more of the shares of Common Stock then outstanding"
    assert aps(selectica({"newco": 400_000}, [buy("2008-12-01", "newco", 99_000)])) == {"newco": "2008-12-01"}


def test_selectica_a_holder_at_6_percent_on_november_17_that_buys_0_4_percent_is_not_an_acquiring_person():
    assert aps(selectica({"fund": 600_000}, [buy("2008-12-01", "fund", 40_000)])) == {}


def test_selectica_a_holder_at_6_percent_on_november_17_that_buys_0_49999_percent_is_not_an_acquiring_person():
    # 49,999 additional shares: one short of "one-half of one percent (0.5%) or more" of 10,000,000
    assert aps(selectica({"fund": 600_000}, [buy("2008-12-01", "fund", 40_000),
                                             buy("2008-12-08", "fund", 9_999)])) == {}


def test_selectica_a_holder_at_6_percent_on_november_17_that_buys_0_5_percent_is_an_acquiring_person():
    assert aps(selectica({"fund": 600_000}, [buy("2008-12-01", "fund", 50_000)])) == {"fund": "2008-12-01"}


@pytest.mark.parametrize("measure", ["net_shares", "percentage_points"])
def test_selectica_the_allowance_boundary_is_the_same_under_both_readings_when_nothing_else_moves(measure: str):
    reading = {"grandfather_allowance_measure": measure}
    short = selectica({"fund": 600_000}, [buy("2008-12-01", "fund", 49_999)], interpretation=reading)
    exact = selectica({"fund": 600_000}, [buy("2008-12-01", "fund", 50_000)], interpretation=reading)
    assert (aps(short), aps(exact)) == ({}, {"fund": "2008-12-01"})


@pytest.mark.parametrize("measure, expected", [("net_shares", {}), ("percentage_points", {"fund": "2008-12-08"})])
def test_selectica_a_buyback_counts_toward_the_allowance_only_under_the_percentage_points_reading(
        measure: str, expected: dict[str, str]):
    # 600,000 / 9,000,000 after the buyback, then 10,000 shares: 10,000 < 45,000 (0.5% of 9,000,000), but
    # 610,000 / 9,000,000 = 6.78% is 0.78 points above the 6% held on November 17
    result = selectica({"fund": 600_000}, [{"date": "2008-12-01", "type": "repurchase", "shares": 1_000_000},
                                           buy("2008-12-08", "fund", 10_000)],
                       interpretation={"grandfather_allowance_measure": measure})
    assert aps(result) == expected


@pytest.mark.parametrize("held, expected", [(499_000, {}), (498_999, {"fund": "2008-12-01"})],
                         ids=["at 4.99% grandfathered", "one share under: not grandfathered"])
def test_selectica_grandfathering_reaches_a_holder_at_exactly_4_99_percent_on_november_17(
        held: int, expected: dict[str, str]):
    # one share bought on December 1: a holder grandfathered at 4.99% keeps its allowance; one share under
    # 4.99% on November 17 was not grandfathered and crosses 4.99% with that share
    assert aps(selectica({"fund": held}, [buy("2008-12-01", "fund", 1)])) == expected


@pytest.mark.parametrize("day, expected", [("2008-11-17", {}), ("2008-11-18", {"fund": "2008-11-18"})],
                         ids=["bought on November 17: grandfathered", "bought on November 18: Acquiring Person"])
def test_selectica_grandfathering_is_taken_at_the_close_of_business_on_november_17(
        day: str, expected: dict[str, str]):
    assert aps(selectica({"fund": 400_000}, [buy(day, "fund", 150_000)], start="2008-11-14")) == expected


def test_selectica_a_board_designated_exempt_person_at_10_percent_is_not_an_acquiring_person():
    # "any Person (other than the Company, any Related Person or any Exempt Person)"
    result = selectica({"designated": 400_000}, [buy("2008-12-01", "designated", 600_000)],
                       persons={"designated": {"role": "exempt_person"}})
    assert aps(result) == {}


def test_selectica_a_buyback_to_5_percent_shields_and_the_next_share_deems_an_acquiring_person():
    result = selectica({"holder": 450_000}, [{"date": "2008-12-02", "type": "repurchase", "shares": 1_000_000},
                                             buy("2008-12-09", "holder", 1)], start="2008-12-01")
    assert aps(result) == {"holder": "2008-12-09"}


# -- Pain Therapeutics: "15% (or 20% with respect to Eastbourne Capital Management and its affiliates)" --

EASTBOURNE = {"e1": {"role": "eastbourne"}, "e2": {"role": "eastbourne"}}


def pain(holdings: dict[str, int], events: list[dict[str, Any]], persons: dict[str, Any] | None = None) -> Evaluation:
    return run_plan("pain-therapeutics-2005", holdings, events, start="2005-06-01", persons=persons)


@pytest.mark.parametrize("bought, expected", [(190_000, {}), (200_000, {"e1": "2005-06-02", "e2": "2005-06-02"})],
                         ids=["19.9%", "20%"])
def test_pain_eastbourne_and_its_affiliates_together_are_an_acquiring_person_at_20_percent_not_19_9(
        bought: int, expected: dict[str, str]):
    assert aps(pain({"e1": 1_200_000, "e2": 600_000}, [buy("2005-06-02", "e2", bought)], EASTBOURNE)) == expected


@pytest.mark.parametrize("bought, expected", [(999_999, {}), (1_000_000, {"e1": "2005-06-02"})],
                         ids=["one share under 20%", "20%"])
def test_pain_eastbourne_alone_is_an_acquiring_person_at_exactly_20_percent(bought: int, expected: dict[str, str]):
    assert aps(pain({"e1": 1_000_000}, [buy("2005-06-02", "e1", bought)], {"e1": {"role": "eastbourne"}})) == expected


def test_pain_eastbourne_below_15_percent_and_back_to_16_is_not_an_acquiring_person_as_no_ratchet_is_recited():
    events = [{"date": "2005-06-02", "type": "dispose", "person": "e1", "shares": 400_000},   # 14%
              buy("2005-06-09", "e1", 200_000),                                                # 16%
              buy("2005-06-16", "e1", 399_999)]                                                # 19.99999%
    assert aps(pain({"e1": 1_800_000}, events, {"e1": {"role": "eastbourne"}})) == {}


def test_pain_eastbourne_after_falling_below_15_percent_is_still_an_acquiring_person_at_20():
    events = [{"date": "2005-06-02", "type": "dispose", "person": "e1", "shares": 400_000},
              buy("2005-06-09", "e1", 600_000)]                                                # 20%
    assert aps(pain({"e1": 1_800_000}, events, {"e1": {"role": "eastbourne"}})) == {"e1": "2005-06-09"}


@pytest.mark.parametrize("bought, expected", [(499_999, {}), (500_000, {"acme": "2005-06-02"})],
                         ids=["one share under 15%", "15%"])
def test_pain_an_ordinary_holder_is_an_acquiring_person_at_15_percent(bought: int, expected: dict[str, str]):
    assert aps(pain({"acme": 1_000_000}, [buy("2005-06-02", "acme", bought)])) == expected


def test_pain_a_tender_offer_sets_the_distribution_date_ten_business_days_later():
    # "10 business days following the commencement of ... a tender offer or exchange offer"
    result = pain({"raider": 500_000}, [{"date": "2005-06-01", "type": "tender_offer", "person": "raider",
                                         "shares": 2_000_000}])
    assert result.to_json()["distribution_date"] == "2005-06-15"


# -- USEC: "(iv) Toshiba Corporation ... and Babcock & Wilcox Investment Company" --

USEC_PERSONS = {"toshiba": {"role": "toshiba"}, "bw": {"role": "babcock_wilcox"}, "fund": {}}


def usec(holdings: dict[str, int], events: list[dict[str, Any]], **extra: Any) -> Evaluation:
    return run_plan("usec-2010", holdings, events, start="2010-06-01", persons=USEC_PERSONS, **extra)


def test_usec_toshiba_at_30_percent_is_not_an_acquiring_person():
    result = usec({"toshiba": 1_000_000}, [buy("2010-06-02", "toshiba", 2_000_000),
                                           {"date": "2010-06-03", "type": "announce", "person": "toshiba"}])
    assert (aps(result), result.to_json()["distribution_date"]) == ({}, None)


def test_usec_babcock_and_wilcox_at_20_percent_is_not_an_acquiring_person():
    assert aps(usec({"bw": 500_000}, [buy("2010-06-02", "bw", 1_500_000)])) == {}


@pytest.mark.parametrize("bought, expected", [(499_999, {}), (500_000, {"fund": "2010-06-02"})],
                         ids=["one share under 15%", "15%"])
def test_usec_an_ordinary_holder_is_an_acquiring_person_at_15_percent(bought: int, expected: dict[str, str]):
    assert aps(usec({"fund": 1_000_000}, [buy("2010-06-02", "fund", bought)])) == expected


def test_usec_a_partner_in_a_group_with_toshiba_counts_toshibas_shares_and_toshibas_rights_become_void():
    result = usec({"toshiba": 2_000_000, "fund": 100_000},
                  [{"date": "2010-06-02", "type": "join_group", "persons": ["toshiba", "fund"]}])
    assert (aps(result), sorted(result.to_json()["void_holders"])) == ({"fund": "2010-06-02"}, ["fund", "toshiba"])


# -- the terms files: loaded, sourced, assumptions listed --

def test_every_shipped_plan_loads_by_name_and_the_three_new_plans_are_shipped():
    assert set(NEW_PLANS) <= set(shipped_plans())
    for name in shipped_plans():
        assert load_plan(name).name == name


def term_objects(raw: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every term object of a raw terms file, by its place (the keys of ``PlanTerms.assumptions``)."""
    for name, entry in raw["terms"].items():
        yield f"terms.{name}", entry
    for key, holder in (raw.get("named_holders") or {}).items():
        for part in ("threshold", "ratchet"):
            if part in holder:
                yield f"named_holders.{key}.{part}", holder[part]
    for part in ("date", "threshold", "allowance"):
        if raw.get("grandfathering"):
            yield f"grandfathering.{part}", raw["grandfathering"][part]
    for part in ("exempt_persons", "security"):
        if raw.get(part):
            yield part, raw[part]


@pytest.mark.parametrize("name", NEW_PLANS)
def test_every_term_of_a_new_plan_names_its_source_or_says_why_it_is_assumed(name: str):
    raw = load_yaml_file(PLAN_DIR / f"{name}.yaml")
    unsourced = [place for place, entry in term_objects(raw) if not (entry.get("source") or entry.get("assumption"))]
    unsourced += [f"named_holders.{key}" for key, h in (raw.get("named_holders") or {}).items() if not h.get("source")]
    assert raw["sources"] and unsourced == []


@pytest.mark.parametrize("name", NEW_PLANS)
def test_every_assumption_in_a_terms_file_is_listed_by_the_plan(name: str):
    raw = load_yaml_file(PLAN_DIR / f"{name}.yaml")
    marked = {place for place, entry in term_objects(raw) if entry.get("assumption")}
    assert set(load_plan(name).assumptions) == marked | {"numbering"}


@pytest.mark.parametrize("name", NEW_PLANS)
def test_a_result_lists_the_structural_assumptions_and_the_assumed_terms_it_read(name: str):
    plan = load_plan(name)
    listed = run_plan(name, {"a": 100}, [], start=str(plan.agreement_date)).to_json()["plan_assumptions"]
    places = {a["term"] for a in listed}
    structural = {p for p in plan.assumptions if not p.startswith("terms.")}
    assert structural <= places <= set(plan.assumptions) and "terms.final_expiration_date" in places


def test_a_result_lists_the_assumed_distribution_clock_only_when_a_clock_runs():
    # Pain Therapeutics' ten days are sourced for a tender offer and assumed for clause (i)
    quiet = pain({"raider": 500_000}, [])
    offer = pain({"raider": 500_000}, [{"date": "2005-06-01", "type": "tender_offer", "person": "raider",
                                        "shares": 2_000_000}])
    listed = [{a["term"] for a in r.to_json()["plan_assumptions"]} for r in (quiet, offer)]
    assert ["terms.distribution_business_days" in places for places in listed] == [False, True]


def test_the_digitalthink_plan_assumes_nothing():
    assert load_plan("digitalthink-2003").assumptions == {}


# -- role words and bad terms files --

@pytest.mark.parametrize("plan, roles", [
    ("usec-2010", "ordinary, toshiba, babcock_wilcox, employee_plan, subsidiary, company"),
    ("selectica-2008", "ordinary, exempt_person, employee_plan, subsidiary, company"),
    ("pain-therapeutics-2005", "ordinary, eastbourne, employee_plan, subsidiary, company"),
])
def test_an_unknown_role_word_under_a_plan_is_refused_naming_the_plans_roles(plan: str, roles: str):
    data = {"plan": plan, "outstanding": 100, "persons": {"w": {"role": "walden"}}, "holdings": {}, "events": []}
    with pytest.raises(ScenarioError) as err:
        scenario_from_data(data, "case.yaml")
    assert f"case.yaml: persons.w.role: got 'walden'; expected one of the roles of plan {plan}: {roles}" in str(err.value)


def selectica_text() -> str:
    return (PLAN_DIR / "selectica-2008.yaml").read_text(encoding="utf-8")


BAD_TERMS = [
    ("threshold written as a percentage", ('value: "0.0499"', 'value: "4.99%"'),
     "terms.acquiring_person_threshold.value: got '4.99%'"),
    ("a term no plan has", ("terms:\n", "terms:\n  walden_threshold: {value: \"0.2\", section: Section 1(a)}\n"),
     "terms.walden_threshold: got 'walden_threshold'"),
    ("a section the citation form does not know", ("section: Section 23(a)", "section: Article 23"),
     "terms.redemption_days.section: got 'Article 23'"),
    ("an empty assumption", ('assumption: "Not read; the form\'s fifth day after the Shares Acquisition Date"',
                             'assumption: ""'), "terms.redemption_days.assumption: got ''"),
    ("at_close not a boolean", ("at_close: true", "at_close: sometimes"), "grandfathering.at_close: got 'sometimes'"),
    ("an allowance over 100%", ('value: "0.005"', 'value: "1.5"'), "grandfathering.allowance.value: got '1.5'"),
    ("a security no rule knows", ("value: preferred_thousandths", "value: half_common_share"),
     "security.value: got 'half_common_share'"),
    ("a named holder of an unknown kind",
     ("exempt_persons:\n", "named_holders:\n  trilogy: {kind: partial, section: Section 1(a)}\nexempt_persons:\n"),
     "named_holders.trilogy.kind: got 'partial'"),
]


@pytest.mark.parametrize("change, message", [(c, m) for _, c, m in BAD_TERMS], ids=[i for i, _, _ in BAD_TERMS])
def test_a_terms_file_with_a_bad_term_is_refused_naming_file_place_and_value(
        tmp_path: Path, change: tuple[str, str], message: str):
    old, new = change
    assert old in selectica_text()
    path = tmp_path / "bad-plan.yaml"
    path.write_text(selectica_text().replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_plan(path)
    assert f"{path}: {message}; expected " in str(err.value)


def test_a_scenario_naming_a_bad_terms_file_exits_2_with_one_line_and_no_traceback(tmp_path: Path):
    (tmp_path / "bad-plan.yaml").write_text(selectica_text().replace('value: "0.0499"', 'value: "4.99%"', 1))
    scenario = tmp_path / "case.yaml"
    scenario.write_text("plan: bad-plan.yaml\noutstanding: 100\npersons: {a: {}}\nholdings: {a: 1}\nevents: []\n")
    result = CliRunner().invoke(cli, ["evaluate", str(scenario)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "bad-plan.yaml: terms.acquiring_person_threshold.value: got '4.99%'" in result.output


# -- the worked examples of each plan --

PLAN_EXAMPLES = sorted(EXAMPLES.glob("*/*.yaml"))


@pytest.mark.parametrize("name", NEW_PLANS)
def test_each_new_plan_has_at_least_five_worked_examples_under_its_own_name(name: str):
    paths = sorted((EXAMPLES / name).glob("*.yaml"))
    assert len(paths) >= 5 and all(load_scenario(p).plan.name == name for p in paths)


@pytest.mark.parametrize("path", PLAN_EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_plan_example(path: Path):
    scenario = load_scenario(path)
    assert path.read_text(encoding="utf-8").startswith("# ") and scenario.description
    checked = check_scenario(scenario)
    wrong = {c.key: {"expected": c.expected, "got": c.got} for c in checked.failures}
    assert checked.checks and wrong == {}, f"{path}: {wrong}"
