"""The reference implementation's plan vocabulary (spec/terms.py) at its edges.

A terms file written by hand, not one of the shipped plans: two named holders with their own
thresholds (each its own unit), grandfathering "as of the Close of Business" with an allowance,
the explanations in the plan's own numbers, one Triggering Event however many cross at once, and a
refused role that leaves no knock-on error behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.evaluate import evaluate
from rightsplan.spec.scenario import scenario_from_data
from rightsplan.spec.terms import load_plan

OUT = 1_000_000


def terms_file(tmp_path: Path, **changes: Any) -> Path:
    """The built-in plan's terms, written out with ``changes`` applied to the top level."""
    source = Path(str(load_plan().source))
    from importlib import resources
    text = resources.files("rightsplan.spec.plans").joinpath("digitalthink-2003.yaml").read_text() \
        if not source.exists() else source.read_text()
    data = yaml.safe_load(text)
    data["name"] = "hand-written"
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def run(plan: Path, holdings: dict[str, int], events: list[dict[str, Any]], persons: dict[str, Any] | None = None,
        **extra: Any) -> Any:
    data = {"plan": str(plan), "start": "2009-06-01", "outstanding": OUT, "holdings": holdings,
            "persons": persons or {p: {} for p in holdings}, "events": events, **extra}
    return evaluate(scenario_from_data(data, "case.yaml"))


def buy(day: str, person: str, shares: int) -> dict[str, Any]:
    return {"date": day, "type": "acquire", "person": person, "shares": shares}


TWO_HOLDERS = {
    "alpha": {"name": "Alpha Fund", "kind": "own_threshold", "section": "Section 1(a)", "words": "Alpha",
              "threshold": {"value": "0.25", "section": "Section 1(a)", "words": "25% or more"}},
    "beta": {"name": "Beta Partners", "kind": "own_threshold", "section": "Section 1(a)", "words": "Beta",
             "threshold": {"value": "0.30", "section": "Section 1(a)", "words": "30% or more"},
             "ratchet": {"value": "0.20", "section": "Section 1(a)", "words": "20%"}},
}


@pytest.mark.parametrize("who, below, at", [("alpha", 249_999, 250_000), ("beta", 299_999, 300_000)])
def test_each_named_holder_has_its_own_threshold_exactly(tmp_path: Path, who: str, below: int, at: int) -> None:
    plan = terms_file(tmp_path, named_holders=TWO_HOLDERS, grandfathering=None)
    persons = {"a1": {"role": "alpha"}, "b1": {"role": "beta"}}
    short = run(plan, {"a1": 0, "b1": 0}, [buy("2009-06-02", "a1" if who == "alpha" else "b1", below)], persons)
    assert short.acquiring_persons == {}
    full = run(plan, {"a1": 0, "b1": 0}, [buy("2009-06-02", "a1" if who == "alpha" else "b1", at)], persons)
    assert list(full.acquiring_persons) == ["a1" if who == "alpha" else "b1"]
    assert any("(threshold 25%)" in n.text or "(threshold 30%)" in n.text for n in full.explanations)


def test_two_named_holders_are_two_units_and_one_ratchets_alone(tmp_path: Path) -> None:
    """Beta falls from 20% to 19.9999% (its ratchet) and buys back to 20%: an Acquiring Person at its ratchet line;
    Alpha's two persons are one unit: 10% + 15% reach Alpha's 25% together, though neither does alone."""
    plan = terms_file(tmp_path, named_holders=TWO_HOLDERS, grandfathering=None)
    persons = {"a1": {"role": "alpha"}, "a2": {"role": "alpha"}, "b1": {"role": "beta"}}
    events = [{"date": "2009-06-02", "type": "dispose", "person": "b1", "shares": 1},
              buy("2009-06-03", "b1", 1), buy("2009-06-04", "a2", 149_999)]
    e = run(plan, {"a1": 100_000, "a2": 0, "b1": 200_000}, events, persons)
    assert {p: str(d) for p, d in e.acquiring_persons.items()} == {"b1": "2009-06-03"}  # Alpha: 249,999 < 25%
    more = run(plan, {"a1": 100_000, "a2": 0, "b1": 200_000}, events + [buy("2009-06-05", "a2", 1)], persons)
    assert {p: str(d) for p, d in more.acquiring_persons.items()} == {
        "b1": "2009-06-03", "a1": "2009-06-05", "a2": "2009-06-05"}


def test_no_grandfathering_means_a_holder_over_the_line_at_the_start_is_an_acquiring_person(tmp_path: Path) -> None:
    plan = terms_file(tmp_path, named_holders=None, grandfathering=None)
    e = run(plan, {"x": 150_000}, [], start="2009-06-01")
    assert list(e.acquiring_persons) == ["x"]
    with pytest.raises(ScenarioError, match="grandfathers no one"):
        run(plan, {"x": 150_000}, [], grandfathered=["x"])


