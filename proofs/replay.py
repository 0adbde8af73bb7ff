"""Real dates for the model's Business-Day indices, and scenario data for the model, per plan.

The model counts the real Business Days of the plan's calendar (Section 1(e), its
jurisdictions) under the scenario's calendar readings: index t is the t-th Business Day after
the plan's anchor, a Monday after its agreement date (April 21, 2003 for the built-in plan), and
index ``final`` is the Close of Business on the Final Expiration Date (Section 1(f); Monday,
October 25, 2010, index 1860, for the built-in plan).  ``index_to_date`` and ``date_to_index`` read
the model's own calendar (``solver/calendar_model.py``, ``ModelCalendar.date_of``/``index_of``),
so any Business Day of the term maps to an index.  Counterexample search still draws its events
from two stretches without a holiday under any reading (``windows``: April 21 - May 16, 2003 and
October 12 - November 1, 2010 for the built-in plan), so a counterexample's dates read the same
under every calendar reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rightsplan.solver.model import K, SPLITS
from rightsplan.solver.plan import model_plan
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.terms import BUILTIN_PLAN, PlanTerms
from rightsplan.spec.vocabulary import Role

if TYPE_CHECKING:
    from rightsplan.solver.calendar_model import ModelCalendar


Calendar = tuple[tuple[str, str], ...]  # the scenario's calendar readings (Sections 1(e), 1(nn)), sorted


def calendar_of(readings: dict[str, str] | None) -> Calendar:
    """The calendar readings among a scenario's reading switches: they decide which days are Business Days."""
    from rightsplan.spec.calendar import CALENDAR_READINGS

    return tuple(sorted((k, v) for k, v in (readings or {}).items() if k in CALENDAR_READINGS))


def _model_calendar(cal: Calendar, plan: str) -> "ModelCalendar":
    from rightsplan.solver.calendar_model import model_calendar

    return model_calendar(cal, plan)


def index_to_date(i: int, cal: Calendar = (), plan: str = BUILTIN_PLAN) -> date:
    """The real Business Day the model's index i stands for, under the scenario's calendar readings and plan."""
    return _model_calendar(cal, plan).date_of(i)


def windows(plan: str = BUILTIN_PLAN, cal: Calendar = ()) -> str:
    """The counterexample search's two windows as dates: '2003-04-21..2003-05-16 or 2010-10-12..2010-11-01'."""
    time = _model_calendar(cal, plan).time
    return " or ".join(f"{index_to_date(lo, cal, plan)}..{index_to_date(hi, cal, plan)}" for lo, hi in (time.near, time.far))


def date_to_index(d: date, place: str = "date", cal: Calendar = (), plan: str = BUILTIN_PLAN) -> int:
    """The model index of an event date: any Business Day of the plan's calendar under the scenario's readings."""
    days = _model_calendar(cal, plan)
    i = days.index_of(d)
    if i is None:
        raise ScenarioError("model", place, d.isoformat(), f"a Business Day from {days.anchor} to {days.days[-1]} "
                            f"(the model's calendar for plan {model_plan(plan).name})", "Section 1(e)")
    return i


@dataclass(frozen=True)
class ModelRun:
    """A scenario in the model's terms: roles, start state and one input row per event."""

    names: tuple[str, ...]
    roles: tuple[int, ...]
    outstanding: int
    holdings: tuple[int, ...]
    units: frozenset[tuple[int, int]]
    grandfathered: frozenset[int]
    events: tuple[dict[str, int | bool], ...]
    plan: str = BUILTIN_PLAN


