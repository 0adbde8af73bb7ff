"""Sections 1(hh), 1(l), 1(q), 7(e), 23 and 24: dates, board actions and their boundaries."""

from __future__ import annotations

from fractions import Fraction

import pytest

from conftest import ev, run

ACME_AP = ev("2003-06-02", "acquire", person="acme", shares=1_500_000)  # Monday 2 June 2003
ANNOUNCE = ev("2003-06-04", "announce", person="acme")  # Wednesday: Shares Acquisition Date


def out(events, **kw):
    return run(events, **kw).to_json()


def ineffective(result) -> list[int]:
    return [x["index"] for x in result["ineffective_events"]]


# -- Shares Acquisition Date and Distribution Date (1(hh), 1(l)) ---------------------------------


def test_the_distribution_date_is_the_tenth_business_day_after_the_shares_acquisition_date():
    r = out([ACME_AP, ANNOUNCE])
    assert r["shares_acquisition_date"] == "2003-06-04"
    assert r["distribution_date"] == "2003-06-18"


def test_an_acquiring_person_never_announced_has_no_shares_acquisition_date():
    r = out([ACME_AP])
    assert r["triggering_event"] == "2003-06-02"
    assert r["shares_acquisition_date"] is None and r["distribution_date"] is None


def test_announcing_a_person_below_15_percent_is_no_shares_acquisition_date_and_is_explained():
    r = out([ev("2003-06-02", "acquire", person="acme", shares=1_499_999), ANNOUNCE])
    assert r["shares_acquisition_date"] is None
    assert ineffective(r) == []  # not a board action: the contract's list is for those
    assert any(x["index"] == 1 and x["section"] == "Section 1(hh)" for x in r["explanations"])


def test_the_tenth_business_day_skips_memorial_day():
    # Tender offer Tuesday 2003-05-20: Memorial Day (26 May) is not a Business Day.
    r = out([ev("2003-05-20", "tender_offer", person="acme", shares=1_500_000)])
    assert r["distribution_date"] == "2003-06-04"


def test_a_tender_offer_one_share_short_of_15_percent_starts_no_clock():
    r = out([ev("2003-05-20", "tender_offer", person="acme", shares=1_499_999)])
    assert r["distribution_date"] is None


def test_a_tender_offer_by_hq_starts_no_clock():
    r = out([ev("2003-05-20", "tender_offer", person="hq", shares=5_000_000)])
    assert r["distribution_date"] is None


def test_the_board_may_set_a_later_distribution_date_before_it_occurs():
    r = out([ACME_AP, ANNOUNCE, ev("2003-06-10", "extend_distribution", until="2003-07-31")])
    assert r["distribution_date"] == "2003-07-31"
    assert ineffective(r) == []


def test_an_extension_after_the_distribution_date_has_occurred_is_ineffective():
    r = out([ACME_AP, ANNOUNCE, ev("2003-06-19", "extend_distribution", until="2003-07-31")])
    assert r["distribution_date"] == "2003-06-18"
    assert ineffective(r) == [2]


def test_an_extension_on_the_distribution_date_itself_is_still_in_time():
    r = out([ACME_AP, ANNOUNCE, ev("2003-06-18", "extend_distribution", until="2003-07-31")])
    assert r["distribution_date"] == "2003-07-31"


def test_the_earlier_clause_wins_when_a_tender_offer_precedes_the_announcement():
    r = out([ev("2003-05-20", "tender_offer", person="beta", shares=2_000_000), ACME_AP, ANNOUNCE])
    assert r["distribution_date"] == "2003-06-04"


# -- redemption (Section 23(a)) -------------------------------------------------------------------


def test_redemption_on_the_fifth_day_after_the_shares_acquisition_date_is_effective():
    r = out([ACME_AP, ANNOUNCE, ev("2003-06-09", "redeem")])
    assert r["redemption_deadline"] == "2003-06-09"
    assert r["expiration"] == {"date": "2003-06-09", "cause": "redemption"}


def test_redemption_the_day_after_the_deadline_is_ineffective():
    r = out([ACME_AP, ANNOUNCE, ev("2003-06-10", "redeem")])
    assert ineffective(r) == [2]
    assert r["expiration"]["cause"] == "final_expiration"


def test_a_fifth_day_on_a_saturday_rolls_the_deadline_to_monday():
    # Announcement Monday 9 June: the fifth day is Saturday 14 June; Close of Business rolls to Monday 16 June.
    r = out([ACME_AP, ev("2003-06-09", "announce", person="acme"), ev("2003-06-16", "redeem")])
    assert r["redemption_deadline"] == "2003-06-16"
    assert ineffective(r) == []


def test_the_board_may_extend_the_redemption_period_while_it_is_open():
    r = out([ACME_AP, ANNOUNCE, ev("2003-06-05", "extend_redemption", until="2003-07-15"), ev("2003-07-15", "redeem")])
    assert r["redemption_deadline"] == "2003-07-15"
    assert ineffective(r) == []


