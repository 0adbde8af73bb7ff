"""The agreement's own words, shipped with the package and cut at its Sections.

``sections.json`` is built once from the agreement text by ``build.py``.  ``words(citation)``
returns the text a citation such as "Section 1(a)(i)" or "Exhibit A §2" points to (the
nearest enclosing part the file holds: "Section 1(a)" for "Section 1(a)(i)"), and
``anchor(citation)`` the HTML id of that part, so that every output can show and link
the words behind each determination.  ``quote_found`` checks that a quotation with "..."
gaps really is in the cited text.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files

from ..citations import cite
from ..errors import InternalError

_TAIL = re.compile(r"\([^()]*\)$")


@lru_cache(maxsize=1)
def parts() -> dict[str, dict[str, str]]:
    """Every part of the agreement: citation -> {"anchor", "text"}, in the agreement's order."""
    raw = json.loads(files(__package__).joinpath("sections.json").read_text(encoding="utf-8"))
    return raw["parts"]


def part_of(citation: str) -> str:
    """The citation of the part holding a citation's words: "Section 11(a)(ii)" -> "Section 11(a)"."""
    key = cite(citation)
    table = parts()
    while key not in table:
        shorter = _TAIL.sub("", key)
        if shorter == key:
            if key.startswith("Exhibit A §"):
                return "Exhibit A"
            raise InternalError(f"{citation!r} is not in the shipped agreement text (spec/agreement/sections.json)")
        key = shorter
    return key


def words(citation: str) -> str:
    """The agreement's text for a citation (its enclosing Section or subsection)."""
    return parts()[part_of(citation)]["text"]


def anchor(citation: str) -> str:
    """The HTML id of the part holding a citation's words."""
    return parts()[part_of(citation)]["anchor"]


def flat(text: str) -> str:
    """Text with page layout removed: one space between words, and Exhibit C's right-hand column only."""
    return " ".join(text.split())


def _exhibit_c_body() -> str:
    """Exhibit C is set in two columns; its operative words are the right-hand column."""
    lines = words("Exhibit C").splitlines()
    return flat(" ".join(line[39:] if len(line) > 39 else "" for line in lines))


def quote_found(quote: str, citation: str) -> bool:
    """True when each "..."-separated piece of ``quote`` appears, in order, in the cited words."""
    body = _exhibit_c_body() if part_of(citation) == "Exhibit C" else flat(words(citation))
    body, at = body.lower().replace('"', ""), 0
    for piece in (flat(p).lower().replace('"', "").strip(" ,;.") for p in quote.split("...")):
        if not piece:
            continue
        found = body.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True
