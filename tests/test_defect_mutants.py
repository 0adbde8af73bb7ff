"""The defects of issue 8, re-introduced on purpose: `make verify`'s checks must catch each one.

Each defect is kept as a named mutant (proofs/mutants_set.py ``DEFECTS``) and applied in a
private copy of the checkout (proofs/mutants_sandbox.py); it is caught when one of the checks
`make verify` runs fails in that copy: the worked examples' stated answers (`rightsplan test
examples/*.yaml`), ``rightsplan verify --jobs 2``, or the derandomized stateful cross-check.
The unmutated copy must pass all three, or a "catch" would mean nothing.

(a) spec: the shares owned at crossing are not rescaled by a split;
(b) model: the Section 23(a) fifth day counted in Business Days;
(c) model: no Section 1(f) roll of the fifth day;
(d) model: options left out of the denominator;
(e) model: ``>=`` turned into ``>`` in the 50% bar;
(f) model: no cap of the redemption deadline at the Final Expiration Date;
(g) model: a cured person's Rights stay void;
(h) spec: the Distribution-Date extension dropped when one of two same-day announced
    Acquiring Persons is cured.

Each defect is its own test, so the run says exactly which are caught.  All eight take
several minutes on two cores (each runs verify and the cross-check in its own copy), so the
tests run only when RIGHTSPLAN_DEFECT_MUTANTS=1 is set (`make mutants` sets it);
RIGHTSPLAN_MUTANT_JOBS sets how many copies are checked at once (default 2), and
RIGHTSPLAN_MUTANTS_LOG names a file that keeps each outcome as a JSON line (the defects
table of docs/mutants.md is rendered from it).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from rightsplan.proofs.mutants_run import Outcome, baseline, left_out, run_mutant
from rightsplan.proofs.mutants_set import BY_NAME, DEFECTS

CHECKS = ("examples", "verify", "crosscheck")  # what `make verify` runs: the examples' answers, the catalogue, the cross-check

pytestmark = pytest.mark.skipif(os.environ.get("RIGHTSPLAN_DEFECT_MUTANTS") != "1",
                                reason="slow (minutes): set RIGHTSPLAN_DEFECT_MUTANTS=1, as `make mutants` does")


JOBS = int(os.environ.get("RIGHTSPLAN_MUTANT_JOBS", "2"))  # copies checked at once; 1 on a shared machine


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Any]:
    """The baseline, then every defect, JOBS copies at a time; each stops at the first check that catches it."""
    base = baseline(CHECKS, jobs=JOBS)
    skipped = left_out(base)
    with ThreadPoolExecutor(JOBS) as pool:
        runs = {letter: pool.submit(run_mutant, BY_NAME[name], CHECKS, deselect=skipped)
                for letter, name in DEFECTS.items()}
        return {"baseline": base, **{k: f.result() for k, f in runs.items()}}


def test_the_unmutated_copy_passes_every_check(outcomes: dict[str, Any]) -> None:
    failed = {c: r.detail for c, r in outcomes["baseline"].items() if not r.passed}
    assert not failed, f"without any defect these checks already fail, so they cannot show one: {failed}"


@pytest.mark.parametrize("letter", sorted(DEFECTS), ids=lambda k: f"{k}-{DEFECTS[k]}")
def test_each_defect_of_issue_8_is_caught(letter: str, outcomes: dict[str, Any]) -> None:
    o: Outcome = outcomes[letter]
    assert o.verdict != "ROTTED", o.detail
    results = {r.check: "fails (caught)" if not r.passed else "passes" for r in o.checks}
    caught = [r.check for r in o.checks if not r.passed]
    assert caught, f"defect ({letter}) {o.mutant.mistake}: not caught: {results}"
