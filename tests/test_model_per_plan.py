"""The model under other plans than the built-in one, against the reference on concrete histories.

Each history runs through the model (``Config(plan=...)``) and the reference implementation
step by step (proofs/replay.py ``compare``): they must agree at every event, and the model's
own state must say what the plan's words say at the line and one share short of it.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
import z3

from rightsplan.proofs.replay import compare, date_to_index, index_to_date, trace_to_scenario, windows
from rightsplan.proofs.verify import main as verify_main
from rightsplan.solver.engines import Unrolling
from rightsplan.solver.model import R, Config
from rightsplan.solver.plan import model_plan
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.terms import BUILTIN_PLAN
from rightsplan.spec.vocabulary import Role

OUT = 10_000_000


def history(plan: str, start: str, holdings: dict[str, int], events: list[dict[str, Any]],
            roles: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    persons = {name: ({"role": roles[name]} if roles and name in roles else {}) for name in holdings}
    return {"plan": plan, "start": start, "outstanding": OUT, "persons": persons, "holdings": holdings,
            "events": events, **extra}


def buy(day: str, who: str, shares: int) -> dict[str, Any]:
    return {"date": day, "type": "acquire", "person": who, "shares": shares}


def sell(day: str, who: str, shares: int) -> dict[str, Any]:
    return {"date": day, "type": "dispose", "person": who, "shares": shares}


def agreed(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The model's views after each event, once the reference has agreed with every one of them."""
    views, disagreement = compare(data)
    assert disagreement is None, str(disagreement)
    return views


# -- selectica-2008: 4.99%, grandfathering at the Close of Business with a 0.5% allowance -------------

def test_selectica_a_holder_one_share_under_4_99_percent_is_not_an_acquiring_person_at_4_99_it_is() -> None:
    under = 499_000 - 1  # 4.99% of 10,000,000 is 499,000 shares
    views = agreed(history("selectica-2008", "2009-02-23", {"a": 400_000},
                           [buy("2009-02-24", "a", under - 400_000), buy("2009-02-25", "a", 1)]))
    assert [v["acquiring_persons"] for v in views] == [frozenset(), frozenset({"a"})]
    assert Config(plan="selectica-2008").lines.scale == 10_000


@pytest.mark.parametrize("measure", ["net_shares", "percentage_points"])
def test_selectica_a_grandfathered_holder_may_buy_just_under_the_allowance_not_the_allowance(measure: str) -> None:
    """Section 1(a) as amended: a 6% holder at the Close of Business on November 17, 2008 becomes an Acquiring Person
    only on acquiring "additional shares ... representing one-half of one percent (0.5%) or more"."""
    half = OUT // 200
    data = history("selectica-2008", "2008-11-17", {"g": 600_000},
                   [buy("2009-02-24", "g", 40_000), buy("2009-02-25", "g", half - 40_000 - 1), buy("2009-02-26", "g", 1)],
                   interpretation={"grandfather_allowance_measure": measure})
    views = agreed(data)
    assert [v["acquiring_persons"] for v in views] == [frozenset(), frozenset(), frozenset({"g"})]
    assert views[1]["grandfathered"] == frozenset({"g"}) and views[2]["grandfathered"] == frozenset()


def test_selectica_a_board_designated_exempt_person_is_never_an_acquiring_person() -> None:
    views = agreed(history("selectica-2008", "2009-02-23", {"x": 400_000, "a": 0},
                           [buy("2009-02-24", "x", 2_000_000), buy("2009-02-25", "a", 499_000)],
                           roles={"x": "exempt_person"}))
    assert [v["acquiring_persons"] for v in views] == [frozenset(), frozenset({"a"})]


def test_selectica_windows_come_from_its_own_calendar() -> None:
    time = Config(plan="selectica-2008").time
    assert index_to_date(0, (), "selectica-2008").isoformat() == "2009-02-23"  # after November 17, 2008 and its holidays
    assert index_to_date(time.final, (), "selectica-2008") == time.final_date
    assert date_to_index(index_to_date(time.far[0], (), "selectica-2008"), plan="selectica-2008") == time.far[0]
    with pytest.raises(ScenarioError, match="a Business Day from 2009-02-23 to 2014-12-31"):
        date_to_index(index_to_date(0).replace(day=22), plan="selectica-2008")  # 2003: before its anchor
    with pytest.raises(ScenarioError, match="a Business Day from 2009-02-23"):
        date_to_index(date(2009, 5, 25), plan="selectica-2008")  # Memorial Day: no index (Section 1(e))
    # Any Business Day of the term has one, holidays counted: Tuesday after Memorial Day, 2009.
    assert index_to_date(date_to_index(date(2009, 5, 26), plan="selectica-2008"), (), "selectica-2008") == date(2009, 5, 26)
    assert date_to_index(date(2009, 5, 26), plan="selectica-2008") == date_to_index(date(2009, 5, 22), plan="selectica-2008") + 1


