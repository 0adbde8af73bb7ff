"""Why each belief fails: the decisive determination, read from the replayed counterexample.

For every expected counterexample the report says, in one sentence, which determination
of the reference implementation refutes the belief -- who, on which day, at what
percentage -- and quotes the plan's words that decide it, beside the summary's words the
belief rests on.  Names and numbers come from the plan and the belief's parameters (its
terms file): the holder's name and line, the threshold, the day counts, the date.  The
quoted words are the plan's ``finding_words:`` (the built-in plan's are checked against
the shipped agreement text, ``check_words``), else the words of the term that decides.
Which determination decided the case is *found in the replay*, step by step; a reason is
chosen by the belief's formula template (proofs/beliefs.py).  When the replay does not
show the determination a reason expects, ``explain`` says so (None) and the report lists
it as a problem instead of printing a reason that might not hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Callable

from rightsplan.spec import agreement
from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.memo import long_date, pct
from rightsplan.spec.results import Evaluation, Snapshot
from rightsplan.spec.terms import Belief, PlanTerms, load_plan
from rightsplan.spec.vocabulary import Role

from .plan_words import number

# The determinations a reason may quote, and the plan term whose words stand in when the plan
# file gives no ``finding_words`` for it (None: quoted only from ``finding_words``).
WORD_KEYS: dict[str, str | None] = {
    "exempt_holder": None, "exempt": None, "own_threshold": None, "carve_out": None,
    "proviso": "repurchase_deeming_threshold", "grandfather": None, "cure": None, "sad": None, "sad_undone": None,
    "dd_clock": "distribution_business_days", "tender": None, "bar": "exchange_bar_threshold",
    "cob": "close_of_business", "redeem_until": "redemption_days", "final": "final_expiration_date", "expired": None,
}


@dataclass(frozen=True)
class Why:
    """The reason one belief fails: the step, the determination, one sentence, and the words that decide it."""

    step: int  # 1-based, as in the story
    determination: str
    sentence: str
    words: tuple[tuple[str, str], ...]  # (citation, quoted words)
    headline: str = ""  # the reason in a few words, for the report's first page

    def to_json(self) -> dict[str, Any]:
        return {"step": self.step, "determination": self.determination, "headline": self.headline,
                "sentence": self.sentence,
                "words": [{"section": c, "quote": q} for c, q in self.words]}


def belief_source(belief: str, section: str = "") -> str:
    """Where a belief's words are: the section its plan file gives, else Exhibit C if they are there, else 1(a)."""
    if section:
        return section
    return "Exhibit C" if agreement.quote_found(belief, "Exhibit C") else "Section 1(a)"


def _quote(plan: PlanTerms, key: str) -> tuple[str, str] | None:
    """The plan's words for one determination: its ``finding_words``, else the deciding term's words."""
    if key in plan.finding_words:
        return plan.finding_words[key]
    if key == "exempt_holder":
        named = [h for h in plan.holders.values() if h.kind == "exempt" and h.words]
        return (named[0].section, named[0].words) if named else None
    if key == "own_threshold":
        own = [h for h in plan.own_threshold_holders() if h.threshold is not None and h.threshold.words]
        return (own[0].threshold.section, own[0].threshold.words) if own else None
    if key == "grandfather" and plan.grandfathering is not None and plan.grandfathering.threshold.words:
        return plan.grandfathering.threshold.section, plan.grandfathering.threshold.words
    term = WORD_KEYS[key]
    if term is not None and plan.terms[term].words:
        return plan.terms[term].section, plan.terms[term].words
    return None


def _w(plan: PlanTerms, *keys: str) -> tuple[tuple[str, str], ...]:
    return tuple(q for q in (_quote(plan, k) for k in keys) if q is not None)


def _section(plan: PlanTerms, term: str) -> str:
    return plan.section(term)


def holder_of(ev: Evaluation, person: str) -> Any:
    """The named holder a person belongs to (spec/terms.py NamedHolder), or None."""
    key = ev.scenario.holders.get(person)
    return ev.scenario.plan.holders.get(key) if key is not None else None


def _named(ev: Evaluation, person: str) -> str:
    holder = holder_of(ev, person)
    return person if holder is None or person == holder.name else f"{holder.name} ({person})"


