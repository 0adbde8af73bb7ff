"""The Step premise helpers mean what docs/checker.md says, on concrete histories and over every step.

Each helper is evaluated on the steps of small scenarios run through the model's own
transition (pinned to concrete events, like ``engines.simulate``), at the boundary where its
answer changes; a deliberately wrong version of each helper must be caught by these cases.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import pytest
import z3

from rightsplan.proofs.registry import BY_ID, Property
from rightsplan.proofs.replay import start_values, to_model
from rightsplan.proofs.verify import check
from rightsplan.solver.engines import Unrolling, bmc, houdini, induction, induction_step, pin
from rightsplan.solver.invariants import CANDIDATES, SECTIONS
from rightsplan.solver.model import Config, role_is
from rightsplan.solver.ownership import at_least, same
from rightsplan.solver.step import Step
from rightsplan.spec import evaluate, scenario_from_data
from rightsplan.spec.vocabulary import Role

A, B, C = 0, 1, 2


def ev(date: str, kind: str, **fields: Any) -> dict[str, Any]:
    return {"date": date, "type": kind, **fields}


# Each scenario: three persons a, b, c and 1,000 shares; dates are April 2003 (index 0 is Monday, April 21).
BUY_15 = ev("2003-04-22", "acquire", person="a", shares=50)  # a: 100 -> 150 shares, exactly 15%
SCENARIOS: dict[str, dict[str, Any]] = {
    "crosses_announced_redeemed_late": {"holdings": {"a": 100}, "events": [
        BUY_15, ev("2003-04-23", "announce", person="a"), ev("2003-05-01", "redeem")]},
    "crosses_announced_redeemed_in_time": {"holdings": {"a": 100}, "events": [
        BUY_15, ev("2003-04-23", "announce", person="a"), ev("2003-04-25", "redeem")]},
    "announced_on_a_thursday": {"holdings": {"a": 100}, "events": [BUY_15, ev("2003-04-24", "announce", person="a")]},
    "one_share_short": {"holdings": {"a": 100}, "events": [ev("2003-04-22", "acquire", person="a", shares=49)]},
    "hq_at_40": {"holdings": {"a": 100}, "roles": {"a": "hq"}, "events": [ev("2003-04-22", "acquire", person="a", shares=300)]},
    "walden_at_15_then_20": {"holdings": {"a": 100}, "roles": {"a": "walden"}, "events": [
        BUY_15, ev("2003-04-23", "acquire", person="a", shares=50)]},
    "grouped_with_acquirer": {"holdings": {"a": 100}, "roles": {"b": "employee_plan"}, "groups": [["a", "b"]], "events": [BUY_15]},
    "join": {"holdings": {"a": 10, "b": 10}, "events": [ev("2003-04-22", "join_group", persons=["a", "b"])]},
    "buybacks": {"holdings": {"a": 100}, "events": [
        ev("2003-04-22", "repurchase", shares=10), ev("2003-04-23", "repurchase", shares=10, **{"from": "a"})]},
    "divests_then_found_inadvertent": {"holdings": {"a": 100}, "events": [
        BUY_15, ev("2003-04-23", "dispose", person="a", shares=10), ev("2003-04-24", "inadvertence", person="a")]},
    "exchange_before_and_after_crossing": {"holdings": {"a": 100}, "events": [
        ev("2003-04-22", "exchange", portion="1/2"), ev("2003-04-23", "acquire", person="a", shares=50),
        ev("2003-04-24", "exchange", portion="1/2")]},
}


@dataclass(frozen=True)
class Run:
    """A scenario's model run: the unrolled states and events, and the one solver model that fixes them."""

    unrolling: Unrolling
    model: Any

    def step(self, k: int, kind: type[Step] = Step) -> Step:
        u = self.unrolling
        return kind(u.z, u.cfg, u.roles, u.states[k], u.inputs[k], u.states[k + 1])

    def value(self, term: Any) -> Any:
        """A term's value: a bool, an int, or a pair of them."""
        if isinstance(term, tuple):
            return tuple(self.value(t) for t in term)
        v = self.model.eval(term, model_completion=True)
        return z3.is_true(v) if z3.is_bool(v) else v.as_long()


