"""Evaluate a scenario: what the agreement makes of an ownership and corporate-action history.

``evaluate(scenario)`` replays the events in order (docs/semantics.md) and returns an
``Evaluation`` whose ``to_json()`` is the public contract's output object.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container, Sequence
from datetime import date, timedelta
from fractions import Fraction
from itertools import islice
from typing import Any

from . import board
from .acquiring_person import S_1OO, Change, Status, lowest_line, pct
from .notes import Note
from .calendar import BusinessCalendar, crossed_note
from .distribution_date import S_1HH, S_1L, Clause, DistributionClock
from .exchange import S_24A, reaches_bar
from .citations import cite
from .expiration import S_1Q, Expiration, final_expiration
from .history import EventLog
from .inadvertence import S_1A_I, Episode, Inadvertence, suppressed
from .ownership import Ownership
from .redemption import redemption_deadline
from .results import Evaluation, Snapshot
from .scenario import Event, Scenario, cyclic_gc_paused
from .economics import Economics
from .errors import InternalError
from .void_rights import VoidRights


S_7A = cite("Section 7(a)")
S_1E = cite("Section 1(e)")

# Events that only move one person's holding or options (``_Engine._quiet_trade``).
_TRADES = frozenset({"acquire", "dispose", "option"})


def evaluate(scenario: Scenario, *, snapshots: bool = False) -> Evaluation:
    """Evaluate a validated scenario; with ``snapshots=True`` keep the state after every event.

    Under the default reading ``inadvertence_cure: all_purposes`` a cure under Section 1(a)(i)
    is retroactive: the history is replayed with each cured episode suppressed until no new
    cure appears.  The snapshots are those of the first replay: each says what was determined
    at that moment, before any later cure.  The cycle collector is paused meanwhile, as in
    validation (``cyclic_gc_paused``): a long history's events would be rescanned again and again.
    """
    with cyclic_gc_paused():
        return _evaluate(scenario, snapshots)


ASSUMED = "This result relies on a plan term assumed, not known from a source: "


def is_assumption(note: Note) -> bool:
    """Whether an explanation only lists an assumed plan term the result read (``plan_assumptions``)."""
    return note.index is None and note.text.startswith(ASSUMED)


def _evaluate(scenario: Scenario, snapshots: bool) -> Evaluation:
    """Evaluate, and list the plan's assumed terms the evaluation read (spec/terms.py ``PlanTerms.read``)."""
    scenario.plan.read.clear()
    result = _evaluate_once(scenario, snapshots)
    result.plan_assumptions = scenario.plan.assumptions_read()
    for place, why in result.plan_assumptions.items():
        result.explanations.append(Note(None, scenario.plan.assumption_section(place), f"{ASSUMED}{place} ({why})."))
    return result


def _evaluate_once(scenario: Scenario, snapshots: bool) -> Evaluation:
    first = _Engine(scenario, snapshots, frozenset()).run()
    if scenario.readings["inadvertence_cure"] != "all_purposes" or not first.cured_episodes:
        return first
    cured = first.cured_episodes
    for _ in range(len(scenario.events) + 1):  # each replay adds a cure, and each cure needs its event
        result = _Engine(scenario, False, cured).run()
        if result.cured_episodes <= cured:
            break
        cured = cured | result.cured_episodes
    else:
        raise InternalError("the replays for Section 1(a)(i) cures did not settle")
    result.snapshots = first.snapshots
    result.cured_episodes = cured
    return result


class _Unit:
    """The persons of one unit as a container (``p in members``), so a group of thousands is not listed per trade."""

    __slots__ = ("own", "unit")

    def __init__(self, own: Ownership, unit: str) -> None:
        self.own, self.unit = own, unit

    def __contains__(self, person: object) -> bool:
        return isinstance(person, str) and self.own.unit(person) == self.unit


