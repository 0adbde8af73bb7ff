"""Scenario files that state their own answers: compare an evaluation with the file's ``expect:`` block.

A scenario may carry ``expect``: some of the ``evaluate --json`` keys with the values worked
out by hand from the agreement (an optional field of the public format).  Each expected key
is compared with the evaluation's output, and passes or fails on its own:

- ``acquiring_persons`` compares whole: a person missing or extra is a failure;
- an object compares on the fields the file gives (``expiration: {cause: redemption}``);
- a list of objects compares item by item, same length, each on the fields given;
- any other list (names) compares as a set;
- anything else compares equal, dates as ISO strings and numbers as decimal strings, so a
  YAML ``2003-06-02`` or ``125.00`` matches the JSON's ``"2003-06-02"`` or ``"125.00"``.

A file without ``expect`` (or with an empty one) states no answer, so it does not pass:
it is reported as having no expect block.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from .evaluate import evaluate
from .scenario import Scenario, load_scenario

MISSING = "(no such key in the output)"
SHOWN = 100  # characters of a passing value shown in a report


def plain(value: Any) -> Any:
    """Dates as ISO strings and numbers as strings, so YAML input compares with JSON output."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (int, float, Decimal, Fraction)) and not isinstance(value, bool):
        return str(value)
    return value


def matches(key: str, expected: Any, got: Any) -> bool:
    """Whether one output value is what the file expected, by the rules of this module's docstring."""
    if key == "acquiring_persons":
        return expected == got
    if isinstance(expected, dict):
        return isinstance(got, dict) and all(k in got and plain(got[k]) == v for k, v in expected.items())
    if isinstance(expected, list) and all(isinstance(e, dict) for e in expected):
        return (isinstance(got, list) and len(got) == len(expected)
                and all(matches(key, e, g) for e, g in zip(expected, got)))
    if isinstance(expected, list):
        return isinstance(got, list) and sorted(expected) == sorted(plain(got))
    return expected == got


@dataclass(frozen=True)
class KeyCheck:
    """One expected key: what the file says, what the evaluation gave, and whether they agree."""

    key: str
    expected: Any
    got: Any
    passed: bool


@dataclass(frozen=True)
class FileCheck:
    """The checks of one scenario file; ``checks`` is None when the file has no ``expect`` block."""

    source: str
    checks: tuple[KeyCheck, ...] | None

    @property
    def failures(self) -> tuple[KeyCheck, ...]:
        return tuple(c for c in self.checks or () if not c.passed)


def compare(expect: Mapping[str, Any], output: Mapping[str, Any]) -> tuple[KeyCheck, ...]:
    """Check every expected key against the evaluation's JSON output, in the file's order.

    The comparison is made on the ``plain`` forms; a check keeps the values as written and
    as output, for the report.
    """
    got = plain(output)
    checks = []
    for key, value in expect.items():
        name = str(key)
        if name not in got:
            checks.append(KeyCheck(name, value, MISSING, False))
        else:
            checks.append(KeyCheck(name, value, output[name], matches(name, plain(value), got[name])))
    return tuple(checks)


def check_scenario(scenario: Scenario) -> FileCheck:
    """Evaluate a scenario and check it against its own ``expect`` block, if it has one."""
    if not scenario.expect:  # absent, or an empty block: no answer stated
        return FileCheck(scenario.source, None)
    return FileCheck(scenario.source, compare(scenario.expect, evaluate(scenario).to_json()))


def check_files(paths: Iterable[str | Path]) -> list[FileCheck]:
    """Load every file first (bad input stops everything before any evaluation), then check each."""
    scenarios = [load_scenario(p) for p in paths]
    return [check_scenario(s) for s in scenarios]


def _show(value: Any, limit: int | None = None) -> str:
    text = value if value == MISSING else json.dumps(value, ensure_ascii=False, default=str)
    return text if limit is None or len(text) <= limit else text[: limit - 3] + "..."


def report_lines(results: Sequence[FileCheck]) -> list[str]:
    """Each file, then each expected key PASS or FAIL (with expected and got), then one summary line."""
    lines = []
    for r in results:
        lines.append(r.source)
        if r.checks is None:
            lines.append("  no expect block: the file states no answer to check")
            continue
        for c in r.checks:
            if c.passed:
                lines.append(f"  PASS {c.key}: {_show(c.got, SHOWN)}")
            else:
                lines.append(f"  FAIL {c.key}: expected {_show(c.expected)}, got {_show(c.got)}")
    lines.append(summary(results))
    return lines


def summary(results: Sequence[FileCheck]) -> str:
    """'N files, K keys: all as expected', or what failed and which files state no answer."""
    keys = sum(len(r.checks or ()) for r in results)
    head = f"{len(results)} file{'s' if len(results) != 1 else ''}, {keys} key{'s' if keys != 1 else ''}"
    failed = [r for r in results if r.failures]
    bare = [r.source for r in results if r.checks is None]
    if not failed and not bare:
        return f"{head}: all as expected"
    parts = []
    if failed:
        wrong = sum(len(r.failures) for r in failed)
        where = "; ".join(f"{r.source} ({', '.join(c.key for c in r.failures)})" for r in failed)
        parts.append(f"{wrong} not as expected: {where}")
    if bare:
        parts.append(f"no expect block: {', '.join(bare)}")
    return f"{head}: " + "; ".join(parts)


def all_as_expected(results: Sequence[FileCheck]) -> bool:
    """True when every file has an ``expect`` block and every expected key passed."""
    return all(r.checks is not None and not r.failures for r in results)
