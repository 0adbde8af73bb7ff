"""Why each belief fails: the decisive determination, read from the replayed counterexample.

For every expected counterexample the report says, in one sentence, which determination
of the reference implementation refutes the belief -- who, on which day, at what
percentage -- and quotes the agreement's words that decide it, beside the Exhibit C (or
Section 1(a)) words the belief rests on.  The quoted words are stored per property and
checked against the shipped agreement text (``rightsplan.spec.agreement.quote_found``);
which determination decided the case is *found in the replay*, step by step.  When the
replay does not show the determination a finding's reasons expect, ``explain`` says so and
the report lists it as a problem instead of printing a reason that might not hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Callable

from rightsplan.spec import agreement
from rightsplan.spec.calendar import BusinessCalendar
from rightsplan.spec.citations import cite
from rightsplan.spec.memo import long_date, pct
from rightsplan.spec.results import Evaluation, Snapshot
from rightsplan.spec.vocabulary import Role

FIFTEEN, TWENTY, FIFTY = Fraction(15, 100), Fraction(20, 100), Fraction(50, 100)

# The agreement's words each reason may quote: (citation, words with "..." for omissions).
WORDS = {
    "hq": ("Section 1(a)", '"ACQUIRING PERSON" shall mean any Person, other than H&Q Venture Associates, LLC'),
    "exempt": ("Section 1(a)", "but shall not include the Company, any Subsidiary of the Company or any employee "
               "benefit plan of the Company"),
    "walden": ("Section 1(a)", 'shall not be deemed an "Acquiring Person" until such time as Walden shall be the '
               "Beneficial Owner of an aggregate of 20% or more"),
    "carve_out": ("Section 1(a)", "no Person shall be deemed to be an Acquiring Person as the result of an "
                  "acquisition of Common Shares by the Company which, by reducing the number of shares "
                  "outstanding, increases the proportionate number of shares beneficially owned by such Person to "
                  "15% or more"),
    "proviso": ("Section 1(a)", "by reason of share purchases by the Company and shall, after such share purchases "
                "by the Company, become the Beneficial Owner of any additional Common Shares ... then such Person "
                "shall be deemed to be an Acquiring Person"),
    "grandfather": ("Section 1(a)", "if, as of the date hereof, any Person is the Beneficial Owner of 15% or more "
                    'of the Common Shares outstanding, such Person shall not be or become an "Acquiring Person,"'),
    "cure": ("Section 1(a)", "if such Person divested or divests as promptly as practicable ... then such Person "
             'shall not be deemed to be or to have become an "Acquiring Person" for any purposes of this Agreement'),
    "sad": ("Section 1(hh)", "the first date of public announcement ... by the Company or an Acquiring Person that an "
            "Acquiring Person has become such"),
    "sad_undone": ("Section 1(hh)", "if such Person is determined not to have become an Acquiring Person pursuant "
                   "to Section 1(a) hereof, then no Shares Acquisition Date shall be deemed to have occurred"),
    "dd_clock": ("Section 1(l)", "the Close of Business on the tenth Business Day ... after the Shares Acquisition "
                 "Date"),
    "tender": ("Section 1(l)", "if, assuming the successful consummation thereof, such Person would be an Acquiring "
               "Person"),
    "bar": ("Section 24(a)", "the Board of Directors shall not be empowered to effect such exchange at any time after "
            "any Person (other than the Company ... together with all Affiliates and Associates of such Person, "
            "becomes the Beneficial Owner of 50% or more of the Common Shares then outstanding"),
    "cob": ("Section 1(f)", "if such date is not a Business Day it shall mean 5:00 P.M., California time, on the next "
            "succeeding Business Day"),
    "redeem_until": ("Section 23(a)", "at any time prior to the Close of Business on the earlier of ... (ii) the Final "
                     "Expiration Date"),
    "final": ("Section 1(r)", '"FINAL EXPIRATION DATE" shall mean October 23, 2010'),
    "expired": ("Section 1(q)", '"EXPIRATION DATE" shall mean the earliest to occur of'),
}


@dataclass(frozen=True)
class Why:
    """The reason one belief fails: the step, the determination, one sentence, and the words that decide it."""

    step: int  # 1-based, as in the story
    determination: str
    sentence: str
    words: tuple[tuple[str, str], ...]  # (citation, quoted words)
    headline: str = ""  # the reason in a few words, for the report's first page

    def to_json(self) -> dict[str, Any]:
        return {"step": self.step, "determination": self.determination, "headline": self.headline,
                "sentence": self.sentence,
                "words": [{"section": c, "quote": q} for c, q in self.words]}


def belief_source(belief: str) -> str:
    """Where a belief's words are: Exhibit C (the Summary of Rights) if they are there, else Section 1(a)."""
    return "Exhibit C" if agreement.quote_found(belief, "Exhibit C") else cite("Section 1(a)")


