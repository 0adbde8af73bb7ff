"""YAML reading with exact decimals: ``10.05`` loads as ``Decimal("10.05")``, never a float."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .errors import ScenarioError


class _ExactLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader whose floats are Decimals built from the text as written."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    return Decimal(text)


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def load_yaml_text(text: str, source: str) -> Any:
    """Parse YAML (or JSON) text; a syntax error names the source and the line."""
    try:
        return yaml.load(text, Loader=_ExactLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(source, place, problem, "valid YAML or JSON") from None
    except ArithmeticError as exc:
        raise ScenarioError(source, "", str(exc), "numbers written as decimals") from None
    except (ValueError, TypeError) as exc:  # e.g. a date such as 2003-02-30, which the YAML reader builds
        raise ScenarioError(source, "", str(exc), "valid dates and values") from None


def load_yaml_file(path: Path) -> Any:
    """Read a scenario or terms file; a ``.json`` file takes the (much faster) JSON parser."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(str(path), "", exc.strerror or str(exc), "a readable scenario file") from None
    if path.suffix == ".json":
        try:
            return json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise ScenarioError(str(path), f"line {exc.lineno}", exc.msg, "valid JSON") from None
    return load_yaml_text(text, str(path))
