"""The Z3 model on concrete events: thresholds at the boundary, protections, the layering rule."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rightsplan.proofs.replay import start_values, to_model
from rightsplan.solver.engines import CANDIDATES, houdini, simulate
from rightsplan.solver.model import Config


def run(holdings: dict[str, int], events: list[dict], roles: dict[str, str] | None = None, out: int = 1000,
        **extra: object) -> list[dict]:
    roles = roles or {}
    data = {"outstanding": out, "persons": {n: ({"role": roles[n]} if n in roles else {}) for n in ("a", "b", "c")},
            "holdings": holdings, "events": events, **extra}
    m = to_model(data)
    return simulate(Config(), list(m.roles), start_values(m), list(m.events))


def buy(person: str, shares: int, date: str = "2003-04-22") -> dict:
    return {"date": date, "type": "acquire", "person": person, "shares": shares}


def test_a_person_reaching_exactly_15_percent_becomes_an_acquiring_person() -> None:
    assert run({"a": 100}, [buy("a", 50)])[-1]["acquiring0"] is True


def test_a_person_one_share_below_15_percent_is_not_an_acquiring_person() -> None:
    assert run({"a": 100}, [buy("a", 49)])[-1]["acquiring0"] is False


def test_walden_at_exactly_20_percent_is_an_acquiring_person_and_one_share_below_is_not() -> None:
    assert run({"a": 150}, [buy("a", 50)], {"a": "walden"})[-1]["acquiring0"] is True
    assert run({"a": 150}, [buy("a", 49)], {"a": "walden"})[-1]["acquiring0"] is False


def test_hq_at_40_percent_is_never_an_acquiring_person() -> None:
    assert run({"a": 0}, [buy("a", 400)], {"a": "hq"})[-1]["acquiring0"] is False


def test_a_buyback_that_lifts_a_holder_to_15_percent_shields_it() -> None:
    last = run({"a": 140}, [{"date": "2003-04-22", "type": "repurchase", "shares": 67}])[-1]
    assert (last["acquiring0"], last["shielded0"], last["buyback_marked0"]) == (False, True, True)


def test_a_shielded_holder_that_buys_one_more_share_becomes_an_acquiring_person() -> None:
    events = [{"date": "2003-04-22", "type": "repurchase", "shares": 67}, buy("a", 1, "2003-04-23")]
    assert run({"a": 140}, events)[-1]["acquiring0"] is True


def test_a_grandfathered_holder_is_protected_until_it_acquires_more() -> None:
    states = run({"a": 200}, [buy("b", 1), buy("a", 1, "2003-04-23")], grandfathered=["a"])
    assert [s["acquiring0"] for s in states] == [False, True]


def test_the_distribution_date_is_ten_business_days_after_the_announcement() -> None:
    last = run({"a": 100}, [buy("a", 50), {"date": "2003-04-23", "type": "announce", "person": "a"}])[-1]
    assert (last["has_announcement_clause"], last["distribution_by_announcement"]) == (True, 2 + 10)


def test_houdini_keeps_every_candidate_invariant_of_the_agreement() -> None:
    assert sorted(houdini(Config())) == sorted(CANDIDATES)


def test_an_unknown_proviso_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown proviso"):
        Config().without("walden_21")


def test_the_solver_reads_only_the_shared_vocabulary_from_spec() -> None:
    # spec.calendar: which days are Business Days (Section 1(e)) is a fact the model's clock reads, not a rule
    allowed = {"rightsplan.spec.vocabulary", "rightsplan.spec.citations", "rightsplan.spec.errors", "rightsplan.spec.terms",
               "rightsplan.spec.calendar"}
    for path in Path(__file__).resolve().parents[1].joinpath("solver").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rightsplan.spec"):
                assert node.module in allowed, f"{path.name} imports {node.module}"
