"""Boundaries that legal-logic mutants of the model survived, pinned in both layers.

Each test is named after the words of the agreement it pins, and sits exactly where a
surviving mutant of ``proofs/mutants_set.py`` moves the rule (docs/mutants.md, "Survivors").
Each runs one concrete history through the Z3 model (``engines.simulate``, fixed events) and
through the reference implementation (its snapshots), and requires both to say the same
thing at the boundary, so a mistake in either layer fails here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rightsplan.proofs.replay import start_values, to_model
from rightsplan.solver.engines import simulate
from rightsplan.solver.model import Config
from rightsplan.spec.evaluate import evaluate
from rightsplan.spec.scenario import scenario_from_data

NAMES = ("a", "b", "c")


def scenario(holdings: dict[str, int], events: list[dict[str, Any]], out: int = 1000,
             roles: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    persons = {n: ({"role": roles[n]} if roles and n in roles else {}) for n in NAMES}
    return {"outstanding": out, "persons": persons, "holdings": holdings, "events": events, **extra}


def both(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Any]]:
    """The model's state after each event, and the reference implementation's snapshot after each event."""
    m = to_model(data)
    cfg = Config().with_readings(**data.get("interpretation", {}))
    states = simulate(cfg, list(m.roles), start_values(m), list(m.events))
    snaps = evaluate(scenario_from_data(data, "<test>"), snapshots=True).snapshots
    return states, snaps


def trade(kind: str, person: str, shares: int, day: str) -> dict[str, Any]:
    return {"date": day, "type": kind, "person": person, "shares": shares}


# -- Section 1(a)(ii): "unless and until ... additional Common Shares ..., unless, upon becoming the
#    Beneficial Owner of such additional Common Shares, such Person is not then the Beneficial Owner
#    of 15% or more" (mutant 1a_ii_grandfather_ends_on_any_acquisition) ----------------------------

def grandfathered_history(last_buy: int) -> dict[str, Any]:
    """a holds 20% on the agreement date, sells down to 10%, then buys ``last_buy`` shares of 1,000."""
    return scenario({"a": 200}, [trade("dispose", "a", 100, "2003-04-22"), trade("acquire", "a", last_buy, "2003-04-23")],
                    start="2003-04-21", grandfathered=["a"])


def test_a_grandfathered_holder_buying_to_one_share_under_15_percent_stays_grandfathered() -> None:
    states, snaps = both(grandfathered_history(49))  # 149 of 1,000: 14.9%
    assert [s["grandfathered0"] for s in states] == [True, True]
    assert ["a" in snap.grandfathered for snap in snaps[-2:]] == [True, True]
    assert states[-1]["acquiring0"] is False and "a" not in snaps[-1].acquiring_persons


def test_a_grandfathered_holder_buying_to_exactly_15_percent_loses_the_protection_and_becomes_acquiring() -> None:
    states, snaps = both(grandfathered_history(50))  # 150 of 1,000: exactly 15%
    assert (states[-1]["grandfathered0"], states[-1]["acquiring0"]) == (False, True)
    assert "a" not in snaps[-1].grandfathered and "a" in snaps[-1].acquiring_persons


# -- Section 1(a), the deeming proviso: "if a Person shall become the Beneficial Owner of 15% or more
#    ... by reason of share purchases by the Company and shall, after such share purchases ..., become
#    the Beneficial Owner of any additional Common Shares" (docs/semantics.md 4: the mark ends when
#    the unit falls below 15%) (mutant 1a_mark_survives_a_dip) -----------------------------------------

def marked_then_sells(shares: int, roles: dict[str, str] | None = None) -> dict[str, Any]:
    """a holds 140 of 1,000; the Company buys back 100 (a: 140 of 900, 15.6%); a then sells ``shares``."""
    return scenario({"a": 140}, [{"date": "2003-04-22", "type": "repurchase", "shares": 100},
                                 trade("dispose", "a", shares, "2003-04-23")], roles=roles)


def test_a_buyback_marked_holder_selling_to_exactly_15_percent_stays_marked() -> None:
    states, snaps = both(marked_then_sells(5))  # 135 of 900: exactly 15%
    assert [s["buyback_marked0"] for s in states] == [True, True]
    assert ["a" in snap.marked for snap in snaps[-2:]] == [True, True]


def test_a_buyback_marked_holder_selling_to_one_share_under_15_percent_is_no_longer_marked() -> None:
    states, snaps = both(marked_then_sells(6))  # 134 of 900: 14.9%
    assert [s["buyback_marked0"] for s in states] == [True, False]
    assert ["a" in snap.marked for snap in snaps[-2:]] == [True, False]


def test_walden_marked_then_diluted_below_15_percent_may_buy_to_16_percent_without_the_ratchet() -> None:
    # The determination the mark's end decides: Walden (threshold 20%) lifted to 15.6% by a buyback is
    # marked; an issuance dilutes it to 14.9%, which under walden_ratchet_cause=own_disposition does not
    # ratchet its threshold; the mark ends there, so buying to 16.7% leaves it under its 20%.
    data = scenario({"a": 140}, [{"date": "2003-04-22", "type": "repurchase", "shares": 100},
                                 {"date": "2003-04-23", "type": "issue", "shares": 40},
                                 trade("acquire", "a", 20, "2003-04-24")],
                    roles={"a": "walden"}, interpretation={"walden_ratchet_cause": "own_disposition"})
    states, snaps = both(data)
    assert [s["buyback_marked0"] for s in states] == [True, False, False]
    assert (states[-1]["acquiring0"], states[-1]["ratcheted"]) == (False, False)
    assert "a" not in snaps[-1].acquiring_persons and not snaps[-1].ratcheted


# -- Section 1(a)(i): "and if such Person divested or divests as promptly as practicable a sufficient
#    number of Common Shares so that such Person would no longer be an 'Acquiring Person'" -- under
#    inadvertence_divestiture=own_disposition (default) the unit must own fewer shares than when it
#    crossed, not only be diluted below 15% (mutant 1a_i_cure_without_sale) ------------------------------

def diluted_after_a_finding(sold: int) -> dict[str, Any]:
    """a crosses at 20% of 1,000, the Board finds it inadvertent, 400 new shares dilute it to 14.3%, a sells ``sold``."""
    events = [trade("acquire", "a", 100, "2003-04-22"), {"date": "2003-04-23", "type": "inadvertence", "person": "a"},
              {"date": "2003-04-24", "type": "issue", "shares": 400}]
    events += [trade("dispose", "a", sold, "2003-04-25")] if sold else []
    return scenario({"a": 100}, events)


def test_an_inadvertent_acquiring_person_diluted_below_15_percent_without_selling_is_not_cured() -> None:
    states, snaps = both(diluted_after_a_finding(0))  # 200 of 1,400 (14.3%), as many shares as at crossing
    assert [s["acquiring0"] for s in states] == [True, True, True]
    assert "a" in snaps[-1].acquiring_persons


def test_an_inadvertent_acquiring_person_diluted_below_15_percent_that_sells_one_share_is_cured() -> None:
    states, snaps = both(diluted_after_a_finding(1))  # 199 of 1,400: one share fewer than at crossing
    assert [s["acquiring0"] for s in states] == [True, True, True, False]
    assert "a" not in snaps[-1].acquiring_persons


# -- Section 24(a): "exchange all or part of the then outstanding and exercisable Rights", read under
#    exchange_requires_exercisable=yes with Section 7(a) "at any time after the Distribution Date": an
#    exchange on the Distribution Date itself is refused, the next Business Day it takes effect
#    (mutant 24a_exercisable_on_the_distribution_date_spec) ---------------------------------------------

def exchange_on(day: str) -> dict[str, Any]:
    """a crosses at 20% on 2003-04-22, is announced on 04-23 (Distribution Date 05-07), the Board exchanges on ``day``."""
    return scenario({"a": 100}, [trade("acquire", "a", 100, "2003-04-22"),
                                 {"date": "2003-04-23", "type": "announce", "person": "a"},
                                 {"date": day, "type": "exchange"}],
                    interpretation={"exchange_requires_exercisable": "yes"})


def test_under_exchange_requires_exercisable_an_exchange_on_the_distribution_date_itself_is_refused() -> None:
    states, snaps = both(exchange_on("2003-05-07"))
    assert snaps[-1].distribution_date == date(2003, 5, 7)
    assert (snaps[-1].effective, snaps[-1].exchanged) == (False, 0)
    assert (states[-1]["effective"], states[-1]["exchanged_all"]) == (False, False)


def test_under_exchange_requires_exercisable_an_exchange_the_business_day_after_takes_effect() -> None:
    states, snaps = both(exchange_on("2003-05-08"))
    assert (snaps[-1].effective, snaps[-1].exchanged) == (True, 1)
    assert (states[-1]["effective"], states[-1]["exchanged_all"]) == (True, True)


# -- Section 1(a)(i) "divests as promptly as practicable", read as by the 10th Business Day after the
#    Board's determination (prompt_divestiture_days=10, default): a sale on that day itself cures, the
#    next Business Day is too late (mutant 1a_i_divest_days_short_by_one) ----------------------------------

def divests_on(day: str) -> dict[str, Any]:
    """a crosses at 20% on 2003-04-22, the Board finds it inadvertent on 04-23 (10th Business Day after:
    05-07), a sells 51 shares (to 14.9%) on ``day``."""
    return scenario({"a": 100}, [trade("acquire", "a", 100, "2003-04-22"),
                                 {"date": "2003-04-23", "type": "inadvertence", "person": "a"},
                                 trade("dispose", "a", 51, day)])


def test_an_inadvertent_acquiring_person_selling_on_the_tenth_business_day_after_the_finding_is_cured() -> None:
    states, snaps = both(divests_on("2003-05-07"))
    assert snaps[-2].divestiture_deadlines == {"a": date(2003, 5, 7)}
    assert [s["acquiring0"] for s in states] == [True, True, False]
    assert "a" not in snaps[-1].acquiring_persons


def test_an_inadvertent_acquiring_person_selling_the_business_day_after_that_is_not_cured() -> None:
    states, snaps = both(divests_on("2003-05-08"))
    assert [s["acquiring0"] for s in states] == [True, True, True]
    assert "a" in snaps[-1].acquiring_persons


# -- Section 1(l)(ii): the Distribution Date is the earlier of the clauses, so a second tender offer
#    does not put off the tenth Business Day after the first (mutant 1l_second_tender_restarts_clock) -----

def test_a_second_tender_offer_does_not_put_off_the_first_offers_distribution_date() -> None:
    data = scenario({"a": 100}, [{"date": "2003-04-22", "type": "tender_offer", "person": "a", "shares": 100},
                                 {"date": "2003-04-24", "type": "tender_offer", "person": "a", "shares": 100}])
    states, snaps = both(data)
    assert [snap.distribution_date for snap in snaps[-2:]] == [date(2003, 5, 6), date(2003, 5, 6)]
    assert states[-1]["distribution_by_tender_offer"] == states[0]["distribution_by_tender_offer"]
    assert states[-1]["has_tender_clause"] is True


# -- Section 1(l): "the Close of Business on the tenth Business Day (or such later date as may be
#    determined by action of the Company's Board of Directors)" -- docs/semantics.md: an extension is
#    ineffective once "the Distribution Date has already occurred", which it has "once an event is dated
#    after it"; so an extension ordered on the Distribution Date itself moves it (mutant
#    1l_no_extension_on_the_distribution_date; the reference's twin ..._spec is killed by its own tests) --

def extension_history(ordered: str) -> dict[str, Any]:
    """A tender offer on April 22, 2003 (Distribution Date May 6); the Board extends it to May 13 on ``ordered``."""
    return scenario({"a": 100}, [{"date": "2003-04-22", "type": "tender_offer", "person": "a", "shares": 100},
                                 {"date": ordered, "type": "extend_distribution", "until": "2003-05-13"}])


def test_an_extension_ordered_on_the_distribution_date_itself_takes_effect() -> None:
    states, snaps = both(extension_history("2003-05-06"))
    assert snaps[0].distribution_date == date(2003, 5, 6)
    assert (snaps[-1].effective, snaps[-1].distribution_date) == (True, date(2003, 5, 13))
    assert states[-1]["effective"] is True and states[-1]["distribution_extended"] is True
    assert states[-1]["distribution_by_tender_offer"] == states[0]["distribution_by_tender_offer"] + 5


def test_an_extension_ordered_the_business_day_after_the_distribution_date_has_no_effect() -> None:
    states, snaps = both(extension_history("2003-05-07"))
    assert (snaps[-1].effective, snaps[-1].distribution_date) == (False, date(2003, 5, 6))
    assert states[-1]["effective"] is False and states[-1]["distribution_extended"] is False
    assert states[-1]["distribution_by_tender_offer"] == states[0]["distribution_by_tender_offer"]


# -- Section 1(l)(ii): a tender offer "by any Person (other than the Company, any Subsidiary ..., any
#    employee benefit plan ...) ..., if, assuming the successful consummation thereof, such Person would be
#    an Acquiring Person" -- H&Q and the exempt can never be Acquiring Persons (Section 1(a)), so their
#    offers start no clock (mutant 1l_ii_exempt_tender_starts_clock) --------------------------------------

def tender_history(role: str | None) -> dict[str, Any]:
    """a, holding 10%, offers on April 22, 2003 for 10% more (20% if it succeeds)."""
    return scenario({"a": 100}, [{"date": "2003-04-22", "type": "tender_offer", "person": "a", "shares": 100}],
                    roles={"a": role} if role else None)


def test_a_tender_offer_by_h_and_q_or_an_exempt_plan_starts_no_distribution_date_clock() -> None:
    for role in ("hq", "employee_plan"):
        states, snaps = both(tender_history(role))
        assert snaps[-1].distribution_date is None, role
        assert states[-1]["has_tender_clause"] is False, role


def test_the_same_tender_offer_by_an_ordinary_holder_starts_it() -> None:
    states, snaps = both(tender_history(None))
    assert snaps[-1].distribution_date == date(2003, 5, 6)
    assert states[-1]["has_tender_clause"] is True


# -- Section 1(d): a Person beneficially owns what "any of such Person's Affiliates or Associates"
#    owns, and what another with which it has "any agreement ... for the purpose of acquiring, holding,
#    voting ... or disposing" owns: a join makes one unit of the two joining, and of no one else
#    (mutmut on solver/ownership.py: joined_7, _8, _9, _22, _26 survived the model's tests) ------------

def join_history(a_holds: int, order: tuple[str, str]) -> dict[str, Any]:
    """a and b (a_holds and 50 of 1,000) join on April 22, 2003; c (40) stays apart."""
    return scenario({"a": a_holds, "b": 50, "c": 40},
                    [{"date": "2003-04-22", "type": "join_group", "persons": list(order)}])


def test_two_holders_joining_at_exactly_15_percent_become_acquiring_persons_and_a_third_stays_apart() -> None:
    for order in (("a", "b"), ("b", "a")):
        states, snaps = both(join_history(100, order))  # 100 + 50 of 1,000: exactly 15%
        assert snaps[-1].acquiring_persons == {"a", "b"}, order
        assert [states[-1][f"acquiring{i}"] for i in range(3)] == [True, True, False], order
        assert [states[-1][k] for k in ("grouped01", "grouped02", "grouped12")] == [True, False, False], order


def test_two_holders_joining_at_one_share_under_15_percent_do_not() -> None:
    states, snaps = both(join_history(99, ("a", "b")))  # 149 of 1,000
    assert snaps[-1].acquiring_persons == frozenset()
    assert [states[-1][f"acquiring{i}"] for i in range(3)] == [False, False, False]
    assert states[-1]["grouped01"] is True


# -- Section 1(d)(ii)(A): a Person beneficially owns what it "has ... the right to acquire ... upon the
#    exercise of ... options"; Section 29 (Rule 13d-3(d)(1)(i)): those shares are outstanding for that
#    holder only (mutmut on solver/ownership.py: owned_16 and denominator_1 survived the model's tests) ---

def option_history(options: int) -> dict[str, Any]:
    """a holds 140 of 1,000 and acquires options on ``options`` shares on April 22, 2003."""
    return scenario({"a": 140}, [{"date": "2003-04-22", "type": "option", "person": "a", "shares": options}])


def test_options_to_15_percent_of_the_shares_outstanding_for_their_holder_make_it_an_acquiring_person() -> None:
    states, snaps = both(option_history(12))  # 152 of 1,012: 15.02%
    assert snaps[-1].acquiring_persons == {"a"}
    assert states[-1]["acquiring0"] is True


def test_one_option_fewer_is_under_15_percent() -> None:
    states, snaps = both(option_history(11))  # 151 of 1,011: 14.94% (151 of 989 if options left the count: 15.3%)
    assert snaps[-1].acquiring_persons == frozenset()
    assert states[-1]["acquiring0"] is False


# -- Section 23(a): the Rights may be redeemed "at any time prior to the Close of Business on the fifth
#    day following the Shares Acquisition Date", rolled by Section 1(f) to the next Business Day; Section
#    1(hh) and 1(l)(i) on the same announcement (mutmut on solver/dates.py: fifth_day_3, _7, _12, _13,
#    _14, _17 and derived_26, _27, _30, _31 survived the model's tests) --------------------------------

FIFTH_DAY = {"2003-04-28": date(2003, 5, 5),   # Monday: Saturday the 3rd, rolled to Monday
             "2003-04-29": date(2003, 5, 5),   # Tuesday: Sunday the 4th, rolled to Monday
             "2003-04-30": date(2003, 5, 5),   # Wednesday: Monday the 5th
             "2003-05-01": date(2003, 5, 6),   # Thursday
             "2003-05-02": date(2003, 5, 7)}   # Friday


def test_the_redemption_deadline_is_the_fifth_day_after_an_announcement_on_each_weekday_rolled_off_a_weekend() -> None:
    from rightsplan.proofs.replay import compare

    for day, deadline in FIFTH_DAY.items():
        data = scenario({"a": 140}, [trade("acquire", "a", 10, day), {"date": day, "type": "announce", "person": "a"}])
        views, disagreement = compare(data)
        assert disagreement is None, (day, str(disagreement))
        assert views[-1]["shares_acquisition_date"] == date.fromisoformat(day), day
        assert views[-1]["redemption_deadline"] == deadline, day
        assert views[-1]["distribution_date"] is not None, day


# -- Section 23(a): "the fifth day following the Shares Acquisition Date (or such later date as may be
#    determined by action of the Company's Board ...)" -- a date the Board set before any Shares Acquisition
#    Date counts only when it is later than the fifth day (mutmut's dates.deadline_29: the Board's date used
#    whether or not it is later) ----------------------------------------------------------------------------

def early_board_date_history(redeem_on: str) -> dict[str, Any]:
    """The Board names April 23, 2003 before any announcement; a reaches 15% and is announced on April 22
    (fifth day Sunday April 27, rolled by Section 1(f) to Monday April 28); the Board redeems on ``redeem_on``."""
    return scenario({"a": 100}, [{"date": "2003-04-21", "type": "extend_redemption", "until": "2003-04-23"},
                                 trade("acquire", "a", 50, "2003-04-22"),
                                 {"date": "2003-04-22", "type": "announce", "person": "a"},
                                 {"date": redeem_on, "type": "redeem"}], start="2003-04-21")


def test_a_board_date_set_before_the_shares_acquisition_date_never_shortens_the_redemption_window() -> None:
    states, snaps = both(early_board_date_history("2003-04-28"))
    assert states[0]["has_redemption_board_date"] is True  # the Board's date stands, for when it is later
    assert snaps[-2].redemption_deadline == date(2003, 4, 28)
    assert states[-2]["d_deadline"] == states[-2]["d_sad"] + 4  # Tuesday 04-22 to Monday 04-28
    assert (snaps[-1].effective, states[-1]["effective"], states[-1]["redeemed"]) == (True, True, True)


def test_a_redemption_the_business_day_after_that_fifth_day_is_refused() -> None:
    states, snaps = both(early_board_date_history("2003-04-29"))
    assert (snaps[-1].effective, states[-1]["effective"], states[-1]["redeemed"]) == (False, False, False)
