"""The property catalogue by part of the agreement: importing this package registers every property.

One module per Section or group of Sections, each with the Summary of Rights (Exhibit C)
beliefs beside the provisions they concern.  The order of the imports is the order of the
report's table: Section 1(a) first, then the dates, the Board's actions, expiration and
void Rights; last, the final result under the retroactive cure of Section 1(a)(i).
"""

from . import (  # noqa: F401
    acquiring_person, named_holder, inadvertence, triggering_event, distribution_date, redemption, exchange, expiration,
    void_rights, retroactive_cure,
)
