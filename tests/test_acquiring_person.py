"""Section 1(a): each threshold exactly at it and one share below, and the provisos' interactions."""

from __future__ import annotations

import pytest

from conftest import OUT, ev, run


def aps(e) -> dict[str, str]:
    return e.to_json()["acquiring_persons"]


# -- the 15% threshold: "the Beneficial Owner of 15% or more" -------------------------------


def test_a_holder_reaching_exactly_15_percent_becomes_an_acquiring_person():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1_500_000)])
    assert aps(e) == {"acme": "2003-06-02"}
    assert e.triggering_event.isoformat() == "2003-06-02"


def test_a_holder_one_share_below_15_percent_is_not_an_acquiring_person():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1_499_999)])
    assert aps(e) == {}
    assert e.triggering_event is None


def test_an_acquiring_person_that_falls_below_15_percent_leaves_the_triggering_event_in_place():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1_500_000),
             ev("2003-06-09", "dispose", person="acme", shares=600_000)])
    assert aps(e) == {"acme": "2003-06-02"}
    assert e.snapshots[-1].triggering_event is not None


# -- H&Q and exempt persons -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["hq", "esop", "sub"])
def test_hq_and_exempt_persons_are_never_acquiring_persons_even_at_60_percent(who):
    e = run([ev("2003-06-02", "acquire", person=who, shares=6_000_000)])
    assert aps(e) == {}


def test_an_ordinary_person_grouped_with_hq_counts_hqs_shares_and_becomes_an_acquiring_person():
    e = run([ev("2003-06-02", "join_group", persons=["acme", "hq"])], holdings={"acme": 1_000_000, "hq": 500_000})
    assert aps(e) == {"acme": "2003-06-02"}


# -- Walden: 20% until the ratchet, then 15% ----------------------------------------------------


def test_walden_at_exactly_20_percent_becomes_an_acquiring_person():
    e = run([ev("2003-06-02", "acquire", person="w1", shares=1_000_000)], holdings={"w1": 500_000, "w2": 500_000})
    assert set(aps(e)) == {"w1", "w2"}


def test_walden_one_share_below_20_percent_is_not_an_acquiring_person():
    e = run([ev("2003-06-02", "acquire", person="w1", shares=999_999)], holdings={"w1": 500_000, "w2": 500_000})
    assert aps(e) == {}


def test_walden_falling_below_15_percent_ratchets_its_threshold_to_15_percent():
    e = run([ev("2003-06-02", "acquire", person="w1", shares=1_600_000),
             ev("2003-06-03", "dispose", person="w1", shares=200_001),
             ev("2003-06-04", "acquire", person="w1", shares=100_001)])
    assert e.snapshots[1].ratcheted == {"walden"}
    assert aps(e) == {"w1": "2003-06-04", "w2": "2003-06-04"}


def test_after_the_ratchet_walden_one_share_below_15_percent_is_not_an_acquiring_person():
    e = run([ev("2003-06-02", "acquire", person="w1", shares=1_600_000),
             ev("2003-06-03", "dispose", person="w1", shares=200_001),
             ev("2003-06-04", "acquire", person="w1", shares=100_000)])
    assert aps(e) == {}


def test_dilution_below_15_percent_ratchets_walden_under_the_default_reading_but_not_under_own_disposition():
    events = [ev("2003-06-02", "acquire", person="w1", shares=1_600_000),
              ev("2003-06-03", "issue", shares=1_000_000),
              ev("2003-06-04", "acquire", person="w1", shares=100_000)]
    assert set(aps(run(events))) == {"w1", "w2"}  # 1.7M / 11M = 15.45%
    assert aps(run(events, interpretation={"walden_ratchet_cause": "own_disposition"})) == {}


# -- the repurchase carve-out and its deeming rule -----------------------------------------------


def test_a_buyback_that_lifts_a_holder_to_15_percent_does_not_make_it_an_acquiring_person():
    e = run([ev("2003-06-02", "repurchase", shares=1_000_000)], holdings={"acme": 1_400_000})
    assert aps(e) == {}
    assert "acme" in e.snapshots[0].shielded


def test_after_a_buyback_one_more_share_at_15_percent_or_more_makes_the_holder_an_acquiring_person():
    e = run([ev("2003-06-02", "repurchase", shares=1_000_000),
             ev("2003-06-03", "acquire", person="acme", shares=1)], holdings={"acme": 1_400_000})
    assert aps(e) == {"acme": "2003-06-03"}


