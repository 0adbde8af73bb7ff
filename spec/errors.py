"""The library's exceptions: one root, one for bad input, one for internal bugs."""

from __future__ import annotations

import reprlib
from collections.abc import Sequence

VALUE_WIDTH = 60
ERROR_LIMIT = 20

_short = reprlib.Repr()
_short.maxlevel, _short.maxdict, _short.maxlist, _short.maxtuple = 2, 4, 6, 6
_short.maxstring = _short.maxother = VALUE_WIDTH


def cut(value: object) -> str:
    """The value as a message shows it: its repr, at most VALUE_WIDTH characters, on one line."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"<an integer of about {int(value.bit_length() * 0.30103) + 1:,} digits>"
    text = _short.repr(value)
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 3] + "..."


def _one_line(text: str) -> str:
    return " ".join(text.split())


class RightsPlanError(Exception):
    """Root of every exception rightsplan raises on purpose."""


class ScenarioError(RightsPlanError, ValueError):
    """Bad input: a scenario, terms file or option that the contract does not allow.

    The message names the file, the place (``events[3].shares``, with its line and column
    when the reader knows them), the value (cut to a readable length) and what was
    expected, and the section when one applies.  It is always one line.
    """

    def __init__(
        self,
        file: str,
        place: str,
        value: object,
        expected: str,
        section: str | None = None,
        line: tuple[int, int] | None = None,
    ):
        self.file = file
        self.place = place
        self.value = value
        self.expected = expected
        self.section = section
        self.line = line
        where = f"{file}: {_one_line(place)}" if place else file
        if line is not None:
            where += f" (line {line[0]}, column {line[1]})"
        msg = f"{where}: got {cut(value)}; expected {_one_line(expected)}"
        if section:
            msg += f" ({section})"
        super().__init__(msg)


class UnreadableFileError(ScenarioError):
    """A file that cannot be opened or read at all (missing, a directory, no permission)."""


class ScenarioErrors(ScenarioError):
    """Several problems in one input, reported together: one line each, up to ERROR_LIMIT."""

    def __init__(self, errors: Sequence[ScenarioError], total: int):
        first = errors[0]
        super().__init__(first.file, first.place, first.value, first.expected, first.section, first.line)
        self.errors = list(errors)
        self.total = total
        lines = [str(e) for e in errors]
        if total > len(errors):
            lines.append(f"... and {total - len(errors):,} more")
        self.args = ("\n".join(lines),)

    def __str__(self) -> str:
        return self.args[0]


class InternalError(RightsPlanError):
    """A bug in rightsplan itself (never the user's input)."""
