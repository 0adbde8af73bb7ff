"""The terms of a Right through a scenario, and the flip-in and flip-over once they arise.

``EconomicState`` is what the evaluator drives: it feeds every event through Section 11
(``apply``), remembers the terms in force before each event (so the flip-in uses those
"in effect immediately prior to the occurrence of the Triggering Event", Section
11(a)(ii)), computes the flip-over at a Section 13 event, and keeps an explanation for
every change, each with its section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .adjustments import ECONOMIC_KINDS, EconomicContext, RightTerms, apply_economic_event, initial_terms, settle
from .flip import FlipIn, FlipOver, flip_in, flip_over
from .fractional import Delivery, common_delivery, preferred_delivery
from .market_price import TradingCalendar
from .errors import ScenarioError
from .notes import Note

_CITATION = re.compile(r"(Section \d+(?:\((?:[a-z]{1,2}|i{1,3}|iv|v|vi)\))*|Exhibit [ABC] §\d+)")


def section_of(text: str, default: str) -> str:
    """The last citation in an explanation sentence (the one its closing parenthesis gives)."""
    found = _CITATION.findall(text)
    return found[-1] if found else default


@contextmanager
def needing_prices(index: int | None, what: str) -> Iterator[None]:
    """Name the event whose computation needs the closing prices a scenario lacks (Sections 1(j), 14).

    The missing prices are the scenario's ``prices`` to fix, so the place stays ``prices``; the
    message adds which event needed them, so counsel know why those days are asked for.
    """
    try:
        yield
    except ScenarioError as err:
        if err.place != "prices" or index is None:
            raise
        raise ScenarioError(err.file, err.place, err.value, f"{err.expected}, which events[{index}] ({what}) needs",
                            err.section, err.line) from None


class EconomicState:
    """Terms of a Right as the events go by, with the history the flip provisions need."""

    def __init__(self, scenario: Any, calendar: TradingCalendar, expiration: date | None = None) -> None:
        self.ctx = EconomicContext.from_scenario(scenario, calendar, expiration)
        self.terms: RightTerms = initial_terms(scenario.plan)
        self.history: list[tuple[date, int, RightTerms]] = []  # terms in force before each event
        self.explanations: list[Note] = []
        self.flip_over: FlipOver | None = None
        self.exercises: list[Exercise] = []

    def note(self, index: int | None, texts: list[str], default: str) -> None:
        self.explanations += [Note(index, section_of(t, default), t) for t in texts]

    def apply(self, e: Any) -> None:
        """Record the terms before ``e``, then make any due 11(d) adjustment and the event's own."""
        self.history.append((e.date, e.index, self.terms))
        with needing_prices(e.index, f"{e.kind} on {e.date.isoformat()}"):
            if e.kind in ECONOMIC_KINDS:
                self.terms, notes = apply_economic_event(self.terms, e, self.ctx)
            else:
                self.terms, notes = settle(self.terms, e.date, self.ctx)
        self.note(e.index, notes, "Section 11(d)")

    def terms_before(self, when: date, index: int | None = None) -> RightTerms:
        """Terms in force just before event ``index`` (or, without one, at the start of ``when``)."""
        chosen = self.terms
        for d, i, rt in reversed(self.history):
            if (index is not None and i >= index) or (index is None and d >= when):
                chosen = rt
        return chosen

    def flip_in(self, trigger: date, index: int | None = None) -> FlipIn:
        """The Section 11(a)(ii) flip-in for a Triggering Event on ``trigger`` (event ``index``)."""
        before, notes = settle(self.terms_before(trigger, index), trigger, self.ctx)
        self.note(index, notes, "Section 11(d)")
        with needing_prices(index, f"the Triggering Event on {trigger.isoformat()}, for the flip-in"):
            fi = flip_in(before, trigger, self.ctx)
        self.note(index, [fi.explanation()], "Section 11(a)(ii)")
        return fi

    def merger(self, e: Any) -> FlipOver:
        """The Section 13(a) flip-over at a ``merger`` event, from the terms in force before it."""
        before, notes = settle(self.terms_before(e.date, e.index), e.date, self.ctx)
        self.note(e.index, notes, "Section 11(d)")
        with needing_prices(e.index, f"{e.kind} on {e.date.isoformat()}"):
            fo = flip_over(before, Decimal(e["principal_price"]), self.ctx)
        self.flip_over = fo
        self.note(e.index, [fo.explanation()], "Section 13(a)")
        return fo

    def finish(self, as_of: date) -> None:
        """Make any carried-forward adjustment whose Section 11(d) deadline is on or before ``as_of``."""
        self.terms, notes = settle(self.terms, as_of, self.ctx)
        self.note(None, notes, "Section 11(d)")

    def exercise(self, e: Any, flipped: FlipIn | None) -> Exercise:
        """What an ``exercise`` of ``e["rights"]`` Rights delivers on ``e.date``, with cash for fractions.

        Before a flip-in a Right buys one-thousandths of a Preferred Share (Section 14(b));
        after it, Common Shares (Section 14(c)).  Whether the Rights are exercisable and not
        void (Sections 7(a), 7(e)) is the evaluator's to decide before calling this.
        """
        with needing_prices(e.index, f"exercise on {e.date.isoformat()}"):
            if flipped is None:
                d = preferred_delivery(e["rights"], self.terms.thousandths_per_right, e.date, self.ctx)
                what = "Preferred Shares"
            else:
                d = common_delivery(e["rights"], flipped.common_shares_per_right, e.date, self.ctx)
                what = "Common Shares"
        ex = Exercise(e.index, e["person"], e["rights"], what, d)
        self.exercises.append(ex)
        self.note(e.index, [ex.explanation()], d.section)
        return ex