def test_after_a_buyback_a_holder_that_sold_below_15_percent_may_buy_back_to_just_below_15_percent():
    e = run([ev("2003-06-02", "repurchase", shares=1_000_000),
             ev("2003-06-03", "dispose", person="acme", shares=200_000),
             ev("2003-06-04", "acquire", person="acme", shares=149_999)], holdings={"acme": 1_400_000})
    assert aps(e) == {}  # 1,349,999 / 9,000,000 is one share below 15%


def test_walden_at_16_percent_after_a_buyback_becomes_an_acquiring_person_by_buying_one_share():
    # Section 1(a)'s deeming proviso uses its own 15%: a reading question for counsel.
    events = [ev("2003-06-02", "repurchase", shares=1_250_000),
              ev("2003-06-03", "acquire", person="w1", shares=1)]
    assert set(aps(run(events, holdings={"w1": 1_400_000}))) == {"w1", "w2"}
    own = run(events, holdings={"w1": 1_400_000}, interpretation={"repurchase_deeming_threshold": "own_threshold"})
    assert aps(own) == {}


def test_a_split_after_a_buyback_is_not_an_acquisition_of_additional_shares():
    e = run([ev("2003-06-02", "repurchase", shares=1_000_000),
             ev("2003-06-03", "split", new=2, old=1)], holdings={"acme": 1_400_000})
    assert aps(e) == {}


# -- grandfathering (1(a)(ii)) ---------------------------------------------------------------------


def test_a_holder_at_18_percent_on_the_agreement_date_is_grandfathered():
    e = run([ev("2003-06-02", "dispose", person="acme", shares=1)], holdings={"acme": 1_800_000})
    assert aps(e) == {}
    assert "acme" in e.snapshots[0].grandfathered


def test_a_grandfathered_holder_buying_one_more_share_becomes_an_acquiring_person():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1)], holdings={"acme": 1_800_000})
    assert aps(e) == {"acme": "2003-06-02"}


def test_a_grandfathered_holder_below_15_percent_may_buy_up_to_one_share_below_15_percent():
    e = run([ev("2003-06-02", "dispose", person="acme", shares=400_000),
             ev("2003-06-03", "acquire", person="acme", shares=99_999)], holdings={"acme": 1_800_000})
    assert aps(e) == {}
    assert "acme" in e.snapshots[-1].grandfathered


def test_a_holder_at_one_share_below_15_percent_on_the_agreement_date_is_not_grandfathered():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1)], holdings={"acme": 1_499_999})
    assert aps(e) == {"acme": "2003-06-02"}
    assert e.snapshots[0].grandfathered == frozenset()


def test_a_grandfathered_walden_at_18_percent_may_buy_up_to_one_share_below_20_percent():
    e = run([ev("2003-06-02", "acquire", person="w1", shares=199_999)], holdings={"w1": 1_800_000})
    assert aps(e) == {}
    e = run([ev("2003-06-02", "acquire", person="w1", shares=200_000)], holdings={"w1": 1_800_000})
    assert set(aps(e)) == {"w1", "w2"}


def test_a_later_start_lists_its_grandfathered_persons_explicitly():
    e = run([ev("2003-06-02", "dispose", person="acme", shares=1)], holdings={"acme": 1_800_000},
            start="2003-05-01", grandfathered=["acme"])
    assert aps(e) == {}
    e = run([ev("2003-06-02", "dispose", person="acme", shares=1)], holdings={"acme": 1_800_000}, start="2003-05-01")
    assert aps(e) == {"acme": "2003-05-01"}


# -- inadvertence (1(a)(i)) ----------------------------------------------------------------------


def test_an_inadvertent_acquirer_that_divests_promptly_never_was_an_acquiring_person():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
             ev("2003-06-03", "announce", person="acme"),
             ev("2003-06-04", "inadvertence", person="acme"),
             ev("2003-06-10", "dispose", person="acme", shares=100_001)])
    out = e.to_json()
    assert out["acquiring_persons"] == {}
    assert out["triggering_event"] is None
    assert out["shares_acquisition_date"] is None
    assert out["distribution_date"] is None
    assert out["void_holders"] == []


