"""Boundaries that legal-logic mutants of the reference implementation survived, pinned in spec/ alone.

The reference implementation's own tests (those that import neither the model nor the checker)
are what a mutant of ``spec/`` meets first (proofs/mutants_sandbox.py), so a boundary a ``spec/``
mutant moved is pinned here with the reference implementation only; its twin in the model is
pinned in tests/test_mutant_survivors.py.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from rightsplan.spec.evaluate import evaluate
from rightsplan.spec.scenario import scenario_from_data


def exchange_on(day: str) -> Any:
    """a crosses at 20% on 2003-04-22, is announced on 04-23 (Distribution Date 05-07), the Board exchanges on ``day``."""
    data = {"outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 100},
            "interpretation": {"exchange_requires_exercisable": "yes"},
            "events": [{"date": "2003-04-22", "type": "acquire", "person": "a", "shares": 100},
                       {"date": "2003-04-23", "type": "announce", "person": "a"},
                       {"date": day, "type": "exchange"}]}
    return evaluate(scenario_from_data(data, "<test>"), snapshots=True).snapshots[-1]


# Section 24(a) "exchange all or part of the then outstanding and exercisable Rights" with Section 7(a)
# "at any time after the Distribution Date", under exchange_requires_exercisable=yes
# (mutant 24a_exercisable_on_the_distribution_date_spec).

def test_under_exchange_requires_exercisable_an_exchange_on_the_distribution_date_itself_is_refused() -> None:
    last = exchange_on("2003-05-07")
    assert last.distribution_date == date(2003, 5, 7)
    assert (last.effective, last.exchanged) == (False, 0)


def test_under_exchange_requires_exercisable_an_exchange_the_business_day_after_takes_effect() -> None:
    last = exchange_on("2003-05-08")
    assert (last.effective, last.exchanged) == (True, 1)


# -- mutmut on spec/board.py, spec/exchange.py, spec/distribution_date.py (docs/mutants.md) ---------------------
#
# The board actions' refusals and notes are what counsel reads: each names the section that decides and the
# date it turns on, so they are pinned word for word here; every pinned boundary has its twin.

CROSS = [{"date": "2003-04-22", "type": "acquire", "person": "a", "shares": 100},
         {"date": "2003-04-23", "type": "announce", "person": "a"}]


def board_run(*events: dict[str, Any], crossed: bool = True) -> Any:
    """a (10% of 1,000) buys 10% more on 2003-04-22 and is announced on 04-23 (the Shares Acquisition Date:
    redemption deadline the fifth day, Monday 04-28; Distribution Date 05-07); then ``events``."""
    data = {"outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 100},
            "events": (CROSS if crossed else []) + list(events)}
    return evaluate(scenario_from_data(data, "<test>"), snapshots=True)


def notes_at(result: Any, index: int) -> list[tuple[str, str]]:
    return [(n.section, n.text) for n in result.explanations if n.index == index]


# Section 23(a) with Section 27 (late_redemption_extension=ineffective, the default): an extension ordered on
# the deadline day itself acts before that day's Close of Business (board.extend_redemption_7, _42-_44).

def test_a_redemption_extension_ordered_on_the_last_day_of_the_redemption_period_takes_effect() -> None:
    r = board_run({"date": "2003-04-28", "type": "extend_redemption", "until": "2003-05-09"})
    assert (r.redemption_deadline, r.ineffective_events) == (date(2003, 5, 9), [])
    assert notes_at(r, 2) == [("Section 23(a)", "The Board extends the redemption period: the deadline is now 2003-05-09.")]


def test_a_redemption_extension_ordered_the_day_after_the_redemption_period_is_refused_under_section_27() -> None:
    # board.extend_redemption_14, _15, _19-_21: the section and the reason of the refusal.
    r = board_run({"date": "2003-04-29", "type": "extend_redemption", "until": "2003-05-09"})
    assert r.redemption_deadline == date(2003, 4, 28)
    assert r.ineffective_events == [{"index": 2, "section": "Section 27", "reason": (
        "the right of redemption already ended on 2003-04-28, and the period may not be lengthened once the "
        "Rights are not redeemable")}]


# Section 23(a) "or such later date": a second, shorter extension is refused and leaves the first one's date
# (board.extend_redemption_25 and _35 dropped the first extension; _37, _38 the refusal's section and reason).

def test_a_shorter_second_redemption_extension_is_refused_and_the_first_extensions_deadline_stands() -> None:
    r = board_run({"date": "2003-04-28", "type": "extend_redemption", "until": "2003-05-09"},
                  {"date": "2003-04-29", "type": "extend_redemption", "until": "2003-05-02"})
    assert r.redemption_deadline == date(2003, 5, 9)
    assert r.ineffective_events == [{"index": 3, "section": "Section 23(a)",
                                     "reason": "2003-05-02 is not later than the redemption deadline 2003-05-09"}]


def test_a_longer_second_redemption_extension_takes_effect() -> None:
    r = board_run({"date": "2003-04-28", "type": "extend_redemption", "until": "2003-05-09"},
                  {"date": "2003-04-29", "type": "extend_redemption", "until": "2003-05-16"})
    assert (r.redemption_deadline, r.ineffective_events) == (date(2003, 5, 16), [])


# Section 23(a): a redemption on the last day is effective and the state says so (board.redeem_13, _14: the
# snapshot's ``redeemed``; _22-_24: the note); the day after it is refused (_9: the reason).

def test_a_redemption_on_the_last_day_redeems_the_rights_and_says_so() -> None:
    r = board_run({"date": "2003-04-28", "type": "redeem"})
    assert r.snapshots[-1].redeemed is True
    assert r.expiration.to_json() == {"date": "2003-04-28", "cause": "redemption"}
    assert notes_at(r, 2) == [("Section 23(a)", "The Board redeems all the Rights at the Redemption Price; "
                                                "the Rights expire on 2003-04-28.")]


def test_a_redemption_the_day_after_the_last_day_is_refused_and_redeems_nothing() -> None:
    r = board_run({"date": "2003-04-29", "type": "redeem"})
    assert r.snapshots[-1].redeemed is False
    assert r.ineffective_events == [{"index": 2, "section": "Section 23(a)",
                                     "reason": "the right of redemption ended at the Close of Business on 2003-04-28"}]


# Section 1(q) and 13(a): a merger after the Rights expired gives nothing (board.merger_2 passed no event to the
# refusal); before any Triggering Event the note says why there is no flip-over (merger_8, _12-_14).

def test_a_merger_after_the_rights_were_redeemed_has_no_effect() -> None:
    r = board_run({"date": "2003-04-28", "type": "redeem"},
                  {"date": "2003-04-30", "type": "merger", "kind": "company_not_survivor", "principal_price": "30.00"})
    assert r.flip_over is None
    assert r.ineffective_events == [{"index": 3, "section": "Section 1(q)",
                                     "reason": "the Rights expired on 2003-04-28 (redemption)"}]


def test_a_merger_before_any_triggering_event_gives_no_flip_over_and_says_so() -> None:
    r = board_run({"date": "2003-04-22", "type": "merger", "kind": "company_not_survivor", "principal_price": "30.00"},
                  crossed=False)
    assert (r.flip_over, r.ineffective_events) == (None, [])
    assert notes_at(r, 0) == [("Section 13(a)", "No Triggering Event has occurred, so Section 13(a) gives no flip-over right.")]


# Section 1(l) "such later date": an extension to exactly the pending Distribution Date is not later
# (distribution_date.extend_11, _14, _33: it was taken as moved; _34: the reason's date); one Business Day
# later it takes effect.

def test_a_distribution_date_extension_to_the_pending_distribution_date_itself_is_refused() -> None:
    r = board_run({"date": "2003-05-01", "type": "extend_distribution", "until": "2003-05-07"})
    assert r.distribution_date == date(2003, 5, 7)
    assert r.ineffective_events == [{"index": 2, "section": "Section 1(l)",
                                     "reason": "2003-05-07 is not later than the pending Distribution Date 2003-05-07"}]


def test_a_distribution_date_extension_one_business_day_later_takes_effect() -> None:
    r = board_run({"date": "2003-05-01", "type": "extend_distribution", "until": "2003-05-08"})
    assert (r.distribution_date, r.ineffective_events) == (date(2003, 5, 8), [])
    assert notes_at(r, 2) == [("Section 1(l)", "The Board sets a later Distribution Date: the Close of Business on 2003-05-08.")]


def test_a_distribution_date_extended_to_a_saturday_is_the_close_of_business_on_the_monday_and_the_note_says_so() -> None:
    # Section 1(f) rolls the Close of Business to the next Business Day: board.extend_distribution_21 and _29
    # named the Saturday, _31 the clause, _23-_25 dropped the note's event, section or words.
    r = board_run({"date": "2003-05-01", "type": "extend_distribution", "until": "2003-05-10"})
    assert (r.distribution_date, r.ineffective_events) == (date(2003, 5, 12), [])
    assert notes_at(r, 2) == [("Section 1(l)", "The Board sets a later Distribution Date: the Close of Business on 2003-05-12.")]


def test_a_distribution_date_extension_after_the_distribution_date_is_refused_with_its_date() -> None:
    # distribution_date.extend_9 (the reason's date), board.extend_distribution_17 (the reason).
    r = board_run({"date": "2003-05-08", "type": "extend_distribution", "until": "2003-05-20"})
    assert r.distribution_date == date(2003, 5, 7)
    assert r.ineffective_events == [{"index": 2, "section": "Section 1(l)",
                                     "reason": "the Distribution Date already occurred on 2003-05-07"}]


def test_board_actions_before_any_acquiring_person_are_refused_with_their_sections() -> None:
    # distribution_date.extend_4-_6 and exchange.refuse_exchange_8-_10: the reasons' words.
    r = board_run({"date": "2003-04-22", "type": "extend_distribution", "until": "2003-05-20"},
                  {"date": "2003-04-22", "type": "exchange"}, crossed=False)
    assert r.ineffective_events == [
        {"index": 0, "section": "Section 1(l)", "reason": "no Distribution Date is pending, so there is nothing to extend"},
        {"index": 1, "section": "Section 24(a)",
         "reason": "Section 24(a) permits an exchange only after a Triggering Event, and none has occurred"}]


# Section 24(b): partial exchanges are pro rata, each of the Rights still outstanding (exchange.after_exchange_1).

def test_one_partial_exchange_of_a_quarter_exchanges_a_quarter_of_the_rights() -> None:
    r = board_run({"date": "2003-04-24", "type": "exchange", "portion": "1/4"})
    assert (r.exchanged, r.ineffective_events) == (Fraction(1, 4), [])
    assert r.expiration.cause == "final_expiration"  # partial_exchange_expires=no


def test_two_partial_exchanges_of_a_half_exchange_three_quarters_of_the_rights() -> None:
    r = board_run({"date": "2003-04-24", "type": "exchange", "portion": "1/2"},
                  {"date": "2003-04-25", "type": "exchange", "portion": "1/2"})
    assert (r.exchanged, r.ineffective_events) == (Fraction(3, 4), [])


# Section 24(a), (e): the refusals name the 50% bar and the date it was reached, and the 24(e) limit
# (exchange.refuse_exchange_4-_6, _12-_20; board.exchange_27, _32 passed no bar, so "the exchange bar").

def test_an_exchange_after_a_holder_reached_50_percent_is_refused_naming_the_bar_and_its_date() -> None:
    r = board_run({"date": "2003-04-24", "type": "acquire", "person": "a", "shares": 300},
                  {"date": "2003-04-25", "type": "exchange"})
    assert r.ineffective_events == [{"index": 3, "section": "Section 24(a)", "reason": (
        "a Person reached 50% on 2003-04-24, after which the Board may not effect an exchange")}]


def test_an_exchange_a_holder_one_share_below_50_percent_does_not_bar_takes_effect() -> None:
    r = board_run({"date": "2003-04-24", "type": "acquire", "person": "a", "shares": 299},
                  {"date": "2003-04-25", "type": "exchange"})
    assert (r.ineffective_events, r.exchanged) == ([], 1)


def test_an_exchange_for_other_rights_after_a_triggering_event_is_refused_under_section_24e() -> None:
    r = board_run({"date": "2003-04-24", "type": "exchange", "kind": "rights"})
    assert r.ineffective_events == [{"index": 2, "section": "Section 24(e)", "reason": (
        "Section 24(e) permits an exchange for other rights only before any Person has become an Acquiring Person")}]


def test_an_exchange_before_the_distribution_date_under_exchange_requires_exercisable_is_refused_naming_section_7a() -> None:
    # board.exchange_53: the reason's words (the reading and Section 7(a)).
    data = {"outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 100},
            "interpretation": {"exchange_requires_exercisable": "yes"},
            "events": CROSS + [{"date": "2003-04-24", "type": "exchange"}]}
    r = evaluate(scenario_from_data(data, "<test>"))
    assert r.ineffective_events == [{"index": 2, "section": "Section 24(a)", "reason": (
        "under the reading exchange_requires_exercisable, Rights are exercisable only after the Distribution Date "
        "(Section 7(a)), and none has occurred")}]


# Section 1(q): once the Rights are redeemed no extension has anything to act on (board.extend_redemption_2 and
# extend_distribution_2 passed no event to the refusal, and stopped the run); before it they take effect.

def test_extensions_after_the_rights_were_redeemed_have_no_effect() -> None:
    r = board_run({"date": "2003-04-25", "type": "redeem"},
                  {"date": "2003-04-28", "type": "extend_redemption", "until": "2003-05-09"},
                  {"date": "2003-04-28", "type": "extend_distribution", "until": "2003-05-20"})
    expired = "the Rights expired on 2003-04-25 (redemption)"
    assert r.ineffective_events == [{"index": 3, "section": "Section 1(q)", "reason": expired},
                                    {"index": 4, "section": "Section 1(q)", "reason": expired}]
    assert (r.redemption_deadline, r.distribution_date) == (date(2003, 4, 28), date(2003, 5, 7))


def test_the_same_extensions_before_a_redemption_take_effect() -> None:
    r = board_run({"date": "2003-04-28", "type": "extend_redemption", "until": "2003-05-09"},
                  {"date": "2003-04-28", "type": "extend_distribution", "until": "2003-05-20"},
                  {"date": "2003-04-29", "type": "redeem"})
    assert r.ineffective_events == []
    assert (r.redemption_deadline, r.distribution_date) == (date(2003, 5, 9), date(2003, 5, 20))


# Sections 24(a), 24(e) and 1(q): an effective exchange says under which section, and that the order is the
# Expiration Date (board.exchange_73-_81, _100: the notes' event, section and words).

def test_an_exchange_for_common_shares_after_a_triggering_event_is_noted_under_24a_and_ends_the_rights() -> None:
    r = board_run({"date": "2003-04-24", "type": "exchange"})
    assert notes_at(r, 2) == [
        ("Section 24(a)", "The Board exchanges 1 of the outstanding Rights (void Rights excluded), pro rata."),
        ("Section 1(q)", "The exchange order is the Expiration Date of the Rights: 2003-04-24.")]


def test_an_exchange_for_other_rights_before_any_acquiring_person_is_noted_under_24e_and_ends_the_rights() -> None:
    r = board_run({"date": "2003-04-22", "type": "exchange", "kind": "rights"}, crossed=False)
    assert r.ineffective_events == []
    assert notes_at(r, 0) == [
        ("Section 24(e)", "The Board exchanges 1 of the outstanding Rights (void Rights excluded), pro rata."),
        ("Section 1(q)", "The exchange order is the Expiration Date of the Rights: 2003-04-22.")]


# Section 1(q)(i): a board action after the Final Expiration Date is refused, and the reason names the cause in
# words (board._expired_14, _15: "final_expiration" unchanged or garbled); on that date itself it acts.

def test_a_redemption_after_the_final_expiration_date_is_refused_naming_the_final_expiration() -> None:
    r = board_run({"date": "2010-10-26", "type": "redeem"}, crossed=False)
    assert r.ineffective_events == [{"index": 0, "section": "Section 1(q)",
                                     "reason": "the Rights expired on 2010-10-25 (final expiration)"}]


def test_a_redemption_on_the_final_expiration_date_takes_effect() -> None:
    r = board_run({"date": "2010-10-25", "type": "redeem"}, crossed=False)
    assert r.ineffective_events == []
    assert r.expiration.to_json() == {"date": "2010-10-25", "cause": "redemption"}


# Section 1(l)(i) "(or, if the tenth day after the Shares Acquisition Date occurs before the Record Date, the Close
# of Business on the Record Date)": the Pain Therapeutics plan's Record Date (2005-05-12) is two weeks after its
# agreement date, so a Shares Acquisition Date can come before it (distribution_date._scheduled_3, _5, _6).

def pain_therapeutics_distribution_date(announced: str) -> Any:
    data = {"plan": "pain-therapeutics-2005", "outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 100},
            "events": [{"date": "2005-04-28", "type": "acquire", "person": "a", "shares": 100},
                       {"date": announced, "type": "announce", "person": "a"}]}
    return evaluate(scenario_from_data(data, "<test>")).distribution_date


def test_a_shares_acquisition_date_whose_tenth_day_is_before_the_record_date_distributes_on_the_record_date() -> None:
    assert pain_therapeutics_distribution_date("2005-04-29") == date(2005, 5, 12)  # tenth day 05-09; tenth Business Day 05-13


def test_a_shares_acquisition_date_whose_tenth_day_is_the_record_date_distributes_on_the_tenth_business_day() -> None:
    assert pain_therapeutics_distribution_date("2005-05-02") == date(2005, 5, 16)  # tenth day 05-12 is not before it


# Section 1(a)(i) for an Acquiring Person in the start state: its cured episode starts before the first event
# (inadvertence.cure_9, _11-_13 moved the start, or made it None).

def cure_from_the_start(sold: int) -> Any:
    """a holds 20% at the start (2003-04-22), is announced, found inadvertent, and sells ``sold`` shares."""
    data = {"outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 200}, "start": "2003-04-22",
            "events": [{"date": "2003-04-23", "type": "announce", "person": "a"},
                       {"date": "2003-04-24", "type": "inadvertence", "person": "a"},
                       {"date": "2003-04-25", "type": "dispose", "person": "a", "shares": sold}]}
    return evaluate(scenario_from_data(data, "<test>"))


def test_an_acquiring_person_at_the_start_cured_by_selling_below_15_percent_never_was_one() -> None:
    r = cure_from_the_start(51)
    assert (r.acquiring_persons, r.triggering_event, r.shares_acquisition_date, r.distribution_date) == ({}, None, None, None)


def test_an_acquiring_person_at_the_start_selling_to_exactly_15_percent_stays_one() -> None:
    r = cure_from_the_start(50)
    assert (r.acquiring_persons, r.shares_acquisition_date) == ({"a": date(2003, 4, 22)}, date(2003, 4, 23))


# Section 1(a)(i): a cured episode starts where its person became an Acquiring Person, not before: a
# determination made before a crossed is still one with nothing to determine (inadvertence.cure_10 started every
# episode at the start state, so the early determination was taken as part of the cure).

def early_determination(*later: dict[str, Any]) -> Any:
    data = {"outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 100},
            "events": [{"date": "2003-04-21", "type": "inadvertence", "person": "a"},
                       {"date": "2003-04-22", "type": "acquire", "person": "a", "shares": 100}, *later]}
    return evaluate(scenario_from_data(data, "<test>"))


NOTHING_TO_DETERMINE = [{"index": 0, "section": "Section 1(a)(i)",
                         "reason": "a is not an Acquiring Person, so there is nothing to determine"}]


def test_a_determination_before_the_crossing_is_refused_though_a_later_one_cures_the_episode() -> None:
    r = early_determination({"date": "2003-04-23", "type": "inadvertence", "person": "a"},
                            {"date": "2003-04-24", "type": "dispose", "person": "a", "shares": 51})
    assert r.acquiring_persons == {}
    assert r.ineffective_events == NOTHING_TO_DETERMINE


def test_a_determination_before_the_crossing_alone_cures_nothing() -> None:
    r = early_determination({"date": "2003-04-24", "type": "dispose", "person": "a", "shares": 51})
    assert r.acquiring_persons == {"a": date(2003, 4, 22)}
    assert r.ineffective_events == NOTHING_TO_DETERMINE


# Section 1(a)(i) "as promptly as practicable": at the end of a history a determination still open says, at its
# own event, until when the person has to divest (inadvertence.determine_4 put that note at the start state).

def test_an_open_inadvertence_determination_at_the_end_of_the_history_names_its_deadline_at_its_own_event() -> None:
    r = board_run({"date": "2003-04-24", "type": "inadvertence", "person": "a"})
    assert r.acquiring_persons == {"a": date(2003, 4, 22)}
    assert ("Section 1(a)(i)", "a has until 2003-05-08 to divest; until then it is an Acquiring Person.") in notes_at(r, 2)


def test_a_determination_followed_by_a_sale_below_15_percent_leaves_no_deadline_open() -> None:
    r = board_run({"date": "2003-04-24", "type": "inadvertence", "person": "a"},
                  {"date": "2003-04-25", "type": "dispose", "person": "a", "shares": 51})
    assert r.acquiring_persons == {}
    assert not [n for n in r.explanations if "to divest; until then" in n.text]


# Section 1(a)(i) "divested or divests": a holder already sold below 15% when the Board makes its determination is
# cured by the determination itself, which is the episode's last event and is itself covered by the cure
# (inadvertence.suppressed_10 left the last event out, so the replay refused the determination as one about a
# person who "is not an Acquiring Person").

def sold_before_the_determination(sold: int) -> Any:
    data = {"outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 100},
            "events": [{"date": "2003-04-22", "type": "acquire", "person": "a", "shares": 100},
                       {"date": "2003-04-23", "type": "dispose", "person": "a", "shares": sold},
                       {"date": "2003-04-24", "type": "inadvertence", "person": "a"}]}
    return evaluate(scenario_from_data(data, "<test>"))


def test_a_determination_after_the_holder_sold_below_15_percent_completes_the_cure_and_takes_effect() -> None:
    r = sold_before_the_determination(51)
    assert (r.acquiring_persons, r.ineffective_events) == ({}, [])
    assert notes_at(r, 2) == [("Section 1(a)(i)", "a has divested below its threshold as promptly as practicable: the "
                                                  "cure is complete, and it is not deemed to be or to have become an Acquiring Person.")]


def test_a_determination_after_the_holder_sold_to_exactly_15_percent_leaves_it_an_acquiring_person_with_a_deadline() -> None:
    r = sold_before_the_determination(50)
    assert (r.acquiring_persons, r.ineffective_events) == ({"a": date(2003, 4, 22)}, [])


def test_a_tender_offer_whose_tenth_day_is_before_the_record_date_distributes_on_the_tenth_business_day() -> None:
    # The Record Date proviso is clause (i)'s alone (distribution_date.pending_dates_20 gave it to clause (ii));
    # its twin is the Shares Acquisition Date of the same day, which distributes on the Record Date (above).
    data = {"plan": "pain-therapeutics-2005", "outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 100},
            "events": [{"date": "2005-04-29", "type": "tender_offer", "person": "a", "shares": 100}]}
    assert evaluate(scenario_from_data(data, "<test>")).distribution_date == date(2005, 5, 13)
