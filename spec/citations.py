"""Citations of the agreement, in a form the program can read and check.

Every rule, explanation, error and proof names the words it rests on with a
citation such as ``"Section 1(a)"``, ``"Section 11(a)(ii)"`` or
``"Exhibit A §2"``.  ``cite`` refuses a malformed citation, and one that names
a Section the agreement does not have, when the citing module loads.
"""

from __future__ import annotations

import re

from .errors import InternalError

# Sections 1-34 of the agreement; Exhibit A (Certificate of Designation, its own
# Sections 1-12), Exhibit B (form of Rights Certificate), Exhibit C (Summary of Rights).
_SECTION = re.compile(r"^Section (?P<num>[1-9]\d?)(?P<sub>(\([a-z]{1,2}\)|\((i|ii|iii|iv|v|vi)\)|\([A-F]\)|\([1-6]\))*)$")
_EXHIBIT = re.compile(r"^Exhibit (?P<ex>[ABC])( §(?P<num>[1-9]\d?)(\([a-c]\))?)?$")
_RULE = "Rule 13d-3(d)(1)(i)"
_STATUTE = re.compile(r"^(Cal\. Civ\. Code §7(\.1)?|N\.J\.S\.A\. 36:1-1(\.2)?|5 U\.S\.C\. §6103|12 U\.S\.C\. §95"
                      r"|N\.Y\. Gen\. Constr\. Law §24)$")


def is_valid(citation: str) -> bool:
    """True when the citation names a provision that exists in the agreement or a cited law."""
    m = _SECTION.match(citation)
    if m:
        return 1 <= int(m.group("num")) <= 34
    m = _EXHIBIT.match(citation)
    if m:
        num = m.group("num")
        return num is None or (m.group("ex") == "A" and 1 <= int(num) <= 12)
    return citation == _RULE or bool(_STATUTE.match(citation))


_ANY_SECTION = re.compile(r"^Section [1-9]\d?(\([a-z]{1,3}\)|\([ivx]{1,5}\)|\([A-Z]\)|\([1-9]\d?\))*$")
_ANY_EXHIBIT = re.compile(r"^Exhibit [A-Z]( §[1-9]\d?(\([a-z]\))?)?$")


def is_well_formed(citation: str) -> bool:
    """True when the citation has the shape of a section of *some* plan (a terms file's own numbering).

    Another plan may have a Section 35 or an Exhibit D; the rules themselves cite the built-in
    agreement and are held to ``is_valid``.
    """
    return bool(_ANY_SECTION.match(citation) or _ANY_EXHIBIT.match(citation)) or is_valid(citation)


def cite(citation: str) -> str:
    """Return the citation unchanged, or raise at import time if it is malformed."""
    if not is_valid(citation):
        raise InternalError(f"malformed or unknown citation {citation!r}")
    return citation