@lru_cache(maxsize=None)
def run(name: str) -> Run:
    """The scenario run through the model's transition, every start value and event input pinned."""
    spec = SCENARIOS[name]
    roles = spec.get("roles", {})
    data = {"outstanding": 1000, "persons": {n: ({"role": roles[n]} if n in roles else {}) for n in "abc"},
            "holdings": spec["holdings"], "groups": spec.get("groups", []), "events": spec["events"]}
    m = to_model(data)
    u = Unrolling.start(Config())
    u.solver.add(*[u.roles[i] == m.roles[i] for i in range(3)], *pin(u.states[0], start_values(m)))
    for row in m.events:
        u.extend()
        u.solver.add(*pin(u.inputs[-1], row))
    assert u.solver.check() == z3.sat, f"{name}: the model has no run for these events"
    return Run(u, u.solver.model())


# (helper, scenario, step index, the call on the step, expected value); None in a pair: any day.
Case = tuple[str, str, int, Callable[[Step], Any], Any]
CASES: list[Case] = [
    ("at_threshold", "crosses_announced_redeemed_late", 0, lambda st: st.at_threshold(st.s2, A), True),
    ("at_threshold", "crosses_announced_redeemed_late", 0, lambda st: st.at_threshold(st.s, A), False),
    ("at_threshold", "one_share_short", 0, lambda st: st.at_threshold(st.s2, A), False),
    ("at_threshold", "hq_at_40", 0, lambda st: st.at_threshold(st.s2, A), False),
    ("at_threshold", "walden_at_15_then_20", 0, lambda st: st.at_threshold(st.s2, A), False),
    ("at_threshold", "walden_at_15_then_20", 1, lambda st: st.at_threshold(st.s2, A), True),
    ("acts", "crosses_announced_redeemed_late", 0, lambda st: st.acts(A, "acquire"), True),
    ("acts", "crosses_announced_redeemed_late", 0, lambda st: st.acts(B, "acquire"), False),
    ("acts", "crosses_announced_redeemed_late", 0, lambda st: st.acts(A, "dispose"), False),
    ("acts", "crosses_announced_redeemed_late", 0, lambda st: st.acts(A, "dispose", "acquire"), True),
    ("acts", "crosses_announced_redeemed_late", 1, lambda st: st.acts(A, "announce"), True),
    ("acts", "buybacks", 0, lambda st: st.acts(A, "repurchase"), False),
    ("acts", "buybacks", 1, lambda st: st.acts(A, "repurchase"), True),
    ("acts", "join", 0, lambda st: st.acts(A, "join_group"), True),
    ("acts", "join", 0, lambda st: st.acts(B, "join_group"), True),
    ("acts", "join", 0, lambda st: st.acts(C, "join_group"), False),
    ("board_action_effective", "crosses_announced_redeemed_late", 2, lambda st: st.board_action_effective("redeem"), False),
    ("board_action_effective", "crosses_announced_redeemed_in_time", 2, lambda st: st.board_action_effective("redeem"), True),
    ("board_action_effective", "crosses_announced_redeemed_in_time", 2, lambda st: st.board_action_effective("exchange"), False),
    ("board_action_effective", "exchange_before_and_after_crossing", 0, lambda st: st.board_action_effective("exchange"), False),
    ("board_action_effective", "exchange_before_and_after_crossing", 2, lambda st: st.board_action_effective("exchange"), True),
    ("board_action_effective", "divests_then_found_inadvertent", 2, lambda st: st.board_action_effective("inadvertence"), True),
    ("becomes_acquiring", "crosses_announced_redeemed_late", 0, lambda st: st.becomes_acquiring(A), True),
    ("becomes_acquiring", "crosses_announced_redeemed_late", 1, lambda st: st.becomes_acquiring(A), False),
    ("becomes_acquiring", "one_share_short", 0, lambda st: st.becomes_acquiring(A), False),
    ("is_acquiring", "crosses_announced_redeemed_late", 0, lambda st: st.is_acquiring(st.s, A), False),
    ("is_acquiring", "crosses_announced_redeemed_late", 0, lambda st: st.is_acquiring(st.s2, A), True),
    ("is_acquiring", "divests_then_found_inadvertent", 2, lambda st: st.is_acquiring(st.s, A), True),
    ("is_acquiring", "divests_then_found_inadvertent", 2, lambda st: st.is_acquiring(st.s2, A), False),
    ("rights_void", "grouped_with_acquirer", 0, lambda st: st.rights_void(st.s2, A), True),
    ("rights_void", "grouped_with_acquirer", 0, lambda st: st.rights_void(st.s2, B), True),
    ("rights_void", "grouped_with_acquirer", 0, lambda st: st.rights_void(st.s2, C), False),
    ("rights_void", "grouped_with_acquirer", 0, lambda st: st.rights_void(st.s, A), False),
    ("anyone_cured", "divests_then_found_inadvertent", 1, lambda st: st.anyone_cured(), False),
    ("anyone_cured", "divests_then_found_inadvertent", 2, lambda st: st.anyone_cured(), True),
    ("triggering_event", "crosses_announced_redeemed_late", 0, lambda st: st.triggering_event(st.s), (False, None)),
    ("triggering_event", "crosses_announced_redeemed_late", 1, lambda st: st.triggering_event(st.s2), (True, 1)),
    ("shares_acquisition_date", "crosses_announced_redeemed_late", 0, lambda st: st.shares_acquisition_date(st.s2), (False, None)),
    ("shares_acquisition_date", "crosses_announced_redeemed_late", 2, lambda st: st.shares_acquisition_date(st.s2), (True, 2)),
    ("distribution_date", "crosses_announced_redeemed_late", 0, lambda st: st.distribution_date(st.s2), (False, None)),
    ("distribution_date", "crosses_announced_redeemed_late", 1, lambda st: st.distribution_date(st.s2), (True, 12)),
    # Wednesday April 23 + 5 calendar days = Monday April 28, index 5 (Section 23(a)).
    ("redemption_deadline", "crosses_announced_redeemed_late", 1, lambda st: st.redemption_deadline(st.s2), 5),
    # Thursday April 24 + 5 = Tuesday April 29, index 6.
    ("redemption_deadline", "announced_on_a_thursday", 1, lambda st: st.redemption_deadline(st.s2), 6),
]


