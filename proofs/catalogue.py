"""The property catalogue: what the agreement guarantees, and what readers assume it does.

Every property is one function over a model step ``st`` (state ``st.s``, event ``st.e``,
next state ``st.s2``) that must be true at every step of every history.  The decorator
gives it an id, one plain sentence, the sections it rests on, an optional premise (which
must be reachable: a vacuous property fails the run) and the verdict we expect.
Properties marked ``belief`` state what a reader of the Summary of Rights (Exhibit C)
might believe; where the operative text does not support it the checker must find the
counterexample -- a finding for counsel, not a failure.

The properties live in ``proofs/properties/``, one module per part of the agreement
(``acquiring_person``, ``walden``, ``inadvertence``, ``triggering_event``,
``distribution_date``, ``redemption``, ``exchange``, ``expiration``, ``void_rights``),
and the key properties stated in their own words in ``proofs/independent.py``.  Importing
this module registers them all.  Write formulas with ``z = st.z`` (never ``import z3``)
so cvc5 can re-check them.
"""

from __future__ import annotations

# Importing them registers their properties, the provisions' first, then the ones in their own words.
from . import properties  # noqa: F401  isort: skip
from . import independent  # noqa: F401  isort: skip
from .registry import BY_ID, PROPERTIES, Formula, Property, prop

__all__ = ["BY_ID", "PROPERTIES", "Formula", "Property", "prop"]
