"""The agreement as a transition system: state, one step per scenario event, named constraints.

The model is written for any solver that speaks Z3's Python API: every function takes the
API module ``z`` (``z3`` or ``cvc5.pythonic``), so the same rules can be re-checked by a
second solver.  It reads only the shared vocabulary from ``rightsplan.spec``; the rules
themselves (``ownership``, ``status``, ``board``) are written here, independently of the
reference implementation, following ``docs/semantics.md``.

Every figure comes from the plan the ``Config`` names (solver/plan.py): its ownership lines
(``cfg.lines``), its clocks (``cfg.days``) and the model's time (``cfg.time``).  Time is a
Business-Day index: event ``day`` is the ``day``-th real Business Day after the plan's anchor (a
Monday) under the Config's calendar readings (``cfg.calendar``, solver/calendar_model.py).  The
Close of Business on the plan's Final Expiration Date (Section 1(r), rolled by Section 1(f)) is
index ``cfg.time.final``.  Counterexample search is confined to two stretches of the plan's
calendar no reading can close (see ``proofs/replay.py``), so a counterexample's dates read the
same under every reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from rightsplan.spec.citations import cite
from rightsplan.spec.terms import BUILTIN_PLAN
from rightsplan.spec.vocabulary import DEFAULT_READINGS, READINGS, Role

from .plan import WEEK, Days, Lines, ModelPlan, ModelTime, model_plan

if TYPE_CHECKING:
    from .calendar_model import ModelCalendar

KINDS: tuple[str, ...] = (
    "acquire", "dispose", "issue", "repurchase", "option", "join_group", "split",
    "announce", "tender_offer", "inadvertence", "extend_distribution",
    "extend_redemption", "redeem", "exchange", "merger", "exercise", "economic",
)
# Events of the price provisions (Sections 11(a)(i), 11(b), 11(c), 1(j)) change no ownership, status or
# clock the model tracks; they are one kind, "economic", whose only effect is to be effective.
ECONOMIC_KINDS = ("preferred_split", "rights_offering", "distribution", "announce_split")

# The share splits the model knows (Section 11(n)), as (new, old) per ``old`` shares held: a split or
# combination with a constant ratio keeps every comparison linear.  The event's ``n`` is the position in this list, from 1.
SPLITS: tuple[tuple[int, int], ...] = ((2, 1), (3, 1), (3, 2), (1, 2), (1, 3))
K: dict[str, int] = {name: i for i, name in enumerate(KINDS)}
ROLES: tuple[Role, ...] = tuple(Role)
R: dict[Role, int] = {role: i for i, role in enumerate(ROLES)}

# Section 1(a)'s provisos, by the name a mutant uses to remove one (proofs/mutants.py).
PROVISOS: dict[str, str] = {
    "named_exempt": "any Person, other than [a named exempt holder]",
    "exempt": "shall not include the Company, any Subsidiary ... or any employee benefit plan",
    "own_threshold": "[the named holder] shall not be deemed an Acquiring Person until ... [its own threshold] or more",
    "ratchet": "after [the named holder] has been the Beneficial Owner of [the ratchet line] or more and "
               "subsequently ... less than [it]",
    "repurchase_carveout": "no Person shall be deemed to be an Acquiring Person as the result of an acquisition ... by the Company",
    "repurchase_deeming": "if a Person shall become the Beneficial Owner of [the deeming line] or more ... by reason of share "
                          "purchases by the Company",
    "inadvertence": "(i) ... has become such inadvertently ... and if such Person divested or divests as promptly as practicable",
    "grandfather": "(ii) if, as of [the grandfathering date], any Person is the Beneficial Owner of [the line] or more",
}

PERSON_INT = ("held", "options", "acquiring_since", "announced_on", "divestiture_deadline")
# Shares owned at crossing and on the grandfathering date (exact, since a later split may leave a fraction),
# and the fraction of the shares then outstanding owned on the grandfathering date.
PERSON_REAL = ("owned_at_crossing", "owned_at_grandfathering", "share_at_grandfathering")
PERSON_BOOL = ("acquiring", "grandfathered", "shielded", "buyback_marked", "divestiture_pending", "announced",
               "became_acquiring", "cured", "acquired_more")
GLOBAL_INT = ("outstanding", "today", "distribution_by_announcement", "distribution_by_tender_offer",
              "redemption_board_date", "redemption_fifth_day", "barred_since")
GLOBAL_BOOL = ("has_been_at_ratchet", "ratcheted", "has_announcement_clause", "has_tender_clause",
               "has_redemption_board_date", "exchange_barred", "redeemed", "exchanged_all", "exchanged_part",
               "expired", "distribution_extended", "effective")
# One Bool per declared history operator (solver/temporal.py), added to every state: "history_<name>".
HISTORY_FIELDS: list[str] = []
INPUT_INT = ("kind", "person", "other", "amount", "day", "until")
INPUT_BOOL = ("variant", "all_rights")


CLOCKS = ("calendar", "any", "windows")  # Config.clock's values (below)


@dataclass(frozen=True)
class Config:
    """What is being modelled: how many symbolic persons, which readings, which provisos, which plan, which clock.

    ``plan`` is a shipped plan's name or a terms file's path (spec/terms.py); its lines, clocks
    and time are ``lines``, ``days`` and ``time`` (solver/plan.py).
    """

    persons: int = 3
    readings: tuple[tuple[str, str], ...] = tuple(sorted(DEFAULT_READINGS.items()))
    removed: frozenset[str] = frozenset()
    plan: str = BUILTIN_PLAN
    # The Section 23(a) fifth day (``dates.fifth_day``): "calendar", the real calendar at every index;
    # "any", an uninterpreted function, so what is proved holds for every clock, the real one included
    # (proofs/verify.py, once the model's clock is shown equal to the properties' own); "windows", the
    # weekday rule that is the real calendar on the counterexample windows (bounded search only).
    clock: str = "calendar"

    def __post_init__(self) -> None:
        if self.clock not in CLOCKS:  # a misspelt clock must not fall back to the real calendar in silence
            raise ValueError(f"clock {self.clock!r}: expected one of {', '.join(CLOCKS)}")

    def reading(self, name: str) -> str:
        """The chosen value of a named reading switch (spec/vocabulary.py READINGS)."""
        value = dict(self.readings)[name]
        if value not in READINGS[name].choices:
            raise ValueError(f"reading {name}={value!r}: expected one of {READINGS[name].choices}")
        return value

    def with_readings(self, **chosen: str) -> "Config":
        merged = dict(self.readings) | chosen
        return replace(self, readings=tuple(sorted(merged.items())))

    def without(self, proviso: str) -> "Config":
        if proviso not in PROVISOS:
            raise ValueError(f"unknown proviso {proviso!r}: expected one of {sorted(PROVISOS)}")
        return replace(self, removed=self.removed | {proviso})

    def has(self, proviso: str) -> bool:
        return proviso not in self.removed

    @property
    def model_plan(self) -> ModelPlan:
        """The plan as the model reads it (solver/plan.py); a plan the model cannot take raises ScenarioError."""
        return model_plan(str(self.plan))

    @property
    def lines(self) -> Lines:
        """The plan's ownership lines, exact fractions (Sections 1(a), 24(a))."""
        return self.model_plan.lines

    @property
    def days(self) -> Days:
        """The plan's clocks (Sections 1(l), 23(a))."""
        return self.model_plan.days

    @property
    def time(self) -> ModelTime:
        """The model's time on the plan's calendar under this Config's calendar readings: the final index, the windows."""
        return self.calendar.time

    @property
    def calendar(self) -> "ModelCalendar":
        """The real Business Days of this Config's calendar readings (Section 1(e)): ``calendar_model.py``."""
        from .calendar_model import model_calendar

        return model_calendar(self.readings, self.plan)


