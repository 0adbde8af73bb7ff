"""The beliefs of one plan: its summary's words, checked by formula templates that hold for every plan.

A plan's terms file lists what a reader of its summary (DigitalThink: the Summary of Rights,
Exhibit C) may believe, as data::

    beliefs:
      - id: belief_every_15_percent_holder_acquiring
        words: "If an acquiror (an \\"ACQUIRING PERSON\\") obtains 15% or more of the Company's Common Stock"
        section: Exhibit C            # where those words are
        sections: [Exhibit C, Section 1(a)]   # what the property rests on
        template: holder_at_percent_is_acquiring
        parameters: {percent: "0.15"}
        expect: COUNTEREXAMPLE

Each template below is one formula with named parameters (a share of the Common Shares, a
count of days, a date, a named holder) and a sentence saying what it claims.  A belief
naming a template that does not exist, a parameter the template does not take, or a value
of the wrong kind is refused with its file, place and value.  Formulas are written with
``z = st.z`` (never ``import z3``) so cvc5 can re-check them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Callable

from rightsplan.solver.ownership import denominator, owned
from rightsplan.solver.step import Step
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.terms import Belief, PlanTerms

from .independent import days_after
from .plan_words import NEEDS, missing, parameter_words, render
from .registry import Formula, Property

KINDS = {"share": "a share of the Common Shares written as text (\"0.15\")",
         "days": "a whole number of days >= 1", "date": "a date (YYYY-MM-DD)",
         "holder": "the key of one of the plan's named holders with its own threshold"}
Build = Callable[[dict[str, Any], PlanTerms], tuple[Formula, Formula]]


@dataclass(frozen=True)
class Template:
    """A formula of every plan with named parameters, the sentence it proves or refutes, what it needs."""

    name: str
    parameters: dict[str, str]  # name -> kind (KINDS)
    sentence: str  # with {parameter} placeholders ({days_ordinal}, {days_Word}) and the plan's words (plan_words)
    build: Build  # (parameters, plan) -> (conclusion, premise)
    needs: tuple[str, ...] = ()


TEMPLATES: dict[str, Template] = {}


def template(name: str, sentence: str, needs: tuple[str, ...] = (), **parameters: str) -> Callable[[Build], Build]:
    """Register the decorated builder as a belief template."""
    def register(build: Build) -> Build:
        TEMPLATES[name] = Template(name, parameters, sentence, build, needs)
        return build
    return register


def at_least(st: Step, state: Any, i: int, share: Fraction, extra: Any = 0) -> Any:
    """i's unit holds ``share`` or more of the Common Shares then outstanding (with ``extra`` shares added).

    A share on the plan's common denominator is compared as the model's own lines are
    (``scale * owned >= level * outstanding``), any other share exactly: ``den * owned >= num *
    outstanding`` (Section 1(a) "of ... or more").
    """
    if (share * st.lines.scale).denominator == 1:
        return st.at(state, i, share, extra)
    z = st.z
    return share.denominator * (owned(z, state, st.n, i) + extra) >= share.numerator * denominator(z, state, st.n, i)


def exempt(st: Step, i: int) -> Any:
    return st.exempt(i)


@template("holder_at_percent_is_acquiring", "Any holder of {percent} or more (other than the Company and its "
          "plans) is an Acquiring Person.", percent="share")
def _(v: dict[str, Any], plan: PlanTerms) -> tuple[Formula, Formula]:
    def crossed(st: Step, i: int) -> Any:
        return st.z.And(st.z.Not(exempt(st, i)), at_least(st, st.s2, i, v["percent"]))

    return (lambda st: st.every(lambda i: st.z.Implies(crossed(st, i), st.s2.acquiring[i])),
            lambda st: st.z.And(st.live, st.some(lambda i: crossed(st, i))))


@template("own_threshold_holder_safe_below_percent", "{before_ratchet}{holder} is never an Acquiring Person "
          "while below {percent}.", needs=("own_threshold_holder",), holder="holder", percent="share")
def _(v: dict[str, Any], plan: PlanTerms) -> tuple[Formula, Formula]:
    def below(st: Step, i: int) -> Any:
        z = st.z
        return z.And(st.own_threshold_holder(i), z.Not(st.s2.ratcheted), z.Not(at_least(st, st.s2, i, v["percent"])))

    return (lambda st: st.every(lambda i: st.z.Implies(below(st, i), st.z.Not(st.s2.became_acquiring[i]))),
            lambda st: st.z.And(st.live, st.some(lambda i: below(st, i))))


@template("triggering_event_permanent", "Once a Triggering Event has occurred it can never be undone.")
def _(v: dict[str, Any], plan: PlanTerms) -> tuple[Formula, Formula]:
    return lambda st: st.te(st.s2)[0], lambda st: st.z.And(st.live, st.te(st.s)[0])


@template("distribution_follows_acquisition", "{days_Word} Business Days after a Person becomes an Acquiring "
          "Person there is a Distribution Date.", days="days")
def _(v: dict[str, Any], plan: PlanTerms) -> tuple[Formula, Formula]:
    late = lambda st, i: st.z.And(st.s2.acquiring[i], st.e.day > st.s2.acquiring_since[i] + v["days"])  # noqa: E731
    return lambda st: st.dd(st.s2)[0], lambda st: st.z.And(st.live, st.some(lambda i: late(st, i)))


@template("tender_offer_for_percent_starts_clock", "A tender offer that would give its maker {percent} or more "
          "fixes a Distribution Date within {days} Business Days.", percent="share", days="days")
def _(v: dict[str, Any], plan: PlanTerms) -> tuple[Formula, Formula]:
    def premise(st: Step) -> Any:
        z = st.z
        return z.And(st.kind["tender_offer"], st.live, z.Not(st.s2.distribution_extended),
                     st.some(lambda i: z.And(st.is_p(i), z.Not(exempt(st, i)),
                                             at_least(st, st.s2, i, v["percent"], st.e.amount))))

    def conclusion(st: Step) -> Any:
        has, when = st.dd(st.s2)
        return st.z.And(has, when <= st.e.day + v["days"])
    return conclusion, premise


@template("distribution_date_not_withdrawn", "A scheduled Distribution Date cannot be withdrawn.")
def _(v: dict[str, Any], plan: PlanTerms) -> tuple[Formula, Formula]:
    return lambda st: st.dd(st.s2)[0], lambda st: st.z.And(st.live, st.dd(st.s)[0])


@template("redeemable_until_days_after_announcement", "Once it is announced that a Person holds {percent} or "
          "more, the Rights are redeemable only until the {days_ordinal} day after.", percent="share", days="days")
def _(v: dict[str, Any], plan: PlanTerms) -> tuple[Formula, Formula]:
    def premise(st: Step) -> Any:
        z = st.z
        announced = z.And(st.kind["announce"], st.live, st.some(lambda i: z.And(
            st.is_p(i), z.Not(exempt(st, i)), at_least(st, st.s2, i, v["percent"]))))
        return z.And(announced, z.Not(st.s2.has_redemption_board_date))
    return lambda st: st.deadline(st.s2) <= days_after(st, st.e.day, v["days"]), premise


def _held_bar(st: Step, state: Any, i: int, share: Fraction) -> Any:
    return st.z.And(state.acquiring[i], at_least(st, state, i, share))


@template("exchange_until_acquiring_person_at_percent", "The Board can exchange after a Triggering Event so long "
          "as the Acquiring Person has not reached {percent}.", percent="share")
def _(v: dict[str, Any], plan: PlanTerms) -> tuple[Formula, Formula]:
    def premise(st: Step) -> Any:
        z = st.z
        none_at = st.every(lambda i: z.And(z.Not(_held_bar(st, st.s, i, v["percent"])),
                                           z.Not(_held_bar(st, st.s2, i, v["percent"]))))
        return z.And(z.And(st.kind["exchange"], z.Not(st.e.variant)), st.live, st.te(st.s2)[0], none_at)
    return lambda st: st.s2.effective, premise


def last_index_on_or_before(plan: PlanTerms, d: date) -> int | None:
    """The model's index of the last Business Day on or before ``d``, in its window around the Final Expiration Date.

    Every weekday of that window is a Business Day under every calendar reading (solver/plan.py),
    so its indices are the same dates whatever the readings; the index is the default calendar's.
    None when ``d`` is not inside the window.
    """
    from rightsplan.solver.calendar_model import model_calendar

    days = model_calendar((), plan.source)
    lo, hi = days.time.far
    found = [i for i in range(lo, hi + 1) if days.date_of(i) <= d]
    return max(found) if found and max(found) < hi else None


@template("no_redemption_after_date", "No redemption takes effect after {date}.", date="date")
def _(v: dict[str, Any], plan: PlanTerms) -> tuple[Formula, Formula]:
    def after(st: Step) -> int:
        """The first index after the date, on the calendar of the readings under check (Section 1(e))."""
        return bisect.bisect_right(st.cfg.calendar.days, v["date"])

    return lambda st: st.e.day < after(st), lambda st: st.z.And(st.kind["redeem"], st.s2.effective)


def _value(b: Belief, name: str, kind: str, raw: Any, plan: PlanTerms) -> Any:
    """One parameter of a belief, checked against the kind its template takes."""
    place = f"{b.place}.parameters.{name}"
    try:
        if kind == "share":
            if isinstance(raw, bool) or not isinstance(raw, (str, int)):
                raise ValueError
            value = Fraction(str(raw))
            if not 0 < value <= 1:
                raise ValueError
            return value
        if kind == "days" and isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
            return raw
        if kind == "date" and isinstance(raw, date):
            return raw
        if kind == "holder" and raw in [h.key for h in plan.own_threshold_holders()]:
            return raw
    except (ValueError, ZeroDivisionError):
        pass
    raise ScenarioError(plan.source, place, raw, KINDS[kind])


def parameters(b: Belief, t: Template, plan: PlanTerms) -> dict[str, Any]:
    """The belief's parameters, each checked; a missing or unknown one is refused with its place."""
    for name in b.parameters:
        if name not in t.parameters:
            raise ScenarioError(plan.source, f"{b.place}.parameters.{name}", name,
                                f"a parameter of template {t.name}: {', '.join(t.parameters) or 'none'}")
    for name in t.parameters:
        if name not in b.parameters:
            raise ScenarioError(plan.source, f"{b.place}.parameters", dict(b.parameters),
                                f"a value for {name} ({KINDS[t.parameters[name]]})")
    out = {name: _value(b, name, kind, b.parameters[name], plan) for name, kind in t.parameters.items()}
    if "date" in out:
        out["_index"] = last_index_on_or_before(plan, out["date"])
        if out["_index"] is None:
            raise ScenarioError(plan.source, f"{b.place}.parameters.date", out["date"].isoformat(),
                                "a date within the model's window around the Final Expiration Date")
    return out


