"""The retroactive cure of Section 1(a)(i) in the model: a prophecy per person and a final view.

Section 1(a)(i): "then such Person shall not be deemed to be or to have become an 'Acquiring
Person' for any purposes of this Agreement".  Under ``inadvertence_cure: all_purposes`` the
reference replays the history with each cured episode suppressed (spec/evaluate.py), so its
*final* result never shows a cured episode.  The transition system states what was determined
at each moment; this module adds, beside it and without changing it, one Bool per person and
state, ``will_be_cured``: a guess, made when the person becomes an Acquiring Person and kept
for the whole episode, that the episode will be cured.

The guess is checked where the episode ends:

- a cure at this event (``cured``) needs the guess "cured" (``guess_checked``);
- the end of the history resolves the rest: a person still an Acquiring Person in the last
  state was never cured, so its guess must be "not cured" (``resolved``).  A cured episode
  can end only by its cure (an Acquiring Person stops being one only so), and a lapsed
  divestiture deadline resolves nothing, since a later finding may still cure the episode.

A history's final view is read only from a trace whose last state is ``resolved``; a safety
property of the final view proved for every guess the checks allow holds in particular for
the resolved ones.

The final view covers what a cure changes directly: who is an Acquiring Person, whose Rights
are void (Section 7(e)), the Triggering Event (Section 1(oo)) and the Shares Acquisition Date
(Section 1(hh)).  It equals the reference's final result on histories without the Board actions
and offers the reference re-judges after a cure (``REJUDGED``): a redemption, an exchange or an
extension judged against a cured Shares Acquisition Date or Triggering Event, a tender offer
that "would" make a cured person one, an exercise after a cured Distribution Date.  Those
re-judgements, and what follows from them, are not in the final view (docs/checker.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from .model import K, Config, Named, Vars, named, opt_min

# The events whose effect the reference re-judges in its final result after a cure: outside the final view's scope.
REJUDGED: tuple[str, ...] = ("redeem", "exchange", "extend_redemption", "extend_distribution", "tender_offer", "exercise")


@dataclass
class Frame:
    """One step ``s --e--> s2`` of the first run with the guesses of both states: what a final-view property reads."""

    cfg: Config
    s: Vars
    e: Vars
    s2: Vars
    w: list[Any]
    w2: list[Any]
    z: ModuleType = field(kw_only=True)  # z3, or cvc5's pythonic API for the re-check: formulas write ``f.z.And``

    @property
    def n(self) -> int:
        return self.cfg.persons


@dataclass
class RunFrame(Frame):
    """One step of both runs: the first ``s --e--> s2`` with its guesses, the final run's ``f --e--> f2``."""

    f: Vars
    f2: Vars


def guesses(z: ModuleType, cfg: Config, tag: str) -> list[Any]:
    """One prophecy Bool per person: the current episode of that person will be cured."""
    return [z.Bool(f"{tag}.will_be_cured{i}") for i in range(cfg.persons)]


def start(z: ModuleType, cfg: Config, s: Vars, w: list[Any]) -> list[Named]:
    """At the start, a guess only for an Acquiring Person already there; nobody else has an episode."""
    return [named("Section 1(a)(i)", f"guess_start{i}", z.Implies(z.Not(s.acquiring[i]), z.Not(w[i])))
            for i in range(cfg.persons)]


def step(z: ModuleType, cfg: Config, s: Vars, s2: Vars, w: list[Any], w2: list[Any]) -> list[Named]:
    """The guesses across one event: a new guess for a new episode, kept otherwise, checked at a cure.

    "has become such inadvertently ... and if such Person divested or divests as promptly as
    practicable ... then such Person shall not be deemed to be or to have become an 'Acquiring
    Person'" (Section 1(a)(i)): an episode the Board's cure ends must have been guessed cured.
    """
    out: list[Named] = []
    for i in range(cfg.persons):
        fresh = s2.became_acquiring[i]  # a new episode: any guess
        out += [named("Section 1(a)(i)", f"guess_kept{i}", z.Implies(z.Not(fresh), z.If(
                    s2.acquiring[i], w2[i] == w[i], z.Not(w2[i])))),
                named("Section 1(a)(i)", f"guess_checked{i}", z.Implies(s2.cured[i], w[i]))]
    return out


