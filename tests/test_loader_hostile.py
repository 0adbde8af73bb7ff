"""Hostile and careless input is refused through the CLI: exit 2, one short line, the place named.

Each case writes a file, runs ``rightsplan evaluate FILE --json`` in-process (click's runner,
the same function the console script calls) and checks the whole error contract: status 2,
nothing on stdout, no traceback, exactly one line on stderr, naming the file and the place.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rightsplan.spec.cli import cli
from rightsplan.spec.errors import VALUE_WIDTH

BASE = """\
outstanding: 1000000
persons:
  acme: {}
events:
  - {date: 2003-06-02, type: acquire, person: acme, shares: 10}
"""


def bomb(levels: int = 9) -> str:
    """A YAML alias bomb: each level repeats the one before nine times (9**levels values)."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def run(tmp_path: Path, name: str, content: str | bytes, env: dict[str, str] | None = None):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(path), "--json"], env=env)
    return path, result


def refused(tmp_path: Path, name: str, content: str | bytes, env: dict[str, str] | None = None) -> str:
    """Run the CLI and check the error contract; returns the one error line."""
    path, result = run(tmp_path, name, content, env)
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {path}")
    assert len(lines[0]) < len(str(path)) + 260, lines[0]
    return lines[0]


CASES = [
    # (id, file name, content, words the line must hold)
    ("person declared twice", "twice.yaml",
     "outstanding: 1000000\npersons:\n  big: {}\n  big: {role: hq}\nevents: []\n",
     ["persons.big (line 4, column 3)", "each key once", "first at line 3"]),
    ("key twice in an event", "event.yaml",
     "outstanding: 100\npersons: {a: {}}\nevents:\n  - {date: 2003-06-02, type: acquire, person: a, shares: 1, shares: 2}\n",
     ["events[0].shares (line 4", "each key once"]),
    ("key twice in a JSON file", "twice.json",
     '{"outstanding": 100, "persons": {"a": {}, "a": {"role": "hq"}}}',
     ["persons.a", "each key once"]),
    ("alias bomb in a role", "bomb-role.yaml",
     bomb() + "outstanding: 100\npersons:\n  x: {role: *a8}\n",
     ["line ", "aliases that expand to at most 10,000"]),
    ("alias bomb in an interpretation value", "bomb-reading.yaml",
     bomb() + "outstanding: 100\ninterpretation: {partial_exchange_expires: *a8}\n",
     ["line ", "aliases that expand to at most 10,000"]),
    ("deep nesting", "deep.yaml", "outstanding: " + "[" * 5000 + "]" * 5000 + "\n",
     ["levels of nesting"]),
    ("deep nesting in JSON", "deep.json", '{"outstanding": ' + "[" * 100000 + "]" * 100000 + "}",
     ["levels of nesting"]),
    ("a 100,000-digit share count", "huge.yaml", BASE.replace("shares: 10", "shares: " + "7" * 100_000),
     ["events[0].shares (line 5", "at most 30 digits"]),
    ("a 100,000-digit share count in JSON", "huge.json",
     '{"outstanding": ' + "7" * 100_000 + "}", ["at most 30 digits"]),
    ("a 31-digit share count in JSON", "long.json",
     '{"outstanding": ' + "7" * 31 + "}", ["outstanding", "at most 30 digits"]),
    ("a number with a huge exponent", "exp.yaml", BASE + "prices: {2003-05-01: 1e999999}\n",
     ["prices.2003-05-01 (line 6", "exponent at most 30"]),
    ("binary bytes", "binary.yaml", b"outstanding: 10\n\x00\x01\x02\xff\xfe", ["line 2, column 1", "NUL byte"]),
    ("UTF-16 with a byte-order mark", "utf16.yaml", BASE.encode("utf-16"), ["UTF-16", "expected UTF-8"]),
    ("UTF-16 without a byte-order mark", "utf16le.yaml", BASE.encode("utf-16-le"), ["line 1, column 2", "NUL byte"]),
    ("a byte that is not UTF-8", "latin1.yaml", BASE.replace("acme", "acm\u00e9").encode("latin-1"),
     ["line 3, column 6", "byte 0xe9, not UTF-8"]),
    ("an empty file", "empty.yaml", "", ["empty.yaml: top level: got 'an empty document'", "a mapping with outstanding"]),
    ("a list at the top level", "list.yaml", "- 1\n- 2\n", ["list.yaml: top level (line 1, column 1): got 'list'", "a mapping at the top level"]),
    ("a word at the top level", "word.yaml", "hello\n", ["word.yaml: top level (line 1, column 1): got 'str'", "a mapping at the top level"]),
    ("February 29 of 2003", "feb29.yaml",
     BASE + "  - {date: 2003-06-03, type: extend_redemption, until: 2003-02-29}\n",
     ["events[1].until (line 6, column", "'2003-02-29'", "February 2003 has 28 days"]),
    ("February 29 of 2003 in JSON", "feb29.json",
     '{"outstanding": 10, "start": "2003-02-29"}', ["start", "February 2003 has 28 days"]),
    ("a thirteenth month", "month13.yaml", "outstanding: 10\nstart: 2003-13-01\n",
     ["start (line 2, column 8)", "no month 13"]),
    ("a missing plan file", "noplan.yaml", "plan: terms/none.yaml\n" + BASE,
     ["noplan.yaml: plan (line 1, column 7)", "terms/none.yaml", "readable terms file"]),
    ("a tag that builds objects", "tag.yaml", "outstanding: !!python/object:os.system 1\n",
     ["outstanding (line 1", "no tags other than YAML's own"]),
    ("two documents", "two.yaml", BASE + "---\n" + BASE, ["line 6", "one YAML document per file"]),
    ("an alias to nothing", "alias.yaml", "outstanding: *nothing\n", ["line 1", "an anchor defined before it"]),
    ("a YAML syntax error", "syntax.yaml", "outstanding: 10\nevents: [\n", ["line 3", "valid YAML"]),
    ("a JSON syntax error", "syntax.json", '{"outstanding": 10,', ["line 1, column 20", "valid JSON"]),
    ("not a number", "nan.json", '{"outstanding": NaN}', ["'NaN'", "a finite number"]),
]


