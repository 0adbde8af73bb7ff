"""Null and void Rights (Section 7(e)).

"from and after the first occurrence of a Triggering Event, any Rights beneficially owned by
(i) an Acquiring Person or an Associate or Affiliate of an Acquiring Person ... shall become
null and void without any further action"

Each void holder remembers which Acquiring Persons made its Rights void, so that an
inadvertence cure (Section 1(a)(i): "shall not be deemed to be or to have become an
'Acquiring Person' for any purposes of this Agreement") takes back only what it caused.
Transferees (7(e)(ii)-(iv)) are out of scope: the vocabulary has no transfer of Rights.
"""

from __future__ import annotations

from collections.abc import Iterable

from .citations import cite

S_7E = cite("Section 7(e)")


class VoidRights:
    def __init__(self) -> None:
        self._causes: dict[str, set[str]] = {}

    def void(self, acquiring_person: str, holders: Iterable[str]) -> list[str]:
        """Void the Rights of these holders because of this Acquiring Person; returns the newly void."""
        new = []
        for h in holders:
            causes = self._causes.setdefault(h, set())
            if not causes:
                new.append(h)
            causes.add(acquiring_person)
        return new

    def holders(self, live: Iterable[str] | None = None) -> list[str]:
        """Holders whose Rights are void, counting only causes among ``live`` Acquiring Persons."""
        if live is None:
            return sorted(h for h, c in self._causes.items() if c)
        keep = set(live)
        return sorted(h for h, c in self._causes.items() if c & keep)
