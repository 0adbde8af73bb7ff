"""Boundaries of Section 1(a) that mutmut's survivors on spec/acquiring_person.py showed untested (issue 8, item 5).

Each test names the mutant it kills (docs/mutants.md, "mutmut survivors of spec/acquiring_person.py");
each was run against a private copy of the spec with that one mutation applied and fails there.
Shares are counted out of 1,000 so that a boundary is a whole number of shares.  The state after an
event (a snapshot) is what the memo prints beside each person ("shielded by the buyback carve-out",
"marked by the buyback proviso", "grandfathered until it acquires more"), so a protection that
outlives its reason is a wrong memo even where no determination changes.
"""

from __future__ import annotations

from typing import Any

from conftest import ev, run

OWN_DISPOSITION = {"walden_ratchet_cause": "own_disposition"}
OWN_THRESHOLD = {"repurchase_deeming_threshold": "own_threshold"}


def thousand(events: list[dict[str, Any]], holdings: dict[str, int], **extra: Any) -> Any:
    """Evaluate with 1,000 shares outstanding on the agreement date (150 shares are exactly 15%)."""
    return run(events, holdings=holdings, outstanding=1_000, **extra)


def aps(result: Any) -> dict[str, str]:
    return result.to_json()["acquiring_persons"]


def texts(result: Any, section: str) -> list[str]:
    return [x["text"] for x in result.to_json()["explanations"] if x["section"] == section]


def buyback_notes(result: Any, person: str) -> list[str]:
    return [t for t in texts(result, "Section 1(a)") if t.startswith(f"{person} reaches") and "bought back" in t]