# -- pain-therapeutics-2005: Eastbourne at 20%, no ratchet ------------------------------------------

def test_pain_therapeutics_eastbourne_at_19_9_percent_is_not_an_acquiring_person_at_20_it_is() -> None:
    views = agreed(history("pain-therapeutics-2005", "2005-07-11", {"e": 1_990_000},
                           [buy("2005-07-12", "e", 9_999), buy("2005-07-13", "e", 1)], roles={"e": "eastbourne"}))
    assert [v["acquiring_persons"] for v in views] == [frozenset(), frozenset({"e"})]


def test_pain_therapeutics_eastbourne_never_ratchets() -> None:
    """Down from 16% to 14% and back to 16%: under a plan with Walden's ratchet that would be an Acquiring Person."""
    views = agreed(history("pain-therapeutics-2005", "2005-07-11", {"e": 1_600_000},
                           [sell("2005-07-12", "e", 200_000), buy("2005-07-13", "e", 200_000)], roles={"e": "eastbourne"}))
    assert [(v["acquiring_persons"], v["ratcheted"], v["has_been_at_ratchet"]) for v in views] == [(frozenset(), False, False)] * 2


# -- usec-2010: two fully exempt named holders ------------------------------------------------------

def test_usec_toshiba_at_30_percent_and_babcock_wilcox_at_20_are_not_acquiring_persons_an_ordinary_holder_at_15_is() -> None:
    views = agreed(history("usec-2010", "2011-04-12", {"t": 1_000_000, "b": 1_000_000, "a": 1_000_000},
                           [buy("2011-04-13", "t", 2_000_000), buy("2011-04-14", "b", 1_000_000), buy("2011-04-15", "a", 500_000)],
                           roles={"t": "toshiba", "b": "babcock_wilcox"}))
    assert [v["acquiring_persons"] for v in views] == [frozenset(), frozenset(), frozenset({"a"})]


def test_usec_a_named_exempt_holder_at_50_percent_still_bars_an_exchange() -> None:
    """Section 24(a) excepts only the Company, its Subsidiaries and its plans."""
    views = agreed(history("usec-2010", "2011-04-12", {"t": 4_000_000},
                           [buy("2011-04-13", "t", 999_999), buy("2011-04-14", "t", 1)], roles={"t": "toshiba"}))
    assert [v["exchange_barred_since"] is not None for v in views] == [False, True]


def test_a_plan_without_an_own_threshold_holder_lets_no_person_take_that_role() -> None:
    for plan, role, possible in (("usec-2010", Role.OWN_THRESHOLD, False), ("usec-2010", Role.NAMED_EXEMPT, True),
                                 ("pain-therapeutics-2005", Role.NAMED_EXEMPT, False), (BUILTIN_PLAN, Role.OWN_THRESHOLD, True)):
        u = Unrolling.start(Config(persons=1, plan=plan))
        assert (u.solver.check(u.roles[0] == R[role]) == z3.sat) is possible, (plan, role)


# -- counterexamples name their plan; a plan the model cannot take is refused ---------------------

def test_a_model_trace_becomes_a_scenario_of_its_plan() -> None:
    trace = {"plan": "pain-therapeutics-2005", "roles": [R[Role.OWN_THRESHOLD]],
             "states": [{"outstanding": 100, "held0": 19, "grandfathered0": False}],
             "inputs": [{"kind": 0, "person": 0, "other": 0, "amount": 1, "day": 1, "until": 0, "variant": False,
                         "all_rights": True}]}
    data, text = trace_to_scenario(trace, {}, "a test")
    assert data["plan"] == "pain-therapeutics-2005" and data["start"] == "2005-07-11"
    assert data["persons"] == {"Eastbourne": {"role": "eastbourne"}} and data["events"][0]["date"] == "2005-07-12"
    assert "plan: pain-therapeutics-2005" in text
    assert windows("pain-therapeutics-2005") == "2005-07-11..2005-08-05 or 2015-04-15..2015-05-05"


@pytest.fixture
def two_holders(tmp_path: Path) -> Path:
    """The built-in plan with a second named holder of its own threshold."""
    from importlib import resources

    data = yaml.safe_load(resources.files("rightsplan.spec.plans").joinpath(f"{BUILTIN_PLAN}.yaml").read_text())
    data["name"] = "two-holders"
    data["named_holders"]["second"] = dict(data["named_holders"]["walden"], name="Second")
    path = tmp_path / "two-holders.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_a_plan_with_two_own_threshold_holders_is_refused(two_holders: Path) -> None:
    with pytest.raises(ScenarioError, match="at most one named holder of kind own_threshold") as refused:
        model_plan(str(two_holders))
    assert "named_holders: got 'second, walden'" in str(refused.value)