def test_an_extension_after_the_redemption_deadline_is_ineffective_by_default():
    events = [ACME_AP, ANNOUNCE, ev("2003-06-12", "extend_redemption", until="2003-07-15"), ev("2003-07-01", "redeem")]
    assert ineffective(out(events)) == [2, 3]
    assert ineffective(out(events, interpretation={"late_redemption_extension": "effective"})) == []


def test_without_a_shares_acquisition_date_redemption_runs_to_the_final_expiration_date():
    r = out([ACME_AP])
    assert r["redemption_deadline"] == "2010-10-25"  # 23 October 2010 is a Saturday


# -- exchange (Section 24) ------------------------------------------------------------------------


def test_an_exchange_before_any_triggering_event_is_ineffective():
    r = out([ev("2003-06-02", "exchange")])
    assert ineffective(r) == [0]


def test_an_exchange_after_a_triggering_event_ends_the_rights():
    r = out([ACME_AP, ev("2003-06-03", "exchange")])
    assert r["expiration"] == {"date": "2003-06-03", "cause": "exchange"}


def test_an_exchange_when_a_holder_has_one_share_below_50_percent_is_effective():
    r = out([ev("2003-06-02", "acquire", person="acme", shares=4_999_999), ev("2003-06-03", "exchange")])
    assert r["exchange_barred_since"] is None
    assert ineffective(r) == []


def test_an_exchange_after_a_holder_reaches_exactly_50_percent_is_ineffective():
    r = out([ev("2003-06-02", "acquire", person="acme", shares=5_000_000), ev("2003-06-03", "exchange")])
    assert r["exchange_barred_since"] == "2003-06-02"
    assert ineffective(r) == [1]


def test_the_50_percent_bar_stays_after_the_holder_sells_down():
    r = out([ev("2003-06-02", "acquire", person="acme", shares=5_000_000),
             ev("2003-06-03", "dispose", person="acme", shares=3_000_000), ev("2003-06-04", "exchange")])
    assert ineffective(r) == [2]


def test_hq_reaching_50_percent_bars_an_exchange_though_hq_is_never_an_acquiring_person():
    r = out([ACME_AP, ev("2003-06-03", "acquire", person="hq", shares=5_000_000), ev("2003-06-04", "exchange")])
    assert r["exchange_barred_since"] == "2003-06-03"
    assert ineffective(r) == [2]


def test_an_employee_plan_reaching_50_percent_does_not_bar_an_exchange():
    r = out([ACME_AP, ev("2003-06-03", "acquire", person="esop", shares=5_000_000), ev("2003-06-04", "exchange")])
    assert r["exchange_barred_since"] is None
    assert ineffective(r) == []


def test_a_partial_exchange_leaves_the_rest_outstanding_by_default():
    events = [ACME_AP, ev("2003-06-03", "exchange", portion="1/2"), ev("2003-06-04", "exchange", portion="1/2")]
    r = run(events)
    assert r.exchanged == Fraction(3, 4)
    assert r.to_json()["expiration"]["cause"] == "final_expiration"
    yes = run(events, interpretation={"partial_exchange_expires": "yes"}).to_json()
    assert yes["expiration"] == {"date": "2003-06-03", "cause": "exchange"}
    assert ineffective(yes) == [2]


def test_an_exchange_for_other_rights_is_permitted_only_before_any_acquiring_person():
    assert ineffective(out([ev("2003-06-02", "exchange", kind="rights")])) == []
    assert ineffective(out([ACME_AP, ev("2003-06-03", "exchange", kind="rights")])) == [1]


# -- void Rights (7(e)) and expiration (1(q)) ----------------------------------------------------------


def test_the_rights_of_an_acquiring_person_and_its_later_affiliates_are_void():
    r = out([ACME_AP, ev("2003-06-03", "join_group", persons=["acme", "gamma"])])
    assert r["void_holders"] == ["acme", "gamma"]


def test_after_the_final_expiration_date_a_redemption_is_ineffective():
    r = out([ev("2010-10-25", "redeem")])
    assert ineffective(r) == []
    r = out([ev("2010-10-26", "redeem")])
    assert ineffective(r) == [0]
    assert r["expiration"] == {"date": "2010-10-25", "cause": "final_expiration"}


@pytest.mark.parametrize("action", [ev("2003-06-05", "redeem"), ev("2003-06-05", "exchange")])
def test_after_redemption_no_board_action_and_no_new_acquiring_person_counts(action):
    r = out([ev("2003-06-02", "redeem"), ev("2003-06-03", "acquire", person="acme", shares=2_000_000), action])
    assert r["acquiring_persons"] == {}
    assert ineffective(r) == [2]