def not_acquiring_reason(ev: Evaluation, snap: Snapshot, person: str) -> tuple[str, str] | None:
    """Why a person at or above the threshold is not an Acquiring Person at a snapshot: (words, key of WORD_KEYS)."""
    plan, role, holder = ev.scenario.plan, ev.scenario.persons[person], holder_of(ev, person)
    if role is Role.NAMED_EXEMPT:
        who = holder.name if holder is not None else "a Board-designated Exempt Person"
        return f"{who} is excluded from the definition of Acquiring Person", "exempt_holder"
    if role.exempt:
        return "the Company, its Subsidiaries and its employee plans are excluded", "exempt"
    if role is Role.OWN_THRESHOLD and holder is not None and holder.threshold is not None:
        line = holder.ratchet.value if holder.ratchet is not None and holder.key in snap.ratcheted else \
            holder.threshold.value
        if snap.ownership[person] < line:
            until = " until its ratchet" if holder.ratchet is not None and holder.key not in snap.ratcheted else ""
            return (f"{holder.name}'s threshold is {pct(line)}, not {pct(plan.value('acquiring_person_threshold'))}"
                    f"{until}", "own_threshold")
    if person in snap.shielded:
        return (f"it crossed {pct(plan.value('acquiring_person_threshold'))} only because the Company bought back "
                "shares", "carve_out")
    if person in snap.grandfathered:
        g = plan.grandfathering
        when = f"{g.day:%B} {g.day.day}, {g.day.year}" if g is not None else "the grandfathering date"
        more = "more than its allowance" if g is not None and g.allowance.value > 0 else "more"
        line = pct(g.threshold.value) if g is not None else pct(plan.value("acquiring_person_threshold"))
        return f"it held {line} or more on {when} and has not acquired {more}", "grandfather"
    return None


def _note(ev: Evaluation, index: int) -> str:
    texts = [x["reason"] for x in ev.ineffective_events if x["index"] == index]
    return texts[0] if texts else ""


Reason = Callable[[Evaluation, dict[str, Any]], "Why | None"]


def _every_holder(ev: Evaluation, v: dict[str, Any]) -> Why | None:
    plan, a = ev.scenario.plan, _section(ev.scenario.plan, "acquiring_person_threshold")
    for k, snap in enumerate(ev.snapshots, start=1):
        for p, f in snap.ownership.items():
            if f >= v["percent"] and p not in snap.acquiring_persons and not ev.scenario.persons[p].exempt:
                reason = not_acquiring_reason(ev, snap, p)
                if reason:
                    return Why(k, "Acquiring Persons", f"After step {k} ({long_date(snap.date)}) {p} holds {pct(f)} "
                               f"of the Common Shares and is not an Acquiring Person: {reason[0]} ({a}).",
                               _w(plan, reason[1]), f"{p} holds {pct(f)} and is not an Acquiring Person: {reason[0]}")
    return None


def _distribution_follows(ev: Evaluation, v: dict[str, Any]) -> Why | None:
    plan = ev.scenario.plan
    cal = BusinessCalendar(ev.scenario.readings, plan.business_day_states)
    days = number(v["days"])
    for k, snap in enumerate(ev.snapshots, start=1):
        if snap.triggering_event is None or snap.date <= cal.business_days_after(snap.triggering_event, v["days"]):
            continue
        if snap.distribution_date is None and snap.shares_acquisition_date is None:
            who = min(snap.acquiring_persons)
            return Why(k, "Distribution Date", f"There has been an Acquiring Person ({who}) since "
                       f"{long_date(snap.triggering_event)}, yet on {long_date(snap.date)}, "
                       f"more than {days} Business Days "
                       "later, there is no Distribution Date: nobody announced that an Acquiring Person had become "
                       "such, so there is no Shares Acquisition Date (Section 1(hh)), and "
                       f"{_section(plan, 'distribution_business_days')} counts its "
                       f"{number(plan.value('distribution_business_days'))} Business Days from that date, not from "
                       "the crossing.", _w(plan, "dd_clock", "sad"),
                       "without a public announcement there is no Shares Acquisition Date, so no Distribution Date")
    return None


