"""Boundaries an audit found untested, and two bugs it found (issue 8).

Each test sits exactly at a boundary the agreement's words draw, and each was checked to
fail when the rule it names is broken on purpose (the report of issue 8 lists how).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from conftest import ev, run


def aps(result: Any) -> dict[str, str]:
    return result.to_json()["acquiring_persons"]


def small(events: list[dict[str, Any]], outstanding: int = 100, held: int = 10, **extra: Any) -> Any:
    """acme holds ``held`` of ``outstanding`` shares on the agreement date (below 15%, so not grandfathered)."""
    return run(events, holdings={"acme": held}, outstanding=outstanding, **extra)


def weekday_prices(first: str, last: str, price: str = "20.00") -> dict[str, str]:
    """A closing price for every weekday (a superset of the Trading Days) from ``first`` to ``last``."""
    day, end, out = date.fromisoformat(first), date.fromisoformat(last), {}
    while day <= end:
        if day.weekday() < 5:
            out[day.isoformat()] = price
        day += timedelta(days=1)
    return out


# -- 1. Section 1(a)(i) after a split: the crossing amount is counted in the shares of the day (Section 11(n)) --

CROSS_AT_20 = ev("2003-06-02", "acquire", person="acme", shares=10)  # 20 of 100: an Acquiring Person
FINDING = ev("2003-06-04", "inadvertence", person="acme")  # deadline: 2003-06-18


def test_after_a_2_for_1_split_selling_15_of_40_shares_below_15_percent_is_a_cure():
    # 40 of 200 after the split; selling 15 leaves 25 of 200 = 12.5%, fewer than the 40 owned at crossing.
    e = small([CROSS_AT_20, ev("2003-06-03", "split", new=2, old=1), FINDING,
               ev("2003-06-05", "dispose", person="acme", shares=15)])
    assert aps(e) == {}


def test_after_a_2_for_1_split_owning_exactly_the_doubled_crossing_amount_is_no_divestiture():
    # Dilution takes acme to 40 of 300 (13.3%), but 40 is not fewer than the 2 x 20 it owned at crossing.
    e = small([CROSS_AT_20, ev("2003-06-03", "split", new=2, old=1), FINDING,
               ev("2003-06-05", "issue", shares=100)])
    assert aps(e) == {"acme": "2003-06-02"}


def test_after_a_2_for_1_split_one_share_fewer_than_the_doubled_crossing_amount_is_a_divestiture():
    e = small([CROSS_AT_20, ev("2003-06-03", "split", new=2, old=1), FINDING,
               ev("2003-06-05", "issue", shares=100), ev("2003-06-06", "dispose", person="acme", shares=1)])
    assert aps(e) == {}


def test_after_a_1_for_3_reverse_split_dilution_alone_cures_nobody():
    # 300 of 1,500 (20%) at crossing; 100 of 500 after the reverse split; an issue of 200 leaves 100 of 700
    # (14.3%). acme sold nothing: 100 new shares are the 300 old ones.
    e = small([ev("2003-06-02", "acquire", person="acme", shares=150), ev("2003-06-03", "split", new=1, old=3),
               FINDING, ev("2003-06-05", "issue", shares=200)], outstanding=1_500, held=150)
    assert aps(e) == {"acme": "2003-06-02"}


def test_after_a_1_for_3_reverse_split_selling_one_share_below_the_threshold_is_a_cure():
    e = small([ev("2003-06-02", "acquire", person="acme", shares=150), ev("2003-06-03", "split", new=1, old=3),
               FINDING, ev("2003-06-05", "issue", shares=200), ev("2003-06-06", "dispose", person="acme", shares=1)],
              outstanding=1_500, held=150)
    assert aps(e) == {}


THREE_FOR_TWO = [ev("2003-06-02", "acquire", person="acme", shares=20),  # 40 of 200 = 20%
                 ev("2003-06-03", "split", new=3, old=2), FINDING]  # 60 of 300; 15% of 300 is 45


def test_after_a_3_for_2_split_selling_down_to_exactly_15_percent_is_no_cure():
    e = small(THREE_FOR_TWO + [ev("2003-06-05", "dispose", person="acme", shares=15)], outstanding=200, held=20)
    assert aps(e) == {"acme": "2003-06-02"}


def test_after_a_3_for_2_split_selling_one_share_below_15_percent_is_a_cure():
    # 44 of 300: below 15%, and fewer than the 60 (3/2 x 40) owned at crossing, though more than 40.
    e = small(THREE_FOR_TWO + [ev("2003-06-05", "dispose", person="acme", shares=16)], outstanding=200, held=20)
    assert aps(e) == {}


def test_a_sale_after_a_split_but_before_the_finding_is_a_cure_when_the_finding_comes():
    # "divested or divests": 25 of 200 when the Board finds, fewer than the 40 owned at crossing in today's shares.
    e = small([CROSS_AT_20, ev("2003-06-03", "split", new=2, old=1),
               ev("2003-06-03", "dispose", person="acme", shares=15), FINDING])
    assert aps(e) == {}
    assert [s.acquiring_persons for s in e.snapshots][-2:] == [frozenset({"acme"}), frozenset()]


def test_a_split_before_the_crossing_does_not_move_the_crossing_amount():
    # acme crosses after the split at 40 of 200; dilution to 40 of 300 is no divestiture.
    e = small([ev("2003-06-01", "split", new=2, old=1), ev("2003-06-02", "acquire", person="acme", shares=20),
               FINDING, ev("2003-06-05", "issue", shares=100)])
    assert aps(e) == {"acme": "2003-06-02"}


def test_two_splits_compose_exactly():
    # 20 at crossing; 2-for-1 then 3-for-2 makes it 60 of 300. Dilution to 60 of 500 is no divestiture;
    # one share more sold (59) is.
    base = [CROSS_AT_20, ev("2003-06-03", "split", new=2, old=1), ev("2003-06-03", "split", new=3, old=2),
            FINDING, ev("2003-06-05", "issue", shares=200)]
    assert aps(small(base)) == {"acme": "2003-06-02"}
    assert aps(small(base + [ev("2003-06-06", "dispose", person="acme", shares=1)])) == {}


# -- 2. A Board extension of the Distribution Date survives the cure of one of two Acquiring Persons ---------

TWO_CROSS = [ev("2003-06-02", "acquire", person="acme", shares=1_500_000),
             ev("2003-06-02", "acquire", person="beta", shares=1_500_000)]
EXTEND = ev("2003-06-05", "extend_distribution", until="2003-06-30")  # the 2 June clock ends 16 June
CURE_ACME = [ev("2003-06-06", "inadvertence", person="acme"), ev("2003-06-09", "dispose", person="acme", shares=1)]
READINGS = ["all_purposes", "status_only"]


@pytest.mark.parametrize("reading", READINGS)
def test_an_extension_stands_when_the_other_acquiring_person_was_announced_the_same_day(reading):
    events = TWO_CROSS + [ev("2003-06-02", "announce", person="acme"), ev("2003-06-02", "announce", person="beta"),
                          EXTEND] + CURE_ACME
    e = run(events, interpretation={"inadvertence_cure": reading})
    out = e.to_json()
    assert out["acquiring_persons"] == {"beta": "2003-06-02"}
    assert out["shares_acquisition_date"] == "2003-06-02"
    assert out["distribution_date"] == "2003-06-30"
    assert e.snapshots[-1].distribution_date == date(2003, 6, 30)  # what was determined at the cure


@pytest.mark.parametrize("reading", READINGS)
def test_an_extension_stands_when_the_other_acquiring_person_was_announced_a_day_later(reading):
    # The Shares Acquisition Date moves to 3 June (clock: 17 June); the Board's 30 June is still later.
    events = TWO_CROSS + [ev("2003-06-02", "announce", person="acme"), ev("2003-06-03", "announce", person="beta"),
                          EXTEND] + CURE_ACME
    e = run(events, interpretation={"inadvertence_cure": reading})
    out = e.to_json()
    assert out["shares_acquisition_date"] == "2003-06-03"
    assert out["distribution_date"] == "2003-06-30"
    assert e.snapshots[-1].distribution_date == date(2003, 6, 30)


def test_an_extension_made_before_the_other_announcement_stands_as_taken_but_not_in_the_retroactive_replay():
    # The Board extends on 2 June, when only acme's announcement exists; beta is announced on 3 June.
    events = TWO_CROSS + [ev("2003-06-02", "announce", person="acme"),
                          ev("2003-06-02", "extend_distribution", until="2003-06-30"),
                          ev("2003-06-03", "announce", person="beta")] + CURE_ACME
    as_taken = run(events, interpretation={"inadvertence_cure": "status_only"}).to_json()
    assert as_taken["distribution_date"] == "2003-06-30" and as_taken["ineffective_events"] == []
    # "for any purposes": with acme never an Acquiring Person, on 2 June no clock was running to extend.
    replayed = run(events).to_json()
    assert replayed["distribution_date"] == "2003-06-17"
    assert [x["index"] for x in replayed["ineffective_events"]] == [3]


def test_an_extension_ends_with_the_last_shares_acquisition_date_and_does_not_reach_a_later_announcement():
    # Only acme was announced: its cure leaves no Shares Acquisition Date and no Distribution Date.
    # beta's later announcement (2 July) starts a fresh clock, which the Board's earlier 31 July does not move.
    events = TWO_CROSS + [ev("2003-06-02", "announce", person="acme"),
                          ev("2003-06-05", "extend_distribution", until="2003-07-31")] + CURE_ACME
    cured = run(events, interpretation={"inadvertence_cure": "status_only"})
    assert cured.to_json()["shares_acquisition_date"] is None and cured.to_json()["distribution_date"] is None
    assert cured.snapshots[-1].distribution_date is None
    later = run(events + [ev("2003-07-02", "announce", person="beta")],
                interpretation={"inadvertence_cure": "status_only"}).to_json()
    assert later["shares_acquisition_date"] == "2003-07-02"
    assert later["distribution_date"] == "2003-07-17"  # ten Business Days; Independence Day is not one


# -- 3. Section 7(a): exercisable only "at any time after the Distribution Date"; 7(e): void Rights ----------

EXERCISE_PRICES = weekday_prices("2003-04-01", "2003-06-30")
AP_ANNOUNCED = [ev("2003-06-02", "acquire", person="acme", shares=1_500_000),
                ev("2003-06-02", "announce", person="acme")]  # Distribution Date: 16 June


def _exercise(on: str, person: str = "beta") -> list[dict[str, Any]]:
    e = run(AP_ANNOUNCED + [ev(on, "exercise", person=person, rights=10)], holdings={"beta": 100},
            prices=EXERCISE_PRICES, start="2003-05-01")
    assert e.to_json()["distribution_date"] == "2003-06-16"
    return e.to_json()


def test_an_exercise_on_the_distribution_date_itself_is_refused():
    out = _exercise("2003-06-16")
    assert out["exercises"] == []
    assert any(n["index"] == 2 and n["section"] == "Section 7(a)" for n in out["explanations"])


def test_an_exercise_the_day_after_the_distribution_date_delivers_the_flip_in_shares():
    out = _exercise("2003-06-17")
    assert [(x["person"], x["whole"]) for x in out["exercises"]] == [("beta", "250")]  # 10 x 25 Common Shares


def test_an_exercise_of_void_rights_delivers_nothing():
    out = _exercise("2003-06-17", person="acme")
    assert out["void_holders"] == ["acme"]
    assert out["exercises"] == []
    assert any(n["index"] == 2 and n["section"] == "Section 7(e)" for n in out["explanations"])


# -- Section 13(a): the flip-over needs a merger "following a Triggering Event" --------------------------

MERGER = ev("2003-06-02", "merger", kind="company_not_survivor", principal_price="30.00")
CROSS_15 = ev("2003-06-02", "acquire", person="acme", shares=1_500_000)


def test_a_merger_the_same_day_but_before_the_first_triggering_event_gives_no_flip_over():
    out = run([MERGER, CROSS_15]).to_json()
    assert out["triggering_event"] == "2003-06-02"
    assert out["flip_over"] is None
    assert any(n["index"] == 0 and n["section"] == "Section 13(a)" for n in out["explanations"])


def test_a_merger_right_after_the_triggering_event_gives_the_flip_over():
    out = run([CROSS_15, MERGER]).to_json()
    assert out["flip_over"]["principal_shares_per_right"] == "16.6667"  # $250 / (50% x $30)


# -- Section 23(a): "or such later date" never makes the redemption window shorter --------------------------


def test_a_redemption_extension_set_before_the_shares_acquisition_date_never_shortens_the_window():
    # The Board names 5 June before any announcement; the announcement on 4 June gives the fifth day, 9 June.
    events = [ev("2003-06-02", "extend_redemption", until="2003-06-05"), CROSS_15,
              ev("2003-06-04", "announce", person="acme"), ev("2003-06-09", "redeem")]
    out = run(events).to_json()
    assert out["redemption_deadline"] == "2003-06-09"
    assert out["ineffective_events"] == []
    assert out["expiration"] == {"date": "2003-06-09", "cause": "redemption"}


def test_a_redemption_extension_set_before_the_shares_acquisition_date_lengthens_the_window_when_later():
    events = [ev("2003-06-02", "extend_redemption", until="2003-06-20"), CROSS_15,
              ev("2003-06-04", "announce", person="acme")]
    assert run(events).to_json()["redemption_deadline"] == "2003-06-20"


# -- Walden's own 20% (Section 1(a) first proviso) in the buyback carve-out and in the inadvertence cure -----

BUYBACK = ev("2003-06-02", "repurchase", shares=1_000_000)  # 10,000,000 -> 9,000,000 outstanding
WALDEN_START = "2003-05-01"  # after the agreement date: nobody is grandfathered
WALDEN = {"w1": {"role": "walden"}}  # one Walden person, so "collectively, 'Walden'" is w1 alone


def test_a_buyback_lifting_walden_to_19_percent_needs_no_carve_out_and_one_more_share_is_still_below_20():
    e = run([BUYBACK, ev("2003-06-03", "acquire", person="w1", shares=1)], holdings={"w1": 1_710_000},
            start=WALDEN_START, persons=WALDEN)  # 1,710,000 / 9,000,000 = 19%
    assert aps(e) == {}
    assert "w1" not in e.snapshots[0].shielded


def test_a_buyback_lifting_walden_to_exactly_20_percent_is_the_carve_out():
    e = run([BUYBACK], holdings={"w1": 1_800_000}, start=WALDEN_START, persons=WALDEN)  # 1,800,000 / 9,000,000 = 20%
    assert aps(e) == {}
    assert "w1" in e.snapshots[0].shielded


def test_a_buyback_lifting_walden_to_21_percent_is_the_carve_out_until_walden_buys_one_more_share():
    e = run([BUYBACK, ev("2003-06-03", "acquire", person="w1", shares=1)], holdings={"w1": 1_890_000},
            start=WALDEN_START, persons=WALDEN)  # 1,890,000 / 9,000,000 = 21%
    assert "w1" in e.snapshots[0].shielded
    assert aps(e) == {"w1": "2003-06-03"}


WALDEN_CROSS = [ev("2003-06-02", "acquire", person="w1", shares=1_100_000),  # 2,100,000: 21%
                ev("2003-06-04", "inadvertence", person="w1")]


def test_walden_divesting_to_19_9_percent_is_cured():
    e = run(WALDEN_CROSS + [ev("2003-06-05", "dispose", person="w1", shares=110_000)], holdings={"w1": 1_000_000},
            persons=WALDEN)
    assert aps(e) == {}


def test_walden_divesting_to_exactly_20_percent_is_not_cured():
    e = run(WALDEN_CROSS + [ev("2003-06-05", "dispose", person="w1", shares=100_000)], holdings={"w1": 1_000_000},
            persons=WALDEN)
    assert aps(e) == {"w1": "2003-06-02"}


# -- Section 11(a)(ii): the flip-in uses the terms "immediately prior to" the Triggering Event ---------------


def test_a_split_after_the_triggering_event_does_not_change_the_flip_in_terms():
    # Triggering Event 1 July at $250.00; the 2-for-1 split on 2 July halves the Exercise Price to $125.00
    # (Section 11(n)), but the flip-in is fixed at $250.00 / (50% x $20) = 25 Common Shares.
    events = [ev("2003-07-01", "acquire", person="acme", shares=1_500_000), ev("2003-07-02", "split", new=2, old=1)]
    out = run(events, prices=weekday_prices("2003-05-01", "2003-07-02"), start="2003-05-01").to_json()
    assert out["terms"]["exercise_price"] == "125.00"
    assert out["flip_in"]["exercise_price"] == "250.00"
    assert out["flip_in"]["common_shares_per_right"] == "25.0000"
