"""The checker's report: proofs/out/report.md (for people) and report.json (for programs).

Each counterexample is told as an ownership timeline -- one row per event -- and one
sentence per step that cites the section deciding it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_EVENT = {
    "acquire": ("{person} acquires {shares} shares", "Section 1(d)"),
    "dispose": ("{person} sells {shares} shares", "Section 1(d)"),
    "issue": ("the Company issues {shares} new shares{to}", "Section 29"),
    "repurchase": ("the Company buys back {shares} shares{frm}", "Section 1(a)"),
    "option": ("{person} gets an option on {shares} shares", "Section 1(d)"),
    "join_group": ("{who} become Affiliates/Associates of one another", "Section 1(d)"),
    "split": ("a {new}-for-{old} split", "Section 11(n)"),
    "announce": ("public announcement that {person} has become an Acquiring Person", "Section 1(hh)"),
    "tender_offer": ("{person} starts a tender offer for {shares} shares", "Section 1(l)"),
    "inadvertence": ("the Board finds that {person} crossed inadvertently", "Section 1(a)"),
    "extend_distribution": ("the Board sets the Distribution Date to {until}", "Section 1(l)"),
    "extend_redemption": ("the Board sets the redemption deadline to {until}", "Section 23(a)"),
    "redeem": ("the Board orders redemption", "Section 23(a)"),
    "exchange": ("the Board orders an exchange{portion}", "Section 24"),
}


def _event_words(ev: dict[str, Any]) -> tuple[str, str]:
    words, section = _EVENT[ev["type"]]
    fields = {"to": f" to {ev['to']}" if "to" in ev else "", "frm": f" from {ev['from']}" if "from" in ev else "",
              "who": " and ".join(ev.get("persons", [])),
              "portion": (" of half the Rights" if ev.get("portion") else "") + (
                  " for other rights (Section 24(e))" if ev.get("kind") == "rights" else "")}
    return words.format(**(ev | fields)), section


def _changes(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    b = before or {}
    out = []
    verb = "becomes" if before is not None else "is"
    for who in sorted(set(after["acquiring_persons"]) - set(b.get("acquiring_persons", []))):
        out.append(f"{who} {verb} an Acquiring Person (Section 1(a))")
    for who in sorted(set(b.get("acquiring_persons", [])) - set(after["acquiring_persons"])):
        out.append(f"{who} is not deemed to have become an Acquiring Person (Section 1(a)(i))")
    simple = [("triggering_event", "the Triggering Event is {v}", "Section 1(oo)"),
              ("shares_acquisition_date", "the Shares Acquisition Date is {v}", "Section 1(hh)"),
              ("distribution_date", "the Distribution Date is {v}", "Section 1(l)"),
              ("redemption_deadline", "the redemption deadline is {v}", "Section 23(a)"),
              ("exchange_barred_since", "exchange is barred from {v}", "Section 24(a)"),
              ("walden_ratcheted", "Walden's threshold is now 15%", "Section 1(a)"),
              ("expired", "the Rights have expired", "Section 1(q)")]
    for key, words, section in simple:
        if after[key] != b.get(key) and after[key] not in (None, False):
            out.append(f"{words.format(v=after[key])} ({section})")
        elif b.get(key) not in (None, False) and after[key] is None:
            out.append(f"{words.format(v=b[key]).replace(' is ', ' of ', 1)} is withdrawn ({section})")
    for key, words, section in (("void_holders", "{v}'s Rights are void", "Section 7(e)"),
                                ("shielded", "{v} is shielded by the buyback carve-out", "Section 1(a)"),
                                ("marked", "{v} is marked by the buyback proviso", "Section 1(a)")):
        for who in sorted(set(after[key]) - set(b.get(key, []))):
            out.append(f"{words.format(v=who)} ({section})")
    if not after["effective"]:
        out.append("this has no effect")
    return out


def narrate(r: dict[str, Any]) -> list[str]:
    """Markdown for one counterexample: the start, the timeline table, one sentence per step."""
    start, views, events = r["start"], r["timeline"], r["events"]
    names = list(start["persons"])
    roles = ", ".join(f"{n} ({spec.get('role', 'ordinary')})" for n, spec in start["persons"].items())
    lines = [f"Start (2003-04-21): {start['outstanding']} shares outstanding; persons {roles}; holdings "
             f"{start['holdings'] or 'none'}" + (f"; groups {start['groups']}" if start["groups"] else "")
             + (f"; grandfathered {start['grandfathered']}" if start["grandfathered"] else "") + ".", "",
             "| step | date | event | outstanding | " + " | ".join(names) + " | Acquiring Persons | effective |",
             "|---" * (6 + len(names)) + "|"]
    for i, (ev, v) in enumerate(zip(events, views)):
        held = " | ".join(str(v["holdings"][n] + v["options"][n]) for n in names)
        words, _ = _event_words(ev)
        lines.append(f"| {i} | {ev['date']} | {words} | {v['outstanding']} | {held} | "
                     f"{', '.join(v['acquiring_persons']) or '-'} | {'yes' if v['effective'] else 'no'} |")
    lines.append("")
    before = r.get("start_view")
    if before:
        at_start = _changes(None, before | {"effective": True, "redemption_deadline": None})
        if at_start:
            lines.append("At the start: " + "; ".join(at_start) + ".")
    for i, (ev, v) in enumerate(zip(events, views)):
        words, section = _event_words(ev)
        tail = "; ".join(_changes(before, v))
        lines.append(f"{i}. {ev['date']}: {words} ({section})" + (f"; {tail}." if tail else "."))
        before = v
    return lines


def write_report(out: Path, results: list[dict[str, Any]], identities: list[dict[str, Any]],
                 problems: list[str], depth: int) -> None:
    """Write report.md and report.json under ``out``."""
    from rightsplan.proofs.catalogue import BY_ID
    from rightsplan.proofs.verify import label

    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps({"depth": depth, "results": results, "identities": identities,
                                                 "problems": problems}, indent=1, default=str))
    md = ["# rightsplan checker report", "",
          f"Bounded search depth {depth}. PROVED means an unbounded proof (one-step induction over Houdini-"
          "strengthened invariants, re-checked by cvc5); BOUNDED(k) means no counterexample up to k steps "
          "and is not a proof.", "",
          "| property | verdict | depth | time (s) | sections (unsat core for proofs) | cvc5 |", "|---|---|---|---|---|---|"]
    for r in results:
        secs = ", ".join(r["core_sections"] or r["sections"])
        depth_s = "unbounded" if r["status"] == "PROVED" else str(r["depth"])
        md.append(f"| {r['id']} | {label(r)} | {depth_s} | {r['seconds']:.2f} | {secs} | {r['cvc5'] or '-'} |")
    if identities:
        md += ["", "## SymPy identities", "", "| identity | verdict | sections |", "|---|---|---|"]
        md += [f"| {i['id']} | {i['status']} | {', '.join(i['sections'])} |" for i in identities]
    md += ["", "## Counterexamples (findings for counsel)", ""]
    for r in results:
        if r["status"] != "COUNTEREXAMPLE" or "timeline" not in r:
            continue
        p = BY_ID[r["id"]]
        md += [f"### {p.id}", "", f"Belief: {p.sentence}" + (f" (Exhibit C: \"{p.belief}\")" if p.belief else ""),
               f"Scenario file: `{r.get('scenario')}` -- replayed through the reference implementation, which "
               "agrees with the model at every step.", "", *narrate(r), ""]
    md += ["## Problems", ""] + ([f"- {m}" for m in problems] or ["None: every verdict is the expected one."])
    (out / "report.md").write_text("\n".join(md) + "\n")