@pytest.mark.parametrize("name,content,words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_input_is_refused_in_one_line_naming_the_place(tmp_path: Path, name, content, words):
    line = refused(tmp_path, name, content)
    for word in words:
        assert word in line, (word, line)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path):
    line = refused(tmp_path, "big.yaml", BASE, env={"RIGHTSPLAN_MAX_INPUT_BYTES": "50"})
    assert "more than 50 bytes" in line and "RIGHTSPLAN_MAX_INPUT_BYTES" in line


def test_a_long_value_is_cut_to_a_readable_length(tmp_path: Path):
    line = refused(tmp_path, "long.yaml", BASE.replace("person: acme", "person: " + "z" * 5000))
    value = line.split("got ", 1)[1].split("; expected")[0]
    assert len(value) == VALUE_WIDTH and "..." in value


def test_utf8_with_a_byte_order_mark_is_accepted(tmp_path: Path):
    _, result = run(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["acquiring_persons"] == {}


def test_a_person_named_no_stays_the_word_no(tmp_path: Path):
    content = "outstanding: 1000\npersons:\n  no: {}\nevents:\n  - {date: 2003-06-02, type: acquire, person: no, shares: 200}\n"
    _, result = run(tmp_path, "no.yaml", content)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["acquiring_persons"] == {"no": "2003-06-02"}


def test_every_problem_is_reported_at_once_one_line_each(tmp_path: Path):
    content = (
        "outstanding: -1\npersons:\n  a: {role: pirate}\ncolour: red\nevents:\n"
        "  - {date: 2003-06-02, type: acquire, person: zed, shares: 0}\n"
        "  - {date: 2003-06-03, type: gift}\n"
        "  - {date: 2003-02-30, type: redeem}\n"
    )
    path, result = run(tmp_path, "many.yaml", content)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    places = ["colour (line 4", "outstanding (line 1", "persons.a.role (line 3", "events[0].person (line 6",
              "events[0].shares (line 6", "events[1].type (line 7",
              "events[2].date (line 8"]
    assert len(lines) == len(places)
    for place in places:
        assert sum(place in line for line in lines) == 1, (place, lines)
    assert all(line.startswith(f"error: {path}: ") for line in lines)


def test_past_twenty_problems_the_rest_are_counted(tmp_path: Path):
    events = "".join(f"  - {{date: 2003-06-02, type: acquire, person: p{i}, shares: 1}}\n" for i in range(50))
    _, result = run(tmp_path, "fifty.yaml", "outstanding: 100\npersons: {a: {}}\nevents:\n" + events)
    lines = result.stderr.splitlines()
    assert result.exit_code == 2
    assert len(lines) == 21 and lines[-1] == "error: ... and 30 more"
    assert lines[19].endswith("got 'p19'; expected a person declared under persons")


def test_the_installed_command_keeps_the_contract(tmp_path: Path):
    path = tmp_path / "feb29.yaml"
    path.write_text(BASE + "  - {date: 2003-06-03, type: extend_redemption, until: 2003-02-29}\n")
    proc = subprocess.run([sys.executable, "-m", "rightsplan.proofs.cli", "evaluate", str(path), "--json"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (f"error: {path}: events[1].until (line 6, column 56): got '2003-02-29'; "
                           "expected a date that exists: February 2003 has 28 days\n")
