"""The view of one transition ``s --e--> s2`` that rules and property formulas share.

``Step`` holds the two states and the event, and the terms several provisions share (who is
eligible, each person's threshold, whether the Rights are still alive); the provision
modules (``status``, ``board``) add their named constraints through it, and property
formulas (proofs/) read it.  It reads states through ``dates``, never through the rules.
"""

from __future__ import annotations

from fractions import Fraction
from types import ModuleType
from typing import Any

from rightsplan.spec.vocabulary import Role

from . import dates
from .model import K, SPLITS, Config, Vars, role_is
from .ownership import at_least, same

# The kinds whose ``person`` is the one who acts (``Step.acts``), and the Board's actions (``Step.board_action_effective``).
ACTOR_KINDS = ("acquire", "dispose", "issue", "repurchase", "option", "join_group", "announce", "tender_offer",
               "inadvertence", "exercise")
BOARD_ACTIONS = ("inadvertence", "extend_distribution", "extend_redemption", "redeem", "exchange")


class Step:
    """One transition of the model, with the terms its provisions share.

    The plan's figures are ``lines`` (exact fractions: ``threshold``, ``holder``, ``ratchet``,
    ``deeming``, ``grandfather``, ``allowance``, ``bar``; solver/plan.py), ``days``
    (``distribution``, ``redemption``) and ``final`` (the index of the Close of Business on the
    Final Expiration Date): property formulas read them, so a property means the same on every plan.
    """

    def __init__(self, z: ModuleType, cfg: Config, roles: list[Any], s: Vars, e: Vars, s2: Vars):
        self.z, self.cfg, self.roles, self.s, self.e, self.s2 = z, cfg, roles, s, e, s2
        self.n = cfg.persons
        self.lines, self.days, self.final = cfg.lines, cfg.days, cfg.time.final
        self.kind = {name: e.kind == code for name, code in K.items()}
        self.live = z.And(z.Not(s.expired), e.day <= self.final)
        # Persons whose episode a later cure removes (Section 1(a)(i)): set only for the final run of solver/cure.py.
        self.suppressed: list[Any] | None = None
        # The ratios (new, old) a split may have, the event's ``amount`` naming one from 1 (solver/model.py SPLITS).
        self.splits: tuple[tuple[Any, Any], ...] = SPLITS

    def is_p(self, i: int) -> Any:
        return self.e.person == i

    def own_threshold_holder(self, i: int) -> Any:
        """i is part of the plan's named holder with its own threshold: one of its persons or their
        Affiliates/Associates (Section 1(a): "together with all of their Affiliates and Associates
        (collectively, 'Walden')"); never, on a plan without one."""
        z = self.z
        return z.Or(*[z.And(role_is(z, self.roles[j], Role.OWN_THRESHOLD), self.same2(i, j)) for j in range(self.n)])

    def eligible(self, i: int) -> Any:
        """Not a named exempt holder and not exempt: the persons Section 1(a) can make Acquiring Persons."""
        z, role = self.z, self.roles[i]
        out = []
        if self.cfg.has("named_exempt"):
            out.append(z.Not(role_is(z, role, Role.NAMED_EXEMPT)))
        if self.cfg.has("exempt"):
            out.append(z.Not(role_is(z, role, Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN)))
        return z.And(*out) if out else z.BoolVal(True)

    def threshold(self, i: int) -> Any:
        """i's line as a level (over ``lines.scale``): the plan's threshold, or the own-threshold holder's
        until its ratchet, then the ratchet line (Section 1(a) provisos: "Walden ... shall not be deemed an
        'Acquiring Person' until ... 20% or more"; "from such time on ... 15% or more").  Pass it to ``at``."""
        z, lines = self.z, self.lines
        base = z.IntVal(lines.level(lines.threshold))
        if lines.holder is None or not self.cfg.has("own_threshold"):
            return base
        own = z.IntVal(lines.level(lines.holder))
        if lines.ratchet is not None and self.cfg.has("ratchet"):
            own = z.If(self.s2.ratcheted, lines.level(lines.ratchet), own)
        return z.If(self.own_threshold_holder(i), own, base)

    def at(self, state: Vars, i: int, line: Any, extra: Any = 0) -> Any:
        """i's unit holds ``line`` or more of the shares then outstanding (with ``extra`` shares added).

        ``line`` is one of the plan's ``lines`` (an exact Fraction) or ``threshold(i)``; a bare number is
        refused, since "15" means nothing on a plan whose threshold is 4.99%.
        """
        if isinstance(line, Fraction):
            line = self.lines.level(line)
        elif line is None or isinstance(line, (int, float)):
            raise ValueError(f"at(..., {line!r}): expected one of the plan's lines (st.lines.threshold, .holder, "
                             f".ratchet, .deeming, .grandfather, .bar) or st.threshold(i)")
        return at_least(self.z, state, self.n, i, line, extra, self.lines.scale)

    def same2(self, i: int, j: int) -> Any:
        return same(self.z, self.s2, i, j)

    # Views for property formulas (proofs/catalogue.py).
    def every(self, f: Any) -> Any:
        return self.z.And(*[f(i) for i in range(self.n)])

    def some(self, f: Any) -> Any:
        return self.z.Or(*[f(i) for i in range(self.n)])

    def role(self, i: int, *which: Role) -> Any:
        return role_is(self.z, self.roles[i], *which)

    def exempt(self, i: int) -> Any:
        return self.role(i, Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN)

    def void(self, state: Vars, i: int) -> Any:
        return self.z.Or(*[state.void_because[(i, j)] for j in range(self.n)])

    def te(self, state: Vars) -> tuple[Any, Any]:
        return dates.te(self.z, state, self.n)

    def sad(self, state: Vars) -> tuple[Any, Any]:
        return dates.sad(self.z, state, self.n)

    def dd(self, state: Vars) -> tuple[Any, Any]:
        return dates.distribution(self.z, state)

    def deadline(self, state: Vars) -> Any:
        return dates.deadline(self.z, self.cfg, state, self.n)

    def exercisable(self, i: int) -> Any:
        """After the Distribution Date, before expiration, and not void (Sections 7(a), 7(e))."""
        has, when = self.dd(self.s2)
        return self.z.And(has, self.e.day > when, self.z.Not(self.s2.expired), self.z.Not(self.void(self.s2, i)))

    # Premise helpers: the situations properties name most often, in the agreement's words.
    def at_threshold(self, state: Vars, i: int) -> Any:
        """i can be an Acquiring Person and its unit holds its own threshold or more in ``state``.

        Section 1(a): "any Person (other than H&Q ...) who or which, together with all Affiliates and
        Associates of such Person, shall be the Beneficial Owner of 15% or more of the Common Shares then
        outstanding" (a named holder: its own threshold until its ratchet).  The threshold is the one in force after the event,
        the one the rules compare both states with.
        """
        return self.z.And(self.eligible(i), self.at(state, i, self.threshold(i)))

    def acts(self, i: int, *kinds: str) -> Any:
        """The event is of one of ``kinds`` and names person i as the one who acts.

        The buyer, seller or option holder (Section 1(d)), the holder an ``issue`` goes to or a
        ``repurchase`` comes from (Section 29), either person of a ``join_group``, the person announced
        (Section 1(hh)), the offeror (Section 1(l)(ii)), the person found inadvertent (Section 1(a)(i)),
        the exerciser (Section 7(a)).  A kind no person performs (a split, a Board action) is refused.
        """
        z, e = self.z, self.e
        for kind in kinds:
            if kind not in ACTOR_KINDS:
                raise ValueError(f"acts({i}, {kind!r}): expected a kind a person performs, one of {ACTOR_KINDS}")
        by_i = {"issue": z.And(e.variant, e.person == i), "repurchase": z.And(e.variant, e.person == i),
                "join_group": z.Or(e.person == i, e.other == i)}
        return z.Or(*[z.And(self.kind[k], by_i.get(k, e.person == i)) for k in kinds])

    def board_action_effective(self, *kinds: str) -> Any:
        """A Board action of one of ``kinds`` is ordered at this event and takes effect.

        Section 29: the Board has "the exclusive power and authority to administer this Agreement"; an
        action the agreement does not permit (a redemption after the Section 23(a) deadline, an exchange
        barred by Section 24(a)) is ordered but has no effect (``effective`` is false).
        """
        for kind in kinds:
            if kind not in BOARD_ACTIONS:
                raise ValueError(f"board_action_effective({kind!r}): expected a Board action, one of {BOARD_ACTIONS}")
        return self.z.And(self.z.Or(*[self.kind[k] for k in kinds]), self.s2.effective)

    def becomes_acquiring(self, i: int) -> Any:
        """i was not an Acquiring Person before this event and the event makes it one.

        Section 1(a): a Person who "shall be the Beneficial Owner of 15% or more"; Section 1(oo): "upon any
        Person becoming an Acquiring Person".  No cure undoes it at the same event, so it implies
        ``is_acquiring(self.s2, i)`` (tests/test_step_helpers.py).
        """
        return self.s2.became_acquiring[i]

    def is_acquiring(self, state: Vars, i: int) -> Any:
        """i is an "Acquiring Person" in ``state`` (Section 1(a))."""
        return state.acquiring[i]

    def rights_void(self, state: Vars, i: int) -> Any:
        """i's Rights are void in ``state`` because of some Acquiring Person.

        Section 7(e): "any Rights beneficially owned by (i) an Acquiring Person or an Associate or Affiliate
        of an Acquiring Person ... shall become null and void".
        """
        return self.void(state, i)

    def anyone_cured(self) -> Any:
        """Some person stops being an Acquiring Person at this event under Section 1(a)(i): it "shall not be
        deemed to be or to have become an 'Acquiring Person' for any purposes of this Agreement"."""
        return self.some(lambda i: self.s2.cured[i])

    def triggering_event(self, state: Vars) -> tuple[Any, Any]:
        """(has occurred, day) of the Triggering Event, "deemed to have occurred upon any Person becoming an
        Acquiring Person" (Section 1(oo)): the earliest day a current Acquiring Person became one."""
        return self.te(state)

    def shares_acquisition_date(self, state: Vars) -> tuple[Any, Any]:
        """(exists, day) of the Shares Acquisition Date: "the first date of public announcement ... that an
        Acquiring Person has become such" (Section 1(hh))."""
        return self.sad(state)

    def distribution_date(self, state: Vars) -> tuple[Any, Any]:
        """(scheduled, day) of the Distribution Date: "the earlier of" the Section 1(l) clauses (i) and (ii)."""
        return self.dd(state)

    def redemption_deadline(self, state: Vars) -> Any:
        """The last day a redemption takes effect: "prior to the Close of Business on the earlier of (i) the
        fifth day following the Shares Acquisition Date (or such later date as may be determined by action of
        the Company's Board of Directors ...) and (ii) the Final Expiration Date" (Section 23(a))."""
        return self.deadline(state)