def _exchange_until(ev: Evaluation, v: dict[str, Any]) -> Why | None:
    plan = ev.scenario.plan
    bar, bar_at = plan.value("exchange_bar_threshold"), _section(plan, "exchange_bar_threshold")
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
        if e.kind != "exchange" or snap.effective or snap.triggering_event is None:
            continue
        big = [p for p, f in snap.ownership.items() if f >= bar and not ev.scenario.persons[p].exempt]
        if snap.exchange_barred_since is not None and big:
            p = big[0]
            role = "an Acquiring Person" if p in snap.acquiring_persons else "not an Acquiring Person"
            return Why(k, "exchange barred", f"The Board's exchange on {long_date(e.date)} has no effect although no "
                       f"Acquiring Person holds {pct(v['percent'])}: {p}, {role}, holds {pct(snap.ownership[p])}, "
                       f"and {bar_at} bars an exchange once any Person (other than the Company and its plans) holds "
                       f"{pct(bar)} or more.", _w(plan, "bar"),
                       f"{p} ({role}) holds {pct(snap.ownership[p])}, and any Person at {pct(bar)} bars exchange")
        if snap.expired:
            return Why(k, "expired", f"The Board's exchange on {long_date(e.date)} has no effect: the Rights have "
                       f"already expired ({_note(ev, e.index)}).", _w(plan, "expired"), "the Rights had expired")
    return None


def _redeemable_after_announcement(ev: Evaluation, v: dict[str, Any]) -> Why | None:
    plan = ev.scenario.plan
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
        if e.kind != "announce":
            continue
        p = e.fields["person"]
        if snap.ownership[p] >= v["percent"] and snap.shares_acquisition_date is None and \
                p not in snap.acquiring_persons:
            reason = not_acquiring_reason(ev, snap, p)
            why = f"{reason[0]}, " if reason else ""
            return Why(k, "Shares Acquisition Date", f"On {long_date(e.date)} it is announced that {p} holds "
                       f"{pct(snap.ownership[p])}, but {p} is not an Acquiring Person ({why}"
                       f"{_section(plan, 'acquiring_person_threshold')}), so the "
                       "announcement is not one \"that an Acquiring Person has become such\": there is no Shares "
                       f"Acquisition Date, and the Rights stay redeemable until {long_date(snap.redemption_deadline)}.",
                       _w(plan, "sad", reason[1]) if reason else _w(plan, "sad"),
                       f"{p} is not an Acquiring Person, so the announcement starts no Shares Acquisition Date")
    return None


def _no_redemption_after(ev: Evaluation, v: dict[str, Any]) -> Why | None:
    plan = ev.scenario.plan
    final, last = plan.value("final_expiration_date"), v["date"]
    cob, redeem_at = _section(plan, "close_of_business"), _section(plan, "redemption_days")
    words = plan.terms["close_of_business"].words
    where = words.split(" on such date")[0].rstrip(", ") if " on such date" in words else "its stated hour"
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
        if e.kind == "redeem" and snap.effective and e.date > last:
            return Why(k, "redemption effective", f"The Board's redemption on {long_date(e.date)} takes effect: the "
                       f"Final Expiration Date, {final:%B} {final.day}, {final.year}, is a {final:%A}, "
                       f"so by {cob} its Close of "
                       f"Business is {where} on the next Business Day, "
                       f"{long_date(snap.redemption_deadline)}, and {redeem_at} allows redemption until then; the "
                       "Rights expire by that redemption (the Redemption Date, Section 1(q)(ii)), not before it.",
                       _w(plan, "final", "cob", "redeem_until"),
                       f"{last:%B} {last.day}, {last.year} is a {last:%A}: its Close of Business rolls to "
                       f"{long_date(snap.redemption_deadline)}")
    return None


def _tender_clock(ev: Evaluation, v: dict[str, Any]) -> Why | None:
    plan = ev.scenario.plan
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
        if e.kind != "tender_offer" or snap.distribution_date is not None:
            continue
        p = e.fields["person"]
        reason = not_acquiring_reason(ev, snap, p)
        if reason:
            return Why(k, "Distribution Date", f"{p}'s tender offer of {long_date(e.date)} would take it to "
                       f"{pct(v['percent'])} or more, but even then {p} would not be an Acquiring Person "
                       f"({reason[0]}), so the tender-offer clause of {_section(plan, 'distribution_business_days')} "
                       "does not start a Distribution Date.", _w(plan, "tender", reason[1]),
                       f"{p} would not be an Acquiring Person: {reason[0]}")
    return None