def test_grandfathering_at_the_close_counts_the_days_events_and_the_allowance(tmp_path: Path) -> None:
    g = {"date": {"value": "2009-06-01", "section": "Section 1(a)", "words": "as of the Close of Business"},
         "at_close": True, "threshold": {"value": "0.15", "section": "Section 1(a)", "words": "15%"},
         "allowance": {"value": "0.01", "section": "Section 1(a)", "words": "1%"}}
    plan = terms_file(tmp_path, named_holders=None, grandfathering=g)
    data = yaml.safe_load(plan.read_text())
    data["grandfathering"]["date"]["value"] = __import__("datetime").date(2009, 6, 1)
    plan.write_text(yaml.safe_dump(data, sort_keys=False))
    # bought to 16% during the grandfathering day itself: grandfathered at its Close, not an Acquiring Person
    same_day = run(plan, {"x": 100_000}, [buy("2009-06-01", "x", 60_000)])
    assert same_day.acquiring_persons == {}
    # then 9,999 more (under 1% of 1,000,000): still not; 10,000: one
    under = run(plan, {"x": 160_000}, [buy("2009-06-02", "x", 9_999)])
    assert under.acquiring_persons == {}
    at = run(plan, {"x": 160_000}, [buy("2009-06-02", "x", 5_000), buy("2009-06-03", "x", 5_000)])
    assert [str(d) for d in at.acquiring_persons.values()] == ["2009-06-03"]
    text = " ".join(n.text for n in at.explanations)
    assert "10,000 additional shares since the grandfathering date" in text
    pp = run(plan, {"x": 160_000}, [buy("2009-06-02", "x", 10_000)],
             interpretation={"grandfather_allowance_measure": "percentage_points"})
    assert "risen by 1% of the shares outstanding" in " ".join(n.text for n in pp.explanations)


def test_one_triggering_event_when_two_become_acquiring_persons_at_once() -> None:
    data = {"start": "2003-06-02", "outstanding": OUT, "persons": {"a": {}, "b": {}}, "holdings": {"a": 100_000, "b": 100_000},
            "groups": [], "events": [{"date": "2003-06-03", "type": "join_group", "persons": ["a", "b"]}]}
    e = evaluate(scenario_from_data(data, "case.yaml"))
    triggers = [n.text for n in e.explanations if n.section == "Section 1(oo)"]
    assert triggers == ["A Triggering Event occurs: a and b have become Acquiring Persons."]


def test_a_refused_role_leaves_no_knock_on_error() -> None:
    data = {"outstanding": OUT, "persons": {"w": {"role": "pirate"}}, "holdings": {"w": 10}}
    with pytest.raises(ScenarioError) as caught:
        scenario_from_data(data, "case.yaml")
    text = str(caught.value)
    assert "persons.w.role" in text and "holdings.w" not in text


def test_the_grandfathering_base_is_rescaled_exactly_by_a_combination() -> None:
    """Selectica: 1,800,001 of 30,000,000 at the Close of November 17, 2008 (grandfathered); buys 2; a 1-for-3
    combination (600,001 of 10,000,000; the base is 600,000 1/3); buys 49,999: 49,999 2/3 additional shares,
    under "one-half of one percent (0.5%) or more" (50,000), so not an Acquiring Person; one more share is.
    Rounding the base down (600,000) would count 50,000 and decide the other way: the agreement gives no rounding."""
    def case(last: int) -> Any:
        data = {"plan": "selectica-2008", "start": "2008-11-17", "outstanding": 30_000_000,
                "persons": {"fund": {}}, "holdings": {"fund": 1_800_001},
                "events": [buy("2008-12-01", "fund", 2),
                           {"date": "2008-12-02", "type": "split", "new": 1, "old": 3},
                           buy("2008-12-03", "fund", last)]}
        return evaluate(scenario_from_data(data, "case.yaml"))
    assert case(49_999).acquiring_persons == {}
    at = case(50_000)
    assert [str(d) for d in at.acquiring_persons.values()] == ["2008-12-03"]
    assert any("50,000 2/3 additional shares" in n.text for n in at.explanations)


@pytest.mark.parametrize("last, acquiring", [(49_999, frozenset()), (50_000, frozenset({"fund"}))])
def test_the_model_rescales_the_grandfathering_base_exactly_as_the_reference(last: int, acquiring: frozenset) -> None:
    """The same combination through the model, compared with the reference at every event (proofs/replay.py)."""
    from rightsplan.proofs.replay import compare

    data = {"plan": "selectica-2008", "start": "2008-11-17", "outstanding": 30_000_000,
            "persons": {"fund": {}}, "holdings": {"fund": 1_800_001},
            "events": [buy("2009-02-24", "fund", 2), {"date": "2009-02-25", "type": "split", "new": 1, "old": 3},
                       buy("2009-02-26", "fund", last)]}
    views, disagreement = compare(data)
    assert disagreement is None, str(disagreement)
    assert views[-1]["acquiring_persons"] == acquiring
