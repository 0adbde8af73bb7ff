"""The evaluator's link to the price provisions (Sections 1(j), 11, 13, 14)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .scenario import Event, Scenario

if TYPE_CHECKING:
    from .calendar import BusinessCalendar
    from .evaluate import _Engine


class Economics:
    """Terms of a Right in force, and the flip-in / flip-over once they arise."""

    def __init__(self, s: Scenario, calendar: BusinessCalendar) -> None:
        plan = s.plan
        self._terms = {
            "exercise_price": str(plan.exercise_price),
            "thousandths_per_right": str(plan.thousandths_per_right),
            "rights_per_share": str(plan.rights_per_share),
            "redemption_price": str(plan.redemption_price),
        }
        self._flip_over: dict[str, str] | None = None

    def apply(self, e: Event, engine: _Engine, outstanding_before: int | None = None) -> None:
        return None

    def merger(self, e: Event, engine: _Engine) -> None:
        return None

    def flip_in(self, trigger: date, engine: _Engine) -> dict[str, str] | None:
        return None

    def flip_over_json(self) -> dict[str, str] | None:
        return self._flip_over

    def terms_json(self) -> dict[str, str]:
        return dict(self._terms)
