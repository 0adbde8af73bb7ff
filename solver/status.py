"""Who is an Acquiring Person: Section 1(a) in the model, and the void Rights of Section 7(e).

Each function adds the named constraints of one part of Section 1(a) to a ``Step`` and
leaves on it the terms later provisions read (``ap_mid``, ``cured``, ``addl``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import DEEMING_PCT, GRANDFATHER_PCT, RATCHET_PCT, SPLITS, Named, named
from .ownership import owned

if TYPE_CHECKING:
    from .step import Step


def walden(st: "Step") -> list[Named]:
    """Walden's threshold drops from 20% to 15% for good once it falls below 15%.

    "after Walden has been the Beneficial Owner of 15% or more ... and subsequently becomes
    the Beneficial Owner of less than 15% ..., then, from such time on, Walden shall be
    deemed an Acquiring Person at such time as Walden shall be the Beneficial Owner of an
    aggregate of 15% or more" (Section 1(a)).
    """
    z, s, e, s2 = st.z, st.s, st.e, st.s2
    ws = range(st.n)
    now15 = z.Or(*[z.And(st.walden(i), st.at(s2, i, RATCHET_PCT)) for i in ws])
    below15 = z.Or(*[z.And(st.walden(i), z.Not(st.at(s2, i, RATCHET_PCT))) for i in ws])
    cause: Any = z.BoolVal(True)
    if st.cfg.reading("walden_ratchet_cause") == "own_disposition":
        sells = z.Or(st.kind["dispose"], z.And(st.kind["repurchase"], e.variant))  # to the market or to the Company
        cause = z.And(sells, z.Or(*[z.And(st.walden(j), e.person == j) for j in ws]))
    ratch = z.Or(s.walden_ratcheted, z.And(s.walden_has_been_15, below15, cause))
    return [named("Section 1(a)", "walden_ratchet", s2.walden_ratcheted == ratch),
            named("Section 1(a)", "walden_has_been_15", s2.walden_has_been_15 == z.Or(s.walden_has_been_15, now15))]


def additional(st: "Step", i: int) -> Any:
    """The unit of i becomes the Beneficial Owner of additional Common Shares (never by split)."""
    z, s, e, s2, k = st.z, st.s, st.e, st.s2, st.kind
    into = z.Or(*[z.And(e.person == j, st.same2(i, j)) for j in range(st.n)])
    return z.Or(z.And(z.Or(k["acquire"], k["option"], z.And(k["issue"], e.variant)), into),
                z.And(k["join_group"], owned(z, s2, st.n, i) > owned(z, s, st.n, i)))


def acquiring(st: "Step") -> list[Named]:
    """Who becomes an Acquiring Person at this event (Section 1(a), in semantics.md's order).

    "any Person ... who or which, together with all Affiliates and Associates of such
    Person, shall be the Beneficial Owner of 15% or more of the Common Shares then
    outstanding", subject to the H&Q, exempt-person, Walden, repurchase and grandfather
    provisos.
    """
    z, s, s2, cfg = st.z, st.s, st.s2, st.cfg
    out: list[Named] = []
    st.addl, st.ap_mid = [], []
    for i in range(st.n):
        thr = st.threshold(i)
        at_thr, at15 = st.at(s2, i, thr), st.at(s2, i, DEEMING_PCT)
        was_thr, was15 = st.at(s, i, thr), st.at(s, i, DEEMING_PCT)
        addl = additional(st, i)
        repo = st.kind["repurchase"]
        gf = z.And(s.grandfathered[i], z.Not(z.And(addl, st.at(s2, i, GRANDFATHER_PCT))))
        sh = z.Or(z.And(repo, z.Not(was_thr), at_thr), z.And(s.shielded[i], at_thr, z.Not(addl)))
        mk = z.Or(z.And(repo, z.Not(was15), at15), z.And(s.buyback_marked[i], at15, z.Not(addl)))
        mark_pct = DEEMING_PCT if cfg.reading("repurchase_deeming_threshold") == "literal_15" else thr
        deemed = z.And(s.buyback_marked[i], addl, st.at(s2, i, mark_pct)) if cfg.has("repurchase_deeming") else z.BoolVal(False)
        shield = sh if cfg.has("repurchase_carveout") else z.BoolVal(False)
        protected = gf if cfg.has("grandfather") else z.BoolVal(False)
        becomes = z.And(st.live, st.eligible(i), z.Not(s.acquiring[i]), z.Not(protected),
                        z.Or(deemed, z.And(at_thr, z.Not(shield))))
        st.addl.append(addl)
        st.ap_mid.append(z.Or(s.acquiring[i], becomes))
        out += [named("Section 1(a)", f"grandfathered{i}", s2.grandfathered[i] == gf),
                named("Section 1(a)", f"shielded{i}", s2.shielded[i] == sh),
                named("Section 1(a)", f"marked{i}", s2.buyback_marked[i] == mk),
                named("Section 1(a)", f"becomes{i}", s2.became_acquiring[i] == becomes),
                named("Section 1(a)", f"additional{i}", s2.acquired_more[i] == addl),
                named("Section 1(oo)", f"became_at{i}", s2.acquiring_since[i] == z.If(becomes, st.e.day, s.acquiring_since[i])),
                named("Section 1(a)", f"owned_when_crossed{i}", s2.owned_at_crossing[i] == z.If(
                    becomes, owned(z, s2, st.n, i), z.If(st.kind["split"], split_real(st, s.owned_at_crossing[i]), s.owned_at_crossing[i])))]
    return out


def split_real(st: "Step", x: Any) -> Any:
    """Shares owned at crossing, restated in post-split shares: ``x * new / old`` exactly (Section 11(n))."""
    z = st.z
    out = x
    for code in range(len(SPLITS) - 1, -1, -1):
        new, old = SPLITS[code]
        out = z.If(st.e.amount == code + 1, x * new / old, out)
    return out


def inadvertence(st: "Step") -> list[Named]:
    """A Board finding of inadvertence plus prompt divestiture undoes the Acquiring Person.

    Under ``inadvertence_divestiture: own_disposition`` the unit must also own fewer shares
    than when it crossed ("divests ... a sufficient number of Common Shares").

    "if such Person divested or divests as promptly as practicable a sufficient number of
    Common Shares so that such Person would no longer be an 'Acquiring Person' ... then such
    Person shall not be deemed to be or to have become an 'Acquiring Person' for any
    purposes of this Agreement" (Section 1(a)(i)).
    """
    z, s, e, s2 = st.z, st.s, st.e, st.s2
    days = int(st.cfg.reading("prompt_divestiture_days"))
    out: list[Named] = []
    st.cured, st.inadv_eff = [], z.BoolVal(False)
    for i in range(st.n):
        below = z.Not(st.at(s2, i, st.threshold(i)))
        if st.cfg.reading("inadvertence_divestiture") == "own_disposition":
            below = z.And(below, owned(z, s2, st.n, i) < s2.owned_at_crossing[i])
        finding = z.And(st.live, st.kind["inadvertence"], st.is_p(i), st.ap_mid[i])
        in_time = z.And(s.divestiture_pending[i], e.day <= s.divestiture_deadline[i])
        cured = z.And(st.ap_mid[i], below, z.Or(finding, in_time))
        if not st.cfg.has("inadvertence"):
            cured = z.BoolVal(False)
        st.cured.append(cured)
        st.inadv_eff = z.Or(st.inadv_eff, finding)
        pend = z.And(z.Not(cured), z.Or(finding, in_time))
        out += [named("Section 1(a)", f"cured{i}", s2.cured[i] == cured),
                named("Section 1(a)", f"divest_clock{i}", s2.divestiture_pending[i] == pend),
                named("Section 1(a)", f"divest_by{i}", s2.divestiture_deadline[i] == z.If(finding, z.If(e.variant, e.until, e.day + days), s.divestiture_deadline[i])),
                named("Section 1(a)", f"acquiring{i}", s2.acquiring[i] == z.And(st.ap_mid[i], z.Not(cured)))]
    return out


def void(st: "Step") -> list[Named]:
    """Rights of an Acquiring Person and of its unit become void from the Triggering Event on.

    "from and after the first occurrence of a Triggering Event, any Rights beneficially owned
    by (i) an Acquiring Person or an Associate or Affiliate of an Acquiring Person ... shall
    become null and void" (Section 7(e)); a cure under Section 1(a)(i) undoes it.
    """
    z, s, s2 = st.z, st.s, st.s2
    out: list[Named] = []
    for i in range(st.n):
        for j in range(st.n):
            now = z.Or(z.And(s.void_because[(i, j)], z.Not(st.cured[j])), z.And(s2.acquiring[j], st.same2(i, j)))
            out.append(named("Section 7(e)", f"void{i}{j}", s2.void_because[(i, j)] == now))
    return out
