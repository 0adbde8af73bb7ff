"""Large solver terms built once and reused by substitution.

A term of a few hundred If terms (the calendar's Section 23(a) fifth day, or the properties' own
table of it) takes some 40 ms to build through the Python API, and every step of every engine
needs one: built once per solver API and key over a placeholder, it is substituted in well under
a millisecond.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable

_TEMPLATES: dict[tuple[str, Any], tuple[Any, Any]] = {}


def term_at(z: ModuleType, key: Any, build: Callable[[Any], Any], t: Any) -> Any:
    """``build(t)``: ``build`` runs once per solver API and (hashable) key, on a placeholder integer."""
    found = _TEMPLATES.get((z.__name__, key))
    if found is None:
        x = z.Int(f"template.t{len(_TEMPLATES)}")
        found = _TEMPLATES.setdefault((z.__name__, key), (x, build(x)))
    return z.substitute(found[1], (found[0], t))