def matches(got: Any, want: Any) -> bool:
    if isinstance(want, tuple):
        return all(w is None or g == w for g, w in zip(got, want))
    return bool(got == want)


def mismatches(kind: type[Step] = Step) -> list[str]:
    """The cases a Step class gets wrong, each as 'helper scenario[step]: got X, expected Y'."""
    out = []
    for helper, name, k, call, want in CASES:
        r = run(name)
        got = r.value(call(r.step(k, kind)))
        if not matches(got, want):
            out.append(f"{helper} {name}[{k}]: got {got}, expected {want}")
    return out


def test_every_helper_means_what_the_checker_docs_say_on_concrete_histories() -> None:
    assert mismatches() == []


def test_every_helper_has_a_case_that_is_true_and_one_that_is_false() -> None:
    for helper in {c[0] for c in CASES}:
        wants = {bool(c[4][0]) if isinstance(c[4], tuple) else c[4] for c in CASES if c[0] == helper}
        assert len(wants) >= 2, f"{helper}: cases only expect {wants}"


# A deliberately wrong version of each helper; the cases above must catch every one.
class NoEligibility(Step):
    def at_threshold(self, state: Any, i: int) -> Any:
        return self.at(state, i, self.threshold(i))


class AlwaysFifteen(Step):
    def at_threshold(self, state: Any, i: int) -> Any:
        return self.z.And(self.eligible(i), self.at(state, i, self.lines.threshold))


class AnyPersonActs(Step):
    def acts(self, i: int, *kinds: str) -> Any:
        return self.z.Or(*[self.kind[k] for k in kinds])


class MarketBuybackActs(Step):
    def acts(self, i: int, *kinds: str) -> Any:
        return self.z.Or(*[self.z.And(self.kind[k], self.e.person == i) for k in kinds])


