"""Plan terms: every number, date and named holder the rules use, with its section.

A plan is data: ``spec/plans/<name>.yaml`` for the shipped plans (``shipped_plans()``), or
any terms file by path.  A file gives the core terms every plan has (thresholds, clocks,
prices, dates, the Business-Day jurisdictions), and, where the plan has them, named holders
(each with its own threshold and ratchet, or fully exempt), grandfathering as of a date with
an allowance, Board-designated Exempt Persons and the security a Right buys.  A value not
known from a source carries ``assumption: <why>``; ``PlanTerms.read`` records which terms an
evaluation read, so every result can list the assumptions it relied on.  docs/plans.md
describes the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

from .citations import is_well_formed
from .errors import ScenarioError
from .vocabulary import READINGS, Role
from .yamlio import load_yaml_file, load_yaml_text

BUILTIN_PLAN = "digitalthink-2003"

# name -> python type the value must have after loading
_TERM_TYPES: dict[str, type] = {
    "agreement_date": date,
    "rights_dividend_declaration_date": date,
    "record_date": date,
    "final_expiration_date": date,
    "acquiring_person_threshold": Fraction,
    "repurchase_deeming_threshold": Fraction,
    "exchange_bar_threshold": Fraction,
    "distribution_business_days": int,
    "redemption_days": int,
    "redemption_price": Decimal,
    "exercise_price": Decimal,
    "thousandths_per_right": Decimal,
    "rights_per_share": Decimal,
    "flip_in_divisor": Decimal,
    "flip_over_divisor": Decimal,
    "exchange_ratio": Decimal,
    "price_window_trading_days": int,
    "price_window_trading_days_11a_iii": int,
    "substitution_period_days": int,
    "substitution_period_max_days": int,
    "adjustment_minimum": Decimal,
    "adjustment_deadline_years": int,
    "preferred_per_thousandth": Decimal,
    "preferred_multiple": int,
    "par_value": Decimal,
    "preferred_par_value": Decimal,
    "business_day_states": list,
    "close_of_business": str,
}


# The optional parts of a plan, and what a scenario's ``role:`` may say besides a named holder's key.
HOLDER_KINDS = ("own_threshold", "exempt")
SECURITIES = ("preferred_thousandths", "common_shares")
GENERIC_ROLES: dict[str, Role] = {
    "ordinary": Role.ORDINARY, "employee_plan": Role.EMPLOYEE_PLAN, "subsidiary": Role.SUBSIDIARY,
    "company": Role.COMPANY,
}
# How a plan's time zone is said in words (a plan names its place: "California time", "New York City time").
_ZONE_WORDS = {"America/Los_Angeles": "California time", "America/New_York": "New York City time",
               "America/Chicago": "Chicago time", "America/Denver": "Denver time"}
EXEMPT_PERSON = "exempt_person"  # a Board-designated Exempt Person, where the plan has them


@dataclass(frozen=True)
class Term:
    name: str
    value: Any
    section: str
    words: str
    assumption: str | None = None


@dataclass(frozen=True)
class NamedHolder:
    """A holder the plan names: its own threshold (and ratchet), or a full exemption.

    ``key`` is the word scenarios write as ``role:``; ``name`` the one explanations use.
    """

    key: str
    name: str
    kind: str  # "own_threshold" or "exempt"
    section: str
    words: str
    threshold: Term | None = None
    ratchet: Term | None = None
    names: tuple[str, ...] = ()

    @property
    def role(self) -> Role:
        return Role.OWN_THRESHOLD if self.kind == "own_threshold" else Role.NAMED_EXEMPT


@dataclass(frozen=True)
class Grandfathering:
    """Holders at the threshold on a date are not Acquiring Persons until they acquire more than an allowance."""

    date: Term
    at_close: bool
    threshold: Term
    allowance: Term

    @property
    def day(self) -> date:
        return self.date.value


VERDICTS = ("PROVED", "COUNTEREXAMPLE")


@dataclass(frozen=True)
class Belief:
    """What a reader of the plan's summary may believe, checked by a formula template of the catalogue.

    ``words`` are the summary's own words (found at ``section``); ``template`` names the
    formula (proofs/beliefs.py) and ``parameters`` its values; ``expect`` the verdict the
    operative text gives.  ``place`` is where the belief is in its file, for error messages.
    """

    id: str
    words: str
    section: str
    sections: tuple[str, ...]
    template: str
    parameters: dict[str, Any]
    expect: str
    place: str
    readings: dict[str, str] = field(default_factory=dict)
    sentence: str | None = None


@dataclass(frozen=True)
class ExpectedVerdict:
    """A property of every plan whose verdict on this plan is not the catalogue's, and why."""

    verdict: str
    reason: str
    place: str