def _w(*keys: str) -> tuple[tuple[str, str], ...]:
    return tuple(WORDS[k] for k in keys)


def not_acquiring_reason(ev: Evaluation, snap: Snapshot, person: str) -> tuple[str, str] | None:
    """Why a person at or above 15% is not an Acquiring Person at a snapshot: (words, key of WORDS)."""
    role = ev.scenario.persons[person]
    if role is Role.HQ:
        return "H&Q is excluded from the definition of Acquiring Person", "hq"
    if role.exempt:
        return "the Company, its Subsidiaries and its employee plans are excluded", "exempt"
    if role is Role.WALDEN and not snap.walden_ratcheted and snap.ownership[person] < TWENTY:
        return "Walden's threshold is 20%, not 15%, until its ratchet", "walden"
    if person in snap.shielded:
        return "it crossed 15% only because the Company bought back shares", "carve_out"
    if person in snap.grandfathered:
        return "it held 15% or more on the date of the agreement and has not acquired more", "grandfather"
    return None


def _note(ev: Evaluation, index: int) -> str:
    texts = [x["reason"] for x in ev.ineffective_events if x["index"] == index]
    return texts[0] if texts else ""


def _every_15(ev: Evaluation) -> Why | None:
    for k, snap in enumerate(ev.snapshots, start=1):
        for p, f in snap.ownership.items():
            if f >= FIFTEEN and p not in snap.acquiring_persons and not ev.scenario.persons[p].exempt:
                reason = not_acquiring_reason(ev, snap, p)
                if reason:
                    return Why(k, "Acquiring Persons", f"After step {k} ({long_date(snap.date)}) {p} holds {pct(f)} "
                               f"of the Common Shares and is not an Acquiring Person: {reason[0]} (Section 1(a)).",
                               _w(reason[1]), f"{p} holds {pct(f)} and is not an Acquiring Person: {reason[0]}")
    return None


def _distribution_follows(ev: Evaluation) -> Why | None:
    cal = BusinessCalendar(ev.scenario.readings)
    for k, snap in enumerate(ev.snapshots, start=1):
        if snap.triggering_event is None or snap.date <= cal.business_days_after(snap.triggering_event, 10):
            continue
        if snap.distribution_date is None and snap.shares_acquisition_date is None:
            who = min(snap.acquiring_persons)
            return Why(k, "Distribution Date", f"There has been an Acquiring Person ({who}) since "
                       f"{long_date(snap.triggering_event)}, yet on {long_date(snap.date)}, "
                       "more than ten Business Days "
                       "later, there is no Distribution Date: nobody announced that an Acquiring Person had become "
                       "such, so there is no Shares Acquisition Date (Section 1(hh)), and Section 1(l) counts its ten "
                       "Business Days from that date, not from the crossing.", _w("dd_clock", "sad"),
                       "without a public announcement there is no Shares Acquisition Date, so no Distribution Date")
    return None


