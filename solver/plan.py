"""The plan as the model reads it: its ownership lines, its clocks and the model's time.

A ``Config`` names a plan (a shipped name or a terms file, spec/terms.py); everything the
rules compare a holding with or count a clock by comes from here, never from a number
written into a rule.  Lines are exact fractions of the Common Shares then outstanding, and
"p/q or more" is the linear test ``q * owned >= p * outstanding``: every line is written over
one common denominator ``scale`` (100 when every line is a whole percentage), so 4.99% works.

The model's time is an index of the plan's real Business Days (Section 1(e)): index 0 is a
Monday after the plan's agreement (and grandfathering) date, index t the t-th Business Day after
it (solver/calendar_model.py, per calendar reading); index ``final`` is the Close of Business on
the Final Expiration Date (Section 1(r), rolled by Section 1(f)).  Counterexample events are
confined to two stretches of the plan's own calendar where every weekday is a Business Day
whatever the calendar readings (``near`` and ``far``), so a counterexample's dates read the same
under every reading; proofs cover every index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from math import lcm

from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.errors import ScenarioError
from rightsplan.spec.terms import Grandfathering, NamedHolder, PlanTerms, load_plan

WEEK = 5  # weekdays per week: Monday 0 to Friday 4
NEAR_DAYS = 20  # four weeks of events after the start
FAR_BEFORE, FAR_AFTER = 9, 5  # Business Days of the far window before and after the Close of Business on the final day


@dataclass(frozen=True)
class Lines:
    """The ownership lines of Sections 1(a) and 24(a), exact fractions of the shares then outstanding.

    ``holder`` and ``ratchet`` are the own-threshold holder's ("Walden ... 20% or more" and,
    after the ratchet, "15% or more"); ``grandfather`` and ``allowance`` the grandfathering
    line and its allowance of additional shares; each None (allowance 0) when the plan has none.
    """

    threshold: Fraction
    deeming: Fraction
    bar: Fraction
    holder: Fraction | None
    ratchet: Fraction | None
    grandfather: Fraction | None
    allowance: Fraction
    scale: int

    def level(self, line: Fraction) -> int:
        """The line over the common denominator: ``level / scale == line``."""
        value = line * self.scale
        if value.denominator != 1:
            raise ValueError(f"line {line} is not a multiple of 1/{self.scale}")
        return value.numerator


@dataclass(frozen=True)
class Days:
    """The plan's clocks: "the tenth Business Day" (Section 1(l)), "the fifth day" (Section 23(a))."""

    distribution: int
    redemption: int


@dataclass(frozen=True)
class ModelTime:
    """The model's Business-Day index on the plan's calendar: its anchor, the final index, two windows.

    ``final`` counts the Business Days of one set of calendar readings (model_time: the defaults;
    ``Config.time``: the Config's own, solver/calendar_model.py).
    """

    anchor: date
    final: int
    final_date: date
    near: tuple[int, int]
    far: tuple[int, int]


@dataclass(frozen=True)
class ModelPlan:
    """Everything the model reads from one plan."""

    name: str
    terms: PlanTerms
    lines: Lines
    days: Days
    time: ModelTime
    holder_key: str | None  # the own-threshold holder's role word, or None
    has_ratchet: bool
    has_grandfathering: bool


@lru_cache(maxsize=None)
def model_plan(plan: str) -> ModelPlan:
    """The model's view of a plan (a shipped name or a terms file's path), checked for what the model supports."""
    terms = load_plan(plan)
    own = terms.own_threshold_holders()
    if len(own) > 1:
        raise ScenarioError(terms.source, "named_holders", ", ".join(h.key for h in own),
                            "at most one named holder of kind own_threshold: the model has one such holder "
                            "(the reference implementation evaluates scenarios of this plan)", own[0].section)
    holder = own[0] if own else None
    g = terms.grandfathering
    lines = _lines(terms, holder, g)
    days = Days(terms.distribution_business_days, terms.redemption_days)
    return ModelPlan(terms.name, terms, lines, days, model_time(terms, days),
                     holder.key if holder else None, bool(holder and holder.ratchet), g is not None)


