"""The memo for one scenario: the answers first, then the readings, each step, and the chart.

``rightsplan evaluate FILE --format text|md|html`` prints it.  The answers are those of the
contract's output (Sections 1(a), 1(oo), 1(hh), 1(l), 23(a), 24(a), 1(q)), each with how it
was worked out -- for the redemption deadline, "the fifth day following the Shares
Acquisition Date" and the roll of its Close of Business to the next Business Day by Section
1(f) ("if such date is not a Business Day it shall mean 5:00 P.M., California time, on the
next succeeding Business Day").  After every event the memo gives each person's percentage
and the threshold Section 1(a) holds it to.  jinja2 renders the text; it and matplotlib are
imported only when a memo is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from . import agreement
from .calendar import BusinessCalendar
from .charts import Series, ownership_svg, plan_lines
from .acquiring_person import lowest_line
from .terms import BUILTIN_PLAN
from .citations import cite
from .explain import describe
from .ownership import Ownership
from .results import Evaluation, Snapshot
from .vocabulary import READINGS, Role

S_1A, S_1F, S_1HH, S_1L = cite("Section 1(a)"), cite("Section 1(f)"), cite("Section 1(hh)"), cite("Section 1(l)")
S_1OO, S_1Q, S_23A, S_24A = cite("Section 1(oo)"), cite("Section 1(q)"), cite("Section 23(a)"), cite("Section 24(a)")
FORMATS = ("text", "md", "html", "json")


# -- words for dates, shares and percentages ------------------------------------------------

def long_date(d: date) -> str:
    """"Monday, April 21, 2003"."""
    return f"{d:%A}, {d:%B} {d.day}, {d.year}"


def short_date(d: date) -> str:
    """"Sat 2003-06-07"."""
    return f"{d:%a} {d.isoformat()}"


def pct(x: Fraction) -> str:
    """A fraction as a percentage: exact to two decimals, or cut with "..." when longer."""
    hundred = x * 100
    cut = Decimal(hundred.numerator * 100 // hundred.denominator) / 100
    exact = Fraction(cut) == hundred
    text = f"{cut:f}".rstrip("0").rstrip(".") if "." in f"{cut:f}" else f"{cut:f}"
    return f"{text}%" if exact else f"{text}...%"


def shares(n: int) -> str:
    """"1 share", "1,520,000 shares"."""
    return f"{n:,} share" + ("" if n == 1 else "s")


def holding(name: str, owned: int, fraction: Fraction) -> str:
    """"Acquirer 1,520,000 (15.2%)"."""
    return f"{name} {owned:,} ({pct(fraction)})"


def close_of_business(cal: BusinessCalendar, d: date, what: str, time: str) -> str:
    """A date whose Close of Business (``time``, the plan's) matters, with its roll under Section 1(f)."""
    cob = cal.close_of_business(d)
    if cob == d:
        return f"{what} {short_date(d)}, {time}"
    why = cal.closure_reason(d)
    why = f" ({why})" if why and why != f"{d:%A}" else ""
    return f"{what} {short_date(d)}{why}, rolled by Section 1(f) to {short_date(cob)}, {time}"


# -- thresholds -------------------------------------------------------------------------------

def threshold(scenario: Any, snap: Snapshot | None, person: str) -> tuple[Fraction | None, str]:
    """The line Section 1(a) holds a person to at a moment, and why (from the scenario's plan)."""
    plan, role = scenario.plan, scenario.persons[person]
    holder = plan.holders.get(scenario.holders.get(person, ""))
    if role is Role.NAMED_EXEMPT:
        who = holder.name if holder is not None else "a Board-designated Exempt Person"
        return None, f"none: {who} is excluded ({holder.section if holder else plan.exempt_persons.section})"
    if role.exempt:
        return None, "none: the Company, its Subsidiaries and plans are excluded (Section 1(a))"
    if snap is not None and person in snap.grandfathered and plan.grandfathering is not None:
        t = plan.grandfathering.threshold.value
        return t, f"{pct(t)}, grandfathered until it acquires more ({plan.grandfathering.date.section})"
    if holder is not None and holder.threshold is not None:
        if snap is not None and holder.key in snap.ratcheted and holder.ratchet is not None:
            t = holder.ratchet.value
            return t, f"{pct(t)}: {holder.name}, after its ratchet ({holder.ratchet.section})"
        t = holder.threshold.value
        return t, f"{pct(t)}: {holder.name} ({holder.threshold.section})"
    t = plan.value("acquiring_person_threshold")
    return t, pct(t)


# -- the memo's content -----------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    person: str
    owned: int
    fraction: Fraction
    threshold: str
    status: str


def _status(snap: Snapshot | None, person: str) -> str:
    if snap is None:
        return ""
    marks = [("Acquiring Person", snap.acquiring_persons), ("Rights void", snap.void_holders),
             ("shielded by the buyback carve-out", snap.shielded), ("marked by the buyback proviso", snap.marked)]
    return "; ".join(words for words, members in marks if person in members)


def _rows(ev: Evaluation, snap: Snapshot | None, own: dict[str, tuple[int, Fraction]]) -> list[Row]:
    s = ev.scenario
    return [Row(p, own[p][0], own[p][1], threshold(s, snap, p)[1], _status(snap, p))
            for p, role in s.persons.items()]


def _start_ownership(ev: Evaluation) -> dict[str, tuple[int, Fraction]]:
    s = ev.scenario
    o = Ownership(s.persons, s.holdings, s.options, s.groups, s.outstanding, lowest_line(s.plan), holders=s.holders)
    return {p: (s.holdings.get(p, 0) + s.options.get(p, 0), o.fraction(o.unit(p))) for p in s.persons}


def _snap_ownership(ev: Evaluation, snap: Snapshot) -> dict[str, tuple[int, Fraction]]:
    """Each person's own shares and options, and the fraction its unit owns (Section 1(d))."""
    return {p: (snap.holdings.get(p, 0) + snap.options.get(p, 0), snap.ownership[p]) for p in ev.scenario.persons}


def redemption_how(ev: Evaluation) -> str:
    """How the redemption deadline of Section 23(a) was worked out."""
    s, cal = ev.scenario, BusinessCalendar(ev.scenario.readings, ev.scenario.plan.business_day_states)
    fed = s.plan.final_expiration_date
    if ev.shares_acquisition_date is None:
        return ("no Shares Acquisition Date (Section 1(hh)), so clause (ii): "
                + close_of_business(cal, fed, "the Final Expiration Date", s.plan.close_of_business_words()))
    fifth = ev.shares_acquisition_date + timedelta(days=s.plan.redemption_days)
    base = close_of_business(cal, fifth, f"fifth day after the Shares Acquisition Date "
                                         f"{short_date(ev.shares_acquisition_date)}:", s.plan.close_of_business_words())
    if ev.redemption_deadline == cal.close_of_business(fifth):
        return base
    if ev.redemption_deadline == cal.close_of_business(fed) and fifth >= fed:
        return base + "; capped by clause (ii) at " + close_of_business(cal, fed, "the Final Expiration Date",
                                                                         s.plan.close_of_business_words())
    return base + f"; a later date set by the Board: {short_date(ev.redemption_deadline)} (Section 23(a))"


def expiration_how(ev: Evaluation) -> str:
    """The Expiration Date of Section 1(q) in words."""
    x, cal = ev.expiration, BusinessCalendar(ev.scenario.readings, ev.scenario.plan.business_day_states)
    if x.cause == "final_expiration":
        return close_of_business(cal, ev.scenario.plan.final_expiration_date,
                                 "the Close of Business on the Final Expiration Date (Section 1(r))",
                                 ev.scenario.plan.close_of_business_words())
    if x.cause == "redemption":
        return f"{long_date(x.date)}: the Redemption Date (Section 1(q)(ii))"
    return f"{long_date(x.date)}: the Board ordered an exchange (Section 1(q)(iii))"


def answers(ev: Evaluation) -> list[dict[str, Any]]:
    """The answers, each with its value, how it was reached and the section behind it."""
    aps = "; ".join(f"{p}, since {long_date(d)}" for p, d in ev.acquiring_persons.items()) or "none"
    d = lambda x: long_date(x) if x else "none"  # noqa: E731
    return [
        {"label": "Acquiring Persons", "value": aps, "how": "", "section": S_1A},
        {"label": "Triggering Event", "value": d(ev.triggering_event), "how": "", "section": S_1OO},
        {"label": "Shares Acquisition Date", "value": d(ev.shares_acquisition_date), "how": "", "section": S_1HH},
        {"label": "Distribution Date", "value": d(ev.distribution_date), "how": "", "section": S_1L},
        {"label": "Redemption deadline",
         "value": long_date(ev.redemption_deadline) + ", " + ev.scenario.plan.close_of_business_words(),
         "how": redemption_how(ev), "section": S_23A},
        {"label": "Exchange", "value": f"barred since {long_date(ev.exchange_barred_since)}"
         if ev.exchange_barred_since else "not barred", "how": "", "section": S_24A},
        {"label": "Expiration", "value": long_date(ev.expiration.date), "how": expiration_how(ev), "section": S_1Q},
    ]


def readings_in_force(readings: dict[str, str]) -> list[dict[str, str]]:
    """Every reading switch with the value in force and what it means."""
    return [{"name": r.name, "value": readings.get(r.name, r.default), "default": r.default,
             "meaning": r.meaning.get(readings.get(r.name, r.default), ""), "section": r.section}
            for r in READINGS.values()]


def chart(ev: Evaluation, title: str) -> str:
    """The ownership chart of an evaluation kept with ``snapshots=True``."""
    s = ev.scenario
    start = _start_ownership(ev)
    owners = [p for p in s.persons if start[p][0] or any(sn.ownership[p] for sn in ev.snapshots)]
    series = []
    for p in owners:
        pts = [(s.start, start[p][1])] + [(sn.date, sn.ownership[p]) for sn in ev.snapshots]
        series.append(Series(p, threshold(s, ev.snapshots[-1] if ev.snapshots else None, p)[1].split(":")[0],
                             tuple(pts)))
    marks = [("Distribution Date", ev.distribution_date)] if ev.distribution_date else []
    marks.append(("Redemption deadline", ev.redemption_deadline))
    return ownership_svg(series, marks, title, plan_lines(s.plan))


def steps(ev: Evaluation) -> list[dict[str, Any]]:
    """One entry per event, numbered from 1: its date, its words, its effect and each person's line."""
    notes: dict[int | None, list[Any]] = {}
    for n in ev.explanations:
        notes.setdefault(n.index, []).append(n)
    out = []
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
        out.append({"n": k, "date": long_date(e.date), "event": describe(e), "effective": snap.effective,
                    "rows": _rows(ev, snap, _snap_ownership(ev, snap)),
                    "notes": notes.get(e.index, [])})
    return out


def context(ev: Evaluation) -> dict[str, Any]:
    """Everything a memo template needs, from an evaluation kept with ``snapshots=True``."""
    s = ev.scenario
    notes = [n for n in ev.explanations if n.index is None]
    cited = sorted({n.section for n in ev.explanations} | {a["section"] for a in answers(ev)} | {S_1F},
                   key=_order)
    return {
        "source": s.source, "plan": s.plan.name, "title": s.plan.title or s.plan.name, "description": s.description,
        "start": {"date": long_date(s.start), "outstanding": s.outstanding,
                  "rows": _rows(ev, None, _start_ownership(ev)), "notes": notes},
        "answers": answers(ev), "readings": readings_in_force(dict(s.readings)), "steps": steps(ev),
        "ineffective": ev.ineffective_events,
        "citations": appendix(cited) if s.plan.name == BUILTIN_PLAN else plan_appendix(s.plan, cited),
        "expect_ignored": s.expect is not None,
    }


def _order(citation: str) -> list[int]:
    keys = list(agreement.parts())
    return [keys.index(agreement.part_of(citation))]


def appendix(citations: list[str]) -> list[dict[str, str]]:
    """The agreement's words for each citation, one entry per part of the agreement."""
    seen: dict[str, dict[str, str]] = {}
    for c in citations:
        part = agreement.part_of(c)
        seen.setdefault(part, {"citation": part, "anchor": agreement.anchor(part), "text": agreement.words(part)})
    return list(seen.values())


def plan_appendix(plan: Any, citations: list[str]) -> list[dict[str, str]]:
    """For a plan whose full text is not shipped: the words its terms file quotes, under each cited section.

    The built-in agreement's words would be another plan's; a cited section no term quotes says so.
    """
    out = []
    for c in citations:
        quoted = [f"{t.name}: \"{t.words}\"" for t in plan.terms.values() if t.section == c and t.words]
        quoted += [f"{h.name}: \"{h.words}\"" for h in plan.holders.values() if h.section == c and h.words]
        text = "\n".join(quoted) if quoted else (f"(the full text of {plan.title or plan.name} is not shipped; "
                                                 "its terms file quotes no words for this section)")
        out.append({"citation": c, "anchor": agreement.anchor(agreement.part_of(c)), "text": text})
    return out


def environment() -> Any:
    """The jinja2 environment of the memo and report templates, with the shared filters."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("rightsplan.spec", "templates"),
                             autoescape=jinja2.select_autoescape(["html.j2"]), trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters |= {"pct": pct, "shares": shares, "long_date": long_date, "short_date": short_date,
                    "anchor": agreement.anchor, "words": agreement.words, "holding": holding,
                    "mdcell": lambda t: str(t).replace("|", "\\|").replace("\n", " ")}
    return env


def render(ev: Evaluation, fmt: str) -> str:
    """The memo as text, Markdown or self-contained HTML."""
    ctx = context(ev)
    if fmt == "html":
        ctx["chart"] = chart(ev, f"Ownership against threshold: {ev.scenario.source}")
    return environment().get_template(f"memo.{fmt}.j2").render(**ctx)
