"""How a checker result is written in one line: the verdict, and how it was reached.

Shared by the runner (proofs/verify.py) and the report (proofs/report.py), so that neither
imports the other for it.  House style 7: verdicts, never booleans -- PROVED (how),
BOUNDED(k), UNKNOWN (the solver's reason) or COUNTEREXAMPLE.
"""

from __future__ import annotations

from typing import Any


def label(r: dict[str, Any]) -> str:
    """The verdict of one result (plain data from ``verify.check``) as the table and the report print it."""
    if r["status"] == "PROVED":
        return f"PROVED ({r['detail']})"
    if r["status"] == "BOUNDED":
        return f"BOUNDED({r['depth']})"
    if r["status"] == "UNKNOWN":
        return f"UNKNOWN ({r['detail']})"
    return "COUNTEREXAMPLE"
