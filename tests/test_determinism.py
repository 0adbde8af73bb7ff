"""Outputs do not depend on Python's string hash seed: the same scenario gives byte-identical JSON.

Sets of units and persons are iterated in sorted order wherever the order reaches an output
(notes, the Triggering Event's explanation, grandfathering); this test runs every example in
two interpreters with different hash seeds and compares everything they print.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