def _exchange_until_50(ev: Evaluation) -> Why | None:
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
        if e.kind != "exchange" or snap.effective or snap.triggering_event is None:
            continue
        big = [p for p, f in snap.ownership.items() if f >= FIFTY and not ev.scenario.persons[p].exempt]
        if snap.exchange_barred_since is not None and big:
            p = big[0]
            role = "an Acquiring Person" if p in snap.acquiring_persons else "not an Acquiring Person"
            return Why(k, "exchange barred", f"The Board's exchange on {long_date(e.date)} has no effect although no "
                       f"Acquiring Person holds 50%: {p}, {role}, holds {pct(snap.ownership[p])}, and Section 24(a) "
                       "bars an exchange once any Person (other than the Company and its plans) holds 50% or more.",
                       _w("bar"), f"{p} ({role}) holds {pct(snap.ownership[p])}, and any Person at 50% bars exchange")
        if snap.expired:
            return Why(k, "expired", f"The Board's exchange on {long_date(e.date)} has no effect: the Rights have "
                       f"already expired ({_note(ev, e.index)}).", _w("expired"), "the Rights had expired")
    return None


def _redeemable_fifth_day(ev: Evaluation) -> Why | None:
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
        if e.kind != "announce":
            continue
        p = e.fields["person"]
        if snap.ownership[p] >= FIFTEEN and snap.shares_acquisition_date is None and p not in snap.acquiring_persons:
            reason = not_acquiring_reason(ev, snap, p)
            why = f"{reason[0]}, " if reason else ""
            return Why(k, "Shares Acquisition Date", f"On {long_date(e.date)} it is announced that {p} holds "
                       f"{pct(snap.ownership[p])}, but {p} is not an Acquiring Person ({why}Section 1(a)), so the "
                       "announcement is not one \"that an Acquiring Person has become such\": there is no Shares "
                       f"Acquisition Date, and the Rights stay redeemable until {long_date(snap.redemption_deadline)}.",
                       _w("sad", reason[1]) if reason else _w("sad"),
                       f"{p} is not an Acquiring Person, so the announcement starts no Shares Acquisition Date")
    return None


def _expire_oct_23(ev: Evaluation) -> Why | None:
    final = ev.scenario.plan.final_expiration_date
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
        if e.kind == "redeem" and snap.effective and e.date > final:
            return Why(k, "redemption effective", f"The Board's redemption on {long_date(e.date)} takes effect: the "
                       f"Final Expiration Date, {final:%B} {final.day}, {final.year}, is a {final:%A}, "
                       "so by Section 1(f) its Close of "
                       f"Business is 5:00 P.M. California time on the next Business Day, "
                       f"{long_date(snap.redemption_deadline)}, and Section 23(a) allows redemption until then; the "
                       "Rights expire by that redemption (the Redemption Date, Section 1(q)(ii)), not before it.",
                       _w("final", "cob", "redeem_until"),
                       f"October 23, 2010 is a {final:%A}: its Close of Business rolls to "
                       f"{long_date(snap.redemption_deadline)}")
    return None


def _tender_clock(ev: Evaluation) -> Why | None:
    for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
        if e.kind != "tender_offer" or snap.distribution_date is not None:
            continue
        p = e.fields["person"]
        reason = not_acquiring_reason(ev, snap, p)
        if reason:
            return Why(k, "Distribution Date", f"{p}'s tender offer of {long_date(e.date)} would take it to 15% or "
                       f"more, but even then {p} would not be an Acquiring Person ({reason[0]}), so the tender-offer "
                       "clause of Section 1(l) does not start a Distribution Date.", _w("tender", reason[1]),
                       f"{p} would not be an Acquiring Person: {reason[0]}")
    return None


def _walden(person: str) -> str:
    return person if person == "Walden" else f"Walden ({person})"