def test_an_inadvertent_acquirer_that_divests_to_exactly_15_percent_stays_an_acquiring_person():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
             ev("2003-06-04", "inadvertence", person="acme"),
             ev("2003-06-10", "dispose", person="acme", shares=100_000)])
    assert aps(e) == {"acme": "2003-06-02"}


def test_an_inadvertent_acquirer_that_divests_after_the_deadline_stays_an_acquiring_person():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
             ev("2003-06-04", "inadvertence", person="acme", divest_by="2003-06-09"),
             ev("2003-06-10", "dispose", person="acme", shares=200_000)])
    assert aps(e) == {"acme": "2003-06-02"}


def test_an_inadvertence_determination_for_a_non_acquiring_person_is_ineffective():
    e = run([ev("2003-06-04", "inadvertence", person="acme")])
    assert e.to_json()["ineffective_events"][0]["index"] == 0


# -- ownership: groups and options (1(d), Section 29) ------------------------------------------------


def test_two_8_percent_holders_joining_a_group_become_acquiring_persons_together():
    e = run([ev("2003-06-02", "join_group", persons=["acme", "beta"])], holdings={"acme": 800_000, "beta": 800_000})
    assert aps(e) == {"acme": "2003-06-02", "beta": "2003-06-02"}


def test_an_option_counts_toward_ownership_and_toward_the_holders_denominator_only():
    # 1,000,000 held + 800,000 option over 10,800,000 = 16.67%: an Acquiring Person.
    e = run([ev("2003-06-02", "option", person="acme", shares=800_000)], holdings={"acme": 1_000_000})
    assert aps(e) == {"acme": "2003-06-02"}


def test_an_option_that_reaches_exactly_15_percent_of_the_enlarged_denominator_triggers():
    # x / (10,000,000 + o) = 15% with held 1,000,000: o = 588,236 gives 1,588,236 / 10,588,236 >= 15%.
    below = run([ev("2003-06-02", "option", person="acme", shares=588_235)], holdings={"acme": 1_000_000})
    at = run([ev("2003-06-02", "option", person="acme", shares=588_236)], holdings={"acme": 1_000_000})
    assert aps(below) == {} and aps(at) == {"acme": "2003-06-02"}
    assert OUT == 10_000_000


def test_a_cure_is_retroactive_for_board_actions_unless_the_status_only_reading_is_chosen():
    events = [ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
              ev("2003-06-02", "announce", person="acme"),
              ev("2003-06-03", "inadvertence", person="acme"),
              ev("2003-06-12", "redeem"),  # after the window a 2 June Shares Acquisition Date would close
              ev("2003-06-13", "dispose", person="acme", shares=200_000)]
    retro = run(events).to_json()
    assert retro["ineffective_events"] == []
    assert retro["expiration"] == {"date": "2003-06-12", "cause": "redemption"}
    kept = run(events, interpretation={"inadvertence_cure": "status_only"}).to_json()
    assert [x["index"] for x in kept["ineffective_events"]] == [3]
    assert kept["acquiring_persons"] == {} and kept["shares_acquisition_date"] is None


def test_snapshots_show_what_was_determined_before_the_cure():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
             ev("2003-06-03", "inadvertence", person="acme"),
             ev("2003-06-05", "dispose", person="acme", shares=200_000)])
    assert [s.acquiring_persons for s in e.snapshots] == [frozenset({"acme"}), frozenset({"acme"}), frozenset()]
    assert aps(e) == {}


def test_an_inadvertent_acquirer_that_divests_on_the_deadline_day_itself_is_cured():
    e = run([ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
             ev("2003-06-04", "inadvertence", person="acme", divest_by="2003-06-10"),
             ev("2003-06-10", "dispose", person="acme", shares=100_001)])
    assert aps(e) == {}


def test_the_default_divestiture_deadline_is_the_tenth_business_day_after_the_determination():
    # Determination Wednesday 2003-06-04: the tenth Business Day after it is Wednesday 2003-06-18.
    on_time = run([ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
                   ev("2003-06-04", "inadvertence", person="acme"),
                   ev("2003-06-18", "dispose", person="acme", shares=100_001)])
    late = run([ev("2003-06-02", "acquire", person="acme", shares=1_600_000),
                ev("2003-06-04", "inadvertence", person="acme"),
                ev("2003-06-19", "dispose", person="acme", shares=100_001)])
    assert aps(on_time) == {} and aps(late) == {"acme": "2003-06-02"}