def _holder_below_line(ev: Evaluation, v: dict[str, Any]) -> Why | None:
    plan = ev.scenario.plan
    holder, deeming = plan.holders[v["holder_key"]], plan.value("repurchase_deeming_threshold")
    reading = ev.scenario.readings.get("repurchase_deeming_threshold", "")
    before: Snapshot | None = None
    for k, snap in enumerate(ev.snapshots, start=1):
        for p in snap.acquiring_persons:
            if (ev.scenario.holders.get(p) == holder.key and snap.ownership[p] < v["percent"]
                    and holder.key not in snap.ratcheted
                    and before is not None and p in before.marked and p not in before.acquiring_persons):
                return Why(k, "Acquiring Persons", f"After step {k} ({long_date(snap.date)}) {_named(ev, p)} holds "
                           f"{pct(snap.ownership[p])}, below {pct(v['percent'])}, and is deemed an Acquiring Person: "
                           f"a Company buyback had lifted it to {pct(deeming)} or more, and it then became the "
                           "Beneficial Owner of additional Common Shares; the buyback proviso of "
                           f"{_section(plan, 'repurchase_deeming_threshold')} uses {pct(deeming)}, not "
                           f"{holder.name}'s {pct(holder.threshold.value)}"
                           + (f" (reading repurchase_deeming_threshold = {reading})." if reading else "."),
                           _w(plan, "proviso", "own_threshold"),
                           f"{holder.name} at {pct(snap.ownership[p])} is deemed an Acquiring Person "
                           f"by the {pct(deeming)} buyback proviso")
        before = snap
    return None


def _cured(ev: Evaluation, before: Snapshot, snap: Snapshot, k: int) -> list[tuple[str, date]]:
    """Persons that stop being Acquiring Persons at step k after a Board inadvertence determination, with its date."""
    found = []
    for p in sorted(before.acquiring_persons - snap.acquiring_persons):
        dates = [e.date for e in ev.scenario.events[:k] if e.kind == "inadvertence" and e.fields.get("person") == p]
        if dates:
            found.append((p, dates[-1]))
    return found


def _withdrawn(key: str, label: str) -> Reason:
    def find(ev: Evaluation, v: dict[str, Any]) -> Why | None:
        plan = ev.scenario.plan
        before: Snapshot | None = None
        for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
            if before is not None and getattr(before, key) is not None and getattr(snap, key) is None:
                cured = _cured(ev, before, snap, k)
                if cured:
                    who, when = cured[0]
                    return Why(k, label, f"The {label} of {long_date(getattr(before, key))} is withdrawn at step "
                               f"{k}, {long_date(e.date)}: on {long_date(when)} the Board determined that {who} had "
                               "become an Acquiring Person inadvertently, and now its holding with its Affiliates "
                               f"and Associates is {pct(snap.ownership[who])}, below its threshold; under Section "
                               "1(a)(i) it is then not deemed to have become an Acquiring Person for any purpose, "
                               f"and the {label} it caused falls with it.",
                               _w(plan, "cure", "sad_undone") if key == "distribution_date" else _w(plan, "cure"),
                               f"{who} is cured as an inadvertent Acquiring Person (Section 1(a)(i))")
            before = snap
        return None
    return find


# The reason for each belief template (proofs/beliefs.py TEMPLATES) a counterexample can refute.
REASONS: dict[str, Reason] = {
    "distribution_follows_acquisition": _distribution_follows,
    "holder_at_percent_is_acquiring": _every_holder,
    "exchange_until_acquiring_person_at_percent": _exchange_until,
    "redeemable_until_days_after_announcement": _redeemable_after_announcement,
    "no_redemption_after_date": _no_redemption_after,
    "tender_offer_for_percent_starts_clock": _tender_clock,
    "own_threshold_holder_safe_below_percent": _holder_below_line,
    "triggering_event_permanent": _withdrawn("triggering_event", "Triggering Event"),
    "distribution_date_not_withdrawn": _withdrawn("distribution_date", "Distribution Date"),
}


# -- the final result under Section 1(a)(i)'s retroactive cure (the catalogue's beliefs of the final result) -----


