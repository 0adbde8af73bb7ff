"""Current Per Share Market Price (Section 1(j)): the average closing price over a Trading-Day window.

The scenario's ``prices`` give the closing price of a Common Share on each Trading Day, on
the share basis the market traded on that day.  A split changes that basis on its ex date
(an ``announce_split`` event's ``ex_date``, or else the ``split`` event's own date); prices
before the change are restated "to reflect the current market price per share equivalent".
The average is exact (a ``Fraction``); Section 11(d) decides where it is rounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

from .citations import cite
from .errors import ScenarioError

S_1J = cite("Section 1(j)")


class TradingCalendar(Protocol):
    def is_trading_day(self, d: date) -> bool: ...

    def trading_days_before(self, d: date, n: int) -> list[date]: ...


@dataclass(frozen=True)
class BasisChange:
    """A Common Share split as the market prices see it: from ``ex_date`` on, prices are new-for-old."""

    ex_date: date
    new: int
    old: int

    @property
    def factor(self) -> Fraction:
        """What a price quoted before the ex date is multiplied by (old/new) to be a post-split price."""
        return Fraction(self.old, self.new)


@dataclass(frozen=True)
class MarketPrice:
    """A Current Per Share Market Price with the days and restatements it rests on."""

    value: Fraction
    on: date
    window: tuple[date, ...]
    restated: tuple[tuple[date, Fraction], ...]  # (day, factor) for each closing price restated

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.on.isoformat(),
            "price": show_exact(self.value),
            "window": [self.window[0].isoformat(), self.window[-1].isoformat()],
            "trading_days": len(self.window),
        }


def show_exact(x: Fraction) -> str:
    """An exact decimal string when the fraction terminates, else 'p/q'."""
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return f"{x.numerator}/{x.denominator}"
    return format(Decimal(x.numerator) / Decimal(x.denominator), "f")


def basis_changes(events: Iterable[Any]) -> tuple[BasisChange, ...]:
    """The share-basis changes of the Common price series, from ``split`` and ``announce_split`` events.

    Section 1(j): "following the announcement by the issuer ... of ... any subdivision,
    combination or reclassification ... after the ex-dividend date ... or the record date"
    the price "shall be appropriately adjusted".  A ``split`` takes its ex date from the
    latest earlier ``announce_split`` of the same ratio not yet used, else its own date.
    """
    pending: list[Any] = []
    out: list[BasisChange] = []
    for e in events:
        if e.kind == "announce_split":
            pending.append(e)
        elif e.kind == "split":
            match = next((a for a in reversed(pending) if (a["new"], a["old"]) == (e["new"], e["old"])), None)
            if match is not None:
                pending.remove(match)
            out.append(BasisChange(match["ex_date"] if match is not None else e.date, e["new"], e["old"]))
    return tuple(out)


def restatement(day: date, on: date, changes: Sequence[BasisChange]) -> Fraction:
    """Factor that restates the closing price of ``day`` on the share basis current on ``on``."""
    factor = Fraction(1)
    for c in changes:
        if day < c.ex_date <= on:
            factor *= c.factor
    return factor


def current_per_share_market_price(
    on: date,
    prices: Mapping[date, Decimal],
    calendar: TradingCalendar,
    changes: Sequence[BasisChange] = (),
    days: int = 30,
    source: str = "<scenario>",
) -> MarketPrice:
    """Average of the closing prices for the ``days`` consecutive Trading Days before ``on``.

    Section 1(j): "the average of the daily closing prices per share of such Security for
    the thirty (30) consecutive Trading Days immediately prior to but not including such
    date" (ten (10) for Section 11(a)(iii)).  A price older than the window is never used.
    """
    window = tuple(calendar.trading_days_before(on, days))
    missing = [d for d in window if d not in prices]
    if missing:
        raise ScenarioError(
            source, "prices", [d.isoformat() for d in missing],
            f"closing prices for the {days} consecutive Trading Days before {on.isoformat()}", S_1J,
        )
    factors = [(d, restatement(d, on, changes)) for d in window]
    total = sum((Fraction(prices[d]) * f for d, f in factors), Fraction(0))
    return MarketPrice(total / days, on, window, tuple((d, f) for d, f in factors if f != 1))


def closing_price_before(
    on: date, prices: Mapping[date, Decimal], calendar: TradingCalendar, source: str = "<scenario>",
) -> tuple[date, Decimal]:
    """The closing price "for the Trading Day immediately prior to" ``on`` (Sections 14(b), 14(c)).

    The price is "determined pursuant to the second sentence of Section 1(j)": the day's
    last sale price as reported, which is the scenario's ``prices`` entry for that day.
    """
    (day,) = calendar.trading_days_before(on, 1)
    if day not in prices:
        raise ScenarioError(source, "prices", [day.isoformat()],
                            f"the closing price for the Trading Day before {on.isoformat()}", S_1J)
    return day, prices[day]


def splits_since(start: date, on: date, changes: Sequence[BasisChange]) -> Fraction:
    """Product of new/old for every split whose ex date is after ``start`` and on or before ``on``.

    Section 1(j) deems the Preferred price to be the Common price "as appropriately adjusted
    to reflect any stock split, stock dividend or similar transaction occurring after the
    date hereof, multiplied by (y) 1000".
    """
    factor = Fraction(1)
    for c in changes:
        if start < c.ex_date <= on:
            factor *= Fraction(c.new, c.old)
    return factor
