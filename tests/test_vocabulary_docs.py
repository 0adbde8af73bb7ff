"""docs/checker.md's "The model's vocabulary" names every field, kind, role and Step member, and nothing else.

The tables are read back and compared with solver/model.py, solver/step.py and solver/dates.py,
so a field renamed, added or moved (per person to global, Int to Bool) fails here until the
table says so; the checker is itself shown to fail on doctored tables.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import z3

from rightsplan.solver import model
from rightsplan.solver.engines import derived_values
from rightsplan.solver.model import K, KINDS, R, Config, fresh_inputs, fresh_roles, fresh_state
from rightsplan.solver.step import Step
from rightsplan.spec.citations import is_valid

DOC = Path(__file__).resolve().parents[1] / "docs" / "checker.md"
SECTION = "## The model's vocabulary"
FIELDS, KINDS_TABLE, STEP_TABLE, DERIVED_TABLE = "State and event fields", "Event kinds", "Step", "Derived terms"

HISTORY = "history_"  # the prefix of the fields history operators add to every state (solver/temporal.py)
# Each field group of solver/model.py and the type its row must begin with.
TYPES: dict[str, tuple[str, ...]] = {
    "per person Int": model.PERSON_INT, "per person Real": model.PERSON_REAL, "per person Bool": model.PERSON_BOOL,
    "global Int": model.GLOBAL_INT, "global Bool": model.GLOBAL_BOOL, "event Int": model.INPUT_INT,
    "event Bool": model.INPUT_BOOL, "per pair Bool": ("grouped", "void_because"),
    "per person Int, fixed": ("roles",),
}


def section(text: str) -> str:
    """The vocabulary section of the document, up to the next second-level heading."""
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start:] if end == -1 else text[start:end]


def tables(text: str) -> dict[str, list[list[str]]]:
    """The body rows of each table, by the title of the ``###`` heading above it (its first word group)."""
    out: dict[str, list[list[str]]] = {}
    title = ""
    for line in text.splitlines():
        if line.startswith("### "):
            title = line[4:].strip()
            out.setdefault(title, [])
        elif line.startswith("|") and title:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            out[title].append(cells)
    return {t: rows[2:] for t, rows in out.items()}  # drop each table's header and its --- line


def table(text: str, prefix: str) -> list[list[str]]:
    found = [rows for title, rows in tables(section(text)).items() if title.startswith(prefix)]
    if len(found) != 1:
        raise AssertionError(f"docs/checker.md: expected one '### {prefix}...' table under {SECTION!r}, found {len(found)}")
    return found[0]


def name(cell: str) -> str:
    """The name a row documents: `held` -> held; `st.at(state, i, pct)` -> at."""
    m = re.fullmatch(r"`(?:st\.)?(\w+)[^`]*`", cell)
    if m is None:
        raise AssertionError(f"docs/checker.md: a row's first cell {cell!r} is not a `name`")
    return m.group(1)


def step_members() -> set[str]:
    """Step's public methods and the attributes every instance has."""
    cfg = Config()
    st = Step(z3, cfg, fresh_roles(z3, cfg), fresh_state(z3, cfg, "a"), fresh_inputs(z3, "e"), fresh_state(z3, cfg, "b"))
    methods = {n for n, _ in inspect.getmembers(Step, inspect.isfunction) if not n.startswith("_")}
    return methods | {n for n in vars(st) if not n.startswith("_")}


def derived_keys() -> set[str]:
    """The keys of ``dates.derived``, as ``engines.simulate`` adds them to every state (``d_<key>``)."""
    cfg = Config()
    solver = z3.Solver()
    solver.check()
    return {k.removeprefix("d_") for k in derived_values(solver.model(), cfg, fresh_state(z3, cfg, "a"))}


def _sections(cell: str) -> list[str]:
    return re.findall(r"Section \d+(?:\([a-z]+\))?(?:\([ivx]+\))?(?:\([A-Z]\))?", cell)


def problems(text: str) -> list[str]:
    """Everything the vocabulary tables of ``text`` get wrong about the model, one sentence each."""
    out: list[str] = []
    fields = {name(r[0]): r for r in table(text, FIELDS)}
    want = {f: t for t, group in TYPES.items() for f in group}
    roles = {role.value: code for role, code in R.items()}
    for f, t in want.items():
        if f not in fields:
            out.append(f"field `{f}` ({t}) is not in the table")
        elif not fields[f][1].startswith(t):
            out.append(f"field `{f}` is a {t}, the table says {fields[f][1]!r}")
    if HISTORY not in fields:
        out.append(f"the history fields (`{HISTORY}<name>`, solver/temporal.py) are not in the table")
    for f, row in fields.items():
        if f == HISTORY:
            continue
        if f in roles:
            if row[1] != f"role code {roles[f]}":
                out.append(f"role `{f}` has code {roles[f]}, the table says {row[1]!r}")
        elif f not in want:
            out.append(f"the table names `{f}`, which solver/model.py does not define")
    out += [f"role `{r}` is not in the table" for r in roles if r not in fields]
    kinds = {name(r[0]): r for r in table(text, KINDS_TABLE)}
    out += [f"event kind `{k}` is not in the table" for k in KINDS if k not in kinds]
    for k, row in kinds.items():
        if k not in K:
            out.append(f"the table names the event kind `{k}`, which solver/model.py KINDS does not have")
        elif row[1] != str(K[k]):
            out.append(f"event kind `{k}` has code {K[k]}, the table says {row[1]!r}")
    steps = {name(r[0]) for r in table(text, STEP_TABLE)}
    members = step_members()
    out += [f"Step member `st.{m}` is not in the table" for m in sorted(members - steps)]
    out += [f"the table names `st.{m}`, which Step does not have" for m in sorted(steps - members)]
    terms = {name(r[0]) for r in table(text, DERIVED_TABLE)}
    keys = derived_keys()
    out += [f"derived term `{d}` is not in the table" for d in sorted(keys - terms)]
    out += [f"the table names the derived term `{d}`, which dates.derived does not return" for d in sorted(terms - keys)]
    for row in table(text, FIELDS) + table(text, KINDS_TABLE):
        out += [f"`{name(row[0])}` cites {cited!r}, which the agreement does not have"
                for cited in _sections(row[-1]) if not is_valid(cited)]
    return out