@dataclass(frozen=True)
class PlanTerms:
    """The loaded terms of one plan: ``plan.value("acquiring_person_threshold")`` -> Fraction(3, 20)."""

    name: str
    source: str
    terms: dict[str, Term]
    holders: dict[str, NamedHolder] = field(default_factory=dict)
    grandfathering: Grandfathering | None = None
    exempt_persons: Term | None = None
    security: Term | None = None
    title: str = ""
    company: str = "the Company"
    numbering_assumed: str | None = None
    beliefs: tuple[Belief, ...] = ()
    expected_verdicts: dict[str, ExpectedVerdict] = field(default_factory=dict)
    finding_words: dict[str, tuple[str, str]] = field(default_factory=dict)
    read: set[str] = field(default_factory=set, compare=False, hash=False, repr=False)

    def value(self, name: str) -> Any:
        self.read.add(name)
        return self.terms[name].value

    def section(self, name: str) -> str:
        return self.terms[name].section

    def __getattr__(self, name: str) -> Any:
        terms = self.__dict__.get("terms", {})
        if name in terms:
            self.__dict__["read"].add(name)
            return terms[name].value
        raise AttributeError(name)

    def __hash__(self) -> int:
        return hash((self.name, self.source))

    def own_threshold_holders(self) -> list[NamedHolder]:
        return [h for h in self.holders.values() if h.kind == "own_threshold"]

    def resolve_role(self, word: str) -> tuple[Role, str | None] | None:
        """A scenario's ``role:`` word as (kind of person, named holder key), or None if the plan has no such role."""
        if word in self.holders:
            return self.holders[word].role, word
        if word == EXEMPT_PERSON and self.exempt_persons is not None:
            return Role.NAMED_EXEMPT, None
        role = GENERIC_ROLES.get(word)
        return (role, None) if role is not None else None

    def role_word(self, role: Role) -> str:
        """The ``role:`` word a scenario of this plan writes for a person of this kind (the first such holder)."""
        for h in self.holders.values():
            if h.role is role:
                return h.key
        if role is Role.NAMED_EXEMPT and self.exempt_persons is not None:
            return EXEMPT_PERSON
        if role in (Role.OWN_THRESHOLD, Role.NAMED_EXEMPT):
            raise ValueError(f"plan {self.name} has no person of kind {role.value}")
        return role.value

    def close_of_business_words(self) -> str:
        """The Close of Business in words, from the term's "HH:MM Zone" value: "5:00 P.M. California time"."""
        clock, _, zone = str(self.terms["close_of_business"].value).partition(" ")
        hour, _, minute = clock.partition(":")
        h = int(hour)
        shown = f"{(h - 1) % 12 + 1}:{minute or '00'} {'P.M.' if h >= 12 else 'A.M.'}"
        return f"{shown} {_ZONE_WORDS.get(zone, zone.replace('_', ' ') + ' time')}"

    def display_name(self, word: str) -> str:
        """How explanations name a person of a ``role:`` word that is not ordinary ("Walden", "Employee Plan")."""
        if word in self.holders:
            return self.holders[word].name
        return word.replace("_", " ").title()

    def role_words(self) -> list[str]:
        """Every ``role:`` word a scenario under this plan may use."""
        extra = [EXEMPT_PERSON] if self.exempt_persons is not None else []
        return ["ordinary", *self.holders, *extra, "employee_plan", "subsidiary", "company"]

    @property
    def assumptions(self) -> dict[str, str]:
        """Every term the plan marks as an assumption: place in the file -> why."""
        out = {f"terms.{t.name}": t.assumption for t in self.terms.values() if t.assumption}
        for h in self.holders.values():
            for part in (h.threshold, h.ratchet):
                if part is not None and part.assumption:
                    out[f"named_holders.{h.key}.{part.name}"] = part.assumption
        if self.grandfathering is not None:
            for part in (self.grandfathering.date, self.grandfathering.threshold, self.grandfathering.allowance):
                if part.assumption:
                    out[f"grandfathering.{part.name}"] = part.assumption
        for part in (self.exempt_persons, self.security):
            if part is not None and part.assumption:
                out[part.name] = part.assumption
        if self.numbering_assumed:
            out["numbering"] = self.numbering_assumed
        return out

    def assumption_section(self, place: str) -> str:
        """The section of the term at ``place`` (a key of ``assumptions``), for citing the assumption."""
        head, _, rest = place.partition(".")
        if head == "terms":
            return self.terms[rest].section
        if head == "named_holders":
            holder = self.holders[rest.split(".")[0]]
            part = getattr(holder, rest.split(".")[1], None)
            return part.section if isinstance(part, Term) else holder.section
        if head == "grandfathering" and self.grandfathering is not None:
            return getattr(self.grandfathering, rest).section
        if head == "exempt_persons" and self.exempt_persons is not None:
            return self.exempt_persons.section
        if head == "security" and self.security is not None:
            return self.security.section
        return self.terms["acquiring_person_threshold"].section  # "numbering": the definitions section

    def assumptions_read(self) -> dict[str, str]:
        """The assumptions among the core terms read since ``read`` was last cleared, plus the structural ones."""
        out = {}
        for place, why in self.assumptions.items():
            if not place.startswith("terms.") or place[len("terms."):] in self.read:
                out[place] = why
        return out


