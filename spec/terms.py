"""Plan terms: every number, date and named person the rules use, with its section.

The built-in plan is ``digitalthink-2003`` (``spec/plans/digitalthink-2003.yaml``).
A scenario may name another terms file by path; it must define the same terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

from .citations import is_valid
from .errors import ScenarioError
from .yamlio import load_yaml_file, load_yaml_text

BUILTIN_PLAN = "digitalthink-2003"

# name -> python type the value must have after loading
_TERM_TYPES: dict[str, type] = {
    "agreement_date": date,
    "rights_dividend_declaration_date": date,
    "record_date": date,
    "final_expiration_date": date,
    "acquiring_person_threshold": Fraction,
    "walden_threshold": Fraction,
    "walden_ratchet_threshold": Fraction,
    "repurchase_deeming_threshold": Fraction,
    "grandfather_threshold": Fraction,
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


@dataclass(frozen=True)
class Term:
    name: str
    value: Any
    section: str
    words: str


@dataclass(frozen=True)
class PlanTerms:
    """The loaded terms of one plan: ``plan.value("walden_threshold")`` -> Fraction(1, 5)."""

    name: str
    source: str
    terms: dict[str, Term]
    named_persons: dict[str, dict[str, Any]]

    def value(self, name: str) -> Any:
        return self.terms[name].value

    def section(self, name: str) -> str:
        return self.terms[name].section

    def __getattr__(self, name: str) -> Any:
        terms = self.__dict__.get("terms", {})
        if name in terms:
            return terms[name].value
        raise AttributeError(name)


def _convert(source: str, name: str, raw: Any) -> Any:
    kind = _TERM_TYPES[name]
    place = f"terms.{name}.value"
    try:
        if kind is date:
            if not isinstance(raw, date):
                raise TypeError
            return raw
        if kind is Fraction:
            return Fraction(str(raw))
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
        raise ScenarioError(source, place, raw, f"a value of type {kind.__name__}") from None


def plan_from_data(data: Any, source: str) -> PlanTerms:
    """Validate a parsed terms document and build PlanTerms from it."""
    if not isinstance(data, dict) or not isinstance(data.get("terms"), dict):
        raise ScenarioError(source, "terms", data if not isinstance(data, dict) else None, "a mapping of terms")
    raw_terms = data["terms"]
    terms: dict[str, Term] = {}
    for name in _TERM_TYPES:
        entry = raw_terms.get(name)
        if not isinstance(entry, dict) or "value" not in entry:
            raise ScenarioError(source, f"terms.{name}", entry, "a mapping with value, section and words")
        section = entry.get("section")
        if not isinstance(section, str) or not is_valid(section):
            raise ScenarioError(source, f"terms.{name}.section", section, "a citation such as 'Section 1(a)'")
        terms[name] = Term(name, _convert(source, name, entry["value"]), section, str(entry.get("words", "")))
    unknown = sorted(set(raw_terms) - set(_TERM_TYPES))
    if unknown:
        raise ScenarioError(source, f"terms.{unknown[0]}", unknown[0], f"one of {', '.join(_TERM_TYPES)}")
    return PlanTerms(str(data.get("name", source)), source, terms, dict(data.get("named_persons") or {}))


_cache: dict[str, PlanTerms] = {}


def load_plan(plan: str | Path = BUILTIN_PLAN, relative_to: Path | None = None) -> PlanTerms:
    """Load the built-in plan by name, or a terms file by path."""
    key = str(plan)
    if key == BUILTIN_PLAN:
        if key not in _cache:
            text = resources.files("rightsplan.spec.plans").joinpath(f"{BUILTIN_PLAN}.yaml").read_text()
            _cache[key] = plan_from_data(load_yaml_text(text, BUILTIN_PLAN), BUILTIN_PLAN)
        return _cache[key]
    path = Path(plan)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    return plan_from_data(load_yaml_file(path), str(path))