class OrderedIsEffective(Step):
    def board_action_effective(self, *kinds: str) -> Any:
        return self.z.Or(*[self.kind[k] for k in kinds])


class BecomesIsStatus(Step):
    def becomes_acquiring(self, i: int) -> Any:
        return self.s2.acquiring[i]


class AcquiringAfter(Step):
    def is_acquiring(self, state: Any, i: int) -> Any:
        return self.s2.acquiring[i]


class OnlyOwnVoid(Step):
    def rights_void(self, state: Any, i: int) -> Any:
        return state.void_because[(i, i)]


class NeverCured(Step):
    def anyone_cured(self) -> Any:
        return self.z.BoolVal(False)


class TriggeredToday(Step):
    def triggering_event(self, state: Any) -> tuple[Any, Any]:
        return self.z.Or(*[state.acquiring[i] for i in range(self.n)]), state.today


class AnnouncedWhenCrossed(Step):
    def shares_acquisition_date(self, state: Any) -> tuple[Any, Any]:
        return self.some(lambda i: state.announced[i]), state.acquiring_since[0]


class TenderClauseOnly(Step):
    def distribution_date(self, state: Any) -> tuple[Any, Any]:
        return state.has_tender_clause, state.distribution_by_tender_offer


class FiveBusinessDays(Step):
    def redemption_deadline(self, state: Any) -> Any:
        has, day = self.sad(state)
        return self.z.If(has, day + 5, self.deadline(state))


@pytest.mark.parametrize("broken", [NoEligibility, AlwaysFifteen, AnyPersonActs, MarketBuybackActs, OrderedIsEffective,
                                    BecomesIsStatus, AcquiringAfter, OnlyOwnVoid, NeverCured, TriggeredToday,
                                    AnnouncedWhenCrossed, TenderClauseOnly, FiveBusinessDays], ids=lambda k: k.__name__)
def test_a_wrong_helper_is_caught(broken: type[Step]) -> None:
    helper = next(name for name in vars(broken) if not name.startswith("_"))
    assert any(m.startswith(helper + " ") for m in mismatches(broken)), f"{broken.__name__} is not caught"


# Over every step from any state at all (tiny solver checks): what each helper implies.
@pytest.fixture(scope="module")
def any_step() -> tuple[Any, Step]:
    return induction_step(Config(), [])


@pytest.mark.parametrize(("claim", "formula", "valid"), [
    ("an effective redemption redeems and expires the Rights",
     lambda st: st.z.Implies(st.board_action_effective("redeem"), st.z.And(st.s2.redeemed, st.s2.expired)), True),
    ("an effective redemption is an exchange of all the Rights",
     lambda st: st.z.Implies(st.board_action_effective("redeem"), st.s2.exchanged_all), False),
    ("one who becomes an Acquiring Person was not one before",
     lambda st: st.every(lambda i: st.z.Implies(st.becomes_acquiring(i), st.z.Not(st.is_acquiring(st.s, i)))), True),
    ("one who becomes an Acquiring Person is one after: no cure at the event of crossing",
     lambda st: st.every(lambda i: st.z.Implies(st.becomes_acquiring(i), st.is_acquiring(st.s2, i))), True),
    ("one who becomes an Acquiring Person was one before",
     lambda st: st.every(lambda i: st.z.Implies(st.becomes_acquiring(i), st.is_acquiring(st.s, i))), False),
    ("an Acquiring Person's own Rights are void",
     lambda st: st.every(lambda i: st.z.Implies(st.is_acquiring(st.s2, i), st.rights_void(st.s2, i))), True),
    ("a person acting in an acquisition is the event's person",
     lambda st: st.every(lambda i: st.z.Implies(st.acts(i, "acquire"), st.e.person == i)), True),
])
def test_what_each_helper_implies_at_every_step(any_step: tuple[Any, Step], claim: str, formula: Callable[[Step], Any],
                                               valid: bool) -> None:
    solver, st = any_step
    solver.push()
    solver.add(st.z.Not(formula(st)))
    shown = solver.check() == z3.unsat
    solver.pop()
    assert shown is valid, claim


