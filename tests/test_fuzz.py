"""No input hurts: mutated examples never give a traceback, a hang or a partial result.

Hypothesis mutates the worked examples three ways (structured: drop, duplicate and retype
keys, change numbers, dates and names; textual: repeat, drop or splice lines; byte-level:
flip, insert and delete bytes) and runs each through ``rightsplan evaluate --json`` in-process.
Every run must end with status 0 and one JSON object on stdout, or status 2 with nothing on
stdout and one ``error:`` line per problem on stderr; anything else (a traceback, status 3,
more than ``HANG_SECONDS``) fails the test.  CI runs a derandomized few (the "ci" profile);
``make fuzz`` runs ``FUZZ_EXAMPLES`` fresh ones and prints the tally.

The last test checks the evaluator's shortcut for quiet trades (``_Engine._quiet_trade``)
and the watermark filter against the full Section 1(a) pass on random histories.
"""

from __future__ import annotations

import copy
import json
import os
import random
import signal
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsplan.spec import evaluate, scenario_from_data
from rightsplan.spec.cli import cli
from rightsplan.spec.evaluate import _Engine
from rightsplan.spec.ownership import Ownership
from rightsplan.spec.yamlio import load_yaml_text

EXAMPLES = Path(__file__).parent.parent / "examples"
TEXTS = {p.name: p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))}
DATA = {name: load_yaml_text(raw.decode("utf-8"), name) for name, raw in TEXTS.items()}
HANG_SECONDS = 10
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))  # 0: the profile's number (CI)

ODD_VALUES: list[Any] = [
    None, True, False, "no", "", -1, 0, 1, 10**40, Decimal("1.5"), Decimal("-0.0"), "2003-02-29", "2003-13-01",
    "9999-12-31", [], {}, [None], {"a": 1}, "x" * 500, "acme", 1e308, "1/0", "0.5", "NaN",
]
ODD_NAMES = ["zed", "no", "", "acme", "hq", "walden_fund", " ", "null", "events", "x" * 200]
TALLY: Counter[str] = Counter()


