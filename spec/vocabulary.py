"""The shared vocabulary: event kinds, person roles and reading switches.

Both the reference implementation (``rightsplan.spec``) and the Z3 model
(``rightsplan.solver``) read these names; each writes its own rules.  Nothing
here decides anything about the agreement: it only names things.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .citations import cite


class Role(str, Enum):
    """What a declared person is, as far as Section 1(a) and 24(a) care."""

    ORDINARY = "ordinary"
    OWN_THRESHOLD = "own_threshold"  # a named holder with its own threshold (all its persons are one unit)
    NAMED_EXEMPT = "named_exempt"  # a named exempt holder or a Board-designated Exempt Person
    EMPLOYEE_PLAN = "employee_plan"  # employee benefit plan, or entity holding shares for one
    SUBSIDIARY = "subsidiary"  # Subsidiary of the Company (Section 1(jj))
    COMPANY = "company"  # the Company itself

    @property
    def exempt(self) -> bool:
        """Persons Section 1(a) says an Acquiring Person "shall not include"."""
        return self in (Role.EMPLOYEE_PLAN, Role.SUBSIDIARY, Role.COMPANY)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "shares" (int >= 1), "person", "persons", "date", "ratio_int", "price", "portion", "choice", "text"
    required: bool = True
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventKind:
    name: str
    section: str
    fields: tuple[Field, ...]
    core: bool  # part of the public contract's core vocabulary (else a documented extension)


def _k(name: str, section: str, *fields: Field, core: bool = True) -> EventKind:
    return EventKind(name, cite(section), tuple(fields), core)


MERGER_KINDS = ("company_not_survivor", "company_survivor_shares_changed", "asset_sale")

EVENT_KINDS: dict[str, EventKind] = {
    k.name: k
    for k in (
        _k("acquire", "Section 1(d)", Field("person", "person"), Field("shares", "shares")),
        _k("dispose", "Section 1(d)", Field("person", "person"), Field("shares", "shares")),
        _k("issue", "Section 29", Field("shares", "shares"), Field("to", "person", required=False)),
        _k("repurchase", "Section 1(a)", Field("shares", "shares"), Field("from", "person", required=False)),
        _k("option", "Section 1(d)", Field("person", "person"), Field("shares", "shares")),
        _k("join_group", "Section 1(d)", Field("persons", "persons")),
        _k("split", "Section 11(n)", Field("new", "ratio_int"), Field("old", "ratio_int")),
        _k("announce", "Section 1(hh)", Field("person", "person")),
        _k("tender_offer", "Section 1(l)", Field("person", "person"), Field("shares", "shares")),
        _k(
            "inadvertence",
            "Section 1(a)",
            Field("person", "person"),
            Field("divest_by", "date", required=False),
        ),
        _k("extend_distribution", "Section 1(l)", Field("until", "date")),
        _k("extend_redemption", "Section 23(a)", Field("until", "date")),
        _k("redeem", "Section 23(a)"),
        _k(
            "exchange",
            "Section 24(a)",
            Field("portion", "portion", required=False),
            Field("kind", "choice", required=False, choices=("common", "rights")),
        ),
        _k(
            "merger",
            "Section 13(a)",
            Field("kind", "choice", choices=MERGER_KINDS),
            Field("principal_price", "price"),
        ),
        # Extensions (documented in README "Scenario format extensions"): Section 11 events.
        _k("preferred_split", "Section 11(a)(i)", Field("new", "ratio_int"), Field("old", "ratio_int"), core=False),
        _k(
            "rights_offering",
            "Section 11(b)",
            Field("price", "price"),
            Field("shares", "shares"),
            Field("preferred_outstanding", "shares"),
            Field("preferred_price", "price", required=False),
            Field("election", "choice", required=False, choices=("preferred", "rights")),
            core=False,
        ),
        _k(
            "distribution",
            "Section 11(c)",
            Field("value", "price"),
            Field("preferred_price", "price", required=False),
            Field("election", "choice", required=False, choices=("preferred", "rights")),
            core=False,
        ),
        _k(
            "announce_split",
            "Section 1(j)",
            Field("new", "ratio_int"),
            Field("old", "ratio_int"),
            Field("ex_date", "date"),
            core=False,
        ),
        _k("exercise", "Section 7(a)", Field("person", "person"), Field("rights", "shares"), core=False),
    )
}


@dataclass(frozen=True)
class Reading:
    """A named switch for words that admit more than one reading."""

    name: str
    default: str
    choices: tuple[str, ...]
    section: str
    words: str  # the words that make it ambiguous, quoted from the agreement
    meaning: dict[str, str]  # choice -> what it does


def _r(name: str, default: str, section: str, words: str, **meaning: str) -> Reading:
    return Reading(name, default, tuple(meaning), cite(section), words, meaning)


READINGS: dict[str, Reading] = {
    r.name: r
    for r in (
        _r(
            "repurchase_deeming_threshold",
            "literal_15",
            "Section 1(a)",
            "then such Person shall be deemed to be an Acquiring Person unless upon becoming the "
            "Beneficial Owner of such additional Common Shares of the Company such Person does not "
            "beneficially own 15% or more",
            literal_15="the deeming proviso uses its own line (the plan's repurchase_deeming_threshold: 15% in the "
            "built-in plan), even for a named holder with a higher threshold (Walden's 20%)",
            own_threshold="the deeming proviso uses the person's own threshold (a named holder's until its ratchet: "
            "Walden's 20% in the built-in plan)",
        ),
        _r(
            "walden_ratchet_cause",
            "any_cause",
            "Section 1(a)",
            "after Walden has been the Beneficial Owner of 15% or more ... and subsequently becomes "
            "the Beneficial Owner of less than 15%",
            any_cause="any fall below the ratchet line (Walden's 15% in the built-in plan) ratchets a named "
            "holder's threshold, a dilutive issuance included",
            own_disposition="only the named holder's own dispositions ratchet its threshold",
        ),
        _r(
            "grandfather_allowance_measure",
            "net_shares",
            "Section 1(a)(ii)",
            "(selectica-2008, Section 1(a)) unless and until such time as such Person acquires beneficial "
            "ownership of additional shares ... representing one-half of one percent (0.5%) or more of the shares of Common Stock then "
            "outstanding (a plan's grandfathering allowance; the words say neither whether shares sold since "
            "the date count against those bought, nor whether a change in the shares outstanding counts)",
            net_shares="shares owned now less shares owned on the grandfathering date (rescaled by splits), "
            "against the allowance times the shares then outstanding",
            percentage_points="the percentage owned now less the percentage owned on the grandfathering date, "
            "against the allowance",
        ),
        _r(
            "partial_exchange_expires",
            "no",
            "Section 1(q)",
            "the time at which the Board of Directors orders the exchange of the Rights as provided "
            "in Section 24",
            no="only an exchange of all the Rights is an Expiration Date; a partial exchange leaves the rest",
            yes="any exchange order, partial included, is the Expiration Date of every Right",
        ),
        _r(
            "late_redemption_extension",
            "ineffective",
            "Section 23(a)",
            "(or such later date as may be determined by action of the Company's Board of Directors "
            "and publicly announced by the Company)",
            ineffective="an extension ordered after the redemption deadline has passed does not revive it "
            "(Section 27: no lengthening 'at such time as the Rights are not then redeemable')",
            effective="the Board may set a later deadline at any time before the Final Expiration Date",
        ),
        _r(
            "prompt_divestiture_days",
            "10",
            "Section 1(a)",
            "divested or divests as promptly as practicable",
            **{
                "10": "divestiture counts as prompt if complete by the 10th Business Day after the "
                "determination (or the event's divest_by date)",
                "5": "the same with 5 Business Days",
                "30": "the same with 30 Business Days",
            },
        ),
        _r(
            "inadvertence_cure",
            "all_purposes",
            "Section 1(a)(i)",
            "then such Person shall not be deemed to be or to have become an \"Acquiring Person\" for any "
            "purposes of this Agreement",
            all_purposes="a cure is retroactive for every purpose: the history is replayed as if the person never "
            "became an Acquiring Person in that episode, so board actions taken meanwhile are judged again",
            status_only="a cure removes the status, its Shares Acquisition Date, Triggering Event and void Rights, "
            "but board actions stay judged on what was determined when they were taken",
        ),
        _r(
            "inadvertence_divestiture",
            "own_disposition",
            "Section 1(a)(i)",
            "if such Person divested or divests as promptly as practicable a sufficient number of Common Shares",
            own_disposition="the cure needs the person to have sold shares (its unit owns fewer than when it crossed) "
            "and then be below its threshold",
            any_cause="being below the threshold by any cause, a dilutive issuance included, completes the cure",
        ),
        _r(
            "exchange_requires_exercisable",
            "no",
            "Section 24(a)",
            "exchange all or part of the then outstanding and exercisable Rights (which shall not include Rights "
            "that have become null and void",
            no="'exercisable' excludes only void Rights: an exchange may precede the Distribution Date",
            yes="an exchange needs exercisable Rights, so only after the Distribution Date (Section 7(a))",
        ),
        _r(
            "trading_days",
            "exchange",
            "Section 1(nn)",
            "a day on which the principal national securities exchange ... is open ... or, if a "
            "referenced security is not listed or admitted to trading on any national securities "
            "exchange, a Business Day",
            exchange="Trading Days are the days the New York Stock Exchange was open (Nasdaq kept the "
            "same schedule, and Nasdaq issues were admitted to unlisted trading on exchanges)",
            business_day="Trading Days are Business Days (Nasdaq was not a national securities exchange "
            "until 2006, so a Nasdaq issue was 'not listed ... on any national securities exchange')",
        ),
        _r(
            "good_friday",
            "closed",
            "Section 1(e)",
            "a day on which banking institutions in California or New Jersey are authorized or "
            "obligated by law or executive order to close",
            closed="Good Friday is not a Business Day: N.J.S.A. 36:1-1 makes it a public holiday for the "
            "whole day (Cal. Civ. Code §7.1(o) adds an optional bank holiday from 12 noon)",
            open="Good Friday is a Business Day: banks in practice opened, and California's noon "
            "closing is a part of the day only",
        ),
        _r(
            "lincolns_birthday",
            "closed",
            "Section 1(e)",
            "a day on which banking institutions in California or New Jersey are authorized or "
            "obligated by law or executive order to close",
            closed="February 12 is not a Business Day: an optional bank holiday (Cal. Civ. Code §7.1(f)) "
            "and a New Jersey public holiday (N.J.S.A. 36:1-1)",
            open="February 12 is a Business Day: most banks opened and the Federal Reserve did",
        ),
        _r(
            "admission_day",
            "closed",
            "Section 1(e)",
            "a day on which banking institutions in California or New Jersey are authorized or "
            "obligated by law or executive order to close",
            closed="September 9 is not a Business Day: an optional bank holiday (Cal. Civ. Code §7.1(k))",
            open="September 9 is a Business Day: most California banks opened",
        ),
        _r(
            "election_day",
            "closed",
            "Section 1(e)",
            "a day on which banking institutions in California or New Jersey are authorized or "
            "obligated by law or executive order to close",
            closed="New Jersey's general election day (first Tuesday after the first Monday in November, "
            "every year) is not a Business Day (N.J.S.A. 36:1-1)",
            open="New Jersey's general election day is a Business Day: banks in practice opened",
        ),
        _r(
            "cesar_chavez_day",
            "open",
            "Section 1(e)",
            "a day on which banking institutions in California or New Jersey are authorized or "
            "obligated by law or executive order to close",
            open="March 31 (from 2001) is a Business Day: a California state holiday, but not an "
            "optional bank holiday under Cal. Civ. Code §7.1",
            closed="March 31 is not a Business Day: a State-designated holiday on which national banks "
            "may close (Cal. Civ. Code §7 with Gov. Code §6700; 12 U.S.C. §95(b)(1))",
        ),
        _r(
            "mourning_days",
            "open",
            "Section 1(e)",
            "a day on which banking institutions in California or New Jersey are authorized or "
            "obligated by law or executive order to close",
            open="the National Days of Mourning (2004-06-11, 2007-01-02, 2018-12-05, 2025-01-09) are Business "
            "Days: the executive orders closed federal departments, not banks",
            closed="they are not Business Days: days the President appointed are holidays under Cal. Civ. "
            "Code §7 (Gov. Code §6700) and N.J.S.A. 36:1-1",
        ),
        _r(
            "nj_saturday_observance",
            "open",
            "Section 1(e)",
            "a day on which banking institutions in California or New Jersey are authorized or "
            "obligated by law or executive order to close",
            open="the Friday before a Saturday holiday is a Business Day unless California closes it "
            "(Cal. Civ. Code §7.1(r): July 4, September 9, December 25 only)",
            closed="the Friday before any New Jersey holiday that falls on a Saturday is not a Business Day "
            "(N.J.S.A. 36:1-1.2)",
        ),
        _r(
            "juneteenth",
            "open",
            "Section 1(e)",
            "a day on which banking institutions in California or New Jersey are authorized or "
            "obligated by law or executive order to close",
            open="June 19 (from 2021) is a Business Day unless a state statute names it: federal law "
            "(5 U.S.C. §6103) makes it a legal public holiday, but no California or New Jersey bank-holiday "
            "statute we can quote does (New Jersey's own Juneteenth Day is the third Friday in June)",
            closed="June 19 (a Sunday: the Monday after) is not a Business Day from 2021: a federal legal "
            "public holiday (5 U.S.C. §6103), on which the Federal Reserve Banks close from 2022",
        ),
        _r(
            "exchange_ratio_adjustment",
            "unchanged",
            "Section 24(a)",
            "one Common Share per Right, appropriately adjusted to reflect any stock split, stock "
            "dividend or similar transaction",
            unchanged="11(n) already multiplies the Rights, so one Right still exchanges for one Common Share",
            scaled="the ratio scales by old/new shares, like the Exercise Price under 11(n)",
        ),
        _r(
            "redemption_price_adjustment",
            "scaled",
            "Section 23(a)",
            "$0.001 per Right, appropriately adjusted to reflect any stock split, stock dividend or "
            "similar transaction",
            scaled="the price per Right scales by old/new so the aggregate redemption price is unchanged",
            unchanged="the price stays $0.001 per Right",
        ),
        _r(
            "section_11_rounding",
            "result_only",
            "Section 11(d)",
            "All calculations under this Section 11 shall be made to the nearest cent or to the nearest "
            "ten-thousandth of a Common Share or other share or one hundred-thousandth of a Preferred Share",
            result_only="each adjustment's resulting figure is rounded (the Exercise Price in effect, shares per "
            "Right); the price carried forward under 11(d) and the Current Per Share Market Price stay exact",
            each_calculation="every money figure is rounded to the cent as it is computed: the Current Per Share "
            "Market Price used in Section 11 and the price carried forward under 11(d) included",
        ),
        _r(
            "preferred_price_split_adjustment",
            "literal",
            "Section 1(j)",
            "the Current Per Share Market Price of the Common Shares ... as appropriately adjusted to reflect "
            "any stock split, stock dividend or similar transaction occurring after the date hereof, "
            "multiplied by (y) 1000",
            literal="the deemed Preferred price is 1000 x the Common price restated to the share basis of "
            "March 31, 2003 (x new/old for every later split)",
            none="the deemed Preferred price is 1000 x the current Common price, as Exhibit A §2 splits the "
            "Preferred with the Common and §3 keeps the multiple at 1,000",
        ),
        _r(
            "fractional_preferred_value",
            "literal",
            "Section 14(b)",
            "the current market value of a Preferred Share shall be the product equal to (x) one thousandth "
            "multiplied by (y) the closing price of a Common Share",
            literal="a Preferred Share is valued at one thousandth of a Common Share's closing price, as written",
            thousand="a Preferred Share is valued at 1,000 Common closing prices, as Section 1(j) and "
            "Exhibit A §3 value it",
        ),
        _r(
            "exchange_fraction_price",
            "prior_trading_day",
            "Section 24(d)",
            "an amount in cash equal to the same fraction of the current market value of a whole Common Share "
            "(as determined pursuant to the second sentence of Section 1(j) hereof)",
            prior_trading_day="the closing price of the Trading Day before the exchange, as Section 14(c) "
            "fixes the day for exercises",
            average_30="the 30-Trading-Day Current Per Share Market Price before the exchange",
        ),
        _r(
            "flip_over_rounding",
            "ten_thousandth",
            "Section 13(a)",
            "such number of ... Common Shares of the Principal Party ... as shall be equal to the result "
            "obtained by dividing such Total Exercise Price by an amount equal to fifty percent (50%)",
            ten_thousandth="rounded to the nearest ten-thousandth of a share, as Section 11(e) applies "
            "Section 11(d) to such other shares 'as nearly equivalent as practicable'",
            exact="the exact quotient (written p/q when it has no finite decimal form)",
        ),
    )
}

DEFAULT_READINGS: dict[str, str] = {name: r.default for name, r in READINGS.items()}