def _walden_below_20(ev: Evaluation) -> Why | None:
    before: Snapshot | None = None
    for k, snap in enumerate(ev.snapshots, start=1):
        for p in snap.acquiring_persons:
            if (ev.scenario.persons[p] is Role.WALDEN and snap.ownership[p] < TWENTY and not snap.walden_ratcheted
                    and before is not None and p in before.marked and p not in before.acquiring_persons):
                return Why(k, "Acquiring Persons", f"After step {k} ({long_date(snap.date)}) {_walden(p)} holds "
                           f"{pct(snap.ownership[p])}, below 20%, and is deemed an Acquiring Person: a Company "
                           "buyback had lifted it to 15% or more, and it then became the Beneficial Owner of "
                           "additional Common Shares; the buyback proviso of Section 1(a) uses 15%, not Walden's 20% "
                           "(reading repurchase_deeming_threshold = literal_15).", _w("proviso", "walden"),
                           f"Walden at {pct(snap.ownership[p])} is deemed an Acquiring Person "
                           "by the 15% buyback proviso")
        before = snap
    return None


def _cured(ev: Evaluation, before: Snapshot, snap: Snapshot, k: int) -> list[tuple[str, date]]:
    """Persons that stop being Acquiring Persons at step k after a Board inadvertence determination, with its date."""
    found = []
    for p in sorted(before.acquiring_persons - snap.acquiring_persons):
        dates = [e.date for e in ev.scenario.events[:k] if e.kind == "inadvertence" and e.fields.get("person") == p]
        if dates:
            found.append((p, dates[-1]))
    return found


def _withdrawn(key: str, label: str) -> Callable[[Evaluation], Why | None]:
    def find(ev: Evaluation) -> Why | None:
        before: Snapshot | None = None
        for k, (e, snap) in enumerate(zip(ev.scenario.events, ev.snapshots), start=1):
            if before is not None and getattr(before, key) is not None and getattr(snap, key) is None:
                cured = _cured(ev, before, snap, k)
                if cured:
                    who, when = cured[0]
                    return Why(k, label, f"The {label} of {long_date(getattr(before, key))} is withdrawn at step "
                               f"{k}, {long_date(e.date)}: on {long_date(when)} the Board determined that {who} had "
                               "become an Acquiring Person inadvertently, and now its holding with its Affiliates "
                               f"and Associates is {pct(snap.ownership[who])}, below its threshold; under Section "
                               "1(a)(i) it is then not deemed to have become an Acquiring Person for any purpose, "
                               f"and the {label} it caused falls with it.",
                               _w("cure", "sad_undone") if key == "distribution_date" else _w("cure"),
                               f"{who} is cured as an inadvertent Acquiring Person (Section 1(a)(i))")
            before = snap
        return None
    return find


REASONS: dict[str, Callable[[Evaluation], Why | None]] = {
    "belief_distribution_follows_acquisition": _distribution_follows,
    "belief_every_15_percent_holder_acquiring": _every_15,
    "belief_exchange_until_acquiring_person_has_50": _exchange_until_50,
    "belief_redeemable_until_fifth_day_after_15_percent_announcement": _redeemable_fifth_day,
    "belief_rights_expire_october_23_2010": _expire_oct_23,
    "belief_tender_offer_for_15_percent_starts_clock": _tender_clock,
    "belief_walden_safe_below_20": _walden_below_20,
    "belief_triggering_event_is_permanent": _withdrawn("triggering_event", "Triggering Event"),
    "belief_distribution_date_cannot_be_withdrawn": _withdrawn("distribution_date", "Distribution Date"),
}


def explain(prop_id: str, ev: Evaluation) -> Why | None:
    """The reason the replay refutes a property, or None when no reason is known or the replay does not show it."""
    find = REASONS.get(prop_id)
    return find(ev) if find else None


def check_words() -> list[str]:
    """Every stored quotation that is not in the shipped agreement text (an empty list when all are)."""
    return [f"{c}: {q!r}" for c, q in WORDS.values() if not agreement.quote_found(q, c)]


