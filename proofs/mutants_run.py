"""Run the legal-logic mutants: each in its own sandbox, ``jobs`` at a time, and say what killed each.

``baseline`` first runs every check on an unmutated copy: a check that fails there cannot
tell a mutant from the code as it is, so it is left out (and the report says so).
``run_mutant`` applies one mutant and runs the usable checks in order of cost; the first
that fails kills it.  ``markdown`` renders the results as docs/mutants.md; ``render``
(``python -m rightsplan.proofs.mutants_run render --log RUN.jsonl ...``) does so from the
logs that runs keep when RIGHTSPLAN_MUTANTS_LOG is set, so results of several runs (a run
cut short, a re-run of a few mutants) make one report, the latest outcome of each winning.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rightsplan.proofs.mutants_mutmut import summary
from rightsplan.proofs.mutants_sandbox import CHECKOUT, CHECKS, CheckResult, MutantRotted, Sandbox
from rightsplan.proofs.mutants_set import ANSWERED, BY_NAME, DEFECTS, MUTANTS, Mutant


@dataclass
class Outcome:
    """What happened to one mutant: the check that killed it, SURVIVED, or ROTTED (snippet gone)."""

    mutant: Mutant
    verdict: str  # a check name, "SURVIVED", "TIMEOUT" (a check ran out of time, none failed) or "ROTTED"
    seconds: float
    checks: list[CheckResult] = field(default_factory=list)
    detail: str = ""
    when: str = ""  # when it finished, as a log line records it

    @property
    def killed(self) -> bool:
        return self.verdict in CHECKS


def baseline(checks: tuple[str, ...] = CHECKS, source: Path = CHECKOUT,
             mutants: tuple[Mutant, ...] = (), jobs: int = 2) -> dict[str, CheckResult]:
    """Every check on an unmutated copy, ``jobs`` at a time; a check that fails here is not used.

    A pytest check whose only failures are some tests (someone's work in progress) stays usable
    without them: it is run again leaving them out, and used that way if it then passes.
    """
    box = Sandbox(source, "baseline")
    box.for_mutants = mutants
    try:
        box.probe()
        with ThreadPoolExecutor(max(1, jobs)) as pool:
            results = {c: r for c, r in zip(checks, pool.map(box.run, checks)) if r is not None}
        failing = tuple(node for r in results.values() for node in r.failing)
        if failing:
            box.deselect = failing
            for c, r in results.items():
                if r.failing:
                    again = box.run(c)
                    results[c] = again if again is not None else r
        _log_baseline(results)
        return results
    finally:
        box.remove()


def _log_path() -> Path | None:
    name = os.environ.get("RIGHTSPLAN_MUTANTS_LOG")
    return Path(name) if name else None


def _log_baseline(results: dict[str, CheckResult]) -> None:
    """Append the baseline to the log (RIGHTSPLAN_MUTANTS_LOG), when one is set."""
    log = _log_path()
    if log is not None:
        with log.open("a") as f:
            f.write(json.dumps({"baseline": [asdict(r) for r in results.values()]}) + "\n")


def left_out(base: dict[str, CheckResult]) -> tuple[str, ...]:
    """The tests the baseline found failing without any mutant."""
    return tuple(node for r in base.values() for node in r.failing)


def run_mutant(mutant: Mutant, checks: tuple[str, ...] = CHECKS, source: Path = CHECKOUT,
               stop_at_first: bool = True, deselect: tuple[str, ...] = ()) -> Outcome:
    """Apply the mutant in a fresh sandbox and run the checks in order until one fails.

    When RIGHTSPLAN_MUTANTS_LOG names a file, the outcome is appended to it as one JSON line
    the moment it is known, so a run cut short keeps what it decided (``render`` builds
    docs/mutants.md from such logs).
    """
    o = _run_mutant(mutant, checks, source, stop_at_first, deselect)
    log = _log_path()
    if log is not None:
        with _LOG_LOCK, log.open("a") as f:
            f.write(json.dumps(to_record(o)) + "\n")
    return o


_LOG_LOCK = threading.Lock()


def _run_mutant(mutant: Mutant, checks: tuple[str, ...], source: Path, stop_at_first: bool,
                deselect: tuple[str, ...]) -> Outcome:
    box = Sandbox(source, mutant.name, deselect)
    total = 0.0
    try:
        box.probe()
        try:
            box.apply(mutant)
        except MutantRotted as rot:
            return Outcome(mutant, "ROTTED", 0.0, detail=str(rot))
        done: list[CheckResult] = []
        verdict = "SURVIVED"
        for check in checks:
            result = box.run(check, mutant)
            if result is None:
                continue
            done.append(result)
            total += result.seconds
            if result.timed_out:
                continue  # no verdict from this check: try the next
            if not result.passed and verdict == "SURVIVED":
                verdict = check
                if stop_at_first:
                    break
        if verdict == "SURVIVED" and any(r.timed_out for r in done):
            verdict = "TIMEOUT"
        return Outcome(mutant, verdict, total, done)
    finally:
        box.remove()


def run_all(mutants: list[Mutant], checks: tuple[str, ...], jobs: int = 2, source: Path = CHECKOUT,
            progress: bool = True, deselect: tuple[str, ...] = ()) -> list[Outcome]:
    """Every mutant, ``jobs`` at a time, in the order given."""
    def one(m: Mutant) -> Outcome:
        o = run_mutant(m, checks, source, deselect=deselect)
        if progress:
            why = next((c.detail.splitlines()[0][:110] for c in o.checks if not c.passed and c.detail), "")
            print(f"  {m.name:52} {o.verdict:10} {o.seconds:6.1f} s  {why}", flush=True)
        return o

    with ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(one, mutants))


def to_record(o: Outcome) -> dict[str, Any]:
    """One outcome as plain JSON data (a line of the log ``run_mutant`` keeps)."""
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return {"mutant": o.mutant.name, "verdict": o.verdict, "seconds": round(o.seconds, 1), "detail": o.detail,
            "checks": [asdict(c) for c in o.checks], "finished": when}


def from_record(rec: dict[str, Any]) -> Outcome:
    """An outcome read back from a log line; raises ``KeyError`` for a mutant no longer in the set."""
    checks = [CheckResult(c["check"], c["passed"], c["seconds"], c["detail"], tuple(c.get("failing", ())),
                          c.get("timed_out", False)) for c in rec["checks"]]
    return Outcome(BY_NAME[rec["mutant"]], rec["verdict"], rec["seconds"], checks, rec.get("detail", ""),
                   rec.get("finished", ""))


def read_logs(paths: list[Path]) -> list[Outcome]:
    """The outcomes of several logs, the last line for a mutant winning, in the set's order."""
    latest: dict[str, Outcome] = {}
    for path in paths:
        for line in path.read_text().splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec.get("mutant") in BY_NAME:
                    latest[rec["mutant"]] = from_record(rec)
    return [latest[m.name] for m in MUTANTS if m.name in latest]


def rates(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """Per layer: (killed, decided); rotted and timed-out mutants are undecided and count in neither."""
    out: dict[str, tuple[int, int]] = {}
    for o in outcomes:
        if o.verdict in ("ROTTED", "TIMEOUT"):
            continue
        k, n = out.get(o.mutant.layer, (0, 0))
        out[o.mutant.layer] = (k + o.killed, n + 1)
    return out


def problems(outcomes: list[Outcome]) -> list[str]:
    """What must fail the run: rotted mutants, survivors without an explanation, stale explanations."""
    out = []
    for o in outcomes:
        if o.verdict == "ROTTED":
            out.append(o.detail)
        elif o.verdict == "TIMEOUT":
            out.append(f"mutant {o.mutant.name}: a check ran out of time and none failed: undecided")
        elif o.verdict == "SURVIVED" and not o.mutant.survives:
            out.append(f"mutant {o.mutant.name} survived every check and has no explanation in proofs/mutants_set.py")
        elif o.killed and o.mutant.survives:
            out.append(f"mutant {o.mutant.name} is now killed by {o.verdict}: drop its 'survives' note")
    return out


def table(outcomes: list[Outcome]) -> str:
    lines = [f"{'mutant':52} {'layer':6} {'section':16} {'killed by':10} {'time s':>7}"]
    for o in outcomes:
        lines.append(f"{o.mutant.name:52} {o.mutant.layer:6} {o.mutant.section:16} {o.verdict:10} {o.seconds:7.1f}")
    return "\n".join(lines)


def _pct(k: int, n: int) -> str:
    return f"{k}/{n} ({100 * k / n:.1f}%)" if n else "0/0"


def markdown(outcomes: list[Outcome], base: dict[str, CheckResult], checks: tuple[str, ...], seconds: float,
             mechanical: dict[str, Any] | None = None, defects: list[Outcome] | None = None,
             how: str | None = None, kept: str = "") -> str:
    """docs/mutants.md: the kill rates, each mutant with what killed it, and every survivor explained.

    ``how`` replaces the sentence saying how the results were obtained (``render`` says which
    logs); ``kept`` is a section carried over unchanged (the last mutmut run, when none ran now).
    """
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    r = rates(outcomes)
    how = how or (f"Generated by `make mutants` (`python -m rightsplan.proofs.mutants`) on {when}, in "
                  f"{seconds / 60:.1f} minutes on two cores. Do not edit by hand.")
    out = [
        "# Mutants: misreadings of the agreement, and the check that catches each",
        "",
        how,
        "",
        "Each mutant is one plausible misreading of the agreement, written as a source patch to `spec/` or `solver/` "
        "(`proofs/mutants_set.py`), applied in a private copy of the checkout (`proofs/mutants_sandbox.py`). The "
        "checks run in order of cost and the first that fails kills the mutant: `tests` (the tests of the mutated "
        "layer), `examples` (the worked examples' stated answers), `verify` (`rightsplan verify --jobs 2` exit "
        "status), `crosscheck` (the derandomized stateful cross-check of model and reference).",
        "",
        "## Kill rates",
        "",
        "| layer | killed / decided | " + " | ".join(f"by {c}" for c in CHECKS) + " |",
        "| --- | --- | " + " | ".join("---" for _ in CHECKS) + " |",
        *[f"| {layer} | {_pct(*r[layer])} | " + " | ".join(
            str(sum(o.verdict == c and o.mutant.layer == layer for o in outcomes)) for c in CHECKS) + " |"
          for layer in sorted(r)],
        f"| all | {_pct(sum(k for k, _ in r.values()), sum(n for _, n in r.values()))} | "
        + " | ".join(str(sum(o.verdict == c for o in outcomes)) for c in CHECKS) + " |",
        "",
    ]
    decided = {o.mutant.name for o in outcomes}
    missing = [m for m in MUTANTS if m.name not in decided]
    if missing:
        out += ["Not run: " + ", ".join(f"`{m.name}`" for m in missing) + ".", ""]
    skipped = left_out(base)
    if skipped:
        out += ["Tests that failed on the unmutated copy (work in progress elsewhere) and were left out of every "
                "check: " + ", ".join(f"`{n}`" for n in skipped) + ".", ""]
    unused = [f"`{c}` ({b.detail.splitlines()[-1] if b.detail else 'failed'})" for c, b in base.items() if not b.passed]
    if unused:
        out += ["Checks that failed on the unmutated copy and were therefore not used: " + "; ".join(unused) + ".", ""]
    undecided = [o for o in outcomes if o.verdict == "TIMEOUT"]
    if undecided:
        out += ["Undecided (a check ran out of its wall-clock time on the shared machine and no other check failed; "
                "not counted): " + ", ".join(f"`{o.mutant.name}`" for o in undecided) + ".", ""]
    rotted = [o for o in outcomes if o.verdict == "ROTTED"]
    if rotted:
        out += ["Mutants whose snippet no longer matches the source (not applied):", ""]
        out += [f"- `{o.mutant.name}`: {o.detail}" for o in rotted] + [""]
    out += _defects_section(defects)
    out += ["", "## Survivors", ""]
    survivors = [o for o in outcomes if o.verdict == "SURVIVED"]
    out += [f"- `{o.mutant.name}` ({o.mutant.section}, {o.mutant.mistake}): "
            f"{o.mutant.survives or '**not explained**'}" for o in survivors] or ["None."]
    answered = [(n, why) for n, why in ANSWERED.items() if n in decided]
    if answered:
        out += ["", "### Survivors of a full run, answered by a new test", "",
                "Each survived every check of the full run, got a test exactly at the boundary it moves "
                "(tests/test_mutant_survivors.py, now one of the model's tests, for a model mutant; "
                "tests/test_mutant_survivors_spec.py, one of the reference implementation's own tests, for a spec "
                "mutant), and was re-run: its row below is the re-run.", ""]
        out += [f"- `{n}` ({BY_NAME[n].section}, {BY_NAME[n].mistake}): {why}" for n, why in answered]
    if mechanical is not None:
        kinds = mechanical.get("survivor_kinds", {})
        out += ["", "## mutmut (mechanical mutants)", "", summary(mechanical) + ".", "",
                f"Survivors by what they change: {len(kinds.get('text', []))} only the words of a string, "
                f"{len(kinds.get('explanation', []))} an explanation's metadata or its printed percentage (`pct`), "
                f"{len(kinds.get('decision', []))} a decision. The decision-changing survivors (`mutmut show NAME` in "
                "a copy kept with `python -m rightsplan.proofs.mutants_mutmut --keep`):", ""]
        out += [f"- {line}" for line in kinds.get("decision", [])] or ["None."]
    elif kept:
        out += ["", kept.rstrip()]
    out += ["", "## Every mutant", "", "| mutant | section | misreading | killed by | first failure | seconds | finished |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for o in outcomes:
        out.append(f"| `{o.mutant.name}` | {o.mutant.section} | {o.mutant.mistake.replace('|', '/')} | "
                   f"{o.verdict} | {_first_failure(o)} | {o.seconds:.0f} | {o.when} |")
    return "\n".join(out) + "\n"


def _first_failure(o: Outcome, width: int = 140) -> str:
    """The failing check's first counterexample line (else its first line), safe inside a table cell."""
    failed = next((c for c in o.checks if not c.passed and not c.timed_out), None)
    if failed is not None and failed.failing:  # a pytest check: the first failing test names the boundary
        return failed.failing[0].replace("|", "/")[:width]
    lines = failed.detail.splitlines() if failed is not None else []
    why = next((line for line in lines if "COUNTEREXAMPLE" in line), lines[0] if lines else "")[:width]
    return why.replace("|", "/").replace("`", "")


def _defects_section(defects: list[Outcome] | None) -> list[str]:
    """The defects of issue 8: which of `make verify`'s checks catches each (tests/test_defect_mutants.py)."""
    by_name = {o.mutant.name: o for o in defects or []}
    out = ["## The defects of issue 8", "", "Each must make `make verify` fail: the worked examples' answers "
           "(`examples`), `rightsplan verify` (`verify`) or the derandomized cross-check (`crosscheck`); only those "
           "three checks run, in that order, and the first that fails catches the defect "
           "(tests/test_defect_mutants.py asserts it; run with `RIGHTSPLAN_DEFECT_MUTANTS=1`, as `make mutants` does). "
           "A defect the main run killed only after its own tests passed is shown with that run's outcome: its "
           "checks were the same, in the same order.",
           "", "| defect | mutant | caught by | first failure | seconds |", "| --- | --- | --- | --- | --- |"]
    for letter, name in DEFECTS.items():
        o = by_name.get(name)
        verdict = "not run" if o is None else ("NOT CAUGHT" if o.verdict == "SURVIVED" else o.verdict)
        secs = f"{o.seconds:.0f}" if o is not None else ""
        out.append(f"| ({letter}) | `{name}` | {verdict} | {_first_failure(o) if o else ''} | {secs} |")
    return out


def read_baselines(paths: list[Path]) -> dict[str, CheckResult]:
    """The last baseline found in the logs (each run logs its unmutated copy's checks first)."""
    base: dict[str, CheckResult] = {}
    for path in paths:
        for line in path.read_text().splitlines():
            rec = json.loads(line) if line.strip() else {}
            if "baseline" in rec:
                base = {c["check"]: CheckResult(c["check"], c["passed"], c["seconds"], c["detail"],
                                                tuple(c.get("failing", ()))) for c in rec["baseline"]}
    return base


def kept_section(doc: Path, title: str) -> str:
    """The section of ``doc`` that starts with the heading ``title``, up to the next ``## `` heading."""
    if not doc.is_file():
        return ""
    text = doc.read_text()
    start = text.find(f"\n{title}\n")
    if start < 0:
        return ""
    end = text.find("\n## ", start + len(title) + 2)
    return text[start + 1:end if end >= 0 else len(text)]


def render(logs: list[Path], defect_logs: list[Path], doc: Path, how: str) -> str:
    """docs/mutants.md from run logs: the latest outcome of each mutant, the defects, the last mutmut section."""
    outcomes = read_logs(logs)
    base = read_baselines(logs)
    defects = read_logs(defect_logs) if defect_logs else []
    # A defect the main run killed after its tests passed met `make verify`'s checks in their order:
    # that outcome answers for it too, unless the defect run has its own.
    own = {o.mutant.name for o in defects}
    defects += [o for o in outcomes if o.mutant.name in DEFECTS.values() and o.mutant.name not in own
                and o.verdict in ("examples", "verify", "crosscheck")]
    kept = kept_section(doc, "## mutmut (mechanical mutants)")
    total = sum(o.seconds for o in outcomes)
    if not how:
        stamps = sorted(json.loads(line).get("finished", "") for p in logs for line in p.read_text().splitlines()
                        if line.strip() and "mutant" in json.loads(line))
        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        how = (f"Generated on {now} by `python -m rightsplan.proofs.mutants_run render` from the logs of "
               f"{len(outcomes)} mutant runs finished between {stamps[0] if stamps else '?'} and "
               f"{stamps[-1] if stamps else '?'} ({total / 60:.0f} minutes of checks). Do not edit by hand.")
    return markdown(outcomes, base, CHECKS, total, defects=defects, how=how, kept=kept)


def load_set(path: Path) -> dict[str, Mutant]:
    """The mutants defined by another copy of proofs/mutants_set.py (a frozen tree's own patterns)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("frozen_mutants_set", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return dict(module.BY_NAME)


def resume(source: Path, names: list[str], log: Path, checks: tuple[str, ...]) -> list[Outcome]:
    """Run the named mutants on ``source`` (a frozen copy whose baseline passed), skipping those ``log`` decided.

    The mutants are those of the copy's own proofs/mutants_set.py, so their patterns match it.
    """
    frozen = load_set(source / "proofs" / "mutants_set.py")
    done = {json.loads(line).get("mutant") for line in log.read_text().splitlines() if line.strip()} \
        if log.is_file() else set()
    chosen = [frozen[n] for n in (names or list(frozen)) if n not in done]
    print(f"{len(chosen)} mutants to run on {source}, one at a time, checks: {', '.join(checks)}", flush=True)
    return run_all(chosen, checks, 1, source)


def main(argv: list[str] | None = None) -> int:
    """``render``: write docs/mutants.md from the JSON-lines logs of one or more runs; ``resume``: run more."""
    import argparse

    ap = argparse.ArgumentParser(prog="mutants_run", description="render docs/mutants.md from mutant run logs, "
                                 "or resume a run on a frozen copy")
    ap.add_argument("command", choices=("render", "resume"))
    ap.add_argument("names", nargs="*", help="resume: the mutants to run, in order (default: all not yet logged)")
    ap.add_argument("--source", default="", help="resume: the frozen copy (its baseline must have passed)")
    ap.add_argument("--checks", default=",".join(CHECKS), help="resume: comma-separated checks, in order")
    ap.add_argument("--log", action="append", default=[], help="a run log (RIGHTSPLAN_MUTANTS_LOG); later ones win")
    ap.add_argument("--defects", action="append", default=[], help="the log of the defect run (examples,verify,crosscheck)")
    ap.add_argument("--doc", default=str(CHECKOUT / "docs" / "mutants.md"))
    ap.add_argument("--how", default="", help="the sentence saying how and when the runs were made")
    args = ap.parse_args(argv)
    if args.command == "resume":
        if not args.source or not (Path(args.source) / "proofs" / "mutants_set.py").is_file() or len(args.log) != 1:
            print(f"error: resume: --source {args.source!r}, --log {args.log}; expected a frozen copy holding "
                  "proofs/mutants_set.py and exactly one --log", file=sys.stderr)
            return 2
        os.environ["RIGHTSPLAN_MUTANTS_LOG"] = args.log[0]
        resume(Path(args.source), args.names, Path(args.log[0]), tuple(c for c in args.checks.split(",") if c))
        return 0
    missing = [p for p in args.log + args.defects if not Path(p).is_file()]
    if missing or not args.log:
        print(f"error: --log: got {missing or 'none'}; expected existing run log files", file=sys.stderr)
        return 2
    doc = Path(args.doc)
    text = render([Path(p) for p in args.log], [Path(p) for p in args.defects], doc, args.how or None)
    doc.write_text(text)
    print(f"wrote {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
