"""Random event sequences through both the reference implementation and the Z3 model.

After every event the model, fixed to the same concrete events, must make every
determination the reference implementation makes (Acquiring Persons, Triggering Event,
Shares Acquisition Date, Distribution Date, redemption deadline, 50% bar, Walden's
ratchet, protections, void Rights, redemption, exchange, expiration, effectiveness).
Profile "ci" is derandomized; "long" (make verify) runs many more sequences.
"""

from __future__ import annotations

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from rightsplan.proofs.replay import compare, index_to_date
from rightsplan.solver.model import FAR, NEAR

NAMES = ("p0", "p1", "p2")
ROLES = ("ordinary", "ordinary", "walden", "hq", "employee_plan", "subsidiary", "company")
READINGS = {
    "repurchase_deeming_threshold": ("literal_15", "own_threshold"),
    "walden_ratchet_cause": ("any_cause", "own_disposition"),
    "partial_exchange_expires": ("no", "yes"),
    "late_redemption_extension": ("ineffective", "effective"),
    "prompt_divestiture_days": ("10", "5", "30"),
    "inadvertence_divestiture": ("own_disposition", "any_cause"),
    "exchange_requires_exercisable": ("no", "yes"),
}
person = st.sampled_from(NAMES)
step = st.sampled_from((0, 0, 1, 1, 2, 5))


class ModelAgreesWithReference(RuleBasedStateMachine):
    """Build a scenario event by event; after each event both engines must agree."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, Any] = {}
        self.b = 0
        self.held: dict[str, int] = {}
        self.out = 0

    @initialize(roles=st.tuples(*[st.sampled_from(ROLES)] * 3), out=st.sampled_from((100, 1000)),
                pcts=st.tuples(*[st.sampled_from((0, 10, 14, 15, 19, 20, 30))] * 3),
                far=st.booleans(), readings=st.fixed_dictionaries({k: st.sampled_from(v) for k, v in READINGS.items()}))
    def start(self, roles: tuple[str, ...], out: int, pcts: tuple[int, ...], far: bool, readings: dict[str, str]) -> None:
        self.out, self.b = out, FAR[0] if far else NEAR[0]
        self.held = {n: out * p // 100 for n, p in zip(NAMES, pcts)}
        self.data = {"start": "2003-04-21", "outstanding": out, "interpretation": readings,
                     "persons": {n: ({} if r == "ordinary" else {"role": r}) for n, r in zip(NAMES, roles)},
                     "holdings": dict(self.held), "events": []}

    def _add(self, gap: int, **event: Any) -> None:
        hi = FAR[1] if self.b >= FAR[0] else NEAR[1]
        self.b = min(self.b + gap, hi)
        self.data["events"].append({"date": index_to_date(self.b).isoformat(), **event})

    def _float(self) -> int:
        return self.out - sum(self.held.values())

    @precondition(lambda self: self._float() > 0)
    @rule(gap=step, who=person, pct=st.integers(1, 60))
    def acquire(self, gap: int, who: str, pct: int) -> None:
        n = max(1, min(self._float(), self.out * pct // 100))
        self.held[who] += n
        self._add(gap, type="acquire", person=who, shares=n)

    @rule(gap=step, who=person, part=st.integers(1, 4))
    def dispose(self, gap: int, who: str, part: int) -> None:
        if self.held[who] > 0:
            n = max(1, self.held[who] * part // 4)
            self.held[who] -= n
            self._add(gap, type="dispose", person=who, shares=n)

    @rule(gap=step, who=st.none() | person, pct=st.integers(1, 100))
    def issue(self, gap: int, who: str | None, pct: int) -> None:
        n = max(1, self.out * pct // 100)
        self.out += n
        extra = {"to": who} if who else {}
        if who:
            self.held[who] += n
        self._add(gap, type="issue", shares=n, **extra)

    @rule(gap=step, who=st.none() | person, pct=st.integers(1, 60))
    def repurchase(self, gap: int, who: str | None, pct: int) -> None:
        pool = self.held[who] if who else self._float()
        n = min(pool, max(1, self.out * pct // 100), self.out - 1)
        if n >= 1:
            self.out -= n
            if who:
                self.held[who] -= n
            self._add(gap, type="repurchase", shares=n, **({"from": who} if who else {}))

    @rule(gap=step, who=person, pct=st.integers(1, 30))
    def option(self, gap: int, who: str, pct: int) -> None:
        self._add(gap, type="option", person=who, shares=max(1, self.out * pct // 100))

    @rule(gap=step, pair=st.permutations(NAMES))
    def join_group(self, gap: int, pair: list[str]) -> None:
        self._add(gap, type="join_group", persons=list(pair[:2]))

    @rule(gap=step)
    def split(self, gap: int) -> None:
        self.out *= 2
        self.held = {k: 2 * v for k, v in self.held.items()}
        self._add(gap, type="split", new=2, old=1)

    @rule(gap=step, who=person, kind=st.sampled_from(("announce", "inadvertence")))
    def person_event(self, gap: int, who: str, kind: str) -> None:
        self._add(gap, type=kind, person=who)

    @rule(gap=step, who=person, pct=st.integers(1, 40))
    def tender_offer(self, gap: int, who: str, pct: int) -> None:
        self._add(gap, type="tender_offer", person=who, shares=max(1, self.out * pct // 100))

    @rule(gap=step, ahead=st.integers(0, 8), kind=st.sampled_from(("extend_distribution", "extend_redemption")))
    def extend(self, gap: int, ahead: int, kind: str) -> None:
        hi = FAR[1] if self.b >= FAR[0] else NEAR[1]
        until = min(self.b + gap + ahead, hi)
        self._add(gap, type=kind, until=index_to_date(until).isoformat())

    @rule(gap=step, half=st.booleans(), rights=st.booleans())
    def board(self, gap: int, half: bool, rights: bool) -> None:
        extra = ({"portion": "1/2"} if half else {}) | ({"kind": "rights"} if rights else {})
        self._add(gap, type="exchange", **extra)

    @rule(gap=step)
    def redeem(self, gap: int) -> None:
        self._add(gap, type="redeem")

    def teardown(self) -> None:
        """Property checked: the model and the reference agree on every determination after every event.

        ``compare`` replays the whole sequence and checks each step's snapshot, so one call
        at the end covers every step (and keeps the test linear in the sequence length).
        """
        if self.data.get("events"):
            _, disagreement = compare(self.data)
            assert disagreement is None, f"{disagreement}\nscenario: {self.data}"


ModelAgreesWithReference.TestCase.settings = settings(settings(), stateful_step_count=10)  # loaded profile
TestModelAgreesWithReference = ModelAgreesWithReference.TestCase
