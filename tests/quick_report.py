"""One quick checker run shared by the report and browser tests (a helper module, not a test file).

It runs two properties -- one proved, one expected finding -- with the default output folder
moved to a temporary one, as a ``--property`` run would, and keeps what it printed.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from rightsplan.proofs import verify

ARGS = ["--property", "october_23", "--property", "every_15", "--property", "hq_never", "--depth", "3"]
FOLDER = "every_15+hq_never+october_23"
_DONE: dict[Path, tuple[int, Path]] = {}


def run(home: Path) -> tuple[int, Path]:
    """Exit code and report folder of the quick run under ``home`` (run once per test session)."""
    if home not in _DONE:
        (home / "counterexamples").mkdir(parents=True)
        (home / "counterexamples" / "belief_rights_expire_october_23_2010.yaml").write_text("# from the full run\n")
        saved, verify.OUT = verify.OUT, home
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                code = verify.main(ARGS)
        finally:
            verify.OUT = saved
        (home / "printed.txt").write_text(printed.getvalue())
        _DONE[home] = (code, home / "partial" / FOLDER)
    return _DONE[home]