class Hang(BaseException):
    """Raised by the alarm when one input takes longer than HANG_SECONDS (passes through ``except Exception``)."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def places(node: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key or index) pair in a document, depth first."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in list(items):
        yield node, key
        yield from places(child)


def mutate_once(draw: Any, data: Any) -> None:
    spots = list(places(data))
    if not spots:
        return
    parent, key = spots[draw(st.integers(0, len(spots) - 1))]
    value = parent[key]
    op = draw(st.sampled_from(["drop", "retype", "number", "date", "name", "duplicate", "rename"]))
    if op == "drop":
        del parent[key]
    elif op == "retype":
        parent[key] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))  # later mutations must not reach ODD_VALUES
    elif op == "number" and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        parent[key] = value * draw(st.integers(-3, 3)) + draw(st.integers(-2, 2))
    elif op == "date" and isinstance(value, date):
        parent[key] = value + timedelta(days=draw(st.integers(-4000, 4000)))
    elif op == "name" and isinstance(value, str):
        parent[key] = draw(st.sampled_from(ODD_NAMES))
    elif op == "duplicate" and isinstance(value, (list, dict)) and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(value))
    elif op == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from(ODD_NAMES))] = parent.pop(key)


def plain(value: Any) -> Any:
    """The document as JSON can write it: dates (keys too) as ISO text, decimals as text."""
    if isinstance(value, dict):
        return {k.isoformat() if isinstance(k, date) else k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value


def as_json(value: Any) -> str:
    return json.dumps(plain(value))


@st.composite
def structured(draw: Any) -> tuple[str, bytes]:
    data = copy.deepcopy(DATA[draw(st.sampled_from(sorted(DATA)))])
    for _ in range(draw(st.integers(1, 4))):
        mutate_once(draw, data)
    return draw(st.sampled_from([".yaml", ".json"])), as_json(data).encode()


@st.composite
def textual(draw: Any) -> tuple[str, bytes]:
    lines = TEXTS[draw(st.sampled_from(sorted(TEXTS)))].decode("utf-8").splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["repeat", "drop", "splice", "indent", "anchor"]))
        if op == "repeat":
            lines.insert(i, lines[i])
        elif op == "drop":
            del lines[i]
        elif op == "splice":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))] + draw(st.sampled_from(
                [": ", "[", "{", "&a", "*a", "!!binary", "- ", "'", '"', "#", "\t", "2003-02-29", "9" * 40]))
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 5)) + lines[i]
        else:
            lines.insert(i, "x: &a [1, 2, 3]\ny: [*a, *a, *a]")
        if not lines:
            break
    return ".yaml", "\n".join(lines).encode("utf-8")


@st.composite
def byte_level(draw: Any) -> tuple[str, bytes]:
    raw = bytearray(TEXTS[draw(st.sampled_from(sorted(TEXTS)))])
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(raw)))
        op = draw(st.sampled_from(["flip", "insert", "delete"]))
        if op == "flip" and i < len(raw):
            raw[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            raw[i:i] = draw(st.binary(min_size=1, max_size=4))
        elif i < len(raw):
            del raw[i]
    return draw(st.sampled_from([".yaml", ".json"])), bytes(raw)


def run_cli(tmp_path: Path, suffix: str, content: bytes) -> None:
    """Run one input through the CLI and check the error contract; count what happened."""
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes(content)
    TALLY["tried"] += 1
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        result = CliRunner().invoke(cli, ["evaluate", str(path), "--json"])
    except Hang:
        TALLY["hangs"] += 1
        raise AssertionError(f"more than {HANG_SECONDS} s on {content[:200]!r}") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if result.exit_code not in (0, 2) or "Traceback" in result.output or "internal error" in result.stderr:
        TALLY["tracebacks"] += 1
        raise AssertionError(f"exit {result.exit_code}: {result.stderr[-400:]} {result.exception!r} on {content[:300]!r}")
    if result.exit_code == 0:
        TALLY["accepted"] += 1
        assert isinstance(json.loads(result.stdout), dict)
        assert all(line.startswith("warning: ") for line in result.stderr.splitlines())
    else:
        TALLY["refused"] += 1
        assert result.stdout == "", "a partial result"
        # spec/cli.py warns (before evaluating) that an expect: block is not checked; the rest are errors.
        lines = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
        assert 1 <= len(lines) <= 21 and all(line.startswith("error: ") for line in lines), lines


@pytest.fixture(scope="module", autouse=True)
def tally() -> Iterator[None]:
    yield
    print(f"\nfuzz: {TALLY['tried']} inputs tried, {TALLY['tracebacks']} tracebacks, {TALLY['hangs']} hangs "
          f"({TALLY['accepted']} evaluated, {TALLY['refused']} refused with status 2)")


def fuzz_settings(ci_examples: int) -> Any:
    examples = FUZZ_EXAMPLES or ci_examples
    return settings(max_examples=examples, deadline=None, derandomize=not FUZZ_EXAMPLES,
                    suppress_health_check=list(HealthCheck))


@fuzz_settings(120)
@given(case=structured())
def test_structured_mutations_of_the_examples_never_hurt(tmp_path_factory: Any, case: tuple[str, bytes]):
    run_cli(tmp_path_factory.mktemp("s"), *case)


@fuzz_settings(80)
@given(case=textual())
def test_textual_mutations_of_the_examples_never_hurt(tmp_path_factory: Any, case: tuple[str, bytes]):
    run_cli(tmp_path_factory.mktemp("t"), *case)


@fuzz_settings(80)
@given(case=byte_level())
def test_byte_mutations_of_the_examples_never_hurt(tmp_path_factory: Any, case: tuple[str, bytes]):
    run_cli(tmp_path_factory.mktemp("b"), *case)


# -- the shortcut for quiet trades agrees with the full pass ----------------------------------

ROLES = ["ordinary", "ordinary", "ordinary", "walden", "hq", "employee_plan"]


@st.composite
def crowded_histories(draw: Any) -> dict[str, Any]:
    """Many small holders and a few near the thresholds, with the events that set protections and cures."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    n = rng.randint(3, 12)
    names = [f"p{i}" for i in range(n)]
    persons = {p: {"role": rng.choice(ROLES)} for p in names}
    outstanding = rng.choice([1000, 2000, 10_000])
    held = {p: rng.choice([0, 5, 40, 100, 130, 160]) * outstanding // 1000 for p in names}
    total = sum(held.values())
    outstanding = max(outstanding, total + rng.randint(1, outstanding))
    initial, initial_outstanding = dict(held), outstanding
    events: list[dict[str, Any]] = []
    day = date(2003, 4, 1)
    for _ in range(rng.randint(1, 40)):
        day += timedelta(days=rng.choice([0, 0, 1, 3, 9]))
        kind = rng.choice(["acquire"] * 4 + ["dispose"] * 3 + ["option", "issue", "repurchase", "join_group",
                                                                "announce", "inadvertence", "tender_offer"])
        p = rng.choice(names)
        if kind == "acquire" and outstanding - total >= 1:
            e = {"type": kind, "person": p, "shares": rng.randint(1, max(1, min(outstanding // 20, outstanding - total)))}
            held[p] += e["shares"]
            total += e["shares"]
        elif kind == "dispose" and held[p] >= 1:
            e = {"type": kind, "person": p, "shares": rng.randint(1, held[p])}
            held[p] -= e["shares"]
            total -= e["shares"]
        elif kind == "option":
            e = {"type": kind, "person": p, "shares": rng.randint(1, outstanding // 20)}
        elif kind == "issue":
            e = {"type": kind, "shares": rng.randint(1, outstanding // 5)}
            outstanding += e["shares"]
        elif kind == "repurchase" and outstanding - total >= 2:
            e = {"type": kind, "shares": rng.randint(1, min(outstanding // 5, outstanding - total - 1))}
            outstanding -= e["shares"]
        elif kind == "join_group":
            e = {"type": kind, "persons": rng.sample(names, 2)}
        elif kind in ("announce", "inadvertence"):
            e = {"type": kind, "person": p}
        elif kind == "tender_offer":
            e = {"type": kind, "person": p, "shares": rng.randint(1, outstanding // 5)}
        else:
            continue
        e["date"] = day.isoformat()
        events.append(e)
    return {"outstanding": initial_outstanding, "persons": persons, "holdings": initial, "events": events}


@settings(max_examples=FUZZ_EXAMPLES or 150, deadline=None, derandomize=not FUZZ_EXAMPLES,
          suppress_health_check=list(HealthCheck))
@given(crowded_histories(), st.sampled_from(["all_purposes", "status_only"]))
def test_the_shortcut_for_quiet_trades_changes_no_result(data: dict[str, Any], cure: str):
    data["interpretation"] = {"inadvertence_cure": cure}
    scenario = scenario_from_data(data, "<hypothesis>")
    fast = evaluate(scenario, snapshots=True)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_Engine, "_quiet_trade", lambda self, e: False)
        m.setattr(Ownership, "could_reach", lambda self, unit: True)
        m.setattr(Ownership, "candidates", lambda self: set(self._members))
        full = evaluate(scenario, snapshots=True)
    fast_json, full_json = fast.to_json(), full.to_json()
    # Notes made while looping over a set of units may come in another order; their content may not differ.
    for result in (fast_json, full_json):
        result["explanations"].sort(key=lambda n: (-1 if n["index"] is None else n["index"], n["section"], n["text"]))
    assert fast_json == full_json
    assert fast.snapshots == full.snapshots
