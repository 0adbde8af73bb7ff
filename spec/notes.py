"""A determination: the section behind it and one plain sentence (the contract's ``explanations``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Note:
    """One determination, with the section behind it and one plain sentence."""

    index: int | None  # the event it belongs to; None for the start state
    section: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "section": self.section, "text": self.text}
