"""Who is an Acquiring Person: Section 1(a) in the model, and the void Rights of Section 7(e).

Each function adds the named constraints of one part of Section 1(a) to a ``Step`` and
leaves on it the terms later provisions read (``ap_mid``, ``cured``, ``addl``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Named, named
from .ownership import denominator, owned

if TYPE_CHECKING:
    from .step import Step


def ratchet(st: "Step") -> list[Named]:
    """The own-threshold holder's threshold drops to its ratchet line for good once it falls below that line.

    "after Walden has been the Beneficial Owner of 15% or more ... and subsequently becomes
    the Beneficial Owner of less than 15% ..., then, from such time on, Walden shall be
    deemed an Acquiring Person at such time as Walden shall be the Beneficial Owner of an
    aggregate of 15% or more" (Section 1(a)).  A plan without a ratchet never ratchets.
    """
    z, s, e, s2 = st.z, st.s, st.e, st.s2
    if st.lines.ratchet is None:
        return [named("Section 1(a)", "ratchet", z.And(z.Not(s2.ratcheted), z.Not(s2.has_been_at_ratchet)))]
    ws = range(st.n)
    line = st.lines.ratchet
    now_at = z.Or(*[z.And(st.own_threshold_holder(i), st.at(s2, i, line)) for i in ws])
    below = z.Or(*[z.And(st.own_threshold_holder(i), z.Not(st.at(s2, i, line))) for i in ws])
    cause: Any = z.BoolVal(True)
    if st.cfg.reading("walden_ratchet_cause") == "own_disposition":
        sells = z.Or(st.kind["dispose"], z.And(st.kind["repurchase"], e.variant))  # to the market or to the Company
        cause = z.And(sells, z.Or(*[z.And(st.own_threshold_holder(j), e.person == j) for j in ws]))
    ratch = z.Or(s.ratcheted, z.And(s.has_been_at_ratchet, below, cause))
    return [named("Section 1(a)", "ratchet", s2.ratcheted == ratch),
            named("Section 1(a)", "has_been_at_ratchet", s2.has_been_at_ratchet == z.Or(s.has_been_at_ratchet, now_at))]


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
    outstanding", subject to the named-exempt, exempt-person, own-threshold, repurchase and
    grandfather provisos.
    """
    z, s, s2, cfg = st.z, st.s, st.s2, st.cfg
    out: list[Named] = []
    st.addl, st.ap_mid = [], []
    for i in range(st.n):
        thr = st.threshold(i)
        at_thr, at_deeming = st.at(s2, i, thr), st.at(s2, i, st.lines.deeming)
        was_thr, was_deeming = st.at(s, i, thr), st.at(s, i, st.lines.deeming)
        addl = additional(st, i)
        repo = st.kind["repurchase"]
        gf = z.And(s.grandfathered[i], z.Not(z.And(addl, beyond_allowance(st, i))))
        sh = z.Or(z.And(repo, z.Not(was_thr), at_thr), z.And(s.shielded[i], at_thr, z.Not(addl)))
        mk = z.Or(z.And(repo, z.Not(was_deeming), at_deeming), z.And(s.buyback_marked[i], at_deeming, z.Not(addl)))
        mark_line = st.lines.deeming if cfg.reading("repurchase_deeming_threshold") == "literal_15" else thr
        deemed = z.And(s.buyback_marked[i], addl, st.at(s2, i, mark_line)) if cfg.has("repurchase_deeming") else z.BoolVal(False)
        shield = sh if cfg.has("repurchase_carveout") else z.BoolVal(False)
        protected = gf if cfg.has("grandfather") else z.BoolVal(False)
        becomes = z.And(st.live, st.eligible(i), z.Not(s.acquiring[i]), z.Not(protected),
                        z.Or(deemed, z.And(at_thr, z.Not(shield))))
        if st.suppressed is not None:  # the final run of solver/cure.py: a cured episode never begins
            becomes = z.And(becomes, z.Not(st.suppressed[i]))
        st.addl.append(addl)
        st.ap_mid.append(z.Or(s.acquiring[i], becomes))
        out += [named("Section 1(a)", f"grandfathered{i}", s2.grandfathered[i] == gf),
                named("Section 1(a)", f"shielded{i}", s2.shielded[i] == sh),
                named("Section 1(a)", f"marked{i}", s2.buyback_marked[i] == mk),
                named("Section 1(a)", f"becomes{i}", s2.became_acquiring[i] == becomes),
                named("Section 1(a)", f"additional{i}", s2.acquired_more[i] == addl),
                named("Section 1(oo)", f"became_at{i}", s2.acquiring_since[i] == z.If(becomes, st.e.day, s.acquiring_since[i])),
                named("Section 1(a)", f"owned_when_crossed{i}", s2.owned_at_crossing[i] == z.If(
                    becomes, owned(z, s2, st.n, i), z.If(st.kind["split"], split_real(st, s.owned_at_crossing[i]), s.owned_at_crossing[i]))),
                named("Section 1(a)(ii)", f"owned_when_grandfathered{i}", grandfather_base(st, i))]
    return out


def grandfather_base(st: "Step", i: int) -> Any:
    """What a unit owned on the grandfathering date, restated after a split (Section 11(n)); 0 without an allowance."""
    z, s, s2 = st.z, st.s, st.s2
    if st.lines.allowance == 0:
        return z.And(s2.owned_at_grandfathering[i] == 0, s2.share_at_grandfathering[i] == 0)
    return z.And(s2.owned_at_grandfathering[i] == z.If(st.kind["split"], split_real(st, s.owned_at_grandfathering[i]),
                                                        s.owned_at_grandfathering[i]),
                 s2.share_at_grandfathering[i] == s.share_at_grandfathering[i])


def beyond_allowance(st: "Step", i: int) -> Any:
    """Whether a grandfathered unit, having acquired more, is past its allowance (Section 1(a)(ii)).

    "unless and until such time as such Person shall become the Beneficial Owner of additional
    Common Shares ..., unless, upon becoming the Beneficial Owner of such additional Common
    Shares, such Person is not then the Beneficial Owner of 15% or more": at the grandfathering
    line or more, and, on a plan with an allowance ("additional shares ... representing one-half of
    one percent (0.5%) or more of the shares of Common Stock then outstanding"), having gained the
    allowance or more since the grandfathering date, measured as reading ``grandfather_allowance_measure``
    says: shares gained against the allowance of the shares now outstanding, or percentage points.
    """
    z, s2, lines = st.z, st.s2, st.lines
    if lines.grandfather is None:
        return z.BoolVal(False)
    at_line = st.at(s2, i, lines.grandfather)
    if lines.allowance == 0:
        return at_line
    a, base = lines.allowance, s2.owned_at_grandfathering[i]
    now, den = owned(z, s2, st.n, i), denominator(z, s2, st.n, i)
    if st.cfg.reading("grandfather_allowance_measure") == "percentage_points":  # now/den - share >= a
        return z.And(at_line, now >= (s2.share_at_grandfathering[i] + a) * den)
    return z.And(at_line, a.denominator * (now - base) >= a.numerator * den)


def split_real(st: "Step", x: Any) -> Any:
    """Shares owned at crossing, restated in post-split shares: ``x * new / old`` exactly (Section 11(n))."""
    z = st.z
    out = x
    for code in range(len(st.splits) - 1, -1, -1):
        new, old = st.splits[code]
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
