"""Interactions between provisos, and odd-but-valid histories, found by an adversarial review."""

from __future__ import annotations

import pytest

from conftest import ev, run
from rightsplan.spec import ScenarioError, scenario_from_data


def test_a_holder_at_16_percent_before_the_agreement_date_is_grandfathered_on_it():
    e = run([ev("2003-04-15", "issue", shares=1)], holdings={"acme": 1_600_000}, start="2003-03-01")
    assert e.to_json()["acquiring_persons"] == {}
    assert "acme" in e.snapshots[-1].grandfathered


def test_no_acquiring_person_is_determined_before_the_agreement_date():
    e = run([ev("2003-03-10", "acquire", person="acme", shares=1_600_000),
             ev("2003-04-15", "acquire", person="beta", shares=1)], start="2003-03-01")
    assert e.to_json()["acquiring_persons"] == {}
    assert "acme" in e.snapshots[-1].grandfathered


def test_a_cured_persons_old_announcement_is_not_a_shares_acquisition_date_for_its_next_crossing():
    events = [ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
              ev("2003-06-03", "announce", person="acme"),
              ev("2003-06-04", "inadvertence", person="acme"),
              ev("2003-06-05", "dispose", person="acme", shares=200_000),
              ev("2004-01-05", "acquire", person="acme", shares=200_000)]
    for reading in ("all_purposes", "status_only"):
        r = run(events, interpretation={"inadvertence_cure": reading}).to_json()
        assert r["acquiring_persons"] == {"acme": "2004-01-05"}
        assert r["shares_acquisition_date"] is None, reading


def test_dilution_is_not_a_divestiture_unless_the_any_cause_reading_is_chosen():
    events = [ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
              ev("2003-06-04", "inadvertence", person="acme"),
              ev("2003-06-05", "issue", shares=1_000_000)]  # 1.6M / 11M = 14.5%
    assert run(events).to_json()["acquiring_persons"] == {"acme": "2003-06-02"}
    assert run(events, interpretation={"inadvertence_divestiture": "any_cause"}).to_json()["acquiring_persons"] == {}


def test_a_buyback_mark_ends_when_dilution_takes_the_holder_far_below_15_percent():
    e = run([ev("2003-06-02", "repurchase", shares=1_000_000),   # 1.4M / 9M: marked
             ev("2003-06-03", "issue", shares=20_000_000),        # 4.8%
             ev("2003-06-04", "acquire", person="acme", shares=3_300_000)],  # 4.7M / 29M = 16.2%
            holdings={"acme": 1_400_000})
    assert e.snapshots[1].marked == frozenset()
    assert e.to_json()["acquiring_persons"] == {"acme": "2003-06-04"}  # the ordinary rule, not the deeming proviso


def test_announcements_and_determinations_after_the_expiration_date_have_no_effect():
    r = run([ev("2009-01-06", "acquire", person="acme", shares=2_000_000),
             ev("2010-11-15", "announce", person="acme"),
             ev("2010-11-16", "inadvertence", person="acme")], start="2009-01-05", grandfathered=[]).to_json()
    assert r["shares_acquisition_date"] is None and r["distribution_date"] is None
    assert [x["index"] for x in r["ineffective_events"]] == [2]


def test_an_exchange_before_the_distribution_date_needs_the_permissive_reading_of_exercisable():
    events = [ev("2003-06-02", "acquire", person="acme", shares=1_600_000), ev("2003-06-03", "exchange")]
    assert run(events).to_json()["ineffective_events"] == []
    strict = run(events, interpretation={"exchange_requires_exercisable": "yes"}).to_json()
    assert [x["index"] for x in strict["ineffective_events"]] == [1]


def test_an_extension_of_the_redemption_period_to_an_earlier_date_is_ineffective():
    r = run([ev("2003-06-02", "acquire", person="acme", shares=1_600_000), ev("2003-06-02", "announce", person="acme"),
             ev("2003-06-03", "extend_redemption", until="2003-06-05")]).to_json()
    assert [x["index"] for x in r["ineffective_events"]] == [2]
    assert r["redemption_deadline"] == "2003-06-09"


BASE = {"outstanding": 1000, "persons": {"acme": {}, "bob": {}}, "holdings": {"acme": 100}}


@pytest.mark.parametrize("data,place", [
    ({**BASE, "events": [{"date": "2003-06-02 10:00:00", "type": "redeem"}]}, "events[0].date"),
    ({**BASE, "start": "2003-04-01T00:00:00"}, "start"),
    ({**BASE, "events": [{"date": "2003-06-02", "type": ["acquire"], "person": "acme", "shares": 1}]}, "events[0].type"),
    ({**BASE, "grandfathered": ["bob"]}, "grandfathered"),
    ({**BASE, "events": [{"date": "2003-06-10", "type": "inadvertence", "person": "acme", "divest_by": "2003-06-06"}]},
     "events[0].divest_by"),
    ({**BASE, "outstanding": 1001, "events": [{"date": "2003-06-02", "type": "split", "new": 1, "old": 2}]},
     "events[0].old"),
], ids=["a date with a time", "a start with a time", "a list as event type", "a grandfathered list on the agreement date",
        "a divestiture deadline before the determination", "a combination that leaves a fraction of a share"])
def test_odd_input_is_refused_with_its_place_and_no_traceback(data, place):
    with pytest.raises(ScenarioError) as info:
        scenario_from_data(data, "odd.yaml")
    assert str(info.value).startswith(f"odd.yaml: {place}: ")


def test_an_impossible_date_in_the_yaml_text_is_a_scenario_error():
    from rightsplan.spec.yamlio import load_yaml_text

    # The reader keeps a date that names no day as text; validation refuses it with its place.
    with pytest.raises(ScenarioError) as info:
        scenario_from_data(load_yaml_text("start: 2003-02-30\n", "odd.yaml"), "odd.yaml")
    assert str(info.value).startswith("odd.yaml: start: got '2003-02-30'; expected a date that exists")
