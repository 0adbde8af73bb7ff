"""Board actions: redemption (23), exchange (24), extensions (1(l), 23(a)) and Section 13 events.

Each function takes the running evaluation and one event, and either records the action's
effect or reports it in ``ineffective_events`` with the section that forbids it.  A board
action is judged on what was determined when it was taken; under the default reading a later
Section 1(a)(i) cure replays the history, and the action is judged again (see ``evaluate``).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Protocol

from .citations import cite
from .distribution_date import DistributionClock
from .economics import Economics
from .exchange import S_24A, S_24E, after_exchange, refuse_exchange
from .expiration import S_1Q, Expiration
from .redemption import S_23A, S_27
from .scenario import Event, Scenario

S_1L = cite("Section 1(l)")
S_13A = cite("Section 13(a)")


class Engine(Protocol):
    """What a board action reads and records in the running evaluation (``evaluate._Engine`` is one).

    Declared here, so that this module needs nothing from ``evaluate``, which imports it.
    """

    s: Scenario
    clock: DistributionClock
    econ: Economics
    expiration: Expiration | None
    barred_since: date | None
    redemption_extension: date | None
    exchanged: Fraction
    redeemed: bool

    def note(self, index: int | None, section: str, text: str) -> None: ...

    def refuse(self, e: Event, section: str, reason: str, board: bool = True) -> None: ...

    def live(self) -> dict[str, tuple[date, int | None]]: ...

    def triggering_event(self) -> date | None: ...

    def sad(self) -> date | None: ...

    def deadline(self) -> date: ...


def _expired(engine: Engine, e: Event) -> bool:
    if engine.expiration is None:
        return False
    x = engine.expiration
    engine.refuse(e, S_1Q, f"the Rights expired on {x.date} ({x.cause.replace('_', ' ')})")
    return True


def redeem(engine: Engine, e: Event) -> None:
    """Section 23(a): effective only "prior to the Close of Business on" the redemption deadline."""
    if _expired(engine, e):
        return
    deadline = engine.deadline()
    if e.date > deadline:
        engine.refuse(e, S_23A, f"the right of redemption ended at the Close of Business on {deadline}")
        return
    engine.redeemed = True
    engine.expiration = Expiration(e.date, "redemption")
    engine.note(e.index, S_23A, f"The Board redeems all the Rights at the Redemption Price; the Rights expire on {e.date}.")


def extend_redemption(engine: Engine, e: Event) -> None:
    """Section 23(a) "(or such later date as may be determined by action of the ... Board ...)"."""
    if _expired(engine, e):
        return
    deadline = engine.deadline()
    if e.date > deadline and engine.s.readings["late_redemption_extension"] == "ineffective":
        engine.refuse(e, S_27, f"the right of redemption already ended on {deadline}, and the period may not be "
                      "lengthened once the Rights are not redeemable")
        return
    until = e["until"]
    previous = engine.redemption_extension
    engine.redemption_extension = max(previous or until, until)
    if engine.deadline() <= deadline and engine.sad() is not None:
        engine.redemption_extension = previous
        engine.refuse(e, S_23A, f"{until} is not later than the redemption deadline {deadline}")
        return
    engine.note(e.index, S_23A, f"The Board extends the redemption period: the deadline is now {engine.deadline()}.")


def extend_distribution(engine: Engine, e: Event) -> None:
    """Section 1(l) "(or such later date as may be determined by action of the Company's Board of Directors)"."""
    if _expired(engine, e):
        return
    reason = engine.clock.extend(e.date, e["until"], engine.live())
    if reason is not None:
        engine.refuse(e, S_1L, reason)
        return
    dd = engine.clock.distribution_date(engine.live())
    engine.note(e.index, S_1L, f"The Board sets a later Distribution Date: the Close of Business on {dd[0] if dd else e['until']}.")


def exchange(engine: Engine, e: Event) -> None:
    """Section 24(a)/(e): exchange all or part of the Rights, if and when the Board may."""
    if _expired(engine, e):
        return
    kind = e.get("kind", "common")
    portion = e.get("portion", 1)
    refusal = refuse_exchange(kind, engine.triggering_event(), engine.barred_since, bool(engine.live()),
                              engine.s.plan.exchange_bar_threshold)
    dd = engine.clock.distribution_date(engine.live())
    if refusal is None and kind == "common" and engine.s.readings["exchange_requires_exercisable"] == "yes" \
            and (dd is None or e.date <= dd[0]):
        refusal = (S_24A, "under the reading exchange_requires_exercisable, Rights are exercisable only after the "
                   "Distribution Date (Section 7(a)), and none has occurred")
    if refusal is not None:
        engine.refuse(e, refusal[0], refusal[1])
        return
    engine.exchanged = after_exchange(engine.exchanged, portion)
    section = S_24E if kind == "rights" else S_24A
    engine.note(e.index, section, f"The Board exchanges {portion} of the outstanding Rights (void Rights excluded), pro rata.")
    if portion == 1 or engine.s.readings["partial_exchange_expires"] == "yes":
        engine.expiration = Expiration(e.date, "exchange")
        engine.note(e.index, S_1Q, f"The exchange order is the Expiration Date of the Rights: {e.date}.")


def merger(engine: Engine, e: Event) -> None:
    """Section 13(a): a merger or asset sale "following a Triggering Event" gives the flip-over."""
    if _expired(engine, e):
        return
    if engine.triggering_event() is None:
        engine.note(e.index, S_13A, "No Triggering Event has occurred, so Section 13(a) gives no flip-over right.")
        return
    engine.econ.merger(e, engine)
