"""Boundaries mutmut runs on spec/acquiring_person.py and spec/ownership.py showed untested (issue 8; docs/mutants.md).

The run after plans became data (per-holder thresholds and ratchets, a grandfathering allowance
rescaled by splits) left five mutants that change a decision; four are killed here (the fifth, rescale__mutmut_2,
showed a rounding bug in the rule itself, fixed in 5b8cb6d: docs/mutants.md).  Each test below names the mutant
it kills; each was run inside mutmut's own mutated copy with that one mutant switched on
(``MUTANT_UNDER_TEST=<name>``, the way mutmut applies it) and fails there, and passes on the
checkout.  A plan with two named holders of their own thresholds is not shipped, so the ratchet
tests write one: the built-in terms with a second holder ("alpha") beside Walden.  The tests after those
answer the run on spec/ownership.py (the units, the ownership index and its fast path), checked the same way.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from rightsplan.spec.evaluate import Evaluation, evaluate
from rightsplan.spec.scenario import scenario_from_data

ALPHA_NO_RATCHET = """\
  alpha:
    name: Alpha
    kind: own_threshold
    names: ["Alpha Fund, L.P."]
    section: Section 1(a)
    words: "a second holder with its own threshold (a test plan, not an agreement)"
    threshold:
      value: "0.25"
      section: Section 1(a)
      words: "until such time as Alpha shall be the Beneficial Owner of an aggregate of 25% or more"
"""
ALPHA_RATCHET = ALPHA_NO_RATCHET + """\
    ratchet:
      value: "0.10"
      section: Section 1(a)
      words: "after Alpha has been the Beneficial Owner of 10% or more ... and then of less than 10%"
