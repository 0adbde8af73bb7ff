"""The provision catalogue lists the whole agreement, honestly and checkably."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from rightsplan.spec.citations import is_valid
from rightsplan.spec.errors import InternalError
from rightsplan.spec.provisions import Provision, children, coverage, format_table, load_catalogue

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue()
BY_ID = {p.id: p for p in CATALOGUE}


def _letters(last: str) -> list[str]:
    single = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    doubled = [c + c for c in single]
    seq = single + doubled
    return seq[: seq.index(last) + 1]


# Lettered subsections set out as paragraphs in the agreement text, Section -> last letter.
SUBSECTIONS = {
    1: "oo", 3: "d", 4: "b", 5: "b", 6: "b", 7: "f", 9: "e", 11: "n", 13: "f", 14: "e",
    15: "b", 16: "c", 18: "b", 19: "b", 20: "k", 23: "b", 24: "f", 25: "b",
}
# Numbered items the agreement sets out or cites by number.
NUMBERED = [
    "Section 1(a)(i)", "Section 1(a)(ii)", "Section 1(d)(i)", "Section 1(d)(ii)", "Section 1(d)(ii)(A)",
    "Section 1(d)(ii)(B)", "Section 1(d)(iii)", "Section 11(a)(i)", "Section 11(a)(ii)", "Section 11(a)(iii)",
    "Section 13(a)(i)", "Section 13(a)(ii)", "Section 13(a)(iii)", "Section 13(b)(i)", "Section 13(b)(ii)",
]
EXPECTED_IDS = (
    [f"Section {n}" for n in range(1, 35)]
    + [f"Section {n}({x})" for n, last in SUBSECTIONS.items() for x in _letters(last)]
    + NUMBERED
    + ["Exhibit A", "Exhibit B", "Exhibit C"]
    + [f"Exhibit A §{n}" for n in range(1, 13)]
)


@pytest.mark.parametrize("pid", EXPECTED_IDS)
def test_every_section_subsection_and_exhibit_is_in_the_catalogue(pid: str) -> None:
    assert pid in BY_ID


def test_letter_sequence_runs_from_a_through_oo_for_section_1() -> None:
    letters = _letters("oo")
    assert (letters[0], letters[25], letters[26], letters[-1], len(letters)) == ("a", "z", "aa", "oo", 41)


@pytest.mark.parametrize("p", CATALOGUE, ids=lambda p: p.id)
def test_every_id_is_a_valid_citation(p: Provision) -> None:
    assert is_valid(p.id)


@pytest.mark.parametrize("p", CATALOGUE, ids=lambda p: p.id)
def test_every_implemented_in_and_tested_in_path_exists_in_the_repository(p: Provision) -> None:
    missing = [path for path in p.implemented_in + p.tested_in if not (REPO / path).is_file()]
    assert missing == []


@pytest.mark.parametrize("p", [p for p in CATALOGUE if p.status != "formalized"], ids=lambda p: p.id)
def test_a_provision_not_fully_formalized_says_why(p: Provision) -> None:
    assert p.reason and len(p.reason.split()) >= 3


@pytest.mark.parametrize("p", [p for p in CATALOGUE if p.status != "out_of_scope"], ids=lambda p: p.id)
def test_a_formalized_or_partly_provision_names_a_module_that_implements_it(p: Provision) -> None:
    assert p.implemented_in
    assert all(path.startswith(("spec/", "solver/", "proofs/")) and path.endswith(".py") for path in p.implemented_in)


@pytest.mark.parametrize("p", [p for p in CATALOGUE if children(CATALOGUE, p.id)], ids=lambda p: p.id)
def test_an_enclosing_provision_is_partly_formalized_when_its_parts_differ(p: Provision) -> None:
    statuses = {c.status for c in children(CATALOGUE, p.id)}
    if len(statuses) > 1:
        assert p.status == "partly"
    if p.status == "formalized":
        assert statuses == {"formalized"}
    if p.status == "out_of_scope":
        assert statuses == {"out_of_scope"}


def test_every_subsection_has_its_enclosing_provision_in_the_catalogue() -> None:
    orphans = [p.id for p in CATALOGUE if p.parent is not None and p.parent not in BY_ID]
    assert orphans == []


def test_coverage_counts_add_up_and_the_percentage_is_exact() -> None:
    c = coverage(CATALOGUE)
    assert c["formalized"] + c["partly"] + c["out_of_scope"] == c["total"] == len(CATALOGUE)
    assert c["fraction_formalized_or_partly"] == Fraction(c["formalized"] + c["partly"], c["total"])


def test_coverage_percentage_rounds_to_one_decimal_place() -> None:
    two_of_three = [Provision(f"Section {n}", "t", s, "r", ("spec/x.py",), ()) for n, s in
                    ((1, "formalized"), (2, "partly"), (3, "out_of_scope"))]
    assert coverage(two_of_three)["percent_formalized_or_partly"] == "66.7"


def test_the_core_ownership_rules_are_formalized() -> None:
    core = ["Section 1(a)", "Section 1(l)", "Section 1(oo)", "Section 1(hh)", "Section 1(q)", "Section 23(a)", "Section 24(a)"]
    assert {BY_ID[pid].status for pid in core} == {"formalized"}


def test_the_table_lists_every_provision_and_the_coverage_line() -> None:
    table = format_table(CATALOGUE)
    lines = table.splitlines()
    assert all(any(line.startswith(p.id + " ") for line in lines) for p in CATALOGUE)
    assert lines[-1].startswith(f"{len(CATALOGUE)} provisions:")


def _write(tmp_path: Path, entry: str) -> Path:
    path = tmp_path / "provisions.yaml"
    path.write_text("provisions:\n" + entry, encoding="utf-8")
    return path


BAD_ENTRIES = {
    "an id that is not a citation": "- {id: Section 35, title: t, status: formalized, implemented_in: [spec/x.py]}\n",
    "an unknown status": "- {id: Section 2, title: t, status: done, implemented_in: [spec/x.py]}\n",
    "out of scope without a reason": "- {id: Section 2, title: t, status: out_of_scope}\n",
    "partly without a reason": "- {id: Section 2, title: t, status: partly, implemented_in: [spec/x.py]}\n",
    "formalized without a module": "- {id: Section 2, title: t, status: formalized}\n",
    "an unknown field": "- {id: Section 2, title: t, status: formalized, implemented_in: [spec/x.py], owner: me}\n",
    "the same id twice": "- {id: Section 2, title: t, status: out_of_scope, reason: not computational}\n" * 2,
}


@pytest.mark.parametrize("entry", BAD_ENTRIES.values(), ids=list(BAD_ENTRIES))
def test_a_malformed_catalogue_is_refused_when_loaded(tmp_path: Path, entry: str) -> None:
    with pytest.raises(InternalError):
        load_catalogue(_write(tmp_path, entry))


def _cites(text: str, citation: str) -> bool:
    """The text names this exact citation (``Section 1`` does not match ``Section 1(a)`` or ``Section 11``)."""
    return re.search(re.escape(citation) + r"(?![\w(])", text) is not None


def _related(p: Provision) -> list[str]:
    """Citations whose mention in a module supports the claim: the provision itself, its enclosing
    provision, and the provisions its title names (a defined term is implemented where it is defined)."""
    titled = re.findall(r"Section \d+(?:\([a-zA-Z0-9]{1,3}\))*|Exhibit [ABC](?: §\d+(?:\([a-c]\))?)?", p.title)
    return [p.id] + ([p.parent] if p.parent else []) + titled


def _module_supports(path: str, p: Provision) -> bool:
    file = REPO / path
    if not file.is_file():
        return False
    text = file.read_text(encoding="utf-8")
    return any(_cites(text, c) for c in _related(p)) or re.search(re.escape(p.id) + r"\(", text) is not None


@pytest.mark.parametrize("p", [p for p in CATALOGUE if p.status != "out_of_scope"], ids=lambda p: p.id)
def test_every_module_named_for_a_provision_cites_it(p: Provision) -> None:
    unsupported = [path for path in p.implemented_in if not _module_supports(path, p)]
    assert unsupported == []


def _example_texts() -> str:
    return "\n".join(f.read_text(encoding="utf-8") for f in sorted((REPO / "examples").glob("*.yaml")))


def _examples_cite(p: Provision) -> bool:
    """Some example's header cites the provision, one of its parts, or a provision its title names
    (examples write "Sections 1(a), 1(hh)", so the word "Section" is not required)."""
    texts = _example_texts()
    for c in [p.id] + [c for c in _related(p)[1:] if c != p.parent]:
        if re.search(r"(?<![\d(])" + re.escape(c.removeprefix("Section ")) + r"(?!\w)", texts):
            return True
    return False


@pytest.mark.parametrize("p", [p for p in CATALOGUE if p.tested_in], ids=lambda p: p.id)
def test_every_test_file_named_for_a_provision_exercises_its_modules(p: Provision) -> None:
    stems = [Path(m).stem for m in p.implemented_in]
    unsupported = []
    for path in p.tested_in:
        file = REPO / path
        text = file.read_text(encoding="utf-8") if file.is_file() else ""
        if path == "tests/test_examples.py":
            ok = _examples_cite(p)
        else:
            ok = any(_cites(text, c) for c in _related(p)) or any(re.search(rf"\b{s}\b", text) for s in stems)
        if not ok:
            unsupported.append(path)
    assert unsupported == []
