"""Bank closings for a state without a statutory table: the `holidays` library, corrected (Section 1(e)).

Section 1(e) asks on which days "banking institutions ... are authorized or obligated by law or
executive order to close".  For California and New Jersey the data file quotes the statutes
(``calendar_rules``).  For any other state of a plan's Business-Day jurisdictions, the state's
public holidays in the `holidays` library are taken as days its banks may close -- an
assumption (``holidays_library``), since we have not read that state's bank-holiday statute --
except where ``calendar_data.yaml`` carries a cited correction.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from types import ModuleType
from typing import Any

from .calendar_rules import DATA, STATUTORY, Closing, in_force
from .citations import cite
from .errors import InternalError

LIBRARY_ASSUMPTION = "holidays_library"
_OBSERVED = " (observed)"


def _library() -> ModuleType:
    """The holiday library, imported only when a plan names a state without a statutory table."""
    import holidays

    return holidays


@lru_cache(maxsize=1)
def state_codes() -> dict[str, str]:
    """Every US state (and territory) the library knows, by its name in snake case: new_york -> NY."""
    aliases = _library().US.subdivisions_aliases
    return {name.lower().replace(",", "").replace(".", "").replace(" ", "_"): code for name, code in aliases.items()}


def is_known(jurisdiction: str) -> bool:
    """True for a jurisdiction with a statutory table or one the holiday library knows."""
    return jurisdiction in STATUTORY or jurisdiction in state_codes()


def _correction(state: str, holiday: str, year: int) -> dict[str, Any] | None:
    for c in DATA["library_corrections"]:
        if c["state"] == state and c["holiday"] == holiday and in_force(c, year):
            return c
    return None


def library_closings(state: str, first: date, last: date) -> Iterator[Closing]:
    """The weekdays in [first, last] the library lists as the state's public holidays, less corrections."""
    lib = _library()
    table = lib.US(subdiv=state_codes()[state], years=range(first.year, last.year + 1), categories=("public",))
    source = f"holidays {lib.__version__}: {state.replace('_', ' ').title()} public holidays"
    for day, names in sorted(table.items()):
        if day.weekday() >= 5 or not first <= day <= last:
            continue
        for name in names.split("; "):
            plain = name.removesuffix(_OBSERVED)
            if _correction(state, plain, day.year) is None:
                yield Closing(day, plain, source, name != plain, LIBRARY_ASSUMPTION)


def _check_corrections() -> None:
    for c in DATA["library_corrections"]:
        cite(c["law"])
        if c["state"] in STATUTORY or not c.get("why"):
            raise InternalError(f"calendar_data.yaml: library_corrections: {c}: a state without a statutory "
                                "table, and why, expected")


_check_corrections()