"""


def two_holder_plan(tmp_path: Path, alpha: str) -> str:
    """The built-in terms with Alpha named before Walden (holders are taken in the order of their keys)."""
    text = resources.files("rightsplan.spec.plans").joinpath("digitalthink-2003.yaml").read_text()
    assert text.count("\n  walden:\n") == 1
    path = tmp_path / "two-holders.yaml"
    path.write_text(text.replace("\n  walden:\n", "\n" + alpha + "  walden:\n"))
    return str(path)


def evaluate_data(data: dict[str, Any]) -> Evaluation:
    return evaluate(scenario_from_data(data, "<test>"))


def aps(result: Evaluation) -> dict[str, str]:
    return result.to_json()["acquiring_persons"]


def ev(day: str, kind: str, **fields: Any) -> dict[str, Any]:
    return {"date": day, "type": kind, **fields}


# -- a named holder's ratchet, with a second named holder before it (track_ratchets) --

WALDEN_DIPS_AND_RETURNS = [ev("2003-06-02", "acquire", person="w1", shares=60),   # 160 of 1,000: 16%
                           ev("2003-06-03", "dispose", person="w1", shares=20),   # 140: 14%, below 15%
                           ev("2003-06-04", "acquire", person="w1", shares=10)]   # 150: exactly 15%


def walden_beside_alpha(tmp_path: Path, alpha: str, alpha_holds: int) -> Evaluation:
    return evaluate_data({"plan": two_holder_plan(tmp_path, alpha), "outstanding": 1_000,
                          "persons": {"a1": {"role": "alpha"}, "w1": {"role": "walden"}},
                          "holdings": {"a1": alpha_holds, "w1": 100}, "events": WALDEN_DIPS_AND_RETURNS})


def test_walden_ratchets_though_a_holder_named_before_it_has_no_ratchet(tmp_path: Path):
    """Kills track_ratchets__mutmut_6 (the loop stops at the first holder without a ratchet; killed by the run too).

    "after Walden has been the Beneficial Owner of 15% or more ... and subsequently becomes the
    Beneficial Owner of less than 15% ... Walden shall be deemed an Acquiring Person at such time as
    Walden shall be the Beneficial Owner of an aggregate of 15% or more": Alpha, named before Walden,
    has no ratchet, and Walden's own ratchet still takes effect.
    """
    assert aps(walden_beside_alpha(tmp_path, ALPHA_NO_RATCHET, 50)) == {"w1": "2003-06-04"}


def test_walden_ratchets_though_a_holder_named_before_it_stays_at_its_own_ratchet_line(tmp_path: Path):
    """Kills track_ratchets__mutmut_13 (the loop stops at the first holder at its ratchet line).

    The same words of Section 1(a); Alpha holds 12%, at or above its 10% ratchet line throughout,
    which says nothing about Walden's 15%.
    """
    assert aps(walden_beside_alpha(tmp_path, ALPHA_RATCHET, 120)) == {"w1": "2003-06-04"}


def test_walden_ratchets_though_a_holder_named_before_it_never_reached_its_ratchet_line(tmp_path: Path):
    """Kills track_ratchets__mutmut_15 (the loop stops at the first holder that has never been at its line).

    The same words of Section 1(a); Alpha holds 5%, below its 10% ratchet line and never at it (so
    its ratchet cannot take effect: "after Alpha has been the Beneficial Owner of 10% or more"),
    which again says nothing about Walden.
    """
    assert aps(walden_beside_alpha(tmp_path, ALPHA_RATCHET, 50)) == {"w1": "2003-06-04"}


def test_alpha_alone_at_its_ratchet_line_is_not_an_acquiring_person_below_its_25_percent(tmp_path: Path):
    """The test plan's own holder is read as its terms say: 12% is under Alpha's 25%, and it never dipped."""
    assert "a1" not in aps(walden_beside_alpha(tmp_path, ALPHA_RATCHET, 120))


# -- the grandfathering allowance after a split (rescale) --

def selectica_split(held: int, outstanding: int, new: int, old: int, bought: int) -> Evaluation:
    return evaluate_data({"plan": "selectica-2008", "start": "2008-11-17", "outstanding": outstanding,
                          "persons": {"fund": {}}, "holdings": {"fund": held},
                          "events": [ev("2008-12-01", "split", new=new, old=old),
                                     ev("2008-12-08", "acquire", person="fund", shares=bought)]})


@pytest.mark.parametrize("bought, expected", [(99_999, {}), (100_000, {"fund": "2008-12-08"})],
                         ids=["one share under 0.5% of 20,000,000", "0.5% of 20,000,000"])
def test_selectica_a_grandfathered_holder_s_allowance_after_a_2_for_1_split_counts_from_its_doubled_holding(
        bought: int, expected: dict[str, str]):
    """Kills rescale__mutmut_1 (the grandfathering-date holding lost) and rescale__mutmut_3 (divided by the ratio).

    selectica-2008, Section 1(a): grandfathered holders stay so "unless and until such time as such
    Person acquires beneficial ownership of additional shares ... representing one-half of one
    percent (0.5%) or more of the shares of Common Stock then outstanding"; a 2-for-1 split (Section
    11(n)) gives 1,200,000 of 20,000,000 and acquires nothing.  99,999 shares bought after it are
    under 0.5% of 20,000,000; 100,000 are exactly 0.5% ("or more").  The mutant halving the holding
    counts 900,000 phantom additional shares; the one that loses it fails on the first purchase.
    """
    assert aps(selectica_split(600_000, 10_000_000, 2, 1, bought)) == expected



# -- the grandfathering note's words (grandfather): the memo says when, and until what, a holder is protected --

def grandfathering_notes(result: Evaluation) -> list[str]:
    return [x["text"] for x in result.to_json()["explanations"] if "it is not an Acquiring Person unless" in x["text"]]


def test_selectica_s_grandfathering_note_names_the_close_of_business_and_the_allowance():
    """Kills grandfather__mutmut_8 (the note without the allowance) and grandfather__mutmut_36 (no Close of Business).

    selectica-2008, Section 1(a): "as of the Close of Business on November 17, 2008", "unless and until
    such time as such Person acquires beneficial ownership of additional shares ... representing
    one-half of one percent (0.5%) or more of the shares of Common Stock then outstanding".
    """
    result = evaluate_data({"plan": "selectica-2008", "start": "2008-11-17", "outstanding": 10_000_000,
                            "persons": {"fund": {}}, "holdings": {"fund": 600_000}, "events": []})
    assert grandfathering_notes(result) == [
        "fund holds 6% at the Close of Business on 2008-11-17: it is not an Acquiring Person unless it acquires "
        "additional shares of 0.5% or more of the shares then outstanding."]


def test_a_grandfathering_date_after_the_agreement_date_is_named_by_its_date(tmp_path: Path):
    """Kills grandfather__mutmut_39 (every grandfathering date called "the agreement date").

    A test plan: the built-in terms with the grandfathering date moved to April 15, 2003 ("if, as of
    [that date], any Person is the Beneficial Owner of 15% or more"); the note must not say "on the
    agreement date" of a holding taken two weeks later (a history starting on that date).
    """
    text = resources.files("rightsplan.spec.plans").joinpath("digitalthink-2003.yaml").read_text()
    anchor = "grandfathering:\n  date:\n    value: 2003-03-31\n"
    assert text.count(anchor) == 1
    path = tmp_path / "later-grandfathering.yaml"
    path.write_text(text.replace(anchor, anchor.replace("2003-03-31", "2003-04-15")))
    result = evaluate_data({"plan": str(path), "start": "2003-04-15", "outstanding": 1_000, "persons": {"fund": {}},
                            "holdings": {"fund": 160}, "events": []})
    assert grandfathering_notes(result) == [
        "fund holds 16% on 2003-04-15: it is not an Acquiring Person unless it acquires additional shares "
        "while at 15% or more."]


# -- spec/ownership.py: a trade below the watermark by a member of a group that joined a larger one --

def test_a_member_of_a_group_merged_into_a_larger_one_adds_its_purchases_to_the_whole_group():
    """Kills ownership's quiet_trades__mutmut_13 (a quiet trade booked to a member's old group, not the merged one).

    Section 1(a): "any Person ... who or which, together with all Affiliates and Associates of such
    Person, shall be the Beneficial Owner of 15% or more"; Section 1(d)(iii): shares "beneficially owned
    ... by any other Person ... with which such Person ... has any agreement ... for the purpose of
    acquiring, holding, voting ... or disposing of any securities of the Company".  a1 and a2 are one
    group, b1-b3 another; the two join (a2 now two links from the merged group's root), a2 buys 50 (100
    of 1,000, under the fast path's watermark of 112) and 50 more: 150, exactly 15%, for all five.  The
    mutant books both purchases to a1's former group, which no rule reads, and nobody crosses.
    """
    five = ("a1", "a2", "b1", "b2", "b3")
    result = evaluate_data({"outstanding": 1_000, "persons": {p: {} for p in five}, "holdings": dict.fromkeys(five, 10),
                            "groups": [["a1", "a2"], ["b1", "b2", "b3"]],
                            "events": [ev("2003-06-02", "join_group", persons=["a1", "b1"]),
                                       ev("2003-06-03", "acquire", person="a2", shares=50),
                                       ev("2003-06-04", "acquire", person="a2", shares=50)]})
    assert aps(result) == dict.fromkeys(five, "2003-06-04")


def test_a_holder_bought_up_to_the_watermark_then_lifted_to_exactly_15_percent_by_a_buyback_is_shielded():
    """Kills ownership's quiet_trades__mutmut_19 (a unit reaching the watermark exactly left out of the index).

    Section 1(a): "no Person shall be deemed to be an Acquiring Person as the result of an acquisition
    of Common Shares by the Company which, by reducing the number of shares outstanding, increases the
    proportionate number of shares beneficially owned by such Person to 15% or more".  Of 4,000 shares the
    fast path's watermark is 450 (three quarters of 15%); acme buys to exactly 450, and the Company buys
    back 1,000: 450 of 3,000 is exactly 15%, and the memo must show acme shielded by the carve-out.
    The mutant keeps acme out of the index of units that could reach 15%, so no rule looks at it.
    """
    result = evaluate(scenario_from_data({"outstanding": 4_000, "persons": {"acme": {}}, "holdings": {"acme": 400},
                                          "events": [ev("2003-06-02", "acquire", person="acme", shares=50),
                                                     ev("2003-06-03", "repurchase", shares=1_000)]}, "<test>"),
                      snapshots=True)
    assert result.snapshots[-1].shielded == frozenset({"acme"})
    assert aps(result) == {}


# -- spec/ownership.py: a join that the fast path (Ownership.quiet_join) must leave to the full pass --

def two_holders_join_after_a_buyback(a_holds: int) -> Evaluation:
    """10,000 shares (watermark 1,125); the Company buys back 2,500, so 1,125 of 7,500 is exactly 15%; a and b join."""
    return evaluate_data({"outstanding": 10_000, "persons": {"a": {}, "b": {}}, "holdings": {"a": a_holds, "b": 525},
                          "events": [ev("2003-06-02", "repurchase", shares=2_500),
                                     ev("2003-06-03", "join_group", persons=["a", "b"])]})


def test_two_holders_joining_at_exactly_15_percent_after_a_buyback_become_acquiring_persons():
    """Kills ownership's quiet_join__mutmut_6 (a join reaching the watermark exactly taken as quiet).

    Section 1(a): "any Person who or which, together with all Affiliates and Associates of such
    Person, shall be the Beneficial Owner of 15% or more of the Common Shares then outstanding";
    Section 1(d)(iii): shares owned by a Person with which it has an agreement "for the purpose of
    acquiring, holding, voting ... or disposing" of them.  The buyback lowers the shares outstanding
    to 7,500 without re-indexing (15% of 7,500 is 1,125, the watermark), so a unit at the watermark is
    at 15%: 600 + 525 = 1,125 joined is exactly 15% and both become Acquiring Persons.  The mutant
    joins them on the fast path, which only units under every threshold may take, and nobody crosses.
    """
    assert aps(two_holders_join_after_a_buyback(600)) == {"a": "2003-06-03", "b": "2003-06-03"}


def test_two_holders_joining_at_one_share_under_15_percent_after_a_buyback_do_not():
    """The twin of the test above: 599 + 525 = 1,124 of 7,500 is under 15% (Section 1(a))."""
    assert aps(two_holders_join_after_a_buyback(599)) == {}


def partner_joins_an_acquiring_person(order: list[str]) -> Evaluation:
    """x and y cross 15% of 10,000 and sell down to 1% each; p (1%) then joins x."""
    return evaluate_data({"outstanding": 10_000, "persons": {"x": {}, "y": {}, "p": {}},
                          "holdings": {"x": 1_000, "y": 1_000, "p": 100},
                          "events": [ev("2003-06-02", "acquire", person="x", shares=500),
                                     ev("2003-06-02", "acquire", person="y", shares=500),
                                     ev("2003-06-03", "dispose", person="x", shares=1_400),
                                     ev("2003-06-03", "dispose", person="y", shares=1_400),
                                     ev("2003-06-04", "join_group", persons=order)]})


@pytest.mark.parametrize("order", [["p", "x"], ["x", "p"]], ids=["partner first", "acquiring person first"])
def test_a_holder_joining_an_acquiring_person_sold_down_to_1_percent_has_void_rights(order: list[str]):
    """Kills ownership's quiet_join__mutmut_15 (the check that a join holds no Acquiring Person skipped).

    Section 7(e): "from and after the first occurrence of a Triggering Event, any Rights beneficially
    owned by (i) an Acquiring Person or an Associate or Affiliate of an Acquiring Person ... shall
    become null and void"; an Acquiring Person stays one when it sells below 15% (docs/semantics.md).
    p joins x, an Acquiring Person now at 1%: the merged unit (2%) is far under every threshold, so
    only the rule that a join holding an Acquiring Person takes the full pass voids p's Rights.  With
    two Acquiring Persons (x and y) and two members joining, the fast path asks each member whether
    it is an Acquiring Person; with p named first, p's unit absorbs x's, and the mutant's fast path
    leaves p's Rights standing.  Named the other way round, x's unit absorbs p's and the list of
    holders x voided grows with it, so that order passes under the mutant too (kept as the twin).
    """
    result = partner_joins_an_acquiring_person(order)
    assert aps(result) == {"x": "2003-06-02", "y": "2003-06-02"}
    assert result.to_json()["void_holders"] == ["p", "x", "y"]


# -- spec/ownership.py: the ownership index re-indexed when the shares outstanding grow --

def few_shares_then_an_issue(bought: int) -> Evaluation:
    """6 shares outstanding (the fast path's watermark is 0: every unit is watched); 14 are issued, acme buys."""
    return evaluate_data({"outstanding": 6, "persons": {"acme": {}}, "holdings": {"acme": 0},
                          "events": [ev("2003-06-02", "issue", shares=14),
                                     ev("2003-06-03", "acquire", person="acme", shares=bought)]})


@pytest.mark.parametrize(("bought", "expected"), [(3, {"acme": "2003-06-03"}), (2, {})], ids=["3 of 20", "2 of 20"])
def test_after_an_issue_to_a_company_with_6_shares_3_of_20_is_15_percent(bought: int, expected: dict[str, str]):
    """Kills ownership's _outstanding_changed__mutmut_7 (``2 * watermark`` read as ``2 / watermark``).

    Section 1(a): "15% or more of the Common Shares then outstanding"; Section 29: the shares
    outstanding are counted when the calculation is made, so after the issue of 14 new shares
    3 of 20 is exactly 15% and 2 of 20 is not.  With 6 shares outstanding the fast path's
    watermark is 0 (three quarters of 15% of 6 is under one share), and the issue must re-index
    it; the mutant divides by that 0 and the evaluation fails.
    """
    assert aps(few_shares_then_an_issue(bought)) == expected


# -- spec/ownership.py: how the counts are stored (64-bit arrays only when every count fits) --

def test_the_memo_shows_each_holding_at_the_start_as_a_share_of_the_shares_outstanding():
    """Kills ownership's __init____mutmut_18 (``peak is not None`` read as ``peak is None``).

    Section 1(d) and Section 29: the memo's table before the first event gives each holder's
    Beneficial Ownership as a fraction of the shares then outstanding (1,400,000 of 10,000,000:
    14%).  The memo builds that table from an ``Ownership`` made without a history (no ``peak``);
    the mutant then compares ``None`` with 2**63 and the memo cannot be written.
    """
    from rightsplan.spec.memo import render

    data = {"outstanding": 10_000_000, "persons": {"acme": {}}, "holdings": {"acme": 1_400_000},
            "events": [ev("2003-06-02", "acquire", person="acme", shares=200_000)]}
    text = render(evaluate(scenario_from_data(data, "<test>"), snapshots=True), "text")
    assert "acme 1,400,000 (14%)" in text
    assert "acme 1,600,000 (16%); threshold 15%; Acquiring Person" in text


@pytest.mark.parametrize("outstanding", [2**63, 2**63 - 1], ids=["2**63", "2**63 - 1"])
def test_a_holder_of_every_one_of_2_to_the_63_shares_outstanding_is_an_acquiring_person(outstanding: int):
    """Kills ownership's __init____mutmut_19 (64-bit arrays kept when the largest count is exactly 2**63).

    Section 1(a): "15% or more of the Common Shares then outstanding", however many there are (the
    agreement sets no limit, and the reference counts exactly).  A holder of all 2**63 shares is an
    Acquiring Person; that count does not fit a signed 64-bit array, which the mutant still uses,
    and the evaluation fails.  Its twin one share smaller fits and is evaluated either way.
    """
    result = evaluate_data({"outstanding": outstanding, "persons": {"acme": {}}, "holdings": {"acme": outstanding - 1},
                            "events": [ev("2003-06-02", "acquire", person="acme", shares=1)]})
    assert aps(result) == {"acme": "2003-06-02"}


# -- spec/ownership.py: the holdings and options of the start, and the index built from them --

@pytest.mark.parametrize(("options", "expected"), [(117, {"acme": "2003-06-02"}), (116, {})], ids=["117", "116"])
def test_options_held_at_the_start_count_in_what_a_holder_owns_and_in_its_shares_outstanding(
        options: int, expected: dict[str, str]):
    """Kills ownership's __init____mutmut_32 (start options dropped) and _45 (options subtracted from holdings).

    Section 1(d)(ii)(A): a Person beneficially owns securities it "has ... the right to acquire
    ... upon the exercise of ... options"; Section 29 and Rule 13d-3(d)(1)(i): those shares are
    outstanding for that holder.  acme holds 1,400 of 10,000 and options on 117 at the start
    (1,517 of 10,117, 14.995%) and buys one share: 1,518 of 10,117 is 15.004%, an Acquiring Person.
    With options on 116, 1,517 of 10,116 is 14.996% after the purchase: not one.  Without the
    options (the first mutant) 1,401 of 10,000 is 14.01%, and the second counts 1,284 shares.
    """
    result = evaluate_data({"outstanding": 10_000, "persons": {"acme": {}}, "holdings": {"acme": 1_400},
                            "options": {"acme": options},
                            "events": [ev("2003-06-02", "acquire", person="acme", shares=1)]})
    assert aps(result) == expected


def test_a_holder_at_exactly_the_fast_paths_watermark_at_the_start_lifted_to_15_percent_by_a_buyback_is_shielded():
    """Kills ownership's _rebuild__mutmut_10 (a unit at exactly the watermark left out of the index when it is built).

    Section 1(a): "no Person shall be deemed to be an Acquiring Person as the result of an acquisition
    of Common Shares by the Company which, by reducing the number of shares outstanding, increases the
    proportionate number of shares beneficially owned by such Person to 15% or more".  Of 4,000 shares the
    watermark is 450; acme holds exactly 450 at the start, and a buyback of 1,000 makes that exactly 15%
    of 3,000: the carve-out shields it.  The mutant leaves acme out of the index, so no rule looks at it.
    (The twin with the holding reached by a purchase is test_a_holder_bought_up_to_the_watermark_...)
    """
    result = evaluate(scenario_from_data({"outstanding": 4_000, "persons": {"acme": {}}, "holdings": {"acme": 450},
                                          "events": [ev("2003-06-03", "repurchase", shares=1_000)]}, "<test>"),
                      snapshots=True)
    assert result.snapshots[-1].shielded == frozenset({"acme"})
    assert aps(result) == {}
