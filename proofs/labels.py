"""How a checker result is written in one line: the verdict, and how it was reached.

Shared by the runner (proofs/verify.py) and the report (proofs/report.py), so that neither
imports the other for it.  House style 7: verdicts, never booleans -- PROVED (how),
BOUNDED(k), UNKNOWN (the solver's reason) or COUNTEREXAMPLE.
"""

from __future__ import annotations

from typing import Any, Callable


def label(r: dict[str, Any]) -> str:
    """The verdict of one result (plain data from ``verify.check``) as the table and the report print it."""
    if r["status"] == "PROVED":
        return f"PROVED ({r['detail']})"
    if r["status"] == "BOUNDED":
        return f"BOUNDED({r['depth']})"
    if r["status"] == "UNKNOWN":
        return f"UNKNOWN ({r['detail']})"
    return "COUNTEREXAMPLE"


def premise_warnings(alone: bool, unused: Callable[[], list[str]]) -> list[str]:
    """What a proof with a premise says of it: nothing, that it holds without the premise (``alone``), or the
    conjuncts of the premise it does not need (``unused``, asked only when the premise is used at all)."""
    if alone:
        return ["the proof does not use the premise: the conclusion holds at every step whatever happens, so the "
                "premise only shows the situation can arise"]
    return [f"the proof does not need this part of the premise: {part}" for part in unused()]


def every_split_ratio(r: dict[str, Any], cfg: Any, p: Any) -> None:
    """A proof's reach beyond the model's five split ratios (solver/scaling.py), written into the result: its
    detail says "every split ratio" when the scaling argument is made, else ``scaling`` lists why not (and
    verify fails the run: ``verify.problems_of``)."""
    from rightsplan.solver.scaling import every_ratio

    problems = every_ratio(cfg, p)
    if problems:
        r["scaling"] = problems[:5]
    else:
        r["detail"] += "; every split ratio, by scaling"
