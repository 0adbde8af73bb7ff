"""The dates a state implies: Sections 1(oo), 1(hh), 1(l) and 23(a) read off one state.

Each function reads one state (never a step), so the rules (``board``, ``status``), the
step view (``step.Step``) and the invariants can all use the same terms without importing
one another.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from .model import Config, Vars, opt_min


def te(z: ModuleType, s: Vars, n: int) -> tuple[Any, Any]:
    """Triggering Event: (has occurred, index) -- the first time a current Acquiring Person became one."""
    return opt_min(z, [(s.acquiring[i], s.acquiring_since[i]) for i in range(n)])


def sad(z: ModuleType, s: Vars, n: int) -> tuple[Any, Any]:
    """Shares Acquisition Date: (exists, index) -- the first announcement of a current Acquiring Person."""
    return opt_min(z, [(s.announced[i], s.announced_on[i]) for i in range(n)])


def distribution(z: ModuleType, s: Vars) -> tuple[Any, Any]:
    """Distribution Date: (scheduled, index) -- the earlier of the two Section 1(l) clauses."""
    return opt_min(z, [(s.has_announcement_clause, s.distribution_by_announcement), (s.has_tender_clause, s.distribution_by_tender_offer)])


def fifth_day(z: ModuleType, cfg: Config, t: Any) -> Any:
    """Close of Business on the plan's "fifth day" (calendar days) after Business Day t, rolled by Section 1(f).

    On the real calendar of the Config's readings (solver/calendar_model.py; ``final + 1`` when it
    falls after the Final Expiration Date's index); ``cfg.clock`` "any": any clock at all; "windows":
    the real calendar's on the counterexample windows, where it is the plain weekday rule.
    """
    if cfg.clock == "any":
        return any_clock(z, t)
    if cfg.clock == "windows":
        return cfg.calendar.fifth_day_in_windows(z, t)
    return cfg.calendar.fifth_day(z, t)


def any_clock(z: ModuleType, t: Any) -> Any:
    """An uninterpreted function of the index standing for the fifth day (one symbol per solver)."""
    return z.Function("fifth_day", z.IntSort(), z.IntSort())(t)


def deadline(z: ModuleType, cfg: Config, s: Vars, n: int, board: tuple[Any, Any] | None = None) -> Any:
    """Redemption deadline (Section 23(a)): the earlier of the fifth day (or the Board's later date) and the final index."""
    has, t = sad(z, s, n)
    has_rb, rdb = board if board is not None else (s.has_redemption_board_date, s.redemption_board_date)
    five = s.redemption_fifth_day
    later = z.If(z.And(has_rb, rdb > five), rdb, five)
    final = cfg.time.final
    return z.If(has, z.If(later < final, later, final), final)


def derived(z: ModuleType, cfg: Config, s: Vars, n: int) -> dict[str, Any]:
    """The model's own dates of one state, by name: what the replay compares with the reference.

    Each is the term the rules and properties use (never recomputed elsewhere), so a mistake
    in ``fifth_day`` or ``deadline`` shows in the replay and the cross-check.
    """
    has_te, t_te = te(z, s, n)
    has_sad, t_sad = sad(z, s, n)
    has_dd, t_dd = distribution(z, s)
    return {"te_has": has_te, "te": t_te, "sad_has": has_sad, "sad": t_sad,
            "dd_has": has_dd, "dd": t_dd, "deadline": deadline(z, cfg, s, n)}
