"""What an evaluation returns: the contract's output object, and the state after each event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from .notes import Note
from .expiration import Expiration
from .inadvertence import Episode
from .scenario import Scenario


@dataclass(frozen=True)
class Snapshot:
    """The state after one event, as determined at that moment (a later cure is not yet applied)."""

    index: int | None
    date: date
    effective: bool
    outstanding: int
    holdings: dict[str, int]
    options: dict[str, int]
    ownership: dict[str, Fraction]
    acquiring_persons: frozenset[str]
    triggering_event: date | None
    shares_acquisition_date: date | None
    distribution_date: date | None
    redemption_deadline: date
    exchange_barred_since: date | None
    ratcheted: frozenset[str]  # 1(a): named holders whose ratchet has taken effect
    grandfathered: frozenset[str]
    shielded: frozenset[str]
    marked: frozenset[str]
    void_holders: frozenset[str]
    redeemed: bool
    exchanged: Fraction
    expired: bool
    acquiring_since: dict[str, date] = field(default_factory=dict)  # 1(a), 1(oo): when each became one
    divestiture_deadlines: dict[str, date] = field(default_factory=dict)  # 1(a)(i): open determinations
    owned_at_crossing: dict[str, Fraction] = field(default_factory=dict)  # 1(a)(i): in today's shares
    announced: frozenset[str] = frozenset()  # 1(hh): current Acquiring Persons publicly announced
    distribution_clauses: dict[str, date] = field(default_factory=dict)  # 1(l)(i) "announcement", (ii) "tender_offer"
    has_been_at_ratchet: frozenset[str] = frozenset()  # 1(a): named holders that have held their ratchet line
    redemption_extension: date | None = None  # 23(a): "such later date as may be determined by ... the Board"


@dataclass
class Evaluation:
    scenario: Scenario
    acquiring_persons: dict[str, date]
    triggering_event: date | None
    shares_acquisition_date: date | None
    distribution_date: date | None
    redemption_deadline: date
    expiration: Expiration
    exchange_barred_since: date | None
    ineffective_events: list[dict[str, Any]]
    void_holders: list[str]
    terms: dict[str, str]
    flip_in: dict[str, str] | None
    flip_over: dict[str, str] | None
    exercises: list[dict[str, Any]]
    explanations: list[Note]
    exchanged: Fraction
    snapshots: list[Snapshot] = field(default_factory=list)
    cured_episodes: frozenset[Episode] = frozenset()
    plan_assumptions: dict[str, str] = field(default_factory=dict)  # place in the terms file -> why assumed

    def to_json(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d is not None else None  # noqa: E731
        return {
            "acquiring_persons": {p: d.isoformat() for p, d in self.acquiring_persons.items()},
            "triggering_event": iso(self.triggering_event),
            "shares_acquisition_date": iso(self.shares_acquisition_date),
            "distribution_date": iso(self.distribution_date),
            "redemption_deadline": iso(self.redemption_deadline),
            "expiration": self.expiration.to_json(),
            "exchange_barred_since": iso(self.exchange_barred_since),
            "ineffective_events": self.ineffective_events,
            "void_holders": self.void_holders,
            "terms": self.terms,
            "flip_in": self.flip_in,
            "flip_over": self.flip_over,
            "exercises": self.exercises,
            "explanations": [n.to_json() for n in self.explanations],
            "exchanged_portion": str(self.exchanged),
            "interpretation": dict(self.scenario.readings),
            "plan": self.scenario.plan.name,
            "plan_assumptions": [{"term": place, "why": why} for place, why in self.plan_assumptions.items()],
        }
