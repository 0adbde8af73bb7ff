"""Outputs do not depend on Python's string hash seed: the same scenario gives byte-identical JSON.

Sets of units and persons are iterated in sorted order wherever the order reaches an output
(notes, the Triggering Event's explanation, grandfathering); this test runs every example in
two interpreters with different hash seeds and compares everything they print.  The retroactive
cure's counterexamples are also the same bytes whatever the number of verify's workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SCRIPT = """
import json, sys
from pathlib import Path
from rightsplan.spec.evaluate import evaluate
from rightsplan.spec.scenario import load_scenario
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    print(path.name, json.dumps(evaluate(load_scenario(path)).to_json(), sort_keys=False))
"""


def _run(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run([sys.executable, "-c", SCRIPT, str(EXAMPLES)], env=env, capture_output=True, text=True,
                          check=True).stdout


def test_every_example_prints_the_same_under_two_hash_seeds() -> None:
    first, second = _run("1"), _run("2")
    assert first.count("\n") == len(list(EXAMPLES.glob("*.yaml")))
    assert first == second


def test_the_final_result_beliefs_counterexamples_are_the_same_bytes_for_one_and_two_jobs(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The retroactive cure's beliefs (proofs/cure_check.py ``search``): one scenario file whatever the workers.

    Two runs of ``rightsplan verify`` on those beliefs, with one worker and with two: each worker process is
    fresh, and each checks its properties in whatever order the pool hands them out; the files must not care.
    """
    import json

    from rightsplan.proofs import verify

    runs = {}
    for jobs in (1, 2):
        out = tmp_path_factory.mktemp(f"cure_jobs{jobs}")
        assert verify.main(["--property", "status_triggering_event_fixed", "--property", "refused_redemption_stays",
                            "--jobs", str(jobs), "--out", str(out), "--no-identities"]) == 0
        files = {f.name: f.read_bytes() for f in sorted((out / "counterexamples").glob("*.yaml"))}
        results = {r["id"]: {k: v for k, v in r.items() if k not in ("seconds", "scenario")}
                   for r in json.loads((out / "report.json").read_text())["results"]}
        runs[jobs] = files, results
    assert sorted(runs[1][0]) == ["refused_redemption_stays_refused.yaml", "status_triggering_event_fixed.yaml"]
    assert runs[1] == runs[2]


FRESH = """
import json, sys
from rightsplan.proofs import verify
print(json.dumps(verify.check([sys.argv[1]], 2)[0]["scenario_data"], sort_keys=True, default=str))
"""


@pytest.mark.parametrize("name", ["status_triggering_event_fixed", "refused_redemption_stays_refused"])
def test_a_final_result_belief_s_counterexample_does_not_depend_on_what_the_process_solved_before(name: str) -> None:
    """The same scenario from a fresh interpreter and from this one after other searches and proofs.

    The search's answer once depended on the process's earlier solving (a tightening check the solver gave up on
    was taken as "no"; minimize.Tightener now retries or raises): a fresh process and a used one must agree.
    """
    import json

    from rightsplan.proofs import verify

    verify.check(["own_words_redemption_effective_exactly_in_window", "acquiring_person_stays"], 2)
    verify.check(["status_triggering_event_fixed" if name != "status_triggering_event_fixed"
                  else "refused_redemption_stays_refused"], 2)
    here = json.dumps(verify.check([name], 2)[0]["scenario_data"], sort_keys=True, default=str)
    fresh = subprocess.run([sys.executable, "-c", FRESH, name], capture_output=True, text=True, check=True).stdout
    assert here == fresh.strip()