def final_snapshots(scenario: Any) -> list[Snapshot]:
    """The reference's final result, event by event: the replay with every cured episode suppressed.

    ``evaluate`` keeps the first pass's snapshots (what was determined at each moment); its final
    result comes from a replay with ``cured_episodes`` suppressed, whose snapshots are these.
    """
    from rightsplan.spec.evaluate import _Engine, evaluate

    cured = evaluate(scenario).cured_episodes
    return _Engine(scenario, True, frozenset(cured)).run().snapshots


def redemption_rejudged(first: Evaluation, final: list[Snapshot], k: int, kind: str) -> bool:
    """Event k is a redemption without effect when ordered (moment-by-moment) that takes effect in the final result."""
    return kind == "redeem" and not first.snapshots[k].redeemed and (k == 0 or not first.snapshots[k - 1].redeemed) \
        and final[k].redeemed


def _rejudged_redemption(ev: Evaluation) -> Why | None:
    """Why ``refused_redemption_stays_refused`` fails: a redemption without effect when ordered takes effect in the
    final result, because a later cure removes the episode that blocked it."""
    from rightsplan.spec.evaluate import _Engine

    plan, final = ev.scenario.plan, final_snapshots(ev.scenario)
    moment = _Engine(ev.scenario, False, frozenset()).run()
    for k, e in enumerate(ev.scenario.events):
        if not redemption_rejudged(ev, final, k, e.kind):
            continue
        then = next((x["reason"] for x in moment.ineffective_events if x["index"] == e.index), "")
        cured = sorted({(c.person, c.end) for c in ev.cured_episodes})
        who = ", ".join(f"{person} (cured on {long_date(ev.scenario.events[end].date)})" for person, end in cured)
        return Why(k + 1, "redemption effective in the final result",
                   f"The Board's redemption on {long_date(e.date)} had no effect when it was ordered ({then}). "
                   f"The inadvertence cure of Section 1(a)(i) reached {who or 'the Acquiring Person'}, who "
                   "is then not deemed to be or to have become an Acquiring Person for any purposes; judged again "
                   "without that episode, the redemption takes effect and the Rights expire by it (the Redemption "
                   "Date, Section 1(q)(ii)).", _w(plan, "cure", "redeem_until"),
                   "a later cure removes the episode that blocked the redemption (Section 1(a)(i))")
    return None


def _moved_triggering_event(ev: Evaluation) -> Why | None:
    """Why ``status_triggering_event_fixed`` fails: a cure withdraws the Triggering Event shown at the moment."""
    why = _withdrawn("triggering_event", "Triggering Event")(ev, {})
    if why is None:
        return None
    final = f"occurred on {long_date(ev.triggering_event)}" if ev.triggering_event is not None else "never occurred"
    return Why(why.step, why.determination, f"{why.sentence} In the final result the Triggering Event {final}: "
               "the cured crossing never counted.", why.words, why.headline)


# The reason each belief of the final result (proofs/properties/retroactive_cure.py) fails.
FINAL_RESULT_REASONS: dict[str, Callable[[Evaluation], Why | None]] = {
    "status_triggering_event_fixed": _moved_triggering_event,
    "refused_redemption_stays_refused": _rejudged_redemption,
}


def _values(b: Belief) -> dict[str, Any]:
    """A belief's parameters as the reasons read them: shares as exact fractions."""
    out: dict[str, Any] = {}
    for name, value in b.parameters.items():
        if name in ("percent",):
            out[name] = Fraction(str(value))
        elif name == "holder":
            out["holder_key"] = value
        else:
            out[name] = value
    return out


def explain(prop_id: str, ev: Evaluation) -> Why | None:
    """The reason the replay refutes a belief of the evaluation's plan, or None when none is known or shown."""
    if prop_id in FINAL_RESULT_REASONS:
        return FINAL_RESULT_REASONS[prop_id](ev)
    found = [b for b in ev.scenario.plan.beliefs if b.id == prop_id]
    find = REASONS.get(found[0].template) if found else None
    return find(ev, _values(found[0])) if find else None


def check_words(plan: PlanTerms | None = None) -> list[str]:
    """Every quotation of the plan's ``finding_words`` not in the shipped agreement text (built-in plan: none)."""
    plan = plan or load_plan()
    return [f"{c}: {q!r}" for c, q in plan.finding_words.values() if not agreement.quote_found(q, c)]
