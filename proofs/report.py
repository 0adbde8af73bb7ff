"""The checker's report: proofs/out/report.html (for counsel), report.md and report.json (same content).

The report names its plan (the one the catalogue is rendered for, ``registry.current_plan``).
Findings come first: each expected counterexample is a belief a reader of the plan's summary
(DigitalThink: the Summary of Rights, Exhibit C) might hold that the operative text does not
support -- not a failure -- or a property of every plan that this plan's terms file expects
to fail, with its reason.  The properties of every plan that do not apply to the plan are
listed with the reason ("not applicable: the plan has no ...").
For each: the belief and its words, why it fails (``findings.explain``, read from the
replay), the story step by step with weekday dates, a table of holdings, and a chart of
each person's ownership against its threshold.  Then the proofs grouped by section with
their plain sentences, then method and limits.  The page is one self-contained file:
inline CSS, inline SVG, nothing fetched.  jinja2 renders it; matplotlib draws the charts.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def version() -> str:
    """The installed project version."""
    from importlib.metadata import version as installed

    return installed("rightsplan")


def _scenario_path(r: dict[str, Any], out: Path) -> Path:
    """The counterexample file ``confirm`` wrote under ``out`` (or the path it recorded)."""
    path = Path(r["scenario"])
    candidates = (out / "counterexamples" / f"{r['id']}.yaml", path, ROOT / path, Path.cwd() / path)
    found = [c for c in candidates if c.is_file()]
    return found[0] if found else path


def _rights_state(e: Any, snap: Any, before: Any) -> str:
    """What the step did to the Rights themselves, with the reason when an order has no effect."""
    if not snap.effective:
        return "no effect"
    if snap.expired and (before is None or not before.expired):
        if e.kind == "redeem":
            return "redeemed: the Rights expire with this redemption (the Redemption Date, Section 1(q)(ii))"
        if e.kind == "exchange":
            return "exchanged: the Rights expire with this order (Section 1(q)(iii))"
        return "the Rights expire (Section 1(q)(i))"
    return "takes effect"


def _with_reason(state: str, e: Any, ineffective: list[dict[str, Any]]) -> str:
    found = [x for x in ineffective if x["index"] == e.index]
    return state + (f": {found[0]['reason']} ({found[0]['section']})" if found else "")


def _then_and_finally(ev: Any, k: int, e: Any, snap: Any, state: str, who: str) -> tuple[str, str]:
    """A row of a finding about the retroactive cure: the moment-by-moment determination (the first pass, with its
    own reasons) beside the final result (the replay without the cured episodes, Section 1(a)(i))."""
    from rightsplan.proofs.findings import final_snapshots
    from rightsplan.spec.evaluate import _Engine

    final = final_snapshots(ev.scenario)
    moment = _Engine(ev.scenario, False, frozenset()).run().ineffective_events
    then = _with_reason(_rights_state(e, snap, ev.snapshots[k - 1] if k else None), e, moment)
    later = _with_reason(_rights_state(e, final[k], final[k - 1] if k else None), e, ev.ineffective_events)
    return (f"at the time: {then}; in the final result: {later}",
            f"{who}; in the final result: {', '.join(sorted(final[k].acquiring_persons)) or 'none'}")


def finding(r: dict[str, Any], out: Path, with_chart: bool) -> dict[str, Any]:
    """One finding: the belief, why it fails, the story, the table and (for HTML) the chart."""
    from rightsplan.proofs.catalogue import BY_ID
    from rightsplan.proofs.findings import Why, belief_source, explain
    from rightsplan.spec import memo
    from rightsplan.spec.evaluate import evaluate, is_assumption
    from rightsplan.spec.scenario import load_scenario

    p = BY_ID[r["id"]]
    ev = evaluate(load_scenario(_scenario_path(r, out)), snapshots=True)
    why = explain(p.id, ev)
    if why is None and p.expect_reason and not p.template:  # a property of every plan this plan expects to fail
        why = Why(0, "the plan's terms", f"This plan's terms file expects it: {p.expect_reason}", (), p.expect_reason)
    steps = memo.steps(ev)
    # The story's notes are the final result's; so is its "no effect" mark (the table also shows the first pass).
    effective = [s["effective"] for s in steps]
    if p.engine != "step":
        from rightsplan.proofs.findings import final_snapshots

        effective = [snap.effective for snap in final_snapshots(ev.scenario)]
    table = []
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots)):
        state = _with_reason(_rights_state(e, snap, ev.snapshots[k - 1] if k else None), e, ev.ineffective_events)
        who = ", ".join(sorted(snap.acquiring_persons)) or "none"
        if p.engine != "step":  # a finding about the final result: what was determined then, and finally
            state, who = _then_and_finally(ev, k, e, snap, state, who)
        table.append({"n": k + 1, "date": memo.long_date(e.date), "event": steps[k]["event"], "rights": state,
                      "outstanding": f"{snap.outstanding:,}",
                      "holdings": [memo.holding(row.person, row.owned, row.fraction) for row in steps[k]["rows"]],
                      "acquiring_persons": who})
    out = {
        "id": p.id, "sentence": p.sentence, "belief": p.belief or "",
        "belief_source": belief_source(p.belief, p.belief_section) if p.belief else "", "sections": list(p.sections),
        "readings": dict(p.readings), "scenario": r["scenario"], "why": why.to_json() if why else None,
        "start": {"date": memo.long_date(ev.scenario.start), "outstanding": f"{ev.scenario.outstanding:,}",
                  "holdings": [memo.holding(row.person, row.owned, row.fraction)
                               for row in memo.context(ev)["start"]["rows"] if row.owned],
                  "notes": [n.to_json() for n in ev.explanations if n.index is None and not is_assumption(n)],
                  "assumed": sum(is_assumption(n) for n in ev.explanations)},
        "steps": [{"n": s["n"], "date": s["date"], "event": s["event"], "effective": effective[k],
                   "notes": [n.to_json() for n in s["notes"]]} for k, s in enumerate(steps)],
        "table": table, "answers": memo.answers(ev),
    }
    if with_chart:
        out["chart"] = memo.chart(ev, f"{p.id}: ownership against threshold")
    return out


def _group(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The decided properties that are not findings, grouped by the first section they rest on."""
    from rightsplan.proofs.catalogue import BY_ID
    from rightsplan.proofs.labels import label

    groups: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        if r["status"] == "COUNTEREXAMPLE" and r["expect"] == "COUNTEREXAMPLE":
            continue
        p = BY_ID[r["id"]]
        section = next((s for s in p.sections if s.startswith("Section")), p.sections[0])
        groups.setdefault(section, []).append({"id": p.id, "sentence": p.sentence, "verdict": label(r),
                                               "expect_reason": p.expect_reason,
                                               "expected": r["status"] == r["expect"], "seconds": r["seconds"],
                                               "core": ", ".join(r["core_sections"] or r["sections"]),
                                               "cvc5": r["cvc5"] or "-", "warnings": r.get("warnings", [])})
    from rightsplan.spec import agreement

    order = list(agreement.parts())
    return [{"section": s, "anchor": agreement.anchor(s), "items": items}
            for s, items in sorted(groups.items(), key=lambda kv: order.index(agreement.part_of(kv[0])))]


