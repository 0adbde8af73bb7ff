"""The retroactive cure of Section 1(a)(i) in the model: the prophecy, the final view, its properties.

"then such Person shall not be deemed to be or to have become an 'Acquiring Person' for any
purposes of this Agreement" (Section 1(a)(i)); solver/cure.py, proofs/cure_check.py, and the
catalogue's entries in proofs/properties/retroactive_cure.py, checked here through verify's own
``check``, ``problems_of`` and ``confirm`` (what ``rightsplan verify`` does in each worker).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from rightsplan.proofs import cure_check as cc
from rightsplan.proofs import verify
from rightsplan.proofs.catalogue import BY_ID
from rightsplan.solver import cure
from rightsplan.solver.engines import houdini
from rightsplan.solver.model import K, Config
from rightsplan.spec.evaluate import evaluate
from rightsplan.spec.scenario import scenario_from_data

CFG = Config()


@lru_cache(maxsize=1)
def invariants() -> tuple[str, ...]:
    return tuple(houdini(CFG))


def story(*tail: dict[str, Any]) -> dict[str, Any]:
    """a holds 140 of 1,000, b 160 (an Acquiring Person from the start); a crosses with 10 more shares."""
    return {"start": "2003-04-21", "outstanding": 1000, "persons": {"a": {}, "b": {}}, "holdings": {"a": 140, "b": 160},
            "events": [{"date": "2003-04-22", "type": "acquire", "person": "a", "shares": 10}, *tail]}


FINDING = {"date": "2003-04-23", "type": "inadvertence", "person": "a"}
ANNOUNCE = {"date": "2003-04-24", "type": "announce", "person": "a"}
SALE = {"date": "2003-04-25", "type": "dispose", "person": "a", "shares": 1}


@pytest.mark.parametrize("name", list(cc.PROPERTIES))
def test_final_view_property_proved(name: str) -> None:
    assert cc.prove(CFG, name, list(invariants())) == "PROVED (induction)"


def test_moment_view_belief_not_inductive() -> None:
    assert cc.prove(CFG, "status_triggering_event_fixed", list(invariants())) == "NOT INDUCTIVE"


def test_unchecked_guess_loses_the_proof(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the check at the cure, a cured episode could be guessed "never cured": the property fails."""
    real = cure.step

    def unchecked(z: Any, cfg: Config, s: Any, s2: Any, w: list[Any], w2: list[Any]) -> list[Any]:
        return [c for c in real(z, cfg, s, s2, w, w2) if not c.name.startswith("guess_checked")]

    monkeypatch.setattr(cure, "step", unchecked)
    assert cc.prove(CFG, "cure_leaves_no_trace", list(invariants())) == "NOT INDUCTIVE"