def repurchase(day: str, shares: int, source: str | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {"shares": shares}
    if source is not None:
        fields["from"] = source
    return ev(day, "repurchase", **fields)


# -- Walden's ratchet: "subsequently becomes the Beneficial Owner of less than 15%" (track_ratchets) --

def test_walden_selling_itself_below_15_percent_ratchets_its_threshold_under_the_own_disposition_reading():
    # Kills track_walden__mutmut_12 (Walden's own sale not recognised as its own).  "after Walden has been the
    # Beneficial Owner of 15% or more ... and subsequently becomes the Beneficial Owner of less than 15% ...
    # Walden shall be deemed an Acquiring Person at such time as Walden shall be the Beneficial Owner of ... 15%"
    e = thousand([ev("2003-06-02", "acquire", person="w1", shares=60),   # 160 of 1,000: 16%, under its 20%
                  ev("2003-06-03", "dispose", person="w1", shares=20),   # 140: 14%, by its own sale
                  ev("2003-06-04", "acquire", person="w1", shares=10)],  # 150: exactly 15%
                 {"w1": 100}, interpretation=OWN_DISPOSITION)
    assert aps(e) == {"w1": "2003-06-04", "w2": "2003-06-04"}  # "collectively, 'Walden'"


# -- the carve-out and its deeming rule: "by reason of share purchases by the Company" (mark_repurchase) --

def test_a_buyback_from_walden_itself_does_not_mark_it_for_the_deeming_rule():
    # Kills mark_repurchase__mutmut_6 (the unit's holding before the buyback read after it).  Walden holds
    # 180 of 1,000 (18%); the Company buys 31 from Walden: 149 of 969 (15.4%).  Walden did not become the owner
    # of 15% or more "by reason of share purchases by the Company" -- it was already at 18% -- so buying one
    # more share (150 of 969, 15.5%, under Walden's 20%) does not deem it an Acquiring Person.
    e = thousand([ev("2003-06-02", "acquire", person="w1", shares=80), repurchase("2003-06-03", 31, "w1"),
                  ev("2003-06-04", "acquire", person="w1", shares=1)], {"w1": 100})
    assert aps(e) == {}
    assert "w1" not in e.snapshots[1].marked


def test_an_exempt_plan_and_hq_lifted_by_a_buyback_are_not_given_the_carve_out():
    # Kills mark_repurchase__mutmut_22.  The carve-out says "no Person shall be deemed to be an Acquiring
    # Person as the result of an acquisition of Common Shares by the Company"; the plan and H&Q are not
    # Persons the definition reaches ("other than H&Q", "shall not include ... any employee benefit plan"),
    # so the memo must not call them shielded or marked.  140 of 900 after the buyback is 15.6%.
    e = thousand([repurchase("2003-06-02", 100)], {"esop": 140, "hq": 140})
    assert buyback_notes(e, "esop") == [] and buyback_notes(e, "hq") == []
    assert e.snapshots[-1].shielded == frozenset() and e.snapshots[-1].marked == frozenset()


def test_a_buyback_shields_a_group_member_after_a_member_that_is_already_an_acquiring_person():
    # Kills mark_repurchase__mutmut_26 (the first member skipped ends the loop).  acme became an Acquiring
    # Person at 20% and sold down to 10%; beta (30) joins it: 130 of 1,000.  A buyback of 150 lifts the group
    # to 130 of 850 (15.3%): beta reaches 15% "as the result of an acquisition of Common Shares by the Company"
    # and is not deemed an Acquiring Person.
    e = thousand([ev("2003-06-02", "acquire", person="acme", shares=100),
                  ev("2003-06-03", "dispose", person="acme", shares=100),
                  ev("2003-06-04", "join_group", persons=["acme", "beta"]), repurchase("2003-06-05", 150)],
                 {"acme": 100, "beta": 30})
    assert aps(e) == {"acme": "2003-06-02"}
    assert "beta" in e.snapshots[-1].shielded


def test_a_grandfathered_holder_already_at_exactly_15_percent_is_not_lifted_by_a_buyback():
    # Kills mark_repurchase__mutmut_28 ("<" read as "<=" for the carve-out).  At exactly 150 of 1,000 the
    # holder already owned "15% or more"; the buyback (150 of 900) did not increase it "to 15% or more".
    e = thousand([repurchase("2003-06-02", 100)], {"acme": 150})
    assert buyback_notes(e, "acme") == []
    assert e.snapshots[-1].shielded == frozenset() and e.snapshots[-1].marked == frozenset()
    assert e.snapshots[-1].grandfathered == frozenset({"acme"})


def test_walden_at_exactly_15_percent_before_a_buyback_is_not_marked_so_buying_more_under_20_percent_is_allowed():
    # Kills mark_repurchase__mutmut_47 ("<" read as "<=" for the mark).  "if a Person shall become the
    # Beneficial Owner of 15% or more ... by reason of share purchases by the Company": Walden was at exactly
    # 15% (150 of 1,000) before the buyback, so it did not become so by reason of it; 151 of 900 (16.8%) is
    # under Walden's 20%.
    e = thousand([ev("2003-06-02", "acquire", person="w1", shares=50), repurchase("2003-06-03", 100),
                  ev("2003-06-04", "acquire", person="w1", shares=1)], {"w1": 100})
    assert aps(e) == {}


def test_walden_one_share_under_15_percent_before_a_buyback_is_marked_and_deemed_on_buying_more():
    # The other side of the boundary above: 149 of 1,000 before, 149 of 900 (16.6%) after; one more share
    # "then ... any additional Common Shares" deems Walden an Acquiring Person (15%, reading literal_15).
    e = thousand([ev("2003-06-02", "acquire", person="w1", shares=49), repurchase("2003-06-03", 100),
                  ev("2003-06-04", "acquire", person="w1", shares=1)], {"w1": 100})
    assert aps(e) == {"w1": "2003-06-04", "w2": "2003-06-04"}  # "collectively, 'Walden'"


# -- protections end with their reason (expire_protections, decide, _decide_person) --

def test_the_carve_out_shield_ends_when_a_dilution_takes_the_holder_below_15_percent():
    # Kills expire_protections__mutmut_21.  140 of 900 (15.6%) after the buyback: shielded; an issue of 100
    # leaves 140 of 1,000 (14%), no longer "15% or more", so the memo no longer shows the shield.
    e = thousand([repurchase("2003-06-02", 100), ev("2003-06-03", "issue", shares=100)], {"acme": 140})
    assert "acme" in e.snapshots[0].shielded
    assert "acme" not in e.snapshots[1].shielded


def test_a_holder_deemed_an_acquiring_person_after_a_buyback_loses_its_shield_and_its_mark():
    # Kills decide__mutmut_49 and decide__mutmut_50.  Lifted to 140 of 900 (15.6%) by a buyback, acme buys one
    # share: "then such Person shall be deemed to be an Acquiring Person".  An Acquiring Person is no longer
    # protected by the carve-out, so the memo must not show it shielded or marked.
    e = thousand([repurchase("2003-06-02", 100), ev("2003-06-03", "acquire", person="acme", shares=1)], {"acme": 140})
    assert aps(e) == {"acme": "2003-06-03"}
    assert "acme" not in e.snapshots[-1].shielded and "acme" not in e.snapshots[-1].marked


def test_a_grandfathered_holder_that_buys_more_is_no_longer_grandfathered():
    # Kills _decide_person__mutmut_11.  Section 1(a)(ii): "unless and until such Person ... shall become the
    # Beneficial Owner of any additional Common Shares": 160 of 1,000 on the agreement date, 161 after.
    e = thousand([ev("2003-06-02", "acquire", person="acme", shares=1)], {"acme": 160})
    assert aps(e) == {"acme": "2003-06-02"}
    assert e.snapshots[-1].grandfathered == frozenset()


def test_under_own_threshold_an_acquisition_under_walden_s_20_percent_ends_its_buyback_mark():
    # Kills _decide_person__mutmut_31.  Reading own_threshold: the deeming rule asks whether Walden "does not
    # beneficially own" its own 20%.  Lifted to 140 of 900 (15.6%), Walden buys 5 (145 of 900, 16.1%): not
    # deemed, and the mark has been spent on those "additional Common Shares".
    e = thousand([repurchase("2003-06-02", 100), ev("2003-06-03", "acquire", person="w1", shares=5)],
                 {"w1": 140}, interpretation=OWN_THRESHOLD)
    assert "w1" in e.snapshots[0].marked
    assert aps(e) == {} and "w1" not in e.snapshots[-1].marked


# -- Section 1(a)(ii): "any Person who ... is the Beneficial Owner of 15% or more" on the agreement date --

def test_a_holder_below_15_percent_does_not_stop_a_later_holder_being_grandfathered():
    # Kills grandfather__mutmut_8.  acme at 120 of 1,000 (12%, in the ownership index but below 15%) sorts
    # before beta at 200 (20%); beta is grandfathered and is not an Acquiring Person.
    e = thousand([], {"acme": 120, "beta": 200})
    assert aps(e) == {}
    assert any(t.startswith("beta holds 20%") for t in texts(e, "Section 1(a)(ii)"))


def test_hq_and_an_employee_plan_at_20_percent_on_the_agreement_date_are_not_grandfathered():
    # Kills grandfather__mutmut_10.  They need no grandfathering: "other than H&Q" and "shall not include ...
    # any employee benefit plan of the Company".
    e = thousand([ev("2003-06-02", "acquire", person="hq", shares=1)], {"hq": 200, "esop": 200})
    assert texts(e, "Section 1(a)(ii)") == []
    assert e.snapshots[-1].grandfathered == frozenset()


# -- Section 1(a)(i): the suppressed crossing is explained once (decide) --

def test_a_cured_crossing_is_explained_once_even_when_the_person_buys_more_before_divesting():
    # Kills decide__mutmut_35 (note never written) and decide__mutmut_36 (note repeated).  "then such Person
    # shall not be deemed to be or to have become an 'Acquiring Person' for any purposes of this Agreement":
    # acme crosses at 200 of 1,000, buys 10 more, then sells 80 (130, 13%) within the ten Business Days.
    e = thousand([ev("2003-06-02", "acquire", person="acme", shares=100), ev("2003-06-03", "inadvertence", person="acme"),
                  ev("2003-06-04", "acquire", person="acme", shares=10),
                  ev("2003-06-05", "dispose", person="acme", shares=80)], {"acme": 100})
    assert aps(e) == {}
    assert len([t for t in texts(e, "Section 1(a)(i)") if "would become an Acquiring Person here" in t]) == 1


# -- Section 1(l)(ii): "if, assuming the successful consummation thereof, such Person would be an Acquiring
#    Person" (would_become) --

def test_an_acquiring_person_below_15_percent_that_tenders_for_one_share_starts_the_distribution_clock():
    # Kills would_become__mutmut_5.  acme became an Acquiring Person at 20% (no announcement, so no Shares
    # Acquisition Date) and sold down to 10%; it stays one, so after its tender offer it "would be an
    # Acquiring Person".  Tenth Business Day after Monday 2003-06-09: 2003-06-23.
    e = thousand([ev("2003-06-02", "acquire", person="acme", shares=100),
                  ev("2003-06-03", "dispose", person="acme", shares=100),
                  ev("2003-06-09", "tender_offer", person="acme", shares=1)], {"acme": 100})
    assert e.to_json()["distribution_date"] == "2003-06-23"


def test_walden_marked_by_a_buyback_that_tenders_for_one_share_would_be_deemed_an_acquiring_person():
    # Kills would_become__mutmut_25 and _28 to _32.  Lifted from 140 of 1,000 to 140 of 900 (15.6%) by the
    # buyback, Walden would own 141 of 900 after its offer: "additional Common Shares" at 15% or more deem it
    # an Acquiring Person under the default reading literal_15, though it is under its 20%.
    e = thousand([repurchase("2003-06-02", 100), ev("2003-06-09", "tender_offer", person="w1", shares=1)], {"w1": 140})
    assert e.to_json()["distribution_date"] == "2003-06-23"


def test_under_own_threshold_walden_marked_by_a_buyback_tendering_under_20_percent_starts_no_clock():
    # The same offer under reading own_threshold: the deeming rule uses Walden's 20%, and 141 of 900 is 15.7%.
    e = thousand([repurchase("2003-06-02", 100), ev("2003-06-09", "tender_offer", person="w1", shares=1)], {"w1": 140},
                 interpretation=OWN_THRESHOLD)
    assert e.to_json()["distribution_date"] is None


# -- the explanations: every Section 1(a) note names its event, its section and its exact words --
# (mutmut's text-only and metadata survivors: a note's index, section, words, or the percentage it prints)

def notes(result: Any, *sections: str) -> list[dict[str, Any]]:
    return [x for x in result.to_json()["explanations"] if x["section"] in sections]


def test_pct_cuts_to_four_decimals_and_never_rounds_up():
    # Explanations print percentages; the rules compare exact Fractions.  2/3 is 66.6666...%, not 66.6667%.
    from fractions import Fraction

    from rightsplan.spec.acquiring_person import pct
    assert [pct(Fraction(3, 20)), pct(Fraction(1, 8)), pct(Fraction(2, 3)), pct(Fraction(1)), pct(Fraction(0)),
            pct(Fraction(1, 30_000)), pct(Fraction(140, 900))] == \
        ["15%", "12.5%", "66.6666...%", "100%", "0%", "0.0033...%", "15.5555...%"]


def test_the_walden_ratchet_and_the_ordinary_rule_are_explained_at_their_events():
    e = thousand([ev("2003-06-02", "acquire", person="w1", shares=60), ev("2003-06-03", "dispose", person="w1", shares=20),
                  ev("2003-06-04", "acquire", person="w1", shares=10)], {"w1": 100})
    assert notes(e, "Section 1(a)") == [
        {"index": 1, "section": "Section 1(a)", "text": "Walden, having held 15% or more, now holds 14%: from now on "
         "Walden becomes an Acquiring Person at 15%, not 20%."},
        {"index": 2, "section": "Section 1(a)", "text": "w1 is the Beneficial Owner of 15% (threshold 15%): it becomes "
         "an Acquiring Person."},
        {"index": 2, "section": "Section 1(a)", "text": "w2 is the Beneficial Owner of 15% (threshold 15%): it becomes "
         "an Acquiring Person."}]


def test_the_buyback_carve_out_and_the_deeming_rule_are_explained_at_their_events():
    e = thousand([repurchase("2003-06-02", 100), ev("2003-06-03", "acquire", person="acme", shares=1)], {"acme": 140})
    assert notes(e, "Section 1(a)") == [
        {"index": 0, "section": "Section 1(a)", "text": "acme reaches 15.5555...% only because the Company bought back "
         "shares, so it is not an Acquiring Person."},
        {"index": 1, "section": "Section 1(a)", "text": "acme, lifted to 15% or more by a Company buyback, became the "
         "Beneficial Owner of additional Common Shares and holds 15.6666...%: it is deemed an Acquiring Person."}]


def test_a_cured_crossing_is_explained_at_the_crossing_with_the_cure_s_event():
    e = thousand([ev("2003-06-02", "acquire", person="acme", shares=100), ev("2003-06-03", "inadvertence", person="acme"),
                  ev("2003-06-04", "acquire", person="acme", shares=10),
                  ev("2003-06-05", "dispose", person="acme", shares=80)], {"acme": 100})
    assert notes(e, "Section 1(a)", "Section 1(a)(i)")[0] == {
        "index": 0, "section": "Section 1(a)(i)", "text": "acme would become an Acquiring Person here, but the Board's "
        "inadvertence determination and its divestiture by event 4 (events[3]) mean it is not deemed to be or to have become one."}


def test_grandfathering_is_explained_on_the_agreement_date_and_its_end_at_the_acquisition():
    e = thousand([ev("2003-06-02", "acquire", person="acme", shares=1)], {"acme": 160})
    assert notes(e, "Section 1(a)", "Section 1(a)(ii)") == [
        {"index": None, "section": "Section 1(a)(ii)", "text": "acme holds 16% on the agreement date: it is not an "
         "Acquiring Person unless it acquires additional shares while at 15% or more."},
        {"index": 0, "section": "Section 1(a)", "text": "acme is the Beneficial Owner of 16.1% (threshold 15%): it "
         "becomes an Acquiring Person."}]


def test_grandfathering_of_a_history_that_starts_before_the_agreement_date_is_explained_at_the_first_later_event():
    e = thousand([ev("2003-03-10", "acquire", person="beta", shares=1), ev("2003-04-01", "acquire", person="beta", shares=1)],
                 {"acme": 160}, start="2003-03-01")
    assert notes(e, "Section 1(a)(ii)") == [
        {"index": 1, "section": "Section 1(a)(ii)", "text": "acme holds 16% on the agreement date: it is not an "
         "Acquiring Person unless it acquires additional shares while at 15% or more."}]
