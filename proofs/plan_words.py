"""The plan's terms in words, for the catalogue's sentences: "15%", "Walden", "ten Business Days".

A property of every plan is written once, with placeholders (``{threshold}``, ``{holder}``,
``{holder_threshold}``, ...); ``words(plan)`` fills them from the plan's terms file, so the
same property reads "H&Q is never an Acquiring Person" under one plan and "A
Board-designated Exempt Person is never an Acquiring Person" under another.  ``NEEDS`` names
the parts of a plan a property can depend on (a named holder with its own threshold, a
ratchet, grandfathering, named exempt holders): a property that needs one the plan does not
have is reported "not applicable: the plan has no ...", never checked and never skipped in
silence.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any, Callable

from rightsplan.spec.memo import long_date
from rightsplan.spec.terms import PlanTerms

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
_ORDINAL = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth", 12: "twelfth", 20: "twentieth"}


def percent(share: Fraction) -> str:
    """An exact share as a percentage: 3/20 -> "15%", 499/10000 -> "4.99%", 1/3 -> "100/3%"."""
    value = Fraction(share) * 100
    for places in range(7):
        scaled = value * 10 ** places
        if scaled.denominator == 1:
            whole, part = divmod(int(scaled), 10 ** places)
            return f"{whole}.{part:0{places}d}%" if places else f"{whole}%"
    return f"{value}%"


_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number(n: int) -> str:
    """A count below 100 in words, as agreements write it ("ten", "fifty"); digits from 100 on."""
    if 0 <= n < len(_SMALL):
        return _SMALL[n]
    if 0 <= n < 100:
        return _TENS[n // 10] + (f"-{_SMALL[n % 10]}" if n % 10 else "")
    return str(n)


def _share_word(share: Fraction) -> str:
    """A share as an id word: 1/2 -> "fifty", 499/10000 -> "4_99"."""
    whole = share * 100
    return number(int(whole)).replace("-", "_") if whole.denominator == 1 else _id_part(share)


def _id_part(share: Fraction) -> str:
    """A share as an id part: 1/5 -> "20", 499/10000 -> "4_99"."""
    return percent(share)[:-1].replace(".", "_").replace("/", "_")


def ordinal(n: int) -> str:
    """A small ordinal in words ("fifth", "tenth"); "21st" style from 21 on."""
    if n in _ORDINAL:
        return _ORDINAL[n]
    if 0 < n < len(_SMALL):
        return number(n) + "th"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else "each of " + ", ".join(names[:-1]) + " and " + names[-1]


def exempt_names(plan: PlanTerms) -> list[str]:
    """Who the plan exempts by name or by Board designation, as explanations name them."""
    names = [h.name for h in plan.holders.values() if h.kind == "exempt"]
    return names + (["a Board-designated Exempt Person"] if plan.exempt_persons is not None else [])


def exempt_key(plan: PlanTerms) -> str:
    """The word for the named exempt holders in property ids: the holder's key when there is exactly one."""
    keys = [h.key for h in plan.holders.values() if h.kind == "exempt"]
    return keys[0] if len(keys) == 1 and plan.exempt_persons is None else "named_exempt"


def holder_key(plan: PlanTerms) -> str:
    """The word for the named holder with its own threshold in property ids ("walden")."""
    own = plan.own_threshold_holders()
    return own[0].key if own else "own_threshold_holder"


def _grandfather_when(plan: PlanTerms) -> str:
    """When holdings are grandfathered, with its preposition: "on the agreement date", "as of the Close of ..."."""
    g = plan.grandfathering
    if g is None:
        return "on the grandfathering date"
    if g.day == plan.value("agreement_date") and not g.at_close:
        return "on the agreement date"
    return ("as of the Close of Business on " if g.at_close else "on ") + f"{g.day:%B} {g.day.day}, {g.day.year}"