@dataclass
class Vars:
    """A bundle of solver terms: one state, one event's inputs, or the persons' roles."""

    tag: str
    ints: dict[str, Any] = field(default_factory=dict)
    bools: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        for table in ("ints", "bools"):
            values = self.__dict__.get(table, {})
            if name in values:
                return values[name]
        raise AttributeError(name)

    def terms(self) -> list[Any]:
        return [*self.ints.values(), *self.bools.values()]


def _fresh(z: ModuleType, tag: str, n: int, ints: tuple[str, ...], bools: tuple[str, ...],
           pints: tuple[str, ...] = (), pbools: tuple[str, ...] = (), preals: tuple[str, ...] = ()) -> Vars:
    v = Vars(tag)
    for name in preals:
        v.ints[name] = [z.Real(f"{tag}.{name}{i}") for i in range(n)]
    for name in ints:
        v.ints[name] = z.Int(f"{tag}.{name}")
    for name in bools:
        v.bools[name] = z.Bool(f"{tag}.{name}")
    for name in pints:
        v.ints[name] = [z.Int(f"{tag}.{name}{i}") for i in range(n)]
    for name in pbools:
        v.bools[name] = [z.Bool(f"{tag}.{name}{i}") for i in range(n)]
    return v


def pairs(n: int) -> list[tuple[int, int]]:
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def fresh_state(z: ModuleType, cfg: Config, tag: str) -> Vars:
    """A new state: holdings, units, statuses and dates, named ``tag.field``."""
    n = cfg.persons
    v = _fresh(z, tag, n, GLOBAL_INT, GLOBAL_BOOL, PERSON_INT, PERSON_BOOL, PERSON_REAL)
    v.bools["grouped"] = {ij: z.Bool(f"{tag}.grouped{ij[0]}{ij[1]}") for ij in pairs(n)}
    v.bools["void_because"] = {(i, j): z.Bool(f"{tag}.void_because{i}{j}") for i in range(n) for j in range(n)}
    v.bools.update({name: z.Bool(f"{tag}.{name}") for name in HISTORY_FIELDS})
    return v


def fresh_inputs(z: ModuleType, tag: str) -> Vars:
    """A new event: kind, persons, shares, date index, 'until' index and two flags."""
    return _fresh(z, tag, 0, INPUT_INT, INPUT_BOOL)


def fresh_roles(z: ModuleType, cfg: Config) -> list[Any]:
    """The persons' roles, fixed for the whole history."""
    return [z.Int(f"role{i}") for i in range(cfg.persons)]


@dataclass(frozen=True)
class Named:
    """One constraint, with the provision it encodes (for unsat cores)."""

    section: str
    name: str
    expr: Any


def named(section: str, name: str, expr: Any) -> Named:
    return Named(cite(section), name, expr)


def role_is(z: ModuleType, role: Any, *which: Role) -> Any:
    return z.Or(*[role == R[w] for w in which])


def opt_min(z: ModuleType, items: list[tuple[Any, Any]]) -> tuple[Any, Any]:
    """(some flag is set, the least value among the flagged ones)."""
    has, val = z.BoolVal(False), z.IntVal(0)
    for flag, value in items:
        val = z.If(z.And(flag, z.Or(z.Not(has), value < val)), value, val)
        has = z.Or(has, flag)
    return has, val