def _convert(source: str, place: str, kind: type, raw: Any) -> Any:
    try:
        if kind is date:
            if not isinstance(raw, date):
                raise TypeError
            return raw
        if kind is Fraction:
            if isinstance(raw, bool) or not isinstance(raw, (int, str, Decimal)):
                raise TypeError
            value = Fraction(str(raw))
            if not 0 <= value <= 1:
                raise ValueError
            return value
        if kind is Decimal:
            return Decimal(str(raw))
        if kind is int:
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise TypeError
            return raw
        if not isinstance(raw, kind):
            raise TypeError
        return raw
    except (TypeError, ValueError, ArithmeticError):
        expected = "a fraction between 0 and 1, written as text (\"0.0499\")" if kind is Fraction else \
            f"a value of type {kind.__name__}"
        raise ScenarioError(source, place, raw, expected) from None


def _term(source: str, place: str, name: str, kind: type, entry: Any) -> Term:
    """One ``{value, section, words, assumption?}`` object of a terms file."""
    if not isinstance(entry, dict) or "value" not in entry:
        raise ScenarioError(source, place, entry, "a mapping with value, section and words")
    extra = sorted(str(k) for k in entry if k not in ("value", "section", "words", "assumption", "source"))
    if extra:
        raise ScenarioError(source, f"{place}.{extra[0]}", extra[0], "only value, section, words, source, assumption")
    section = entry.get("section")
    if not isinstance(section, str) or not is_well_formed(section):
        raise ScenarioError(source, f"{place}.section", section, "a citation such as 'Section 1(a)'")
    assumption = entry.get("assumption")
    if assumption is not None and (not isinstance(assumption, str) or not assumption.strip()):
        raise ScenarioError(source, f"{place}.assumption", assumption, "a sentence saying why the value is assumed")
    return Term(name, _convert(source, f"{place}.value", kind, entry["value"]), section,
                str(entry.get("words", "")), assumption)


def _mapping(source: str, place: str, raw: Any, allowed: tuple[str, ...]) -> dict:
    if not isinstance(raw, dict):
        raise ScenarioError(source, place, raw, "a mapping")
    extra = sorted(str(k) for k in raw if k not in allowed)
    if extra:
        raise ScenarioError(source, f"{place}.{extra[0]}", extra[0], "one of " + ", ".join(allowed))
    return raw


def _holder(source: str, key: Any, raw: Any) -> NamedHolder:
    place = f"named_holders.{key}"
    if not isinstance(key, str) or not key.isidentifier() or key in GENERIC_ROLES or key == EXEMPT_PERSON:
        raise ScenarioError(source, place, key, "a new role word (letters, digits, _), not a generic role")
    raw = _mapping(source, place, raw, ("name", "kind", "section", "words", "source", "names", "threshold", "ratchet"))
    kind = raw.get("kind")
    if kind not in HOLDER_KINDS:
        raise ScenarioError(source, f"{place}.kind", kind, "one of " + ", ".join(HOLDER_KINDS))
    section = raw.get("section")
    if not isinstance(section, str) or not is_well_formed(section):
        raise ScenarioError(source, f"{place}.section", section, "a citation such as 'Section 1(a)'")
    name = raw.get("name", key)
    if not isinstance(name, str) or not name:
        raise ScenarioError(source, f"{place}.name", name, "the holder's display name")
    threshold = ratchet = None
    if kind == "own_threshold":
        threshold = _term(source, f"{place}.threshold", "threshold", Fraction, raw.get("threshold"))
        if raw.get("ratchet") is not None:
            ratchet = _term(source, f"{place}.ratchet", "ratchet", Fraction, raw["ratchet"])
    else:
        for part in ("threshold", "ratchet"):
            if part in raw:
                raise ScenarioError(source, f"{place}.{part}", raw[part], "no threshold for an exempt holder")
    names = raw.get("names") or []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ScenarioError(source, f"{place}.names", names, "a list of the holder's legal names")
    return NamedHolder(key, name, kind, section, str(raw.get("words", "")), threshold, ratchet, tuple(names))