class _Joined:
    """Who a join makes the Beneficial Owner of additional shares, as a container, without listing the group.

    Every member of a unit whose total the join raised: the units merged into the root (the
    smaller side of the join, listed) that grew, and the root's own earlier members when it grew.
    """

    __slots__ = ("own", "unit", "root_grew", "grew", "kept")

    def __init__(self, own: Ownership, unit: str, root_grew: bool, merged: list[tuple[list[str], bool]]) -> None:
        self.own, self.unit, self.root_grew = own, unit, root_grew
        self.grew = frozenset(m for ms, grew in merged if grew for m in ms)
        self.kept = frozenset(m for ms, grew in merged if not grew for m in ms)

    def __contains__(self, person: object) -> bool:
        if person in self.grew:
            return True
        return (self.root_grew and isinstance(person, str) and person not in self.kept
                and self.own.unit(person) == self.unit)


class _Engine:
    def __init__(self, s: Scenario, keep_snapshots: bool, cured: frozenset[Episode]) -> None:
        self.s = s
        self.plan = s.plan
        self.cal = BusinessCalendar(s.readings, self.plan.business_day_states)
        self.own = Ownership(s.persons, s.holdings, s.options, s.groups, s.outstanding, lowest_line(self.plan),
                             getattr(s.events, "peak", None), s.holders)
        self.status = Status(self.plan, dict(s.readings), cured=cured)
        self.clock = DistributionClock(self.plan, self.cal)
        self.void = VoidRights()
        self.inadvertence = Inadvertence()
        self.econ = Economics(s, self.cal)
        self.notes: list[Note] = []
        self.ineffective: list[dict[str, Any]] = []
        self.expiration: Expiration | None = None
        self.barred_since: date | None = None
        self.redemption_extension: date | None = None
        self.exchanged = Fraction(0)
        self.redeemed = False
        self.fed = final_expiration(self.plan, self.cal)
        g = self.plan.grandfathering
        self.grandfathering_day = g.day if g is not None else None
        self.grandfathering_at_close = g is not None and g.at_close
        self.grandfathering_done = g is None
        self.keep = keep_snapshots
        self.snapshots: list[Snapshot] = []
        self.effective = True

    # -- helpers -----------------------------------------------------------------------
    def note(self, index: int | None, section: str, text: str) -> None:
        self.notes.append(Note(index, section, text))

    def refuse(self, e: Event, section: str, reason: str, board: bool = True) -> None:
        """Record that an event had no effect; only board actions go to ``ineffective_events`` (the contract)."""
        if board:
            self.ineffective.append({"index": e.index, "section": section, "reason": reason})
        self.note(e.index, section, f"{e.kind.replace('_', ' ')} has no effect: {reason}.")
        self.effective = False

    def live(self) -> dict[str, tuple[date, int | None]]:
        return self.status.acquiring

    def triggering_event(self) -> date | None:
        return min((d for d, _ in self.live().values()), default=None)

    def sad(self) -> date | None:
        c = self.clock.shares_acquisition_date(self.live())
        return c.started if c else None

    def deadline(self) -> date:
        return redemption_deadline(self.plan, self.cal, self.sad(), self.redemption_extension)

    # -- the run -----------------------------------------------------------------------
    def run(self) -> Evaluation:
        s = self.s
        start = Change(None, s.start, "start", frozenset(), s.outstanding, {})
        if s.grandfathered is not None:
            for p in s.grandfathered:  # the allowance counts "additional shares" from the holding at the start
                self.status.protect(self.own, p)
            self.grandfathering_done = True
        elif s.start == self.grandfathering_day and not self.grandfathering_at_close:
            self._grandfather(None)
        self.determine(start, self.own.candidates())
        self._replay(s.events)
        if self.grandfathering_at_close and self._grandfathering_due(self.grandfathering_day + timedelta(days=1)):
            self._grandfather(None)  # "as of the Close of Business" on a day the history ends on or after
        return self.result()

    def _before_close_of_grandfathering(self, day: date) -> bool:
        """True on or before a grandfathering date taken "as of the Close of Business", until it is taken.

        "any Person who would otherwise qualify as an Acquiring Person as of the Close of Business on"
        that date "will not be deemed to be an Acquiring Person": whoever is at the threshold at that
        Close is grandfathered, so nobody becomes an Acquiring Person during the day before it.
        """
        return self.grandfathering_at_close and not self.grandfathering_done and day <= self.grandfathering_day

    def _grandfathering_due(self, day: date) -> bool:
        """Whether the holdings are taken for grandfathering before an event on ``day`` (Section 1(a)(ii)).

        The holdings "as of" the grandfathering date are those before its first event; a plan whose
        date is "as of the Close of Business" on that day counts the day's events first.
        """
        g_day = self.grandfathering_day
        if self.grandfathering_done or self.s.start > g_day or (self.s.start == g_day and not self.grandfathering_at_close):
            return False
        return day > g_day if self.grandfathering_at_close else day >= g_day

    def _replay(self, events: Sequence[Event]) -> None:
        """Step through the events; runs of quiet trades go to ``Ownership.quiet_trades``, without ``step``.

        The test is ``step``'s own: nothing to grandfather, no expiry to note, no snapshot to keep,
        no protection or pending determination in play (``_calm``, once for a run of events on one
        date and again after each event that takes ``step``), and the unit staying under the
        ownership index's watermark.  The event at which a cured episode ends always takes ``step``,
        for the note of its cure.  This loop is most of the time of a long history.
        """
        if self.keep or not isinstance(events, EventLog):
            for e in events:
                self.step(e)
            return
        columns = events.columns()
        cure_ends = sorted({ep.end for ep in self.status.cured})
        for first, end, day in events.runs():
            i = first
            while i < end:
                k = bisect_left(cure_ends, i)
                quiet_until = min(end, cure_ends[k]) if k < len(cure_ends) else end
                if i < quiet_until and self._calm(day):
                    done, trade = self.own.quiet_trades(islice(columns, quiet_until - i))
                    if done:
                        self.effective = True
                    i += done
                    if trade is None:
                        continue
                else:
                    trade = next(columns)
                e = events.event(i, day, *trade)
                if not (e.kind == "join_group" and i < quiet_until and self._calm(day) and self._quiet_join(e)):
                    self.step(e)
                i += 1

    def _calm(self, day: date) -> bool:
        """Whether a trade on ``day`` may skip ``step``: see ``_replay`` and ``_quiet_trade``.

        A cured episode (Section 1(a)(i)) does not stop it: ``determine`` suppresses a cured person
        only in a unit at or above the watermark, which a quiet trade never leaves or reaches.
        """
        status, plan = self.status, self.plan
        return (day <= self.fed
                and (self.grandfathering_done or not self._grandfathering_due(day))
                and not (status.marked or status.shielded or self.inadvertence.pending))

    def _quiet_join(self, e: Event) -> bool:
        """Apply a ``join_group`` that cannot move any determination, without the full pass.

        With nothing in play (``_calm``), a join whose merged unit stays under the watermark, is
        not Walden's and holds no Acquiring Person leaves every unit ``determine`` would look at
        as it was (Section 1(a)), voids no Right (Section 7(e)) and reaches no 50% bar (24(a)).
        tests/test_scale_memory.py compares the result with the full pass.
        """
        if self.own.quiet_join(list(e["persons"]), self.live()):
            self.effective = True
            return True
        return False

    def _grandfather(self, index: int | None) -> None:
        self.grandfathering_done = True
        self.notes.extend(self.status.grandfather(self.own, index))

    def step(self, e: Event) -> None:
        self.effective = True
        if not self.grandfathering_done and self._grandfathering_due(e.date):
            self._grandfather(e.index)
        if self.expiration is None and e.date > self.fed:
            self.expiration = Expiration(self.fed, "final_expiration")
            self.note(e.index, S_1Q, f"The Rights expired at the Close of Business on {self.fed} (Final Expiration Date).")
        if e.kind in _TRADES and self._quiet_trade(e):
            if self.keep:
                self.snapshots.append(self.snapshot(e.index, e.date))
            return
        handler = getattr(self, f"on_{e.kind}", None)
        if handler is None:
            self.econ.apply(e, self)
        else:
            handler(e)
        self.check_inadvertence(e)
        if self.keep:
            self.snapshots.append(self.snapshot(e.index, e.date))

    def _quiet_trade(self, e: Event) -> bool:
        """Apply a trade that cannot move any determination, without the full Section 1(a) pass.

        A trade qualifies when its person's unit stays under the ownership index's watermark
        (below every threshold, so ``determine`` would act on no unit), is not Walden's (whose
        ratchet watches its own holding), and no protection, pending determination or cure is
        in play (the only state ``determine`` and ``check_inadvertence`` would touch otherwise).
        tests/test_fuzz.py compares the result with the full pass on random histories.
        """
        status = self.status
        if status.cured or status.marked or status.shielded or self.inadvertence.pending:
            return False
        kind, shares = e.kind, e.fields["shares"]
        return self.own.quiet_change(e.fields["person"], -shares if kind == "dispose" else shares, kind == "option")

    # -- ownership events --------------------------------------------------------------
    def determine(self, change: Change, units: set[str]) -> None:
        """Apply Section 1(a) after an event; none before the agreement date or after the Expiration Date."""
        # A unit under the watermark is below every threshold, so no rule below can act on it
        # (spec/ownership.py; marks and shields below their lines are ended by expire_protections).
        # Sorted: the order of notes must not depend on the string hash seed (outputs are byte-identical).
        units = sorted(u for u in units if self.own.could_reach(u))
        notes = self.status.track_ratchets(self.own, change)
        self.status.expire_protections(self.own)
        deciding = bool(units) and self.expiration is None and change.date >= self.plan.agreement_date \
            and not self._before_close_of_grandfathering(change.date)
        if deciding and change.kind == "repurchase":
            for u in units:
                notes += self.status.mark_repurchase(self.own, u, change)
        if deciding:
            before = len(self.live())
            for u in units:
                notes += self.status.decide(self.own, u, change)
            new = sorted(islice(reversed(self.live()), len(self.live()) - before))  # ``decide`` only adds, at the end
            for p in new:
                self.inadvertence.crossed(p, self.own.owned(self.own.unit(p)))
                self.void.void(p, self.own.members(self.own.unit(p)))
            if new and not before:  # one Triggering Event, however many become Acquiring Persons at once
                who = f"{new[0]} has" if len(new) == 1 else f"{', '.join(new[:-1])} and {new[-1]} have"
                noun = "an Acquiring Person" if len(new) == 1 else "Acquiring Persons"
                notes.append(Note(change.index, S_1OO, f"A Triggering Event occurs: {who} become {noun}."))
        if self.barred_since is None:
            for u in units:
                if reaches_bar(self.own, u, self.plan):
                    self.barred_since = change.date
                    notes.append(Note(change.index, S_24A, f"{', '.join(self.own.members(u))} now hold {pct(self.plan.exchange_bar_threshold)} or "
                                      "more: the Board may no longer exchange the Rights."))
                    break
        self.notes.extend(notes)

    def _change(self, e: Event, touched: list[str], additional: Container[str] = frozenset(),
                disposers: frozenset[str] = frozenset(), broad: bool = False, outstanding_before: int | None = None) -> None:
        units = {self.own.unit(p) for p in touched}
        change = Change(e.index, e.date, e.kind, additional,
                        self.own.outstanding if outstanding_before is None else outstanding_before,
                        self._owned_before, disposers)
        self.determine(change, units | (self.own.candidates() if broad else set()))

    def _remember(self, persons: list[str]) -> None:
        self._owned_before = {self.own.unit(p): self.own.owned(self.own.unit(p)) for p in persons}

    def _unit_members(self, person: str) -> _Unit:
        return _Unit(self.own, self.own.unit(person))

    def on_acquire(self, e: Event) -> None:
        self._remember([e["person"]])
        self.own.change_holding(e["person"], e["shares"])
        self._change(e, [e["person"]], self._unit_members(e["person"]))

    def on_dispose(self, e: Event) -> None:
        self._remember([e["person"]])
        self.own.change_holding(e["person"], -e["shares"])
        self._change(e, [e["person"]], disposers=frozenset([e["person"]]))

    def on_option(self, e: Event) -> None:
        self._remember([e["person"]])
        self.own.add_option(e["person"], e["shares"])
        self._change(e, [e["person"]], self._unit_members(e["person"]))

    def on_issue(self, e: Event) -> None:
        to = e.get("to")
        self._remember([to] if to else [])
        self.own.change_outstanding(e["shares"])
        if to:
            self.own.change_holding(to, e["shares"])
        self._change(e, [to] if to else [], self._unit_members(to) if to else frozenset(), broad=True,
                     outstanding_before=self.own.outstanding - e["shares"])

    def on_repurchase(self, e: Event) -> None:
        source = e.get("from")
        self._remember([source] if source else [])
        before = self.own.outstanding
        self.own.change_outstanding(-e["shares"])
        if source:
            self.own.change_holding(source, -e["shares"])
        self._change(e, [source] if source else [], disposers=frozenset([source]) if source else frozenset(),
                     broad=True, outstanding_before=before)

    def on_split(self, e: Event) -> None:
        self._remember([])
        before = self.own.outstanding
        self.own.split(e["new"], e["old"])
        self.inadvertence.rescale(e["new"], e["old"])
        self.status.rescale(e["new"], e["old"])
        self.econ.apply(e, self, outstanding_before=before)
        self._change(e, [], broad=True, outstanding_before=before)

    def on_join_group(self, e: Event) -> None:
        persons = list(e["persons"])
        self._remember(persons)
        before = {u: self.own.members(u) for u in self._owned_before}  # not copied: a join extends only the root's
        self.own.join(persons)
        unit = self.own.unit(persons[0])
        total = self.own.owned(unit)
        merged = [(ms, total > self._owned_before[u]) for u, ms in before.items() if u != unit]
        # Joining makes each person the Beneficial Owner of the others' shares: "additional" for 1(a).
        additional = _Joined(self.own, unit, total > self._owned_before[unit], merged)
        # The root unit's Acquiring Persons have voided its member list, which the join extended (VoidRights).
        for ap in [p for ms, _ in merged for p in ms if p in self.live()]:
            self.void.void(ap, self.own.members(unit))
        self._change(e, persons, additional)

    # -- announcements, offers and determinations ---------------------------------------
    def on_announce(self, e: Event) -> None:
        p = e["person"]
        episode = suppressed(self.status.cured, p, e.index)
        if episode is not None:
            self.note(e.index, S_1HH, f"{p} is not deemed an Acquiring Person (cured at event {episode.end + 1}, events[{episode.end}]), "
                      "so no Shares Acquisition Date is deemed to have occurred.")
            return
        if self.expiration is not None:
            self.refuse(e, S_1Q, f"the Rights expired on {self.expiration.date}", board=False)
            return
        if p not in self.live():
            self.refuse(e, S_1HH, f"{p} is not an Acquiring Person, so the announcement is not a Shares Acquisition Date",
                        board=False)
            return
        first = self.sad() is None
        self.clock.announcements.append(Clause("announcement", p, e.date, e.index))
        if first:
            self.note(e.index, S_1HH, f"Public announcement that {p} has become an Acquiring Person: "
                      f"the Shares Acquisition Date is {e.date}.")
            self._note_distribution(e)

    def on_tender_offer(self, e: Event) -> None:
        p = e["person"]
        if self.expiration is not None:
            self.refuse(e, S_1Q, f"the Rights expired on {self.expiration.date}", board=False)
            return
        if self.status.would_become(self.own, p, e["shares"]):
            self.clock.tenders.append(Clause("tender_offer", p, e.date, e.index))
            self.note(e.index, S_1L, f"{p} commences a tender offer that would make it an Acquiring Person.")
            self._note_distribution(e)
        else:
            self.note(e.index, S_1L, f"{p}'s tender offer would not make it an Acquiring Person: no Distribution Date clock starts.")

    def _note_distribution(self, e: Event) -> None:
        dd = self.clock.distribution_date(self.live())
        if dd is not None:
            self.note(e.index, S_1L, f"The Distribution Date is the Close of Business on {dd[0]}.")
            crossed = self.cal.open_questions_between(dd[1].started, dd[0])
            if crossed:
                self.note(e.index, S_1E, crossed_note(crossed))

    def on_inadvertence(self, e: Event) -> None:
        p = e["person"]
        episode = suppressed(self.status.cured, p, e.index)
        if episode is not None:
            # The event's own words say what the Board determines; the note says what follows from it.  When the
            # holding is already below the threshold, this determination completes the cure (check_inadvertence).
            if episode.end != e.index:
                self.note(e.index, S_1A_I, f"{p}'s divestiture completes at event {episode.end + 1} "
                          f"(events[{episode.end}]), so it is not deemed to have become an Acquiring Person.")
            return
        if self.expiration is not None:
            self.refuse(e, S_1Q, f"the Rights expired on {self.expiration.date}")
            return
        if p not in self.live():
            self.refuse(e, S_1A_I, f"{p} is not an Acquiring Person, so there is nothing to determine")
            return
        days = int(self.s.readings["prompt_divestiture_days"])
        deadline = e.get("divest_by") or self.cal.business_days_after(e.date, days)
        self.inadvertence.determine(p, deadline, e.index)
        self.note(e.index, S_1A_I, f"The Board determines that {p} became an Acquiring Person inadvertently; "
                  f"it must divest below its threshold by {deadline}.")

    def check_inadvertence(self, e: Event) -> None:
        for ep in sorted(self.status.cured, key=lambda ep: (ep.person, ep.start)):
            if ep.end == e.index:
                self.note(e.index, S_1A_I, f"{ep.person} has divested below its threshold as promptly as practicable: "
                          "the cure is complete, and it is not deemed to be or to have become an Acquiring Person.")
        open_, lapsed = self.inadvertence.due(e.date)
        for p in lapsed:
            self.note(e.index, S_1A_I, f"{p.person} did not divest by {p.deadline}: it remains an Acquiring Person.")
        for p in open_:
            unit = self.own.unit(p.person)
            if self.own.at_least(unit, self.status.threshold(self.own, unit)):
                continue
            sold = self.inadvertence.divested(p.person, self.own.owned(unit))
            if self.s.readings["inadvertence_divestiture"] == "own_disposition" and not sold:
                continue
            self.inadvertence.cure(p, self.status.acquiring[p.person][1], e.index)
            self.clock.forget(p.person, self.live())
            self.status.forget(p.person)
            how = "has divested below its threshold" if sold else "is below its threshold"
            self.note(e.index, S_1A_I, f"{p.person} {how}: it is not deemed to be or to have become an Acquiring "
                      "Person, and no Shares Acquisition Date arises from it.")

    # -- board actions -----------------------------------------------------------------
    def on_redeem(self, e: Event) -> None:
        board.redeem(self, e)

    def on_extend_redemption(self, e: Event) -> None:
        board.extend_redemption(self, e)

    def on_exchange(self, e: Event) -> None:
        board.exchange(self, e)

    def on_extend_distribution(self, e: Event) -> None:
        board.extend_distribution(self, e)

    def on_merger(self, e: Event) -> None:
        board.merger(self, e)

    def on_exercise(self, e: Event) -> None:
        """Section 7(a): Rights are exercisable "at any time after the Distribution Date and prior to the
        Close of Business on the Expiration Date"; 7(e) (void Rights) is applied to the final result."""
        if self.expiration is not None:
            self.refuse(e, S_1Q, f"the Rights expired on {self.expiration.date}", board=False)
            return
        dd = self.clock.distribution_date(self.live())
        if dd is None or e.date <= dd[0]:
            when = "no Distribution Date has occurred" if dd is None else f"the Distribution Date is {dd[0]}"
            self.refuse(e, S_7A, f"Rights are exercisable only after the Distribution Date, and {when}", board=False)
            return
        self.econ.apply(e, self)

    # -- results -----------------------------------------------------------------------
    def snapshot(self, index: int | None, when: date) -> Snapshot:
        own = self.own
        dd = self.clock.distribution_date(self.live())
        return Snapshot(
            index, when, self.effective, own.outstanding, own.holdings(), own.options(),
            {p: own.fraction(own.unit(p)) for p in own.roles},
            frozenset(self.live()), self.triggering_event(), self.sad(), dd[0] if dd else None, self.deadline(),
            self.barred_since, frozenset(self.status.ratcheted), frozenset(self.status.grandfathered),
            frozenset(self.status.shielded), frozenset(self.status.marked), frozenset(self.void.holders(self.live())),
            self.redeemed, self.exchanged, self.expiration is not None,
            **self._clock_state(),
        )

    def _clock_state(self) -> dict[str, Any]:
        """The rest of the state a snapshot reports: who became an Acquiring Person when, the divestiture
        deadlines and crossing amounts of 1(a)(i), the announcements and each 1(l) clause's date."""
        live = self.live()
        clauses: dict[str, date] = {}
        for clause, when in self.clock.pending_dates(live):
            clauses[clause.source] = min(when, clauses.get(clause.source, when))
        return {
            "acquiring_since": {p: d for p, (d, _) in live.items()},
            "divestiture_deadlines": {p.person: p.deadline for p in self.inadvertence.pending.values()},
            "owned_at_crossing": {p: self.inadvertence.owned_at_crossing[p] for p in live
                                  if p in self.inadvertence.owned_at_crossing},
            "announced": frozenset(a.person for a in self.clock.announcements if a.person in live),
            "distribution_clauses": clauses,
            "has_been_at_ratchet": frozenset(self.status.has_been_at_ratchet),
            "redemption_extension": self.redemption_extension,
        }

    def result(self) -> Evaluation:
        for p in self.inadvertence.pending.values():
            self.note(p.index, S_1A_I, f"{p.person} has until {p.deadline} to divest; until then it is an Acquiring Person.")
        dd = self.clock.distribution_date(self.live())
        first = min(self.live().values(), key=lambda v: (v[0], -1 if v[1] is None else v[1]), default=None)
        tv = first[0] if first else None
        flip_in = self.econ.flip_in(tv, self, index=first[1]) if first else None
        void = self.void.holders(self.live())
        exercises = self.econ.exercises_json(tv, set(void))
        notes = self.notes + self.econ.explanations()
        notes.sort(key=lambda n: -1 if n.index is None else n.index)
        return Evaluation(
            self.s, {p: d for p, (d, _) in sorted(self.live().items(), key=lambda kv: (kv[1][0], kv[0]))}, tv,
            self.sad(), dd[0] if dd else None, self.deadline(),
            self.expiration or Expiration(self.fed, "final_expiration"), self.barred_since, self.ineffective,
            void, self.econ.terms_json(), flip_in, self.econ.flip_over_json(), exercises,
            notes, self.exchanged, self.snapshots, frozenset(self.inadvertence.episodes),
        )
