"""History operators (past-time temporal logic) compiled into monitor state: once, previously, since, historically.

A property reads one step ``st`` = (``s``, ``e``, ``s2``).  To say something about the steps
before it ("once anyone other than the Company ... has held 50%, no exchange is ever effective
again", Section 24(a)) it declares a *history*: a Bool field of every state, named
``history_<name>``, set at the initial state and updated by every transition.  So bounded
search, induction and the cvc5 re-check all read it, with no field written by hand.

Semantics.  A history is the run ``s0 --e0--> s1 --e1--> s2 ...``; step ``j`` is the triple
(``s_j``, ``e_j``, ``s_{j+1}``), and the formulas ``f``, ``g`` are evaluated over steps, so
they may read the state before, the event and the state after.  At step ``k``:

- ``once(f)``: ``f`` held at some step ``j <= k`` (this one included);
- ``historically(f)``: ``f`` held at every step ``j <= k``;
- ``since(f, g)``: ``g`` held at some step ``j <= k``, and ``f`` at every step after ``j`` up to ``k``;
- ``previously(f)``: ``k >= 1`` and ``f`` held at step ``k - 1`` (false at the first step).

The field in state ``s_k`` holds the operator's value over steps ``0 .. k-1`` (at ``s0``:
false, except ``historically``, true), and step ``k`` sets it in ``s_{k+1}``:
``once' = once or f``, ``historically' = historically and f``, ``since' = g or (f and since)``,
``previously' = f``.  ``once``, ``historically`` and ``since`` are therefore read in ``st.s2``,
``previously`` in ``st.s``.

Induction leaves the field free in ``s`` (sound: every reachable value is among the values
tried), so a proof that needs to know what it means declares a ``lemma`` linking it to the
state; the lemma is a Houdini candidate like any other (solver/invariants.py), kept only if
it holds initially and is inductive.  Declare histories at module level (an operator made
inside a formula would be a new field at every call); a name may be declared once.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable

from rightsplan.spec.citations import cite

from .model import HISTORY_FIELDS, Config, Named, Vars, named

if TYPE_CHECKING:
    from .step import Step

Formula = Callable[["Step"], Any]
Lemma = Callable[[ModuleType, Config, list[Any], Vars], Any]
KINDS = ("once", "historically", "since", "previously")


@dataclass(frozen=True, eq=False)
class History:
    """One declared history operator: its kind, its formulas, and the provision it follows."""

    name: str
    kind: str
    f: Formula
    g: Formula | None
    section: str

    @property
    def field(self) -> str:
        return f"history_{self.name}"

    def at(self, state: Vars) -> Any:
        """The field in one state: the value over the steps before that state."""
        return state.bools[self.field]

    def __call__(self, st: "Step") -> Any:
        """The operator's value at this step."""
        return self.at(st.s if self.kind == "previously" else st.s2)

    def start(self, z: ModuleType) -> Any:
        """The value at the initial state, before any step: only ``historically`` starts true."""
        return z.BoolVal(self.kind == "historically")

    def update(self, st: "Step") -> Any:
        """The value after this step, from the value before it and ``f`` (and ``g``) at this step."""
        z, before = st.z, self.at(st.s)
        if self.kind == "once":
            return z.Or(before, self.f(st))
        if self.kind == "historically":
            return z.And(before, self.f(st))
        if self.kind == "since":
            assert self.g is not None
            return z.Or(self.g(st), z.And(self.f(st), before))
        return self.f(st)


HISTORIES: dict[str, History] = {}
LEMMAS: dict[str, Lemma] = {}
LEMMA_SECTIONS: dict[str, tuple[str, ...]] = {}


def _declare(kind: str, f: Formula, g: Formula | None, name: str | None, section: str) -> History:
    label = name or getattr(f, "__name__", "<lambda>")
    if not label.isidentifier() or label == "<lambda>":
        raise ValueError(f"history {kind}({label}): expected name= a Python identifier (a lambda has no name of its own)")
    if label in HISTORIES:
        raise ValueError(f"history {label!r} is already declared ({HISTORIES[label].kind}); expected a new name")
    h = History(label, kind, f, g, cite(section))
    HISTORIES[label] = h
    HISTORY_FIELDS.append(h.field)
    return h


def once(f: Formula, *, name: str | None = None, section: str) -> History:
    """``f`` held at some step up to and including this one."""
    return _declare("once", f, None, name, section)


def historically(f: Formula, *, name: str | None = None, section: str) -> History:
    """``f`` held at every step up to and including this one."""
    return _declare("historically", f, None, name, section)


def since(f: Formula, g: Formula, *, name: str | None = None, section: str) -> History:
    """``g`` held at some step up to this one, and ``f`` at every step after it."""
    return _declare("since", f, g, name, section)


def previously(f: Formula, *, name: str | None = None, section: str) -> History:
    """``f`` held at the step before this one (false at the first step)."""
    return _declare("previously", f, None, name, section)


def lemma(name: str, sections: tuple[str, ...], invariant: Lemma) -> None:
    """A Houdini candidate about histories (kept only if it holds initially and is inductive)."""
    if name in LEMMAS:
        raise ValueError(f"lemma {name!r} is already declared; expected a new name")
    LEMMAS[name] = invariant
    LEMMA_SECTIONS[name] = tuple(cite(s) for s in sections)


def forget(*histories: History) -> None:
    """Remove declared histories (and no others): for tests that declare their own."""
    for h in histories:
        if HISTORIES.get(h.name) is h:
            del HISTORIES[h.name]
            HISTORY_FIELDS.remove(h.field)


def starts(z: ModuleType, s: Vars) -> list[Named]:
    """Every declared history at the initial state."""
    return [named(h.section, f"{h.field}_start", h.at(s) == h.start(z)) for h in HISTORIES.values()]


def steps(st: "Step") -> list[Named]:
    """Every declared history after one step."""
    return [named(h.section, h.field, h.at(st.s2) == h.update(st)) for h in HISTORIES.values()]