def _grandfathering(source: str, raw: Any) -> Grandfathering:
    raw = _mapping(source, "grandfathering", raw, ("date", "at_close", "threshold", "allowance"))
    at_close = raw.get("at_close", False)
    if not isinstance(at_close, bool):
        raise ScenarioError(source, "grandfathering.at_close", at_close, "true or false")
    return Grandfathering(_term(source, "grandfathering.date", "date", date, raw.get("date")), at_close,
                          _term(source, "grandfathering.threshold", "threshold", Fraction, raw.get("threshold")),
                          _term(source, "grandfathering.allowance", "allowance", Fraction, raw.get("allowance")))


def _text(source: str, place: str, raw: Any, expected: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ScenarioError(source, place, raw, expected)
    return raw


def _citation(source: str, place: str, raw: Any) -> str:
    if not isinstance(raw, str) or not is_well_formed(raw):
        raise ScenarioError(source, place, raw, "a citation such as 'Section 1(a)'")
    return raw


def _belief(source: str, place: str, raw: Any) -> Belief:
    """One entry of ``beliefs:``; the template's name and parameters are checked by the catalogue (proofs/)."""
    raw = _mapping(source, place, raw, ("id", "words", "section", "sections", "template", "parameters", "expect",
                                        "readings", "sentence"))
    bid = raw.get("id")
    if not isinstance(bid, str) or not bid.isidentifier():
        raise ScenarioError(source, f"{place}.id", bid, "an identifier (letters, digits, _)")
    sections = raw.get("sections")
    if not isinstance(sections, list) or not sections:
        raise ScenarioError(source, f"{place}.sections", sections, "a list of the citations the belief rests on")
    parameters = raw.get("parameters") or {}
    if not isinstance(parameters, dict) or not all(isinstance(k, str) for k in parameters):
        raise ScenarioError(source, f"{place}.parameters", parameters, "a mapping of the template's parameters")
    expect = raw.get("expect")
    if expect not in VERDICTS:
        raise ScenarioError(source, f"{place}.expect", expect, "one of " + ", ".join(VERDICTS))
    readings = raw.get("readings") or {}
    for name, value in (readings.items() if isinstance(readings, dict) else [(readings, None)]):
        if name not in READINGS or value not in READINGS[name].choices:
            raise ScenarioError(source, f"{place}.readings", name, "a mapping of reading switches to their values")
    sentence = raw.get("sentence")
    if sentence is not None:
        _text(source, f"{place}.sentence", sentence, "one plain sentence ending with a full stop")
    return Belief(bid, _text(source, f"{place}.words", raw.get("words"), "the summary's words, quoted"),
                  _citation(source, f"{place}.section", raw.get("section")),
                  tuple(_citation(source, f"{place}.sections[{k}]", c) for k, c in enumerate(sections)),
                  _text(source, f"{place}.template", raw.get("template"), "the name of a formula template"),
                  dict(parameters), expect, place, dict(readings), sentence)


def _beliefs(source: str, raw: Any) -> tuple[Belief, ...]:
    if not isinstance(raw, list):
        raise ScenarioError(source, "beliefs", raw, "a list of beliefs (id, words, section, template, ...)")
    out = [_belief(source, f"beliefs[{k}]", item) for k, item in enumerate(raw)]
    ids = [b.id for b in out]
    for b in out:
        if ids.count(b.id) > 1:
            raise ScenarioError(source, f"{b.place}.id", b.id, "an id no other belief of the plan has")
    return tuple(out)


def _expected_verdicts(source: str, raw: Any) -> dict[str, ExpectedVerdict]:
    if not isinstance(raw, dict):
        raise ScenarioError(source, "expected_verdicts", raw, "a mapping of property ids to {verdict, reason}")
    out = {}
    for pid, item in raw.items():
        place = f"expected_verdicts.{pid}"
        item = _mapping(source, place, item, ("verdict", "reason"))
        if item.get("verdict") not in VERDICTS:
            raise ScenarioError(source, f"{place}.verdict", item.get("verdict"), "one of " + ", ".join(VERDICTS))
        out[str(pid)] = ExpectedVerdict(item["verdict"], _text(source, f"{place}.reason", item.get("reason"),
                                                               "one line saying why this plan differs"), place)
    return out


def _finding_words(source: str, raw: Any) -> dict[str, tuple[str, str]]:
    if not isinstance(raw, dict):
        raise ScenarioError(source, "finding_words", raw, "a mapping of keys to {section, words}")
    out = {}
    for key, item in raw.items():
        place = f"finding_words.{key}"
        item = _mapping(source, place, item, ("section", "words"))
        out[str(key)] = (_citation(source, f"{place}.section", item.get("section")),
                         _text(source, f"{place}.words", item.get("words"), "the operative words, quoted"))
    return out


_TOP = ("name", "title", "company", "sources", "numbering_assumed", "terms", "named_holders", "grandfathering",
        "exempt_persons", "security", "beliefs", "expected_verdicts", "finding_words")


def plan_from_data(data: Any, source: str) -> PlanTerms:
    """Validate a parsed terms document and build PlanTerms from it."""
    if not isinstance(data, dict) or not isinstance(data.get("terms"), dict):
        raise ScenarioError(source, "terms", data if not isinstance(data, dict) else None, "a mapping of terms")
    _mapping(source, "", data, _TOP)
    raw_terms = data["terms"]
    unknown = sorted(str(k) for k in raw_terms if k not in _TERM_TYPES)
    if unknown:
        raise ScenarioError(source, f"terms.{unknown[0]}", unknown[0], f"one of {', '.join(_TERM_TYPES)}")
    terms = {name: _term(source, f"terms.{name}", name, kind, raw_terms.get(name)) for name, kind in _TERM_TYPES.items()}
    raw_holders = data.get("named_holders") or {}
    if not isinstance(raw_holders, dict):
        raise ScenarioError(source, "named_holders", raw_holders, "a mapping of role words to holders")
    holders = {key: _holder(source, key, raw) for key, raw in raw_holders.items()}
    grandfathering = _grandfathering(source, data["grandfathering"]) if data.get("grandfathering") else None
    exempt = None
    if data.get("exempt_persons") is not None:
        raw = _mapping(source, "exempt_persons", data["exempt_persons"], ("section", "words", "source", "assumption"))
        exempt = _term(source, "exempt_persons", "exempt_persons", bool, {"value": True, **raw})
    security = _term(source, "security", "security", str, data["security"]) if data.get("security") else \
        Term("security", "preferred_thousandths", terms["thousandths_per_right"].section, "")
    if security.value not in SECURITIES:
        raise ScenarioError(source, "security.value", security.value, "one of " + ", ".join(SECURITIES))
    if security.value == "common_shares":
        raise ScenarioError(source, "security.value", security.value,
                            "preferred_thousandths: the price provisions (Sections 7, 11, 13) are written for a Right "
                            "that buys one-thousandths of a Preferred Share; a Right that buys Common Shares is not "
                            "supported yet (docs/plans.md)")
    texts = {k: data.get(k) for k in ("name", "title", "company", "numbering_assumed")}
    for k, v in texts.items():
        if v is not None and not isinstance(v, str):
            raise ScenarioError(source, k, v, "text")
    return PlanTerms(texts["name"] or source, source, terms, holders, grandfathering, exempt, security,
                     texts["title"] or "", texts["company"] or "the Company", texts["numbering_assumed"],
                     _beliefs(source, data.get("beliefs") or []),
                     _expected_verdicts(source, data.get("expected_verdicts") or {}),
                     _finding_words(source, data.get("finding_words") or {}))


_cache: dict[str, PlanTerms] = {}


def shipped_plans() -> list[str]:
    """The names of the plans shipped in ``spec/plans/``."""
    folder = resources.files("rightsplan.spec.plans")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_plan(plan: str | Path = BUILTIN_PLAN, relative_to: Path | None = None) -> PlanTerms:
    """Load a shipped plan by name, or a terms file by path."""
    key = str(plan)
    if key in _cache:  # a shipped plan loaded before: no listing of the folder again
        return _cache[key]
    if key in shipped_plans():
        text = resources.files("rightsplan.spec.plans").joinpath(f"{key}.yaml").read_text()
        _cache[key] = plan_from_data(load_yaml_text(text, key), key)
        return _cache[key]
    path = Path(plan)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    return plan_from_data(load_yaml_file(path), str(path))
