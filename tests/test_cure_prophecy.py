"""The retroactive cure of Section 1(a)(i) in the model: the prophecy, the final view, its properties.

"then such Person shall not be deemed to be or to have become an 'Acquiring Person' for any
purposes of this Agreement" (Section 1(a)(i)); solver/cure.py, proofs/cure_check.py.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

import pytest

from rightsplan.proofs import cure_check as cc
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


def test_belief_counterexample_replayed_against_the_final_result() -> None:
    found = cc.replay_belief(CFG, depth=3)
    assert found is not None
    assert found["moment_before"] != found["moment_after"]
    assert found["model_final"] == found["reference_final"]


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