def words(plan: PlanTerms) -> dict[str, str]:
    """Every placeholder a property sentence or id may use, filled from the plan."""
    own = plan.own_threshold_holders()
    holder = own[0] if own else None
    g = plan.grandfathering
    return {
        "threshold": percent(plan.value("acquiring_person_threshold")),
        "deeming": percent(plan.value("repurchase_deeming_threshold")),
        "bar": percent(plan.value("exchange_bar_threshold")),
        "distribution_days": number(plan.value("distribution_business_days")),
        "distribution_day": ordinal(plan.value("distribution_business_days")),
        "redemption_days": number(plan.value("redemption_days")),
        "redemption_day": ordinal(plan.value("redemption_days")),
        "final_expiration": long_date(plan.value("final_expiration_date")).split(", ", 1)[1],
        "holder": holder.name if holder else "the named holder",
        "holder_key": holder_key(plan),
        "holder_threshold": percent(holder.threshold.value) if holder else "its own threshold",
        "holder_threshold_n": _id_part(holder.threshold.value) if holder else "its_threshold",
        "before_ratchet": "before its ratchet, " if holder and holder.ratchet else "",
        "until_ratchet": " before its ratchet" if holder and holder.ratchet else "",
        "distribution_days_n": str(plan.value("distribution_business_days")),
        "redemption_days_word": number(plan.value("redemption_days")).replace("-", "_"),
        "bar_word": _share_word(plan.value("exchange_bar_threshold")),
        "ratchet": percent(holder.ratchet.value) if holder and holder.ratchet else "its ratchet",
        "exempt_holder": _listed(exempt_names(plan)) if exempt_names(plan) else "a named exempt holder",
        "exempt_key": exempt_key(plan),
        "grandfather_threshold": percent(g.threshold.value) if g else "the grandfathering threshold",
        "grandfather_when": _grandfather_when(plan),
        "grandfather_allowance": percent(g.allowance.value) if g else "no allowance",
    }


def _has_ratchet(plan: PlanTerms) -> bool:
    return any(h.ratchet is not None for h in plan.own_threshold_holders())


# What a property may need of a plan: the test, and what the report says when the plan lacks it.
NEEDS: dict[str, tuple[Callable[[PlanTerms], bool], str]] = {
    "own_threshold_holder": (lambda plan: bool(plan.own_threshold_holders()),
                             "the plan has no named holder with its own threshold"),
    "ratchet": (_has_ratchet, "the plan's named holders have no ratchet"),
    "no_ratchet": (lambda plan: not _has_ratchet(plan), "the plan's named holder has a ratchet"),
    "grandfathering": (lambda plan: plan.grandfathering is not None, "the plan has no grandfathering"),
    "grandfather_allowance": (lambda plan: plan.grandfathering is not None and plan.grandfathering.allowance.value > 0,
                              "the plan's grandfathering has no allowance"),
    "named_exempt": (lambda plan: bool(exempt_names(plan)),
                     "the plan has no named exempt holder and no Board-designated Exempt Persons"),
}


def missing(plan: PlanTerms, needs: tuple[str, ...]) -> str | None:
    """Why a property needing ``needs`` does not apply to the plan ("the plan has no ..."), or None if it does."""
    for need in needs:
        test, why = NEEDS[need]
        if not test(plan):
            return why
    return None


def render(text: str, plan: PlanTerms, extra: dict[str, str] | None = None) -> str:
    """A sentence or id with its placeholders filled (``extra`` over the plan's words), a sentence capitalized."""
    out = text.format(**(words(plan) | (extra or {})))
    return out[:1].upper() + out[1:] if " " in out else out


def parameter_words(values: dict[str, Any]) -> dict[str, str]:
    """A belief's parameters in words: shares as percentages, dates long, counts as words and ordinals."""
    out: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, Fraction):
            out[name] = percent(value)
        elif isinstance(value, date):
            out[name] = f"{value:%B} {value.day}, {value.year}"
        elif isinstance(value, int):
            out[name], out[f"{name}_ordinal"] = number(value), ordinal(value)
            out[f"{name}_Word"] = number(value).capitalize()
        else:
            out[name] = str(value)
    return out