def final(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The model's final view per event, the reference's final replay, the reference's moment-by-moment view."""
    scenario = scenario_from_data(data, "<test>")
    moment = cc.spec_final_views(evaluate(scenario, snapshots=True).snapshots)
    return cc.model_final_views(data, CFG)[1:], cc.spec_final_views(cc.final_snapshots(scenario)), moment


def test_cured_episode_is_absent_from_the_final_view() -> None:
    model, spec, moment = final(story(FINDING, ANNOUNCE, SALE))
    assert model == spec
    assert [v["acquiring_persons"] for v in model] == [frozenset({"b"})] * 4
    assert [v["shares_acquisition_date"] for v in model] == [None] * 4
    assert moment[2]["acquiring_persons"] == frozenset({"a", "b"})  # determined at the time, before the cure
    assert moment[2]["shares_acquisition_date"] == date(2003, 4, 24)


def test_episode_left_at_the_line_is_never_cured() -> None:
    """a stays at exactly 15.0% after the finding (another holder trades): no cure, and the end resolves it so."""
    model, spec, moment = final(story(FINDING, ANNOUNCE, {"date": "2003-04-25", "type": "acquire", "person": "b", "shares": 1}))
    assert model == spec == moment
    assert all("a" in v["acquiring_persons"] for v in model)


def test_episode_open_at_the_end_is_final() -> None:
    """A finding whose divestiture never comes: the history ends with the guess resolved "not cured"."""
    model, spec, moment = final(story(FINDING))
    assert model == spec == moment
    assert model[-1]["acquiring_persons"] == frozenset({"a", "b"})


def test_scope_leaves_out_the_rejudged_kinds() -> None:
    import z3

    e = cc.fresh_inputs(z3, "e")
    for kind in K:
        s = z3.Solver()
        s.add(cure.in_scope(z3, e), e.kind == K[kind])
        assert (s.check() == z3.sat) == (kind not in cure.REJUDGED), kind


def test_crosscheck_final_view_equals_reference_final_result() -> None:
    counts = cc.crosscheck(10, seed=0)
    assert counts["histories"] == 10
    assert counts["with_cure"] >= 2
    assert counts["differs_from_moment_view"] >= 1


# -- the final run: Board actions judged again -------------------------------------------------------------


@lru_cache(maxsize=1)
def final_invariants() -> tuple[str, ...]:
    return tuple(cc.houdini_any_suppression(CFG))


@pytest.mark.parametrize("name", list(cc.RUN_PROPERTIES))
def test_final_run_property_proved(name: str) -> None:
    assert cc.prove_run(CFG, name, list(invariants()), list(final_invariants())) == "PROVED (induction)"


def test_refused_redemption_belief_not_inductive() -> None:
    assert cc.prove_run(CFG, "refused_redemption_stays_refused", list(invariants()), list(final_invariants())) == "NOT INDUCTIVE"


def test_suppression_off_loses_the_cured_out_proof(monkeypatch: pytest.MonkeyPatch) -> None:
    """A final run whose transition ignores the suppression lets a cured episode begin in it: not inductive."""
    real = cc.transition
    monkeypatch.setattr(cc, "transition", lambda z, cfg, roles, s, e, s2, suppressed=None: real(z, cfg, roles, s, e, s2))
    assert cc.prove_run(CFG, "final_run_keeps_cured_out", list(invariants()), list(final_invariants())).startswith("NOT INDUCTIVE")


REDEEM_STORY = {"start": "2003-04-21", "outstanding": 100, "persons": {"a": {}}, "holdings": {"a": 15},
                "events": [{"date": "2003-04-22", "type": "announce", "person": "a"},
                           {"date": "2003-04-22", "type": "inadvertence", "person": "a"},
                           {"date": "2003-04-29", "type": "redeem"},
                           {"date": "2003-04-30", "type": "dispose", "person": "a", "shares": 1}]}


def test_redemption_refused_then_effective_after_the_cure() -> None:
    """a (15% at the start) is announced, found inadvertent; the Board redeems on the seventh day after the
    announcement (refused then: Section 23(a)'s fifth day has passed); a sells one share within ten Business
    Days: cured, so in the final result there was no Shares Acquisition Date and the redemption stands."""
    scenario = scenario_from_data(REDEEM_STORY, "<test>")
    moment = evaluate(scenario, snapshots=True).snapshots
    assert [s.redeemed for s in moment] == [False, False, False, False]
    model, recured = cc.final_run_views(REDEEM_STORY, CFG)
    spec = cc.spec_run_views(cc.final_snapshots(scenario))
    assert not recured
    assert model == spec
    assert [v["redeemed"] for v in model] == [False, False, True, True]


def test_redemption_on_the_fifth_day_is_not_rejudged() -> None:
    """The same story with the redemption on the fifth day (2003-04-27 is a Sunday, rolled to Monday 04-28): in time
    at the moment, and in the final result."""
    data = {**REDEEM_STORY, "events": [*REDEEM_STORY["events"][:2], {"date": "2003-04-28", "type": "redeem"},
                                       REDEEM_STORY["events"][3]]}
    scenario = scenario_from_data(data, "<test>")
    assert evaluate(scenario, snapshots=True).snapshots[2].redeemed
    model, _ = cc.final_run_views(data, CFG)
    assert model == cc.spec_run_views(cc.final_snapshots(scenario))
    assert model[2]["redeemed"]


def test_crosscheck_final_run_with_board_actions() -> None:
    counts = cc.crosscheck(10, seed=3, board=True)
    assert counts["histories"] + counts["second_replay"] == 10
    assert counts["board_fields_differ"] >= 1


# -- in verify's catalogue --------------------------------------------------------------------------------


def test_every_final_result_property_is_in_the_catalogue_with_its_engine_and_sections() -> None:
    ours = {p.id: p for p in BY_ID.values() if p.engine != "step"}
    assert set(ours) == set(cc.FORMULAS)
    assert {p.id for p in ours.values() if p.expect == "COUNTEREXAMPLE"} == {
        "status_triggering_event_fixed", "refused_redemption_stays_refused"}
    assert all("Section 1(a)(i)" in p.sections for p in ours.values())
    assert all(p.belief and p.belief_section for p in ours.values() if p.expect == "COUNTEREXAMPLE")


@pytest.mark.parametrize("name", [*cc.PROPERTIES, *cc.RUN_PROPERTIES])
def test_verify_proves_each_property_of_the_final_result(name: str) -> None:
    """Proved by Z3, re-checked by cvc5; a premise has a history on which it holds, and the proof uses all of it."""
    (r,) = verify.check([name], 2)
    assert (r["status"], r["cvc5"], verify.problems_of(r), r.get("warnings", [])) == ("PROVED", "agrees", [], [])
    assert (r["witness_depth"] is not None) == (BY_ID[name].when is not None)


def test_cvc5_does_not_confirm_a_step_that_does_not_hold() -> None:
    """The re-check can fail: the moment-view belief is not inductive, for cvc5 as for Z3; a proved one agrees."""
    assert not cc.recheck(CFG, "status_triggering_event_fixed", list(invariants()), None)
    assert cc.recheck(CFG, "final_triggering_event_fixed", list(invariants()), None)


def test_cvc5_refuses_invariants_that_a_step_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The final run's invariants are asked again of cvc5: Z3's survivors agree; "the Rights never expire" (true at
    the start, broken by reaching the Final Expiration Date, Section 7(a)) added to them is refused."""
    from rightsplan.solver.engines import recheck_invariants
    from rightsplan.solver.invariants import CANDIDATES

    kept = list(cc.houdini_any_suppression(CFG))
    assert recheck_invariants(CFG, kept, any_suppression=True)
    monkeypatch.setitem(CANDIDATES, "test_never_expired", lambda z, cfg, roles, s: z.Not(s.expired))
    assert "test_never_expired" not in cc.houdini_any_suppression(CFG)
    assert not recheck_invariants(CFG, [*kept, "test_never_expired"], any_suppression=True)


@pytest.fixture
def declared_here() -> Any:
    """Properties of the final result a test declares, taken out again afterwards."""
    from rightsplan.proofs.registry import prop, undeclare

    names: list[str] = []

    def declare(name: str, when: Any, formula: Any, engine: str = "final_view") -> str:
        prop(name, "A test property.", sections=("Section 1(a)(i)",), engine=engine, when=when)(formula)
        names.append(name)
        return name

    yield declare
    for name in names:
        undeclare(name)


def test_a_premise_the_proof_does_not_use_is_reported(declared_here: Any) -> None:
    """"Whenever someone sells, no guess is held outside an episode": true, but not because of the sale."""
    name = declared_here("test_cure_idle_premise", lambda f: f.e.kind == K["dispose"],
                         lambda f: cc.in_episode(f.z, f.n, f.s2, f.w2))
    (r,) = verify.check([name], 2)
    assert (r["status"], verify.problems_of(r), r["witness_depth"]) == ("PROVED", [], 1)
    assert r["warnings"] == ["the proof does not use the premise: the conclusion holds at every step whatever "
                             "happens, so the premise only shows the situation can arise"]


def test_a_part_of_the_premise_the_proof_does_not_need_is_named(declared_here: Any) -> None:
    """A redemption ordered with no Shares Acquisition Date takes effect "when the first person holds 0 or more
    shares": the added conjunct is true and idle, and the warning names it."""
    from rightsplan.proofs.properties import retroactive_cure as rc

    name = declared_here("test_cure_idle_conjunct", lambda r: r.z.And(rc._redemption_without_sad(r), r.s.held[0] >= 0),
                         lambda r: r.f2.redeemed, engine="final_run")
    (r,) = verify.check([name], 2)
    assert (r["status"], r["cvc5"], verify.problems_of(r)) == ("PROVED", "agrees", [])
    assert r["warnings"] == ["the proof does not need this part of the premise: a.held0 >= 0"]


def test_a_premise_no_history_reaches_makes_the_proof_vacuous(declared_here: Any) -> None:
    """Proved, since no state has a negative holding (Section 1(d) counts shares owned): verify must fail it."""
    name = declared_here("test_cure_never", lambda f: f.s2.held[0] < 0, lambda f: f.z.BoolVal(False))
    (r,) = verify.check([name], 2)
    assert (r["status"], r["witness_depth"]) == ("PROVED", None)
    assert verify.problems_of(r) == [f"{name}: vacuous -- no reachable state satisfies its premise within the "
                                     "search depth"]


@lru_cache(maxsize=None)
def found(name: str) -> dict[str, Any]:
    (r,) = verify.check([name], 2)
    return r


@pytest.mark.parametrize("name, events", [("status_triggering_event_fixed", ["dispose", "inadvertence"]),
                                          ("refused_redemption_stays_refused",
                                           ["inadvertence", "exchange", "dispose", "redeem"])])
def test_a_belief_of_the_final_result_is_a_finding_replayed_through_the_reference(
        name: str, events: list[str], tmp_path: Path) -> None:
    """The shortest history for one person, natural (10,000,000 shares, whole percentages), and replayed twice: the
    moment-by-moment view and the final result both agree with the reference, which refutes the belief."""
    r = dict(found(name))
    assert (r["status"], r["depth"], verify.problems_of(r)) == ("COUNTEREXAMPLE", len(events), [])
    assert verify.confirm(r, tmp_path) == []
    data = yaml.safe_load((tmp_path / "counterexamples" / f"{name}.yaml").read_text())
    assert [e["type"] for e in data["events"]] == events
    assert data["outstanding"] == 10_000_000 and data["interpretation"]["inadvertence_cure"] == "all_purposes"


@pytest.mark.parametrize("name", ["status_triggering_event_fixed", "refused_redemption_stays_refused"])
def test_a_belief_s_counterexample_is_shortest_with_every_symbolic_person(name: str) -> None:
    """Found with one person, then no history of fewer events with all three persons (the detail says so)."""
    assert found(name)["detail"] == f"no history of fewer events with up to {CFG.persons} persons"


def test_shortness_not_established_is_said_not_claimed(monkeypatch: pytest.MonkeyPatch) -> None:
    """With too small a limit to rule out 3-event histories of three persons, the detail says what was shown."""
    monkeypatch.setattr(cc, "SHORTER_RLIMIT", 1000)
    f = cc.search(CFG, "refused_redemption_stays_refused", cc.SEARCH_DEPTH, invariants(),
                  tuple(cc.houdini_any_suppression(CFG)))
    assert f.trace is not None and f.depth == 4
    assert f.shortest.startswith("shortest among histories of 1 person; with 3 persons, histories of fewer events "
                                 "were not ruled out (")


def test_a_history_that_no_longer_refutes_the_belief_is_reported(tmp_path: Path) -> None:
    """Without its last event (the redemption) the history refutes nothing: confirm must say so, not pass."""
    r = dict(found("refused_redemption_stays_refused"))
    r["scenario_data"] = {**r["scenario_data"], "events": r["scenario_data"]["events"][:-1]}
    assert any("does not refute" in msg for msg in verify.confirm(r, tmp_path))


def test_the_report_explains_each_finding_from_the_replay() -> None:
    from rightsplan.proofs.findings import explain

    for name in ("status_triggering_event_fixed", "refused_redemption_stays_refused"):
        data = found(name)["scenario_data"]
        why = explain(name, evaluate(scenario_from_data(data, "<test>"), snapshots=True))
        assert why is not None and "Section 1(a)(i)" in why.sentence, name


def test_unchecked_guess_fails_verify(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mutant without the check at the cure, through verify: cure_leaves_no_trace is no longer proved."""
    real = cure.step

    def unchecked(z: Any, cfg: Config, s: Any, s2: Any, w: list[Any], w2: list[Any]) -> list[Any]:
        return [c for c in real(z, cfg, s, s2, w, w2) if not c.name.startswith("guess_checked")]

    monkeypatch.setattr(cure, "step", unchecked)
    (r,) = verify.check(["cure_leaves_no_trace"], 2)
    assert r["status"] != "PROVED" and verify.problems_of(r)


def test_suppression_off_fails_verify(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mutant whose final run ignores the suppression, through verify: final_run_keeps_cured_out fails."""
    real = cc.transition
    monkeypatch.setattr(cc, "transition", lambda z, cfg, roles, s, e, s2, suppressed=None: real(z, cfg, roles, s, e, s2))
    (r,) = verify.check(["final_run_keeps_cured_out"], 2)
    assert r["status"] != "PROVED" and verify.problems_of(r)