@dataclass(frozen=True)
class Exercise:
    """One exercise: who, how many Rights, and the delivery with cash in lieu of the fraction."""

    index: int
    person: str
    rights: int
    security: str
    delivery: Delivery

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "person": self.person, "rights": self.rights, "security": self.security,
                **self.delivery.to_json()}

    def explanation(self) -> str:
        d = self.delivery.to_json()
        return (f"{self.person} exercises {self.rights} Rights for {d['whole']} {self.security} and ${d['cash']} "
                f"in cash for the fraction {d['fraction']} at ${d['unit_value']} ({self.delivery.section}).")


class Economics:
    """The evaluator's link to Sections 1(j), 11, 13 and 14 (called by ``evaluate``).

    The evaluator calls ``apply`` for every ``split`` and every event kind it has no handler
    for, ``merger`` at an effective Section 13 event, and at the end ``flip_in``,
    ``terms_json``, ``flip_over_json``, ``exercises_json`` and ``explanations``.
    """

    def __init__(self, s: Any, calendar: Any) -> None:
        self.s = s
        expiration = calendar.close_of_business(s.plan.final_expiration_date)
        self.state = EconomicState(s, calendar, expiration)
        self.last = s.events[-1].date if s.events else s.start
        self._exercises: list[Any] = []
        self._flip_in: FlipIn | None = None

    def apply(self, e: Any, engine: Any = None, outstanding_before: int | None = None) -> None:
        self.state.apply(e)
        if e.kind == "exercise":
            self._exercises.append(e)

    def merger(self, e: Any, engine: Any = None) -> None:
        self.state.merger(e)

    def flip_in(self, trigger: date, engine: Any = None, index: int | None = None) -> dict[str, Any] | None:
        """The flip-in as JSON, or None (with an explanation) when the scenario gives no prices at all.

        ``index`` is the event that was the Triggering Event; without it the terms are those
        in force at the start of the trigger date.
        """
        self.state.finish(self.last)
        if not self.s.prices:
            self.state.note(None, ["No closing prices are given, so the flip-in's Common Shares per Right "
                                    "cannot be computed (Section 11(a)(ii))."], "Section 11(a)(ii)")
            return None
        self._flip_in = self.state.flip_in(trigger, index)
        return self._flip_in.to_json()

    def terms_json(self) -> dict[str, str]:
        self.state.finish(self.last)
        return self.state.terms.to_json()

    def flip_over_json(self) -> dict[str, str] | None:
        return self.state.flip_over.to_json() if self.state.flip_over else None

    def exercises_json(self, trigger: date | None, void: frozenset[str] | set[str]) -> list[dict[str, Any]]:
        """Deliveries for the ``exercise`` events: Common after the flip-in, Preferred before; void Rights none."""
        out = []
        for e in self._exercises:
            if e["person"] in void:
                self.state.note(e.index, [f"{e['person']}'s Rights are void: the exercise delivers nothing "
                                           "(Section 7(e))."], "Section 7(e)")
                continue
            flipped = self._flip_in if trigger is not None and e.date >= trigger else None
            out.append(self.state.exercise(e, flipped).to_json())
        return out

    def explanations(self) -> list[Note]:
        return list(self.state.explanations)
