"""Build ``sections.json``, the agreement's text cut at its Sections, subsections and Exhibits.

Run once when the agreement text changes::

    python -m rightsplan.spec.agreement.build /path/to/digitalthink-rights-agreement-2003.txt

A Section starts on a line "Section N." after the table of contents; a subsection on a line
"(a)", "(b)", ... "(aa)", ... that is the next letter in sequence (so Section 1's "(i)" is the
ninth definition, while "(i)" after "(a)" elsewhere is a clause of it and stays inside it).
A Section or Exhibit A paragraph counts only when it is the next number in sequence (so a
line "Section 3 hereof." is not a heading).  Exhibits start at "EXHIBIT A", "EXHIBIT B",
"EXHIBIT C"; Exhibit A's "Section N." paragraphs are its Sections "Exhibit A §N".
Page breaks ("<PAGE>", "-12-") are dropped.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from string import ascii_lowercase

HERE = Path(__file__).resolve().parent
OUT = HERE / "sections.json"

_SECTION = re.compile(r"^Section\s+(\d{1,2})\.\s")
_SUB = re.compile(r"^\s{0,6}\(([a-z]{1,2})\)\s")
_EXHIBIT = re.compile(r"^\s+EXHIBIT ([ABC])\s*$")
_NOISE = re.compile(r"^\s*(<PAGE>|-\s*\d+\s*-|[A-C]-\d+)\s*$")


def letters() -> list[str]:
    """Subsection labels in order: a..z, then aa, bb, ... zz."""
    return list(ascii_lowercase) + [c * 2 for c in ascii_lowercase]


def _body_start(lines: list[str]) -> int:
    """The first line of Section 1 itself (not its table-of-contents entry)."""
    return next(i for i, line in enumerate(lines) if _SECTION.match(line) and "meanings" in " ".join(lines[i:i + 2]))


def cut(text: str) -> dict[str, list[str]]:
    """Each citation ("Section 1(a)", "Section 23", "Exhibit C", "Exhibit A §2") with its lines."""
    lines = [line.rstrip() for line in text.splitlines() if not _NOISE.match(line)]
    parts: dict[str, list[str]] = {}
    section, sub, expected, exhibit, number = None, None, letters(), None, 1
    for line in lines[_body_start(lines):]:
        m, x = _SECTION.match(line), _EXHIBIT.match(line)
        if x:
            exhibit, section, sub, number = x.group(1), None, None, 1
            key = f"Exhibit {exhibit}"
        elif exhibit is None and m and int(m.group(1)) == number:
            section, sub, expected, number = m.group(1), None, letters(), number + 1
            key = f"Section {section}"
        elif exhibit is None and section and (s := _SUB.match(line)) and s.group(1) == expected[0]:
            sub, expected = s.group(1), expected[1:]
            key = f"Section {section}({sub})"
        elif exhibit == "A" and m and int(m.group(1)) == number:
            key, number = f"Exhibit A §{m.group(1)}", number + 1
        else:
            key = None
        if key is not None:
            parts.setdefault(key, [])
            current = key
        if exhibit is None and section is None:
            continue
        parts.setdefault(current, []).append(line)
        if exhibit == "A" and current != "Exhibit A":
            parts["Exhibit A"].append(line)
    return parts


def build(source: Path) -> dict[str, dict[str, str]]:
    """Citation -> {"anchor", "text"}; a Section's text is the text before its first subsection."""
    out = {}
    for key, body in cut(source.read_text(encoding="utf-8")).items():
        text = "\n".join(body).strip("\n")
        out[key] = {"anchor": anchor_of(key), "text": text}
    return out


def anchor_of(citation: str) -> str:
    """An HTML id for a citation: "Section 1(a)" -> "s-1a", "Exhibit A §2" -> "ex-a-2"."""
    if citation.startswith("Exhibit"):
        return "ex-" + re.sub(r"[^a-z0-9]+", "-", citation[8:].lower()).strip("-")
    return "s-" + re.sub(r"[^a-z0-9]", "", citation[8:].lower())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m rightsplan.spec.agreement.build AGREEMENT.txt", file=sys.stderr)
        return 2
    data = build(Path(argv[0]))
    OUT.write_text(json.dumps({"source": Path(argv[0]).name, "parts": data}, indent=1, ensure_ascii=False) + "\n")
    print(f"{OUT}: {len(data)} parts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