def _lines(terms: PlanTerms, holder: NamedHolder | None, g: Grandfathering | None) -> Lines:
    h_line = holder.threshold.value if holder is not None and holder.threshold is not None else None
    ratchet = holder.ratchet.value if holder is not None and holder.ratchet is not None else None
    g_line = g.threshold.value if g is not None else None
    allowance = g.allowance.value if g is not None else Fraction(0)
    fixed = [terms.acquiring_person_threshold, terms.repurchase_deeming_threshold, terms.exchange_bar_threshold]
    scale = lcm(100, *[x.denominator for x in fixed + [h_line, ratchet, g_line] if x is not None])
    return Lines(fixed[0], fixed[1], fixed[2], h_line, ratchet, g_line, allowance, scale)


def plan_calendar(terms: PlanTerms, readings: dict[str, str] | None = None) -> BusinessCalendar:
    """The plan's Business Days (its jurisdictions, Section 1(e)) under the given calendar readings."""
    return BusinessCalendar(readings or {}, terms.business_day_states)


def _sure(cal: BusinessCalendar, d: date) -> bool:
    """A weekday that is a Business Day under every calendar reading: no switch or assumption decides it."""
    return d.weekday() < WEEK and cal.is_business_day(d) and not cal.open_question(d)


def _weekdays(d: date, count: int, step: int) -> list[date]:
    out = []
    while len(out) < count:
        d += timedelta(days=step)
        if d.weekday() < WEEK:
            out.append(d)
    return out


def model_time(terms: PlanTerms, days: Days) -> ModelTime:
    """The anchor, the final index and the two windows of one plan (module docstring).

    The near window is followed by as many more weekdays without a holiday as the fifth day
    after its last day can reach (Section 23(a)), so the plain weekday rule is the calendar's there too.
    """
    cal = plan_calendar(terms)
    start = max([terms.agreement_date] + ([terms.grandfathering.day] if terms.grandfathering else []))
    anchor = start + timedelta(days=7 - start.weekday())  # the first Monday after it
    clear = NEAR_DAYS + max(fifth_day_offsets(days.redemption))
    while not all(_sure(cal, d) for d in [anchor, *_weekdays(anchor, clear - 1, 1)]):
        anchor += timedelta(days=7)
        if anchor > terms.final_expiration_date:
            raise ScenarioError(terms.source, "terms.agreement_date", terms.agreement_date,
                                f"{clear} weekdays without a holiday between it and the Final Expiration Date",
                                "Section 1(e)")
    final_date = cal.close_of_business(terms.final_expiration_date)
    if not _sure(cal, final_date):
        raise ScenarioError(terms.source, "terms.final_expiration_date", terms.final_expiration_date,
                            "a date whose Close of Business falls on a day every calendar reading agrees is a "
                            "Business Day (the model's final index)", "Section 1(f)")
    before = next((k for k, d in enumerate(_weekdays(final_date, FAR_BEFORE, -1)) if not _sure(cal, d)), FAR_BEFORE)
    after = next((k for k, d in enumerate(_weekdays(final_date, FAR_AFTER, 1)) if not _sure(cal, d)), FAR_AFTER)
    final = sum(1 for d in _days_between(anchor, final_date) if cal.is_business_day(d))
    near_end = _weekdays(anchor, NEAR_DAYS - 1, 1)[-1]
    if near_end >= final_date - timedelta(days=7 * 3):
        raise ScenarioError(terms.source, "terms.final_expiration_date", terms.final_expiration_date,
                            f"a date well after the model's first window (ending {near_end})", "Section 1(r)")
    return ModelTime(anchor, final, final_date, (0, NEAR_DAYS - 1), (final - before, final + after))


def _days_between(after: date, through: date) -> list[date]:
    return [after + timedelta(days=k) for k in range(1, (through - after).days + 1)]


def _business_days_on(weekday: int, calendar_days: int) -> int:
    """Business Days from a weekday to the Close of Business ``calendar_days`` later (Section 1(f) roll).

    In a week without holidays: Monday + 5 days is Saturday, which rolls to the next
    Monday, 5 Business Days on; Tuesday + 5 is Sunday (4 on); Wednesday to Friday + 5 fall on
    a weekday 3 Business Days on.
    """
    target = weekday + calendar_days
    target += {5: 2, 6: 1}.get(target % 7, 0)  # a Saturday or Sunday rolls to Monday
    return sum(1 for d in range(weekday + 1, target + 1) if d % 7 < 5)


@lru_cache(maxsize=None)
def fifth_day_offsets(calendar_days: int) -> tuple[int, ...]:
    """Business Days from each weekday to its Close of Business ``calendar_days`` later: (5, 4, 3, 3, 3) for 5."""
    return tuple(_business_days_on(w, calendar_days) for w in range(WEEK))
