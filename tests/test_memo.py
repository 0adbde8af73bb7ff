"""The scenario memo (`rightsplan evaluate --format`), its wording, its chart and its readings."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from rightsplan.spec import agreement, evaluate, scenario_from_data
from rightsplan.spec.memo import long_date, pct, redemption_how, render, shares

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "buyback-then-one-more-share.yaml"
ROOT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# Acme crosses 15% on Monday, June 2, 2003 and announces it the same day: the fifth day is a Saturday.
CROSSING = {"outstanding": 10_000_000, "persons": {"acme": {}}, "holdings": {"acme": 1_400_000},
            "events": [{"date": "2003-06-02", "type": "acquire", "person": "acme", "shares": 200_000},
                       {"date": "2003-06-02", "type": "announce", "person": "acme"}]}


def fetches(html: str) -> list[str]:
    """Anything in a page that would load from elsewhere: scripts, links, sources, remote hrefs and urls."""
    import re

    return re.findall(r"<script|<link|<img|\bsrc=|href=\"(?!#)|url\((?!#)|@import", html)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rightsplan.proofs.cli", *args], capture_output=True, text=True)


def test_dates_read_with_their_weekday() -> None:
    assert long_date(date(2003, 4, 21)) == "Monday, April 21, 2003"


@pytest.mark.parametrize("x,words", [(Fraction(152, 1000), "15.2%"), (Fraction(15, 100), "15%"),
                                     (Fraction(29, 190), "15.26...%"), (Fraction(1, 2), "50%")])
def test_percentages_are_exact_or_say_they_are_cut(x: Fraction, words: str) -> None:
    assert pct(x) == words


def test_one_share_is_singular() -> None:
    assert (shares(1), shares(2), shares(1_520_000)) == ("1 share", "2 shares", "1,520,000 shares")


def test_a_saturday_fifth_day_rolls_to_monday_at_5_pm_california_time() -> None:
    ev = evaluate(scenario_from_data(CROSSING, "crossing.yaml"), snapshots=True)
    assert ev.redemption_deadline == date(2003, 6, 9)
    assert redemption_how(ev) == ("fifth day after the Shares Acquisition Date Mon 2003-06-02: Sat 2003-06-07, "
                                  "rolled by Section 1(f) to Mon 2003-06-09, 5:00 P.M. California time")


def test_without_a_shares_acquisition_date_the_deadline_is_the_final_expiration_date_rolled() -> None:
    data = CROSSING | {"events": CROSSING["events"][:1]}
    how = redemption_how(evaluate(scenario_from_data(data, "x.yaml"), snapshots=True))
    assert how.startswith("no Shares Acquisition Date") and "Sat 2010-10-23, rolled by Section 1(f) to Mon 2010-10-25" in how


def test_the_text_memo_gives_the_answers_before_the_steps() -> None:
    text = render(evaluate(scenario_from_data(CROSSING, "crossing.yaml"), snapshots=True), "text")
    assert text.index("THE ANSWERS") < text.index("READINGS IN FORCE") < text.index("EACH PERSON")
    assert "acme, since Monday, June 2, 2003" in text
    assert "1. Monday, June 2, 2003: acme acquires 200,000 shares" in text
    assert "acme 1,600,000 (16%); threshold 15%; Acquiring Person" in text


def test_the_markdown_memo_numbers_steps_from_one_and_never_prints_a_dict() -> None:
    text = render(evaluate(scenario_from_data(CROSSING, "crossing.yaml"), snapshots=True), "md")
    assert "**Step 1, Monday, June 2, 2003**" in text and "Step 0" not in text
    assert "{'" not in text


def test_the_html_memo_is_self_contained_with_a_chart_and_the_cited_words() -> None:
    html = render(evaluate(scenario_from_data(CROSSING, "crossing.yaml"), snapshots=True), "html")
    assert html.count("<svg") == 1
    assert not fetches(html)
    assert f'id="{agreement.anchor("Section 23(a)")}"' in html and 'href="#s-23a"' in html
    assert "fifth day following the Shares" in html.replace("  ", " ")


def test_the_cli_keeps_json_as_an_alias_of_format_json() -> None:
    a, b = cli("evaluate", "--json", str(EXAMPLE)), cli("evaluate", "--format", "json", str(EXAMPLE))
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout
    assert json.loads(a.stdout)["acquiring_persons"] == {"acme": "2003-06-09"}


def test_the_cli_warns_that_evaluate_does_not_check_an_expect_block() -> None:
    proc = cli("evaluate", str(EXAMPLE))
    assert proc.returncode == 0 and "expect:" in proc.stderr and "rightsplan test" in proc.stderr


def test_a_reading_on_the_command_line_overrides_the_scenario(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(json.dumps(CROSSING | {"interpretation": {"good_friday": "closed"}}))
    proc = cli("evaluate", "--reading", "good_friday=open", "--format", "json", str(path))
    assert proc.returncode == 0 and json.loads(proc.stdout)["interpretation"]["good_friday"] == "open"


@pytest.mark.parametrize("pair,words", [("good_friday=maybe", "expected one of closed, open"),
                                        ("no_such_reading=1", "expected one of admission_day"),
                                        ("good_friday", "expected NAME=VALUE")])
def test_an_unknown_reading_is_refused_in_one_line(pair: str, words: str) -> None:
    proc = cli("evaluate", "--reading", pair, str(EXAMPLE))
    assert proc.returncode == 2 and proc.stdout == "" and words in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_every_citation_the_engine_makes_has_its_words_shipped() -> None:
    ev = evaluate(scenario_from_data(CROSSING, "crossing.yaml"))
    for note in ev.explanations:
        assert agreement.words(note.section)


def test_the_project_copy_of_the_scenario_contract_keeps_every_line_of_the_published_one() -> None:
    shared = ROOT_SHARED / "scenario-format.md"
    if not shared.exists():
        pytest.skip(f"the published contract is not at {shared} (a clone of the project alone)")
    ours = (EXAMPLE.parent.parent / "docs" / "scenario-format.md").read_text()
    part1 = ours[ours.index("# Part 1."):ours.index("# Part 2.")]
    for line in shared.read_text().splitlines():
        assert line.lstrip("#") in part1, line


def test_the_shipped_agreement_has_every_section_subsection_and_exhibit() -> None:
    parts = agreement.parts()
    assert all(f"Section {n}" in parts for n in range(1, 35))
    assert [k for k in parts if k.startswith("Section 1(")][-1] == "Section 1(oo)"
    assert all(f"Exhibit A §{n}" in parts for n in range(1, 13)) and {"Exhibit B", "Exhibit C"} <= set(parts)
    anchors = [v["anchor"] for v in parts.values()]
    assert len(anchors) == len(set(anchors))


@pytest.mark.parametrize("citation,part,start", [
    ("Section 1(a)(i)", "Section 1(a)", '(a) "ACQUIRING PERSON"'), ("Section 11(a)(ii)", "Section 11(a)", "(a) (i)"),
    ("Section 24(a)", "Section 24(a)", "(a) Subject to applicable laws"), ("Exhibit A §2", "Exhibit A §2", "Section 2."),
    ("Section 1(f)", "Section 1(f)", '(f) "CLOSE OF BUSINESS"')])
def test_a_citation_shows_the_words_of_its_enclosing_part(citation: str, part: str, start: str) -> None:
    assert agreement.part_of(citation) == part
    assert agreement.words(citation).lstrip().startswith(start)


def test_a_quotation_with_gaps_is_found_only_in_order() -> None:
    assert agreement.quote_found("the fifth day following ... the Final Expiration Date", "Section 23(a)")
    assert not agreement.quote_found("the Final Expiration Date ... the fifth day following the Shares Acquisition",
                                     "Section 23(a)")


def test_the_shipped_text_is_what_the_builder_makes_of_the_published_agreement() -> None:
    from rightsplan.spec.agreement.build import build

    source = ROOT_SHARED / "agreement" / "digitalthink-rights-agreement-2003.txt"
    if not source.exists():
        pytest.skip(f"the published agreement is not at {source} (a clone of the project alone)")
    assert build(source) == agreement.parts()
