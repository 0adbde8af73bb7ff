"""The properties' own Section 23(a) clock (proofs/independent.py) and its agreement with the model's.

The own-words table is read off the reference calendar, never from solver/calendar_model.py;
``clock_agrees`` is what lets a proof treat the fifth day as an uninterpreted function, so it
must hold for the real model and fail for a model whose clock is wrong.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest
import z3

import rightsplan.solver.calendar_model as calendar_model
from rightsplan.proofs.independent import clock_agrees, rolled_fifth_day
from rightsplan.solver.model import Config
from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.redemption import redemption_deadline
from rightsplan.spec.terms import load_plan


@pytest.mark.parametrize("readings", [{}, {"good_friday": "open"}], ids=["default", "good_friday=open"])
def test_the_own_words_fifth_day_is_the_reference_deadline_at_every_index(readings: dict[str, str]) -> None:
    """Every Business Day from the anchor to the Final Expiration Date: the table's index is the reference's date."""
    cfg = Config().with_readings(**readings)
    days, plan = cfg.calendar, load_plan()
    cal = BusinessCalendar(readings)
    t = z3.Int("t")
    five = rolled_fifth_day(SimpleNamespace(z=z3, cfg=cfg), t)
    for i in range(days.final + 1):
        got = z3.simplify(z3.substitute(five, (t, z3.IntVal(i)))).as_long()
        assert days.days[min(got, days.final)] == redemption_deadline(plan, cal, days.days[i], None), days.days[i]


def test_the_model_clock_agrees_with_the_own_words_clock() -> None:
    assert clock_agrees(Config())
    assert clock_agrees(Config().with_readings(good_friday="open"))


def test_a_model_clock_without_the_weekend_roll_does_not_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Section 1(f): a Saturday fifth day left on the Friday before it is caught before any proof abstracts the clock."""
    build = calendar_model._build
    monkeypatch.setattr(calendar_model, "_build", lambda readings, plan: dataclasses.replace(
        build(readings, plan), weekday_offsets=(4, 3, 3, 3, 3)))
    assert not clock_agrees(Config())
