"""Charts: each person's ownership against its threshold over time, as an inline SVG string.

The chart shows what Section 1(a) compares: each Person's share of the Common Shares then
outstanding (with its Affiliates and Associates and its options, Section 1(d)) after every
event, beside the lines the plan draws -- its threshold (Acquiring Person), each named
holder's own threshold, and the exchange bar of Section 24(a) -- and the dates the report names
(Distribution Date, redemption deadline).  matplotlib is imported only when a chart is drawn,
and the SVG is made reproducible (fixed ids, no timestamp, text kept as text).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any



def plan_lines(plan: Any) -> tuple[tuple[Fraction, str], ...]:
    """The percentages a chart draws for a plan, each with its words (spec/terms.py)."""
    def label(x: Fraction, words: str) -> str:
        return f"{float(x * 100):g}%: {words}"
    lines = [(plan.acquiring_person_threshold, label(plan.acquiring_person_threshold,
                                                     f"Acquiring Person ({plan.section('acquiring_person_threshold')})"))]
    for h in plan.own_threshold_holders():
        lines.append((h.threshold.value, label(h.threshold.value, f"{h.name}" + (" before its ratchet" if h.ratchet else "")
                                               + f" ({h.threshold.section})")))
    bar = plan.exchange_bar_threshold
    lines.append((bar, label(bar, f"exchange barred ({plan.section('exchange_bar_threshold')})")))
    return tuple(lines)


@dataclass(frozen=True)
class Series:
    """One person's line: its name, its threshold in words, and (date, fraction owned) points."""

    name: str
    threshold: str
    points: tuple[tuple[date, Fraction], ...]


def _pct(x: Fraction) -> float:
    return float(x * 100)


NEAR = timedelta(days=90)  # a marked date further than this after the last event is named, not drawn to scale


def _span(series: list[Series], marks: list[tuple[str, date]]) -> tuple[date, date]:
    days = [d for s in series for d, _ in s.points] or [d for _, d in marks]
    lo, hi = min(days), max(days)
    hi = max([hi] + [d for _, d in marks if d - hi <= NEAR])
    pad = max(2, (hi - lo).days // 20)
    return lo - timedelta(days=pad), hi + timedelta(days=pad)


def ownership_svg(series: list[Series], marks: list[tuple[str, date]], title: str,
                  lines: tuple[tuple[Fraction, str], ...] = ()) -> str:
    """An SVG chart of each series as a step line, the threshold lines, and the marked dates."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.hashsalt": "rightsplan", "svg.fonttype": "none", "font.size": 9}):
        fig = Figure(figsize=(7.5, 3.8))
        ax = fig.add_subplot()
        lo, hi = _span(series, marks)
        top = max([_pct(f) for s in series for _, f in s.points] + [55.0])
        for level, label in lines:
            ax.axhline(_pct(level), color="#888888", linestyle="--", linewidth=0.8)
            ax.annotate(label, (lo, _pct(level)), xytext=(3, 2), textcoords="offset points", color="#555555",
                        fontsize=7)
        for s in series:
            xs = [d for d, _ in s.points] + [hi]
            ys = [_pct(f) for _, f in s.points] + [_pct(s.points[-1][1])]
            ax.step(xs, ys, where="post", linewidth=1.8, label=f"{s.name} ({s.threshold})")
            ax.plot(xs[:-1], ys[:-1], "o", markersize=3, color=ax.lines[-1].get_color())
        for k, (label, when) in enumerate(marks):
            text, at, shift = f"{label}\n{when:%a %b %-d, %Y}", when, 3
            if when > hi:  # far after the story: named at the right edge instead of squeezing the story
                text, at, shift = f"{label}: {when:%a %b %-d, %Y} (later, off the chart)", hi, -3
            else:
                ax.axvline(when, color="#b22222", linewidth=1, linestyle=":")
            ax.annotate(text, (at, top * (0.97 - 0.16 * k)), xytext=(shift, 0), textcoords="offset points",
                        color="#b22222", fontsize=7, va="top", ha="left" if shift > 0 else "right")
        ax.set_xlim(lo, hi)
        ax.set_ylim(0, top * 1.05)
        ax.set_ylabel("% of Common Shares outstanding")
        ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%a %b %-d\n%Y"))
        ax.set_title(title, fontsize=9)
        if series:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, fontsize=7, frameon=False)
        fig.autofmt_xdate()
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg"):]
