"""``rightsplan test``: scenario files that check their own answers (spec/expectations.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from rightsplan.spec.cli import cli
from rightsplan.spec.expectations import compare, matches

SCENARIO = """\
description: "acme crosses 15% on 2 June and is announced the same day"
{expect}start: 2003-05-01
outstanding: 10000000
persons: {{acme: {{}}, beta: {{}}}}
holdings: {{acme: 1000000}}
events:
  - {{date: 2003-06-02, type: acquire, person: acme, shares: 500000}}
  - {{date: 2003-06-02, type: announce, person: acme}}
"""
RIGHT = """expect:
  acquiring_persons: {acme: 2003-06-02}
  shares_acquisition_date: 2003-06-02
  distribution_date: 2003-06-16
  void_holders: [acme]
"""


def write(tmp_path: Path, name: str, expect: str) -> str:
    path = tmp_path / name
    path.write_text(SCENARIO.format(expect=expect), encoding="utf-8")
    return str(path)


def run_test(*files: str):
    return CliRunner().invoke(cli, ["test", *files])


def test_a_file_whose_answers_are_right_passes_every_key(tmp_path):
    result = run_test(write(tmp_path, "right.yaml", RIGHT))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines[1:5]] == [
        "  PASS acquiring_persons", "  PASS shares_acquisition_date", "  PASS distribution_date", "  PASS void_holders"]
    assert lines[-1] == "1 file, 4 keys: all as expected"


def test_a_wrong_expected_date_fails_names_the_key_and_exits_1(tmp_path):
    wrong = write(tmp_path, "wrong.yaml", RIGHT.replace("distribution_date: 2003-06-16", "distribution_date: 2003-06-17"))
    result = run_test(wrong)
    assert result.exit_code == 1
    assert '  FAIL distribution_date: expected "2003-06-17", got "2003-06-16"' in result.output.splitlines()
    assert result.output.splitlines()[-1] == f"1 file, 4 keys: 1 not as expected: {wrong} (distribution_date)"


def test_a_file_without_an_expect_block_is_reported_and_is_not_a_pass(tmp_path):
    bare = write(tmp_path, "bare.yaml", "")
    result = run_test(bare)
    assert result.exit_code == 1
    assert "  no expect block: the file states no answer to check" in result.output.splitlines()
    assert result.output.splitlines()[-1] == f"1 file, 0 keys: no expect block: {bare}"


def test_an_empty_expect_block_states_no_answer_either(tmp_path):
    result = run_test(write(tmp_path, "empty.yaml", "expect: {}\n"))
    assert result.exit_code == 1
    assert "no expect block" in result.output.splitlines()[-1]


def test_the_summary_names_only_the_failing_files(tmp_path):
    right = write(tmp_path, "right.yaml", RIGHT)
    wrong = write(tmp_path, "wrong.yaml", RIGHT.replace("void_holders: [acme]", "void_holders: [beta]"))
    result = run_test(right, wrong)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"2 files, 8 keys: 1 not as expected: {wrong} (void_holders)"


def test_an_expected_key_the_output_does_not_have_fails(tmp_path):
    result = run_test(write(tmp_path, "typo.yaml", RIGHT + "  distribution_day: 2003-06-16\n"))
    assert result.exit_code == 1
    assert "  FAIL distribution_day: expected \"2003-06-16\", got (no such key in the output)" in result.output


def test_bad_input_is_one_line_exit_2_and_nothing_is_checked(tmp_path):
    right = write(tmp_path, "right.yaml", RIGHT)
    bad = tmp_path / "bad.yaml"
    bad.write_text("outstanding: -3\n", encoding="utf-8")
    result = run_test(right, str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing half-checked
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {bad}: outstanding") and line.endswith("got -3; expected an integer >= 1")


def test_a_missing_file_is_bad_input(tmp_path):
    result = run_test(str(tmp_path / "nowhere.yaml"))
    assert result.exit_code == 2
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert "expected a readable scenario file" in result.stderr


# -- the matching rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key, expected, got, same", [
    ("acquiring_persons", {"acme": "2003-06-02"}, {"acme": "2003-06-02", "beta": "2003-06-03"}, False),
    ("acquiring_persons", {"acme": "2003-06-02"}, {"acme": "2003-06-02"}, True),
    ("expiration", {"cause": "redemption"}, {"date": "2003-06-09", "cause": "redemption"}, True),
    ("expiration", {"cause": "exchange"}, {"date": "2003-06-09", "cause": "redemption"}, False),
    ("ineffective_events", [{"index": "2"}], [{"index": 2, "section": "Section 1(l)"}], True),
    ("ineffective_events", [{"index": "2"}], [{"index": 2}, {"index": 3}], False),
    ("void_holders", ["b", "a"], ["a", "b"], True),
    ("void_holders", ["a"], ["a", "b"], False),
    ("distribution_date", None, None, True),
    ("distribution_date", "2003-06-16", None, False),
], ids=["acquiring-persons-whole", "acquiring-persons-equal", "object-on-given-fields", "object-field-differs",
        "objects-item-by-item", "objects-length-differs", "names-as-a-set", "names-missing-one", "null-equals-null",
        "date-versus-null"])
def test_matching_rules(key, expected, got, same):
    assert matches(key, expected, got) is same


def test_yaml_dates_and_numbers_compare_with_the_jsons_strings():
    from datetime import date
    from decimal import Decimal

    checks = compare({"triggering_event": date(2003, 6, 2), "terms": {"exercise_price": Decimal("125.00")}},
                     {"triggering_event": "2003-06-02", "terms": {"exercise_price": "125.00", "rights_per_share": "1"}})
    assert [c.passed for c in checks] == [True, True]