def belief_property(b: Belief, plan: PlanTerms) -> Property:
    """The property that checks one belief of the plan, refused with file/place/value when it cannot be built."""
    t = TEMPLATES.get(b.template)
    if t is None:
        raise ScenarioError(plan.source, f"{b.place}.template", b.template,
                            "one of the formula templates: " + ", ".join(sorted(TEMPLATES)))
    why = missing(plan, t.needs)
    if why is not None:
        raise ScenarioError(plan.source, f"{b.place}.template", b.template, f"a template this plan can use ({why})")
    values = parameters(b, t, plan)
    formula, when = t.build(values, plan)
    shown = {k: v for k, v in values.items() if not k.startswith("_")}
    if "holder" in shown:
        shown["holder"] = plan.holders[shown["holder"]].name
    sentence = b.sentence or render(t.sentence, plan, parameter_words(shown))
    return Property(b.id, sentence, tuple(b.sections), formula, b.expect, when, b.words,
                    dict(b.readings), template=t.name, parameters=shown, belief_section=b.section)


def beliefs_of(plan: PlanTerms) -> list[Property]:
    """Every belief the plan declares, as properties of its catalogue."""
    return [belief_property(b, plan) for b in plan.beliefs]


assert all(n in NEEDS for t in TEMPLATES.values() for n in t.needs)