def stale_references(text: str) -> list[str]:
    """``st.s2.x``, ``st.e.x``, ``st.name(...)`` and ``st.kind["x"]`` anywhere in the text that the model lacks."""
    import rightsplan.proofs.catalogue  # noqa: F401  (declares the catalogue's histories)

    fields = {f for group in TYPES.values() for f in group} - {"roles"} | set(model.HISTORY_FIELDS)
    members = step_members()
    out = [f"st.{v}.{f}" for v, f in re.findall(r"\bst\.(s2|s|e)\.(\w+)", text) if f not in fields]
    out += [f"st.{m}" for m in re.findall(r"\bst\.(\w+)", text) if m not in members]
    out += [f'st.kind["{k}"]' for k in re.findall(r'\bst\.kind\["(\w+)"\]', text) if k not in K]
    return sorted(set(out))


def test_the_document_uses_no_field_step_member_or_kind_that_does_not_exist() -> None:
    assert stale_references(DOC.read_text()) == []


def test_a_stale_reference_is_found() -> None:
    text = "return st.s2.barred and st.holds(i) and st.kind[\"buy\"] and st.s2.exchange_barred"
    assert stale_references(text) == ['st.holds', 'st.kind["buy"]', "st.s2.barred"]


def test_the_vocabulary_tables_name_every_field_kind_role_step_member_and_derived_term() -> None:
    assert problems(DOC.read_text()) == []


def test_every_field_and_kind_row_cites_a_section() -> None:
    rows = table(DOC.read_text(), FIELDS) + table(DOC.read_text(), KINDS_TABLE)
    assert [name(r[0]) for r in rows if not _sections(r[-1])] == [HISTORY, "kind"]  # the declaring property's; the kinds table


def test_every_declared_history_field_has_the_documented_prefix() -> None:
    import rightsplan.proofs.catalogue  # noqa: F401  (declares the catalogue's histories)

    assert model.HISTORY_FIELDS and all(f.startswith(HISTORY) for f in model.HISTORY_FIELDS)


def _row(text: str, first: str) -> str:
    return next(line for line in section(text).splitlines() if line.startswith(f"| {first} |")) + "\n"


@pytest.mark.parametrize(("what", "doctor", "complaint"), [
    ("a field row removed", lambda t: t.replace(_row(t, "`acquiring`"), ""), "field `acquiring` (per person Bool) is not in the table"),
    ("a field that does not exist", lambda t: t.replace(_row(t, "`held`"), _row(t, "`held`") + "| `bogus` | global Int | x | 0 | Section 1(a) |\n"),
     "the table names `bogus`, which solver/model.py does not define"),
    ("a per-person field called global", lambda t: t.replace(_row(t, "`cured`"), _row(t, "`cured`").replace("per person Bool", "global Bool")),
     "field `cured` is a per person Bool"),
    ("a role with the wrong code", lambda t: t.replace("| `named_exempt` | role code 2 |", "| `named_exempt` | role code 3 |"), "role `named_exempt` has code 2"),
    ("the history fields removed", lambda t: t.replace(_row(t, "`history_<name>`"), ""), "the history fields"),
    ("an event kind removed", lambda t: t.replace(_row(t, "`split`"), ""), "event kind `split` is not in the table"),
    ("an event kind with the wrong code", lambda t: t.replace("| `redeem` | 12 |", "| `redeem` | 11 |"), "event kind `redeem` has code 12"),
    ("a Step helper removed", lambda t: t.replace(_row(t, "`st.at_threshold(state, i)`"), ""),
     "Step member `st.at_threshold` is not in the table"),
    ("a Step helper that does not exist", lambda t: t.replace(_row(t, "`st.live`"), _row(t, "`st.live`") + "| `st.holds_15(i)` | Bool | x |\n"),
     "the table names `st.holds_15`, which Step does not have"),
    ("a derived term removed", lambda t: t.replace(_row(t, "`deadline`"), ""), "derived term `deadline` is not in the table"),
    ("a section that does not exist", lambda t: t.replace(_row(t, "`today`"), _row(t, "`today`").replace("Section 1(e)", "Section 41")),
     "`today` cites 'Section 41'"),
])
def test_the_check_fails_on_a_doctored_table(what: str, doctor: object, complaint: str) -> None:
    found = problems(doctor(DOC.read_text()))  # type: ignore[operator]
    assert any(complaint in p for p in found), f"{what}: {found}"


def test_a_document_without_the_section_is_refused() -> None:
    with pytest.raises(ValueError):
        problems(DOC.read_text().replace(SECTION, "## Something else"))