def _event_inputs(ev: dict[str, Any], index: dict[str, int], place: str, cal: Calendar = (),
                  plan: str = BUILTIN_PLAN) -> dict[str, int | bool]:
    from rightsplan.solver.model import ECONOMIC_KINDS

    kind = ev["type"]
    code = K["economic"] if kind in ECONOMIC_KINDS else K[kind]
    row: dict[str, int | bool] = {"kind": code, "person": 0, "other": 0, "amount": 1,
                                  "day": date_to_index(_d(ev["date"]), place, cal, plan),
                                  "until": 0, "variant": False, "all_rights": True}
    person = ev.get("person", ev.get("to", ev.get("from")))
    if person is not None:
        row["person"] = index[person]
    row["variant"] = ("to" in ev and kind == "issue") or ("from" in ev and kind == "repurchase") or ev.get("kind") == "rights"
    if "shares" in ev:
        row["amount"] = int(ev["shares"])
    if kind == "join_group":
        if len(ev["persons"]) != 2:
            raise ScenarioError("model", place, ev["persons"], "exactly two persons per join_group", "Section 1(d)")
        row["person"], row["other"] = index[ev["persons"][0]], index[ev["persons"][1]]
    if kind == "split":
        ratio = (int(ev["new"]), int(ev["old"]))
        if ratio not in SPLITS:
            raise ScenarioError("model", place, ratio, f"one of the model's split ratios {SPLITS}", "Section 11(n)")
        row["amount"] = SPLITS.index(ratio) + 1
    if kind in ("merger", "exercise") or kind in ECONOMIC_KINDS:
        row["amount"] = 1  # prices and Rights counts are not the model's concern
    if "until" in ev:
        row["until"] = date_to_index(_d(ev["until"]), place + ".until", cal, plan)
    if kind == "inadvertence" and ev.get("divest_by") is not None:
        row["until"] = date_to_index(_d(ev["divest_by"]), place + ".divest_by", cal, plan)
        row["variant"] = True
    if kind == "exchange":
        row["all_rights"] = str(ev.get("portion", 1)) in ("1", "1.0")
    return row


