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
    counts = cc.crosscheck(25, seed=0)
    assert counts["histories"] == 25
    assert counts["with_cure"] >= 2
    assert counts["differs_from_moment_view"] >= 1
