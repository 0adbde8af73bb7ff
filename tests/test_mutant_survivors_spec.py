"""Boundaries that legal-logic mutants of the reference implementation survived, pinned in spec/ alone.

The reference implementation's own tests (those that import neither the model nor the checker)
are what a mutant of ``spec/`` meets first (proofs/mutants_sandbox.py), so a boundary a ``spec/``
mutant moved is pinned here with the reference implementation only; its twin in the model is
pinned in tests/test_mutant_survivors.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rightsplan.spec.evaluate import evaluate
from rightsplan.spec.scenario import scenario_from_data


def exchange_on(day: str) -> Any:
    """a crosses at 20% on 2003-04-22, is announced on 04-23 (Distribution Date 05-07), the Board exchanges on ``day``."""
    data = {"outstanding": 1000, "persons": {"a": {}}, "holdings": {"a": 100},
            "interpretation": {"exchange_requires_exercisable": "yes"},
            "events": [{"date": "2003-04-22", "type": "acquire", "person": "a", "shares": 100},
                       {"date": "2003-04-23", "type": "announce", "person": "a"},
                       {"date": day, "type": "exchange"}]}
    return evaluate(scenario_from_data(data, "<test>"), snapshots=True).snapshots[-1]


# Section 24(a) "exchange all or part of the then outstanding and exercisable Rights" with Section 7(a)
# "at any time after the Distribution Date", under exchange_requires_exercisable=yes
# (mutant 24a_exercisable_on_the_distribution_date_spec).

def test_under_exchange_requires_exercisable_an_exchange_on_the_distribution_date_itself_is_refused() -> None:
    last = exchange_on("2003-05-07")
    assert last.distribution_date == date(2003, 5, 7)
    assert (last.effective, last.exchanged) == (False, 0)


def test_under_exchange_requires_exercisable_an_exchange_the_business_day_after_takes_effect() -> None:
    last = exchange_on("2003-05-08")
    assert (last.effective, last.exchanged) == (True, 1)
