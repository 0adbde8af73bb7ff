"""The reference implementation cannot tell a split of any ratio from the model's 2:1 split (solver/scaling.py).

The scaling argument behind "splits of every ratio" (issue 8) has two halves.  solver/scaling.py
checks the model's formulas; this file checks the agreement's side on the reference
implementation itself: a random history with splits of any ratios n:o (Section 11(n): every
holding and the outstanding count "subdivide[d]" or "combine[d]" in that ratio), and the same
history with the stretch before the k-th split multiplied by ``prod(n_j, j >= k) * prod(2*o_j, j < k)``
and every split made 2:1, must get the same determinations: Acquiring Persons and when, the
Triggering Event, Shares Acquisition Date, Distribution Date, redemption deadline, 50% bar,
expiration, void holders, refused events and the portion exchanged -- under a random choice of
every reading switch.  (Prices and the Right's terms are left out: Section 11(n) adjusts them by
the ratio itself, and the SymPy formulas of solver/formulas.py state that for any ratio.)
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsplan.spec.evaluate import evaluate
from rightsplan.spec.scenario import scenario_from_data
from rightsplan.spec.vocabulary import READINGS

PERSONS = {"acme": {}, "beta": {}, "w1": {"role": "walden"}, "esop": {"role": "employee_plan"}}
ORDINARY = ("acme", "beta", "w1", "esop")
COMPARED = ("acquiring_persons", "triggering_event", "shares_acquisition_date", "distribution_date",
            "redemption_deadline", "expiration", "exchange_barred_since", "ineffective_events", "void_holders",
            "exchanged_portion")
RATIOS = ((2, 1), (3, 1), (3, 2), (1, 2), (1, 3), (5, 4), (7, 3), (4, 7), (1, 9), (1000, 7), (1, 1))


def _days(start: date, count: int) -> list[date]:
    out, d = [], start
    while len(out) < count:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out


GRAIN = 2 ** 4 * 3 ** 4 * 5 * 7  # most counts are multiples, so that most splits (old up to 9) are exact


def shares(draw: Any, cap: int) -> int:
    """1 to ``cap`` shares: usually a multiple of GRAIN, sometimes any number (one share over a line, say)."""
    if cap >= GRAIN and draw(st.integers(0, 4)):
        return GRAIN * draw(st.integers(1, cap // GRAIN))
    return draw(st.integers(1, cap))


@st.composite
def histories(draw: Any) -> dict[str, Any]:
    """A valid scenario whose splits are exact (each tracked count divisible by the split's old)."""
    outstanding = GRAIN * draw(st.integers(20, 400))
    held = {p: 0 for p in ORDINARY}
    options = {p: 0 for p in ORDINARY}
    for p in ORDINARY:
        if draw(st.booleans()):
            held[p] = shares(draw, outstanding // 5)
    if sum(held.values()) > outstanding:
        outstanding = sum(held.values())
    holdings = {p: h for p, h in held.items() if h}
    days = _days(date(2003, 4, 1), 60)
    events: list[dict[str, Any]] = []
    day = 0
    for _ in range(draw(st.integers(1, 10))):
        day += draw(st.integers(0, 4))
        when = days[min(day, len(days) - 1)].isoformat()
        kind = draw(st.sampled_from(("acquire", "cross", "cross", "dispose", "issue", "repurchase", "option", "split", "split", "split",
                                     "announce", "tender_offer", "inadvertence", "extend_distribution",
                                     "extend_redemption", "redeem", "exchange", "join_group")))
        p = draw(st.sampled_from(ORDINARY))
        free = outstanding - sum(held.values())
        if kind == "cross":  # to one of the lines exactly (15%, 20%, 50%), or a share under
            line = draw(st.sampled_from((15, 20, 50)))
            n = -(-line * outstanding // 100) - held[p] - draw(st.sampled_from((0, 0, 1)))
            if 1 <= n <= free:
                held[p] += n
                events.append({"date": when, "type": "acquire", "person": p, "shares": n})
        elif kind == "acquire" and free > 0:
            n = shares(draw, free)
            held[p] += n
            events.append({"date": when, "type": "acquire", "person": p, "shares": n})
        elif kind == "dispose" and held[p] > 0:
            n = shares(draw, held[p])
            held[p] -= n
            events.append({"date": when, "type": "dispose", "person": p, "shares": n})
        elif kind == "issue":
            n = shares(draw, outstanding)
            outstanding += n
            ev: dict[str, Any] = {"date": when, "type": "issue", "shares": n}
            if draw(st.booleans()):
                held[p] += n
                ev["to"] = p
            events.append(ev)
        elif kind == "repurchase" and outstanding > 1:
            from_p = draw(st.booleans()) and held[p] > 0
            cap = held[p] if from_p else free
            if cap >= 1:
                n = shares(draw, min(cap, outstanding - 1))
                outstanding -= n
                ev = {"date": when, "type": "repurchase", "shares": n}
                if from_p:
                    held[p] -= n
                    ev["from"] = p
                events.append(ev)
        elif kind == "option":
            n = shares(draw, outstanding // 4 + 1)
            options[p] += n
            events.append({"date": when, "type": "option", "person": p, "shares": n})
        elif kind == "split":
            new, old = draw(st.sampled_from(RATIOS))
            counts = [outstanding, *held.values(), *options.values()]
            if all(c % old == 0 for c in counts):
                outstanding = outstanding * new // old
                held = {q: h * new // old for q, h in held.items()}
                options = {q: o * new // old for q, o in options.items()}
                events.append({"date": when, "type": "split", "new": new, "old": old})
        elif kind in ("announce", "inadvertence"):
            events.append({"date": when, "type": kind, "person": p})
        elif kind == "tender_offer":
            events.append({"date": when, "type": "tender_offer", "person": p,
                           "shares": shares(draw, outstanding)})
        elif kind in ("extend_distribution", "extend_redemption"):
            until = days[min(day + draw(st.integers(1, 20)), len(days) - 1)].isoformat()
            events.append({"date": when, "type": kind, "until": until})
        elif kind == "exchange":
            events.append({"date": when, "type": "exchange", "portion": draw(st.sampled_from((1, "1/2")))})
        elif kind == "join_group":
            q = draw(st.sampled_from([x for x in ORDINARY if x != p]))
            events.append({"date": when, "type": "join_group", "persons": [p, q]})
        elif kind == "redeem":
            events.append({"date": when, "type": "redeem"})
    readings = {name: draw(st.sampled_from(r.choices)) for name, r in sorted(READINGS.items())}
    return {"outstanding": outstanding_at_start(events, outstanding), "persons": PERSONS, "holdings": holdings,
            "interpretation": readings, "events": events}


def outstanding_at_start(events: list[dict[str, Any]], now: int) -> int:
    """Undo the events' changes to the outstanding count: the generator tracked it forward."""
    for ev in reversed(events):
        if ev["type"] == "issue":
            now -= ev["shares"]
        elif ev["type"] == "repurchase":
            now += ev["shares"]
        elif ev["type"] == "split":
            now = now * ev["old"] // ev["new"]
    return now


SCALED_FIELDS = ("shares",)


def scaled(data: dict[str, Any]) -> dict[str, Any]:
    """The history with every split 2:1 and each stretch's counts multiplied so that nothing else changes."""
    splits = [ev for ev in data["events"] if ev["type"] == "split"]
    factor = 1
    for ev in splits:
        factor *= ev["new"]
    out = dict(data, outstanding=data["outstanding"] * factor,
               holdings={p: h * factor for p, h in data["holdings"].items()}, events=[])
    for ev in data["events"]:
        if ev["type"] == "split":
            factor = factor * 2 * ev["old"] // ev["new"]  # exact: factor still holds this split's new
            out["events"].append(dict(ev, new=2, old=1))
        else:
            out["events"].append({k: v * factor if k in SCALED_FIELDS else v for k, v in ev.items()})
    return out


def determinations(data: dict[str, Any]) -> dict[str, Any]:
    result = evaluate(scenario_from_data(data, "<scaled>")).to_json()
    return {k: result[k] for k in COMPARED}


@settings(max_examples=max(400, settings.default.max_examples))  # about 0.02 s each
@given(histories(), st.integers(1, 7))
def test_every_split_ratio_decides_as_the_models_2_for_1_split_on_the_scaled_history(data: dict[str, Any],
                                                                                      also: int) -> None:
    base = determinations(data)
    twin = scaled(data)
    assert determinations(twin) == base
    # and the whole history multiplied once more by any positive integer changes nothing either
    more = dict(twin, outstanding=twin["outstanding"] * also, holdings={p: h * also for p, h in twin["holdings"].items()},
                events=[{k: v * also if k in SCALED_FIELDS else v for k, v in ev.items()} for ev in twin["events"]])
    assert determinations(more) == base


def test_the_scaling_maps_a_7_for_3_split_exactly() -> None:
    """The map itself: 60 of 300 bought (20%), a 7:3 split (140 of 700), 35 sold (105 of 700: 15%, still one)."""
    data = {"outstanding": 300, "persons": PERSONS, "holdings": {}, "interpretation": {},
            "events": [{"date": "2003-04-01", "type": "acquire", "person": "acme", "shares": 60},
                       {"date": "2003-04-02", "type": "split", "new": 7, "old": 3},
                       {"date": "2003-04-03", "type": "dispose", "person": "acme", "shares": 35}]}
    twin = scaled(data)  # before the split x7 (the split's new), after it x6 (2 x its old)
    assert (twin["outstanding"], twin["holdings"]) == (2100, {})
    assert twin["events"] == [{"date": "2003-04-01", "type": "acquire", "person": "acme", "shares": 420},
                              {"date": "2003-04-02", "type": "split", "new": 2, "old": 1},
                              {"date": "2003-04-03", "type": "dispose", "person": "acme", "shares": 210}]
    assert determinations(twin) == determinations(data)
    assert determinations(data)["acquiring_persons"] == {"acme": "2003-04-01"}


@pytest.mark.parametrize("ratio", [(5, 4), (1, 9), (4, 7)])
def test_a_wrong_ratio_in_the_map_is_seen(ratio: tuple[int, int]) -> None:
    """The comparison can fail: a split of n:o made 2:1 without the stretches' factors changes a determination
    (149 of 1,000 per ``old`` bought, the split, then ``new`` shares: exactly 15% under the true ratio only)."""
    new, old = ratio
    data = {"outstanding": 1000 * old, "persons": PERSONS, "holdings": {}, "interpretation": {},
            "events": [{"date": "2003-04-01", "type": "acquire", "person": "acme", "shares": 149 * old},
                       {"date": "2003-04-02", "type": "split", "new": new, "old": old},
                       {"date": "2003-04-03", "type": "acquire", "person": "acme", "shares": new}]}
    wrong = dict(data, events=[data["events"][0], dict(data["events"][1], new=2, old=1), data["events"][2]])
    assert determinations(data)["acquiring_persons"] == {"acme": "2003-04-03"}
    assert determinations(scaled(data)) == determinations(data)
    assert determinations(wrong)["acquiring_persons"] == {}


@pytest.mark.parametrize("ratio", RATIOS)
@pytest.mark.parametrize("sold", [1, 50, 51, 61, 150])
def test_an_inadvertent_acquiring_persons_cure_after_a_split_of_any_ratio_is_the_2_for_1_cure(
        ratio: tuple[int, int], sold: int) -> None:
    """The shape of issue 8's defect (a): 20% bought, the Board's inadvertence finding, a split, a sale.  The cure
    compares what is owned with what was owned at crossing restated by the split (Section 11(n)); with any ratio
    it must decide as the scaled 2:1 history does.  The sale leaves ``200 - sold`` of every 1,000 shares: 19.9%,
    15.0% (not cured), 14.9%, 13.9%, 5.0% (cured: below 15% and fewer shares than at crossing, restated)."""
    new, old = ratio
    data = {"outstanding": 1000 * old * 9, "persons": PERSONS, "holdings": {}, "interpretation": {},
            "events": [{"date": "2003-04-01", "type": "acquire", "person": "acme", "shares": 200 * old * 9},
                       {"date": "2003-04-02", "type": "inadvertence", "person": "acme"},
                       {"date": "2003-04-03", "type": "split", "new": new, "old": old},
                       {"date": "2003-04-04", "type": "dispose", "person": "acme", "shares": sold * new * 9}]}
    assert determinations(scaled(data)) == determinations(data)
    assert ("acme" in determinations(data)["acquiring_persons"]) == (sold <= 50)
