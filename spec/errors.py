"""The library's exceptions: one root, one for bad input, one for internal bugs."""

from __future__ import annotations


class RightsPlanError(Exception):
    """Root of every exception rightsplan raises on purpose."""


class ScenarioError(RightsPlanError, ValueError):
    """Bad input: a scenario, terms file or option that the contract does not allow.

    The message names the file, the place (``events[3].shares``), the value and
    what was expected, and the section when one applies.
    """

    def __init__(self, file: str, place: str, value: object, expected: str, section: str | None = None):
        self.file = file
        self.place = place
        self.value = value
        self.expected = expected
        self.section = section
        where = f"{file}: {place}" if place else file
        msg = f"{where}: got {value!r}; expected {expected}"
        if section:
            msg += f" ({section})"
        super().__init__(msg)


class InternalError(RightsPlanError):
    """A bug in rightsplan itself (never the user's input)."""