def reading_order(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The order findings are read in: the plan's summary's beliefs first (each a step of the model), then what the
    retroactive cure does to the final result (a subtler point); the run's order within each."""
    return sorted(results, key=lambda r: r.get("engine", "step") != "step")


def content(out: Path, results: list[dict[str, Any]], identities: list[dict[str, Any]], problems: list[str],
            depth: int, readings: dict[str, str], with_charts: bool,
            matrix: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the report says, as plain data (report.json is this without the charts)."""
    from rightsplan.proofs.registry import NOT_APPLICABLE, current_plan
    from rightsplan.spec.memo import appendix, readings_in_force

    plan = current_plan()
    findings = [finding(r, out, with_charts) for r in reading_order(results)
                if r["status"] == "COUNTEREXAMPLE" and r["expect"] == "COUNTEREXAMPLE" and r.get("scenario")]
    unexplained = [f"{f['id']}: the replay does not show the determination its reason expects" for f in findings
                   if f["why"] is None]
    cited = {s for f in findings for s in f["sections"]} | {w["section"] for f in findings if f["why"]
                                                          for w in f["why"]["words"]}
    cited |= {s for r in results for s in r["sections"]}
    proved = sum(r["status"] == "PROVED" for r in results)
    unexpected = [r["id"] for r in results if r["status"] != r["expect"]]
    return {
        "title": f"What the {plan.title or plan.name} guarantees, and what it does not",
        "plan": {"name": plan.name, "title": plan.title or plan.name, "company": plan.company,
                 "builtin": _builtin(plan),
                 "windows": windows(plan), "assumptions": dict(plan.assumptions)},
        "not_applicable": [n.to_json() for n in NOT_APPLICABLE],
        "generated": datetime.now(timezone.utc).strftime("%A, %B %-d, %Y, %H:%M UTC"), "version": version(),
        "depth": depth, "checked": len(results), "proved": proved, "findings": findings,
        "unexpected": unexpected, "problems": problems + unexplained,
        "other": [r for r in results if r["status"] not in ("PROVED", "COUNTEREXAMPLE")],
        "readings": readings_in_force(readings), "overrides": readings,
        "groups": _group(results), "identities": identities, "results": results,
        "citations": appendix(sorted(cited, key=lambda c: _order(c))) if _builtin(plan) else
        plan_appendix(plan, sorted(cited, key=lambda c: _order(c))), "readings_matrix": matrix,
    }


def windows(plan: Any) -> list[str]:
    """The two stretches of the plan's calendar that counterexample dates fall in (solver/plan.py), in words."""
    from rightsplan.solver.calendar_model import model_calendar

    days = model_calendar((), plan.source)
    time = days.time

    def span(lo: int, hi: int) -> str:
        a, b = days.date_of(lo), days.date_of(hi)
        return f"{a:%B} {a.day}, {a.year} - {b:%B} {b.day}, {b.year}"

    return [span(*time.near), span(*time.far)]


def _builtin(plan: Any) -> bool:
    """Whether the plan is the one whose agreement text is shipped (spec/agreement/)."""
    from rightsplan.spec.terms import BUILTIN_PLAN

    return plan.name == BUILTIN_PLAN


def _order(citation: str) -> int:
    from rightsplan.spec import agreement
    from rightsplan.spec.citations import is_valid

    parts = list(agreement.parts())
    return parts.index(agreement.part_of(citation)) if is_valid(citation) else len(parts)


def _anchor(citation: str) -> str:
    """The citation's anchor in the report: the agreement's, or a slug for a section only another plan has."""
    from rightsplan.spec import agreement
    from rightsplan.spec.citations import is_valid

    if is_valid(citation):
        return agreement.anchor(citation)
    return "s-" + "".join(ch if ch.isalnum() else "-" for ch in citation.lower()).strip("-")


def plan_words_by_section(plan: Any) -> dict[str, list[str]]:
    """The words a plan's terms file quotes, by the section they come from (for a plan whose text is not shipped)."""
    from rightsplan.spec.terms import Term

    out: dict[str, list[str]] = {}

    def add(section: str, words: str) -> None:
        if words and words not in out.setdefault(section, []):
            out[section].append(words)

    parts: list[Any] = list(plan.terms.values()) + [plan.exempt_persons, plan.security]
    for h in plan.holders.values():
        add(h.section, h.words)
        parts += [h.threshold, h.ratchet]
    if plan.grandfathering is not None:
        g = plan.grandfathering
        parts += [g.date, g.threshold, g.allowance]
    for t in parts:
        if isinstance(t, Term):
            add(t.section, t.words)
    for section, words in plan.finding_words.values():
        add(section, words)
    return out


def plan_appendix(plan: Any, citations: list[str]) -> list[dict[str, str]]:
    """For each cited section, the plan's own words from its terms file (its agreement's text is not shipped)."""
    words = plan_words_by_section(plan)
    return [{"citation": c, "anchor": _anchor(c),
             "text": "\n\n".join(f"\"{w}\"" for w in words.get(c, []))
             or "(no words of this section in the terms file)"}
            for c in dict.fromkeys(citations)]


def _environment(plan: Any = None) -> Any:
    import jinja2

    from rightsplan.spec.memo import environment

    env = environment()
    env.loader = jinja2.ChoiceLoader([jinja2.PackageLoader("rightsplan.proofs", "templates"), env.loader])
    if plan is not None and not _builtin(plan):  # cite another plan's words, never the built-in agreement's
        words = plan_words_by_section(plan)
        env.filters |= {"anchor": _anchor, "words": lambda c: " ... ".join(words.get(c, [])) or c}
    return env


def write_report(out: Path, results: list[dict[str, Any]], identities: list[dict[str, Any]],
                 problems: list[str], depth: int, readings: dict[str, str] | None = None,
                 matrix: dict[str, Any] | None = None) -> list[str]:
    """Write report.html, report.md and report.json under ``out``; returns the problems the report found.

    ``matrix`` is the readings matrix of ``verify --matrix`` (proofs/matrix.py), when it was run.
    """
    out.mkdir(parents=True, exist_ok=True)
    data = content(out, results, identities, problems, depth, readings or {}, with_charts=True, matrix=matrix)
    from rightsplan.proofs.registry import current_plan

    env = _environment(current_plan())
    (out / "report.html").write_text(env.get_template("report.html.j2").render(**data))
    (out / "report.md").write_text(env.get_template("report.md.j2").render(**data))
    plain = data | {"findings": [{k: v for k, v in f.items() if k != "chart"} for f in data["findings"]]}
    (out / "report.json").write_text(json.dumps(plain, indent=1, default=str))
    return data["problems"][len(problems):]