def test_verify_refuses_it_with_one_line_and_exit_status_2(two_holders: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert verify_main(["--plan", str(two_holders), "--property", "hq_never"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "own_threshold" in err and "Traceback" not in err


def test_a_terms_file_by_path_drives_the_model_and_the_replay(tmp_path: Path) -> None:
    """The built-in plan's terms with the threshold moved to 4.99%: a plan the model has never seen, by its path."""
    from importlib import resources

    data = yaml.safe_load(resources.files("rightsplan.spec.plans").joinpath(f"{BUILTIN_PLAN}.yaml").read_text())
    data["name"] = "lower-line"
    data["terms"]["acquiring_person_threshold"]["value"] = "0.0499"
    path = tmp_path / "lower-line.yaml"
    path.write_text(yaml.safe_dump(data))
    cfg = Config(plan=str(path))
    assert (cfg.lines.threshold, cfg.lines.scale, cfg.time) == (Fraction(499, 10_000), 10_000, Config().time)
    views = agreed(history(str(path), "2003-04-21", {"a": 498_999}, [buy("2003-04-22", "a", 1)]))
    assert views[0]["acquiring_persons"] == frozenset({"a"})


@pytest.mark.parametrize("plan", ["selectica-2008", "pain-therapeutics-2005", "usec-2010"])
def test_the_real_calendar_clock_follows_each_plan(plan: str) -> None:
    """solver/calendar_model.py per plan: index 0 is the plan's anchor, ``final`` its Close of Business on the
    Final Expiration Date in its own jurisdictions (Sections 1(e), 1(f), 1(r))."""
    from rightsplan.solver.calendar_model import model_calendar
    from rightsplan.solver.plan import plan_calendar

    mp = model_plan(plan)
    days = model_calendar((), plan)
    assert days.anchor == mp.time.anchor == index_to_date(0, (), plan)
    assert days.days[days.final] == mp.time.final_date == plan_calendar(mp.terms).close_of_business(mp.terms.final_expiration_date)


def test_a_property_reads_the_plans_lines_and_a_bare_percentage_is_refused() -> None:
    """``st.at`` takes one of ``st.lines`` (exact fractions) or ``st.threshold(i)``: "15" means nothing under 4.99%."""
    u = Unrolling.start(Config(plan="selectica-2008"))
    u.extend()
    st = u.step(0)
    assert (st.lines.threshold, st.lines.holder, st.lines.ratchet, st.lines.allowance) == (Fraction(499, 10_000), None,
                                                                                            None, Fraction(1, 200))
    assert (st.days.distribution, st.days.redemption, st.final) == (10, 5, Config(plan="selectica-2008").time.final)
    with pytest.raises(ValueError, match="expected one of the plan's lines"):
        st.at(st.s2, 0, 15)
    with pytest.raises(ValueError, match="expected one of the plan's lines"):
        st.at(st.s2, 0, st.lines.holder)
    assert u.solver.check(st.at(st.s2, 0, st.lines.threshold), z3.Not(st.at(st.s2, 0, st.threshold(0)))) == z3.unsat


def test_verify_names_the_shipped_plans_for_an_unknown_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert verify_main(["--plan", "no-such-plan", "--property", "hq_never"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: verify: --plan: got 'no-such-plan'; expected a shipped plan (digitalthink-2003, ")


@pytest.mark.parametrize("final, place, words", [
    ("2010-03-31", "terms.final_expiration_date", "every calendar reading agrees is a Business Day"),  # Cesar Chavez Day
    ("2003-05-30", "terms.final_expiration_date", "well after the model's first window"),
], ids=["final day a reading could close", "final day too soon"])
def test_a_plan_whose_dates_leave_the_model_no_window_is_refused(tmp_path: Path, final: str, place: str, words: str) -> None:
    from importlib import resources

    data = yaml.safe_load(resources.files("rightsplan.spec.plans").joinpath(f"{BUILTIN_PLAN}.yaml").read_text())
    data["terms"]["final_expiration_date"]["value"] = final
    path = tmp_path / "dates.yaml"
    path.write_text(yaml.safe_dump(data).replace(f"'{final}'", final))
    with pytest.raises(ScenarioError, match=words) as refused:
        model_plan(str(path))
    assert f"{place}: got " in str(refused.value)
