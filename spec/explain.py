"""The readable timeline: each event in words, and the determinations it led to with their sections."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .notes import Note
from .evaluate import Evaluation
from .scenario import Event, Scenario


def _n(x: int) -> str:
    return f"{x:,}"


def _shares(x: int) -> str:
    return f"{x:,} share" + ("" if x == 1 else "s")


_PHRASES = {
    "acquire": lambda e: f"{e['person']} acquires {_shares(e['shares'])}",
    "dispose": lambda e: f"{e['person']} disposes of {_shares(e['shares'])}",
    "issue": lambda e: f"the Company issues {_shares(e['shares'])}" + (f" to {e['to']}" if e.get("to") else ""),
    "repurchase": lambda e: f"the Company buys back {_shares(e['shares'])}" + (f" from {e['from']}" if e.get("from") else ""),
    "option": lambda e: f"{e['person']} gains a right to acquire {_shares(e['shares'])}",
    "join_group": lambda e: f"{', '.join(e['persons'])} become Affiliates/Associates",
    "split": lambda e: f"Common Shares split {e['new']}-for-{e['old']}",
    "announce": lambda e: f"public announcement that {e['person']} has become an Acquiring Person",
    "tender_offer": lambda e: f"{e['person']} commences a tender offer for {_shares(e['shares'])}",
    "inadvertence": lambda e: f"the Board determines {e['person']} became an Acquiring Person inadvertently",
    "extend_distribution": lambda e: f"the Board sets a later Distribution Date, {e['until']}",
    "extend_redemption": lambda e: f"the Board extends the redemption period to {e['until']}",
    "redeem": lambda e: "the Board orders redemption of the Rights",
    "exchange": lambda e: f"the Board orders an exchange of {e.get('portion', 1)} of the Rights"
    + (" for other rights" if e.get("kind") == "rights" else ""),
    "merger": lambda e: f"Section 13 event: {e['kind'].replace('_', ' ')} (Principal Party price {e['principal_price']})",
}


def describe(e: Event) -> str:
    """One line in words for an event of the vocabulary."""
    phrase = _PHRASES.get(e.kind)
    if phrase is not None:
        return phrase(e)
    fields = ", ".join(f"{k}={v}" for k, v in e.fields.items())
    return f"{e.kind.replace('_', ' ')} ({fields})"


def _start_line(s: Scenario) -> str:
    held = ", ".join(f"{p} {_n(h)}" for p, h in s.holdings.items() if h)
    return f"{s.start}  start: {_n(s.outstanding)} Common Shares outstanding" + (f"; held: {held}" if held else "")


def timeline(ev: Evaluation) -> Iterator[str]:
    """Lines of the timeline: date, event, then each determination with its section."""
    by_index: dict[int | None, list[Note]] = defaultdict(list)
    for n in ev.explanations:
        by_index[n.index].append(n)
    s = ev.scenario
    yield f"Scenario {s.source} (plan {s.plan.name})"
    yield _start_line(s)
    for n in by_index.get(None, []):
        yield f"      -> {n.text} [{n.section}]"
    for e in s.events:
        yield f"{e.date}  [{e.index}] {describe(e)}"
        for n in by_index.get(e.index, []):
            yield f"      -> {n.text} [{n.section}]"
    yield from summary(ev)


def summary(ev: Evaluation) -> Iterator[str]:
    out = ev.to_json()
    aps = ", ".join(f"{p} (since {d})" for p, d in out["acquiring_persons"].items()) or "none"
    yield ""
    yield f"Acquiring Persons (Section 1(a)):       {aps}"
    yield f"Triggering Event (Section 1(oo)):       {out['triggering_event'] or 'none'}"
    yield f"Shares Acquisition Date (Section 1(hh)): {out['shares_acquisition_date'] or 'none'}"
    yield f"Distribution Date (Section 1(l)):       {out['distribution_date'] or 'none'}"
    yield f"Redemption deadline (Section 23(a)):    {out['redemption_deadline']}"
    x = out["expiration"]
    yield f"Expiration (Section 1(q)):              {x['date']} ({x['cause'].replace('_', ' ')})"
    yield f"Exchange barred since (Section 24(a)):  {out['exchange_barred_since'] or 'not barred'}"
    yield f"Void Rights holders (Section 7(e)):     {', '.join(out['void_holders']) or 'none'}"
    t = out["terms"]
    yield "Terms of a Right:                       " + ", ".join(f"{k} {v}" for k, v in t.items())
    if out["flip_in"]:
        yield f"Flip-in (Section 11(a)(ii)):            {out['flip_in']['common_shares_per_right']} Common Shares per Right"
    if out["flip_over"]:
        yield f"Flip-over (Section 13(a)):              {out['flip_over']['principal_shares_per_right']} shares per Right"
    for x in out["ineffective_events"]:
        yield f"Ineffective: events[{x['index']}]: {x['reason']} [{x['section']}]"