@pytest.mark.parametrize(("call", "words"), [
    (lambda st: st.acts(A, "redeem"), "acts(0, 'redeem'): expected a kind a person performs"),
    (lambda st: st.acts(A, "buy"), "acts(0, 'buy'): expected a kind a person performs"),
    (lambda st: st.board_action_effective("acquire"), "board_action_effective('acquire'): expected a Board action"),
])
def test_a_helper_refuses_a_kind_it_cannot_mean(call: Callable[[Step], Any], words: str) -> None:
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        call(run("join").step(0))


# --- Tried as a new user: two properties written from docs/checker.md alone, run through the checker -------

def no_one_becomes_acquiring(st: Step) -> Any:
    return st.every(lambda i: st.z.Not(st.becomes_acquiring(i)))


def exempt_rights_not_void(st: Step) -> Any:
    return st.every(lambda i: st.z.Implies(st.exempt(i), st.z.Not(st.rights_void(st.s2, i))))


def exempt_rights_void_only_beside_acquiring_person(st: Step) -> Any:
    z = st.z
    return st.every(lambda i: z.Implies(z.And(st.exempt(i), st.rights_void(st.s2, i)),
                                        st.some(lambda j: z.And(st.is_acquiring(st.s2, j), st.same2(i, j)))))


NEW_USER = [
    Property("new_user_no_acquiring_person_made_at_redemption", "No one becomes an Acquiring Person at an "
             "effective redemption.", ("Section 23(a)", "Section 1(a)"), no_one_becomes_acquiring, "PROVED",
             lambda st: st.board_action_effective("redeem")),
    Property("new_user_exempt_rights_never_void", "The Rights of the Company, a Subsidiary or an employee plan "
             "are never void.", ("Section 7(e)", "Section 1(a)"), exempt_rights_not_void, "COUNTEREXAMPLE",
             lambda st: st.some(st.exempt)),
    Property("new_user_exempt_rights_void_only_beside_acquiring_person", "An exempt person's Rights are void only "
             "while it is in one unit with an Acquiring Person.", ("Section 7(e)",),
             exempt_rights_void_only_beside_acquiring_person, "PROVED",
             lambda st: st.some(lambda i: st.z.And(st.exempt(i), st.rights_void(st.s2, i)))),
]


@pytest.fixture(scope="module")
def new_user_results() -> dict[str, dict[str, Any]]:
    """The checker's engines on the three properties: induction over Houdini's invariants, then bounded search.

    (``verify.check`` adds the cvc5 re-check, the premise notes and a minimized scenario: the same verdicts, in
    about a minute of processor time, too slow for every test run.)
    """
    cfg = Config()
    kept = houdini(cfg)
    found = bmc(cfg, {p.id: (p.holds, p.when) for p in NEW_USER}, 2)
    return {p.id: {"induction": induction(cfg, p.holds, kept), "search": found[p.id]} for p in NEW_USER}


def test_new_user_an_exempt_affiliate_of_an_acquiring_person_has_void_rights(new_user_results: dict) -> None:
    """Section 1(a) exempts the employee plan from being an Acquiring Person, but Section 7(e) voids the Rights of
    any "Associate or Affiliate of an Acquiring Person": the belief fails at the first step."""
    r = new_user_results["new_user_exempt_rights_never_void"]
    assert (r["induction"][0], r["search"].cex_depth) == ("sat", 1)


def test_new_user_the_counterexample_read_as_a_scenario_is_confirmed_by_the_reference_implementation() -> None:
    """The checker's minimized counterexample: a plan at 14% grouped with a person holding nothing buys 1%."""
    data = {"outstanding": 10_000_000, "persons": {"Employee Plan": {"role": "employee_plan"}, "Acquirer": {}},
            "holdings": {"Employee Plan": 1_400_000}, "groups": [["Acquirer", "Employee Plan"]],
            "events": [ev("2003-04-22", "acquire", person="Employee Plan", shares=100_000)]}
    result = evaluate(scenario_from_data(data, "<counterexample>"))
    assert (set(result.void_holders), set(result.to_json()["acquiring_persons"])) == ({"Employee Plan", "Acquirer"}, {"Acquirer"})


