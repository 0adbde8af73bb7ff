"""Null and void Rights (Section 7(e)).

"from and after the first occurrence of a Triggering Event, any Rights beneficially owned by
(i) an Acquiring Person or an Associate or Affiliate of an Acquiring Person ... shall become
null and void without any further action"

Each Acquiring Person remembers the holders whose Rights it made void, so that an
inadvertence cure (Section 1(a)(i): "shall not be deemed to be or to have become an
'Acquiring Person' for any purposes of this Agreement") takes back only what it caused.
Transferees (7(e)(ii)-(iv)) are out of scope: the vocabulary has no transfer of Rights.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

from .citations import cite

S_7E = cite("Section 7(e)")


class VoidRights:
    """The holders whose Rights are void, by the Acquiring Persons that made them so.

    The evaluator voids a unit's member list (``Ownership.members``), and the list is kept as
    given, not copied: a unit's list only grows (a join adds the other unit's members at its
    end), and a unit that joins an Acquiring Person's is voided again at the join
    (``_Engine.on_join_group``), so the list kept covers every member its Acquiring Person has
    had while it was one.  Voiding is then one entry per Acquiring Person: a group of 10,000
    that all become Acquiring Persons together costs 10,000 entries, not 10,000 x 10,000.
    """

    def __init__(self) -> None:
        self._voided: dict[str, dict[int, Sequence[str]]] = {}  # Acquiring Person -> the lists it voided, by id

    def void(self, acquiring_person: str, holders: Sequence[str]) -> None:
        """Void the Rights of these holders because of this Acquiring Person (``holders`` is kept, not copied)."""
        self._voided.setdefault(acquiring_person, {})[id(holders)] = holders

    def holders(self, live: Iterable[str]) -> list[str]:
        """Holders whose Rights are void, counting only causes among ``live`` Acquiring Persons."""
        lists: dict[int, Sequence[str]] = {}
        for ap in live:
            lists.update(self._voided.get(ap, {}))
        return sorted(set(chain.from_iterable(lists.values())))