def resolved(z: ModuleType, cfg: Config, s: Vars, w: list[Any]) -> Any:
    """The history ends here: an episode still open was never cured, so its guess is "not cured"."""
    return z.And(*[z.Implies(s.acquiring[i], z.Not(w[i])) for i in range(cfg.persons)])


def in_scope(z: ModuleType, e: Vars) -> Any:
    """The event is none of those the reference re-judges after a cure (``REJUDGED``)."""
    return z.And(*[e.kind != K[k] for k in REJUDGED])


def acquiring(z: ModuleType, s: Vars, w: list[Any], i: int) -> Any:
    """i is an Acquiring Person in the final result: it is one now, in an episode never cured (Section 1(a)(i))."""
    return z.And(s.acquiring[i], z.Not(w[i]))


def void(z: ModuleType, n: int, s: Vars, w: list[Any], i: int) -> Any:
    """i's Rights are void in the final result: void because of an Acquiring Person whose episode is never
    cured (Section 7(e): "any Rights beneficially owned by (i) an Acquiring Person or an Associate or
    Affiliate of an Acquiring Person ... shall become null and void")."""
    return z.Or(*[z.And(s.void_because[(i, j)], z.Not(w[j])) for j in range(n)])


def triggering_event(z: ModuleType, n: int, s: Vars, w: list[Any]) -> tuple[Any, Any]:
    """(has occurred, index) of the final Triggering Event: "deemed to have occurred upon any Person
    becoming an Acquiring Person" (Section 1(oo)), among the episodes never cured."""
    return opt_min(z, [(acquiring(z, s, w, i), s.acquiring_since[i]) for i in range(n)])


def shares_acquisition_date(z: ModuleType, n: int, s: Vars, w: list[Any]) -> tuple[Any, Any]:
    """(exists, index) of the final Shares Acquisition Date: the first announcement of an Acquiring
    Person whose episode is never cured (Section 1(hh); a cure drops its person's announcements)."""
    return opt_min(z, [(z.And(s.announced[i], z.Not(w[i])), s.announced_on[i]) for i in range(n)])


# -- the final run: the whole history again, each guessed-cured episode suppressed --------------------------
#
# The reference's final result replays the history with the cured episodes suppressed (spec/evaluate.py),
# so the Board actions are judged again.  The model does the same with a second copy of the state, the
# *final run*, driven by the same events: ``system.transition(..., suppressed=...)`` keeps a person from
# becoming an Acquiring Person while the first run is in an episode of it guessed cured.  The reference
# replays again if its replay cures an episode of its own; the final run is the reference's final result
# only where it cures nothing (``no_new_cure``), which the cross-check and the properties require.


def suppression_at_start(z: ModuleType, cfg: Config, s0: Vars, w0: list[Any]) -> list[Any]:
    """Who the final run keeps from being an Acquiring Person at the start: one guessed cured there."""
    return [z.And(s0.acquiring[i], w0[i]) for i in range(cfg.persons)]


def suppression(z: ModuleType, cfg: Config, s2: Vars, w2: list[Any]) -> list[Any]:
    """Who the final run keeps from becoming an Acquiring Person at an event: a person in an episode guessed
    cured after it, or cured at it (the reference suppresses from the episode's first event to its cure)."""
    return [z.Or(z.And(s2.acquiring[i], w2[i]), s2.cured[i]) for i in range(cfg.persons)]


def same_start(z: ModuleType, cfg: Config, s0: Vars, f0: Vars) -> Any:
    """The final run starts from the same holdings, units and grandfathering as the first."""
    n = cfg.persons
    return z.And(f0.outstanding == s0.outstanding, *[f0.held[i] == s0.held[i] for i in range(n)],
                 *[f0.grandfathered[i] == s0.grandfathered[i] for i in range(n)],
                 *[f0.grouped[ij] == s0.grouped[ij] for ij in s0.grouped])


def no_new_cure(z: ModuleType, cfg: Config, f: Vars) -> Any:
    """The final run cures nobody at this state (else the reference would replay once more)."""
    return z.And(*[z.Not(f.cured[i]) for i in range(cfg.persons)])
