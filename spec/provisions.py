"""The provision catalogue: every Section of the agreement and what the project does with it.

``spec/provisions.yaml`` lists each Section 1-34, each lettered or numbered subsection
the text sets out, and Exhibits A (its Sections 1-12), B and C.  Each entry says whether
the project formalizes it (``formalized``), formalizes some of it (``partly``) or leaves
it out (``out_of_scope``), why, and which modules implement and which tests test it.
``rightsplan provisions`` prints the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from .citations import is_valid
from .errors import InternalError
from .yamlio import load_yaml_file

CATALOGUE_PATH = Path(__file__).with_name("provisions.yaml")
STATUSES = ("formalized", "partly", "out_of_scope")
_FIELDS = {"id", "title", "status", "reason", "implemented_in", "tested_in"}


@dataclass(frozen=True)
class Provision:
    """One catalogue entry: a citable provision and what the project does with it."""

    id: str
    title: str
    status: str
    reason: str | None
    implemented_in: tuple[str, ...]
    tested_in: tuple[str, ...]

    @property
    def parent(self) -> str | None:
        """The enclosing provision: ``Section 11(a)(ii)`` -> ``Section 11(a)`` -> ``Section 11``."""
        if "(" in self.id:
            return self.id[: self.id.rindex("(")]
        if self.id.startswith("Exhibit") and "§" in self.id:
            return self.id[: self.id.index(" §")]
        return None


def _paths(where: str, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(p, str) and p for p in raw):
        raise InternalError(f"{where}: expected a list of repository paths, got {raw!r}")
    return tuple(raw)


def _entry(i: int, raw: Any) -> Provision:
    where = f"{CATALOGUE_PATH.name}: entry {i}"
    if not isinstance(raw, dict) or not _FIELDS >= set(raw) or not {"id", "title", "status"} <= set(raw):
        raise InternalError(f"{where}: expected a mapping with id, title, status and only {sorted(_FIELDS)}")
    pid, status, reason = raw["id"], raw["status"], raw.get("reason")
    if not isinstance(pid, str) or not is_valid(pid):
        raise InternalError(f"{where}: id {pid!r} is not a valid citation")
    if status not in STATUSES:
        raise InternalError(f"{where} ({pid}): status {status!r} is not one of {STATUSES}")
    if status != "formalized" and not (isinstance(reason, str) and reason.strip()):
        raise InternalError(f"{where} ({pid}): a {status} provision needs a reason")
    implemented = _paths(f"{where} ({pid}).implemented_in", raw.get("implemented_in"))
    if status != "out_of_scope" and not implemented:
        raise InternalError(f"{where} ({pid}): a {status} provision names the modules that implement it")
    tested = _paths(f"{where} ({pid}).tested_in", raw.get("tested_in"))
    return Provision(pid, str(raw["title"]), status, reason, implemented, tested)


def load_catalogue(path: Path = CATALOGUE_PATH) -> list[Provision]:
    """Load and validate the catalogue; a malformed entry is a bug in the project's own data."""
    data = load_yaml_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("provisions"), list):
        raise InternalError(f"{path}: expected a mapping with a list under 'provisions'")
    catalogue = [_entry(i, raw) for i, raw in enumerate(data["provisions"])]
    seen: set[str] = set()
    for p in catalogue:
        if p.id in seen:
            raise InternalError(f"{path}: provision {p.id!r} is listed twice")
        seen.add(p.id)
    return catalogue


def children(catalogue: list[Provision], pid: str) -> list[Provision]:
    """The entries whose enclosing provision is ``pid``."""
    return [p for p in catalogue if p.parent == pid]


def coverage(catalogue: list[Provision]) -> dict[str, Any]:
    """Counts by status and the share formalized or partly formalized, as an exact percentage.

    ``percent_formalized_or_partly`` is a string rounded to one decimal place for display;
    ``fraction_formalized_or_partly`` keeps the exact value.
    """
    counts = {s: sum(1 for p in catalogue if p.status == s) for s in STATUSES}
    total = len(catalogue)
    share = Fraction(counts["formalized"] + counts["partly"], total) if total else Fraction(0)
    tenths = round(share * 1000)
    return {
        "total": total,
        **counts,
        "fraction_formalized_or_partly": share,
        "percent_formalized_or_partly": f"{tenths // 10}.{tenths % 10}",
    }


def format_table(catalogue: list[Provision]) -> str:
    """A plain-text table, one provision a line, then the coverage figures."""
    width = max(len(p.id) for p in catalogue)
    lines = [f"{'provision':<{width}}  {'status':<12}  title  [implemented in]"]
    for p in catalogue:
        where = f"  [{', '.join(p.implemented_in)}]" if p.implemented_in else ""
        lines.append(f"{p.id:<{width}}  {p.status:<12}  {p.title}{where}")
        if p.reason and p.status != "formalized":
            lines.append(f"{'':<{width}}  {'':<12}    why: {p.reason}")
    c = coverage(catalogue)
    lines.append(
        f"{c['total']} provisions: {c['formalized']} formalized, {c['partly']} partly, "
        f"{c['out_of_scope']} out of scope ({c['percent_formalized_or_partly']}% formalized or partly)"
    )
    return "\n".join(lines)