def test_new_user_the_restated_property_is_proved(new_user_results: dict) -> None:
    r = new_user_results["new_user_exempt_rights_void_only_beside_acquiring_person"]
    assert (r["induction"][0], "Section 7(e)" in r["induction"][1], r["search"].witness_depth) == ("unsat", True, 1)


def test_new_user_no_acquiring_person_at_redemption_is_only_bounded_by_the_agreement_invariants(new_user_results: dict) -> None:
    """One-step induction fails from an unreachable state (a person at 15% through options that never became an
    Acquiring Person), and no counterexample exists to depth 2: BOUNDED, never PROVED; the premise has a witness."""
    r = new_user_results["new_user_no_acquiring_person_made_at_redemption"]
    assert (r["induction"][0], r["search"].counterexample, r["search"].depth, r["search"].witness_depth) == ("sat", None, 2, 1)


@pytest.mark.skipif(os.environ.get("RIGHTSPLAN_NEW_USER_CHECK") != "1", reason="minutes of processor time: make new-user-check")
def test_new_user_properties_through_verify_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker's own entry point: cvc5 re-checks the proof, the counterexample is minimized and replayed."""
    for p in NEW_USER:
        monkeypatch.setitem(BY_ID, p.id, p)
    results = {r["id"]: r for r in check([p.id for p in NEW_USER], 2)}
    refuted = results["new_user_exempt_rights_never_void"]
    assert (refuted["status"], refuted["depth"]) == ("COUNTEREXAMPLE", 1)
    data = refuted["scenario_data"]
    assert {n for n, s in data["persons"].items() if (s or {}).get("role")} <= set(evaluate(scenario_from_data(data, "<cex>")).void_holders)
    proved = results["new_user_exempt_rights_void_only_beside_acquiring_person"]
    assert (proved["status"], proved["cvc5"]) == ("PROVED", "agrees")
    assert results["new_user_no_acquiring_person_made_at_redemption"]["status"] == "BOUNDED"


def unprotected_at_threshold_is_acquiring(z: Any, cfg: Config, roles: list[Any], s: Any) -> Any:
    """While the Rights are outstanding, an eligible person at its threshold that is neither grandfathered nor
    shielded by a buyback is an Acquiring Person (Section 1(a)): the invariant the new user's proof lacked."""
    n, lines = cfg.persons, cfg.lines

    def threshold(i: int) -> Any:
        holder = z.Or(*[z.And(role_is(z, roles[j], Role.OWN_THRESHOLD), same(z, s, i, j)) for j in range(n)])
        own = z.If(s.ratcheted, lines.level(lines.ratchet), lines.level(lines.holder))
        return z.If(holder, own, lines.level(lines.threshold))

    def unprotected(i: int) -> Any:
        eligible = z.Not(role_is(z, roles[i], Role.NAMED_EXEMPT, Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN))
        return z.And(eligible, at_least(z, s, n, i, threshold(i), 0, lines.scale), z.Not(s.grandfathered[i]),
                     z.Not(s.shielded[i]))

    return z.Implies(z.Not(s.expired), z.And(*[z.Implies(unprotected(i), s.acquiring[i]) for i in range(n)]))


def test_new_user_with_one_more_candidate_invariant_the_redemption_property_is_proved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CANDIDATES, "unprotected_at_threshold_is_acquiring", unprotected_at_threshold_is_acquiring)
    monkeypatch.setitem(SECTIONS, "unprotected_at_threshold_is_acquiring", ("Section 1(a)",))
    kept = houdini(Config())
    assert "unprotected_at_threshold_is_acquiring" in kept
    verdict, sections = induction(Config(), NEW_USER[0].holds, kept)
    assert (verdict, "Section 1(a)" in sections) == ("unsat", True)
    without = [n for n in kept if n != "unprotected_at_threshold_is_acquiring"]
    assert induction(Config(), NEW_USER[0].holds, without)[0] == "sat"