def _d(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def to_model(data: dict[str, Any]) -> ModelRun:
    """Translate scenario data (the public format) into model inputs."""
    from rightsplan.solver.model import R
    from rightsplan.spec.vocabulary import Role

    names = tuple(data["persons"])
    index = {name: i for i, name in enumerate(names)}
    plan_name = str(data.get("plan", BUILTIN_PLAN))
    plan = model_plan(plan_name).terms
    roles = tuple(R[plan.resolve_role((spec or {}).get("role", "ordinary"))[0]] for spec in data["persons"].values())
    units = {(min(index[a], index[b]), max(index[a], index[b])) for g in data.get("groups", []) for a in g for b in g if a != b}
    named = [i for i, r in enumerate(roles) if r == R[Role.OWN_THRESHOLD]]
    units |= {(a, b) for a in named for b in named if a < b}
    units = _closed(units, len(names))
    cal = calendar_of(data.get("interpretation"))
    events = tuple(_event_inputs(ev, index, f"events[{i}]", cal, plan_name) for i, ev in enumerate(data.get("events", [])))
    holdings = tuple(int(data.get("holdings", {}).get(n, 0)) for n in names)
    if "grandfathered" in data:
        grandfathered = frozenset(index[n] for n in data.get("grandfathered") or [])
    else:
        grandfathered = _grandfathered_at_start(data, plan, roles, holdings, units)
    return ModelRun(names, roles, int(data["outstanding"]), holdings, frozenset(units), grandfathered, events, plan_name)


def _grandfathered_at_start(data: dict[str, Any], plan: PlanTerms, roles: tuple[int, ...], holdings: tuple[int, ...],
                            units: set[tuple[int, int]]) -> frozenset[int]:
    """A scenario that starts on its plan's grandfathering date names no one: the holdings of that date decide.

    Section 1(a)(ii): "if, as of the date hereof, any Person is the Beneficial Owner of 15% or more";
    the model's events all come after that date, so the start holdings are the holdings of that date.
    """
    from rightsplan.solver.model import ROLES

    g = plan.grandfathering
    start = _d(data["start"]) if "start" in data else plan.agreement_date
    if g is None or start > g.day:
        return frozenset()
    outstanding = int(data["outstanding"])
    n = len(roles)
    unit = [sum(holdings[j] for j in range(n) if j == i or (min(i, j), max(i, j)) in units) for i in range(n)]
    eligible = [not ROLES[r].exempt and ROLES[r] is not Role.NAMED_EXEMPT for r in roles]
    return frozenset(i for i in range(n) if eligible[i] and unit[i] * g.threshold.value.denominator
                     >= g.threshold.value.numerator * outstanding)


def _closed(units: set[tuple[int, int]], n: int) -> set[tuple[int, int]]:
    linked = {(a, b) for a, b in units} | {(b, a) for a, b in units}
    for m in range(n):
        for a in range(n):
            for b in range(n):
                if (a, m) in linked and (m, b) in linked and a != b:
                    linked.add((a, b))
    return {(a, b) for a, b in linked if a < b}


def start_values(run: ModelRun) -> dict[str, int | bool]:
    """The model's start state for a scenario."""
    n = len(run.names)
    return {"outstanding": run.outstanding, **{f"held{i}": v for i, v in enumerate(run.holdings)},
            **{f"grouped{a}{b}": (a, b) in run.units for a in range(n) for b in range(a + 1, n)},
            **{f"grandfathered{i}": i in run.grandfathered for i in range(n)}}


def _day(i: int | None, cal: Calendar = (), plan: str = BUILTIN_PLAN) -> date | None:
    return None if i is None else index_to_date(i, cal, plan)


def model_view(names: tuple[str, ...], st: dict[str, int | bool], cal: Calendar = (),
               plan: str = BUILTIN_PLAN) -> dict[str, Any]:
    """The determinations of one model state, in the reference implementation's vocabulary.

    Dates are the model's own (``d_*``, evaluated from ``solver/board.py``'s terms by the
    engine), mapped to real days; nothing is recomputed here, so a wrong clock in the model
    shows as a disagreement.
    """
    n = range(len(names))
    pick = lambda key: frozenset(names[i] for i in n if st[f"{key}{i}"])  # noqa: E731
    on = lambda t: index_to_date(int(t), cal, plan)  # noqa: E731
    when = lambda key: on(st[f"d_{key}"]) if st[f"d_{key}_has"] else None  # noqa: E731

    return {
        "outstanding": int(st["outstanding"]),
        "holdings": {names[i]: int(st[f"held{i}"]) for i in n},
        "options": {names[i]: int(st[f"options{i}"]) for i in n},
        "acquiring_persons": pick("acquiring"),
        "triggering_event": when("te"),
        "shares_acquisition_date": when("sad"),
        "distribution_date": when("dd"),
        "redemption_deadline": on(st["d_deadline"]),
        "exchange_barred_since": _day(int(st["barred_since"]) if st["exchange_barred"] else None, cal, plan),
        "ratcheted": bool(st["ratcheted"]),
        "grandfathered": pick("grandfathered"),
        "shielded": pick("shielded"),
        "marked": pick("buyback_marked"),
        "void_holders": frozenset(names[i] for i in n if any(st[f"void_because{i}{j}"] for j in n)),
        "redeemed": bool(st["redeemed"]),
        "exchanged": "all" if st["exchanged_all"] else ("part" if st["exchanged_part"] else "none"),
        "expired": bool(st["expired"]),
        "effective": bool(st["effective"]),
        "acquiring_since": {names[i]: on(st[f"acquiring_since{i}"]) for i in n if st[f"acquiring{i}"]},
        "divestiture_deadlines": {names[i]: on(st[f"divestiture_deadline{i}"]) for i in n if st[f"divestiture_pending{i}"]},
        "owned_at_crossing": {names[i]: Fraction(st[f"owned_at_crossing{i}"]) for i in n if st[f"acquiring{i}"]},
        "announced": pick("announced"),
        "distribution_clauses": {source: on(st[key]) for source, flag, key in
                                 (("announcement", "has_announcement_clause", "distribution_by_announcement"),
                                  ("tender_offer", "has_tender_clause", "distribution_by_tender_offer")) if st[flag]},
        "has_been_at_ratchet": bool(st["has_been_at_ratchet"]),
        "redemption_extension": on(st["redemption_board_date"]) if st["has_redemption_board_date"] else None,
    }


def spec_view(snap: Any) -> dict[str, Any]:
    """The same determinations read from a reference-implementation snapshot."""
    return {
        "outstanding": snap.outstanding, "holdings": dict(snap.holdings), "options": dict(snap.options),
        "acquiring_persons": frozenset(snap.acquiring_persons), "triggering_event": snap.triggering_event,
        "shares_acquisition_date": snap.shares_acquisition_date, "distribution_date": snap.distribution_date,
        "redemption_deadline": snap.redemption_deadline, "exchange_barred_since": snap.exchange_barred_since,
        "ratcheted": bool(snap.ratcheted), "grandfathered": frozenset(snap.grandfathered),
        "shielded": frozenset(snap.shielded), "marked": frozenset(snap.marked),
        "void_holders": frozenset(snap.void_holders), "redeemed": snap.redeemed,
        "exchanged": "all" if snap.exchanged == 1 else ("part" if snap.exchanged > 0 else "none"),
        "expired": snap.expired, "effective": snap.effective,
        "acquiring_since": dict(snap.acquiring_since), "divestiture_deadlines": dict(snap.divestiture_deadlines),
        "owned_at_crossing": dict(snap.owned_at_crossing), "announced": frozenset(snap.announced),
        "distribution_clauses": dict(snap.distribution_clauses), "has_been_at_ratchet": bool(snap.has_been_at_ratchet),
        "redemption_extension": snap.redemption_extension,
    }


@dataclass(frozen=True)
class Disagreement:
    """The first step where the model and the reference implementation part."""

    step: int
    date: date
    key: str
    model: Any
    spec: Any

    def __str__(self) -> str:
        return (f"events[{self.step}] ({self.date}): {self.key}: model says {self.model!r}, "
                f"reference implementation says {self.spec!r}")


def compare(data: dict[str, Any], cfg: Any = None) -> tuple[list[dict[str, Any]], Disagreement | None]:
    """Run scenario data through both the model and the reference implementation, step by step."""
    from rightsplan.solver.engines import simulate
    from rightsplan.solver.model import Config
    from rightsplan.spec.evaluate import evaluate
    from rightsplan.spec.scenario import scenario_from_data

    run = to_model(data)
    cfg = cfg or Config(persons=len(run.names), plan=run.plan).with_readings(**data.get("interpretation", {}))
    states = simulate(cfg, list(run.roles), start_values(run), list(run.events))
    snaps = evaluate(scenario_from_data(data, "<model>"), snapshots=True).snapshots
    cal = calendar_of(data.get("interpretation"))
    views = [_eligible_only(run, model_view(run.names, st, cal, run.plan)) for st in states]
    for i, (mine, theirs) in enumerate(zip(views, (_eligible_only(run, spec_view(s)) for s in snaps))):
        for key in mine:
            if mine[key] != theirs[key]:
                day = index_to_date(int(run.events[i]["day"]), cal, run.plan)
                return views, Disagreement(i, day, key, mine[key], theirs[key])
    return views, None


def _eligible_only(run: ModelRun, view: dict[str, Any]) -> dict[str, Any]:
    """Protections (grandfathered, shielded, marked) matter only for persons that can still become Acquiring Persons."""
    from rightsplan.solver.model import ROLES

    can = {name for name, r in zip(run.names, run.roles) if not ROLES[r].exempt and ROLES[r] is not Role.NAMED_EXEMPT}
    if view["expired"]:
        can = set()  # after the Expiration Date no determination reads them (semantics.md, 1(a) item 7)
    can -= view["acquiring_persons"]
    return view | {key: view[key] & can for key in ("grandfathered", "shielded", "marked")}


_ORDINARY = ("Acquirer", "Second Holder", "Third Holder", "Fourth Holder", "Fifth Holder")


def trace_to_scenario(trace: dict[str, Any], readings: dict[str, str], comment: str) -> tuple[dict[str, Any], str]:
    """A model counterexample as a scenario in the public format (data, and YAML text with a comment).

    Persons who neither hold shares at the start, nor act in an event, nor belong to a
    group are left out; the others are named after their roles (``name_persons``).
    """
    from rightsplan.solver.model import KINDS, ROLES

    plan_name = str(trace.get("plan", BUILTIN_PLAN))
    mp = model_plan(plan_name)
    roles = [mp.terms.role_word(ROLES[r]) for r in trace["roles"]]
    names = [f"p{i}" for i in range(len(roles))]
    s0 = trace["states"][0]
    n = len(names)
    data: dict[str, Any] = {"plan": plan_name}
    if readings:
        data["interpretation"] = dict(readings)
    data |= {"start": mp.time.anchor.isoformat(), "outstanding": int(s0["outstanding"]),
             "persons": {nm: ({} if r == "ordinary" else {"role": r}) for nm, r in zip(names, roles)},
             "holdings": {nm: int(s0[f"held{i}"]) for i, nm in enumerate(names) if s0[f"held{i}"]}}
    groups = [[names[a], names[b]] for a in range(n) for b in range(a + 1, n) if s0[f"grouped{a}{b}"]]
    if groups:
        data["groups"] = groups
    grandfathered = [names[i] for i in range(n) if s0[f"grandfathered{i}"]]
    if grandfathered:
        data["grandfathered"] = grandfathered
    on = lambda t: index_to_date(int(t), calendar_of(readings), plan_name).isoformat()  # noqa: E731
    data["events"] = [_event_data(KINDS[int(row["kind"])], row, names, on) for row in trace["inputs"]]
    idle = [nm for nm in names if nm not in mentioned(data)]
    data["persons"] = {nm: spec for nm, spec in data["persons"].items() if nm not in idle}
    data = name_persons(data)
    return data, _yaml(data, comment)


def mentioned(data: dict[str, Any]) -> set[str]:
    """The persons a scenario gives a holding, a group, a grandfathering or a part in an event."""
    out = {nm for nm, v in data.get("holdings", {}).items() if v}
    out |= {nm for g in data.get("groups", []) for nm in g} | set(data.get("grandfathered", []))
    for ev in data.get("events", []):
        out |= {ev[key] for key in ("person", "to", "from") if key in ev} | set(ev.get("persons", []))
    return out


def name_persons(data: dict[str, Any]) -> dict[str, Any]:
    """The same scenario with persons named after their roles, in the order they enter the story.

    A named holder by the plan's display name ("Walden", "H&Q"), others by their role
    ("Employee Plan", "Subsidiary", "Company"); ordinary persons are "Acquirer", "Second
    Holder", ... in the order they first act, then by holding.  A second person of one role
    gets a number ("Walden 2").
    """
    persons, holdings = data["persons"], data.get("holdings", {})
    first = {}
    for k, ev in enumerate(data.get("events", [])):
        for nm in [ev.get("person"), ev.get("to"), ev.get("from"), *ev.get("persons", [])]:
            first.setdefault(nm, k)
    order = sorted(persons, key=lambda nm: (first.get(nm, len(first) + 1), -holdings.get(nm, 0), list(persons).index(nm)))
    new, seen = {}, {}
    for nm in order:
        role = (persons[nm] or {}).get("role", "ordinary")
        k = seen[role] = seen.get(role, 0) + 1
        if role == "ordinary":
            new[nm] = _ORDINARY[k - 1] if k <= len(_ORDINARY) else f"Holder {k}"
        else:
            shown = model_plan(str(data.get("plan", BUILTIN_PLAN))).terms.display_name(role)
            new[nm] = shown if k == 1 else f"{shown} {k}"
    return rename(data, new, order)


def rename(data: dict[str, Any], new: dict[str, str], order: list[str]) -> dict[str, Any]:
    """The scenario with every person renamed by ``new``, persons listed in ``order``."""
    out = dict(data)
    out["persons"] = {new[nm]: data["persons"][nm] for nm in order}
    out["holdings"] = {new[nm]: data["holdings"][nm] for nm in order if nm in data.get("holdings", {})}
    for key in ("groups", "grandfathered"):
        if key in data:
            out[key] = [[new[nm] for nm in g] for g in data[key]] if key == "groups" else [new[nm] for nm in data[key]]
    out["events"] = [_renamed_event(ev, new) for ev in data.get("events", [])]
    return out


def _renamed_event(ev: dict[str, Any], new: dict[str, str]) -> dict[str, Any]:
    out = {key: (new[v] if key in ("person", "to", "from") else v) for key, v in ev.items()}
    if "persons" in ev:
        out["persons"] = [new[nm] for nm in ev["persons"]]
    return out


def _event_data(kind: str, row: dict[str, Any], names: list[str], on: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {"date": on(row["day"]), "type": kind}
    who, shares = names[int(row["person"])], int(row["amount"])
    if kind in ("acquire", "dispose", "option", "tender_offer"):
        ev |= {"person": who, "shares": shares}
    elif kind in ("announce", "inadvertence"):
        ev["person"] = who
        if kind == "inadvertence" and row["variant"]:
            ev["divest_by"] = on(row["until"])
    elif kind in ("issue", "repurchase"):
        ev["shares"] = shares
        if row["variant"]:
            ev["to" if kind == "issue" else "from"] = who
    elif kind == "join_group":
        ev["persons"] = [who, names[int(row["other"])]]
    elif kind == "split":
        new, old = SPLITS[int(row["amount"]) - 1]
        ev |= {"new": new, "old": old}
    elif kind in ("extend_distribution", "extend_redemption"):
        ev["until"] = on(row["until"])
    elif kind == "exchange":
        if not row["all_rights"]:
            ev["portion"] = "1/2"
        if row["variant"]:
            ev["kind"] = "rights"
    return ev


def _yaml(data: dict[str, Any], comment: str) -> str:
    import yaml

    body = yaml.safe_dump(data, sort_keys=False, default_flow_style=None, width=100)
    return f"# {comment}\n{body}"


def replay(data: dict[str, Any], readings: dict[str, str]) -> tuple[list[dict[str, Any]], Disagreement | None]:
    """Replay a counterexample through the reference implementation and the model, step by step."""
    from rightsplan.solver.model import Config

    n = len(data["persons"])
    return compare(data, Config(persons=n, plan=str(data.get("plan", BUILTIN_PLAN))).with_readings(**readings))
