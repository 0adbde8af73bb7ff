"""Every combination of the calendar readings, every Business Day of 2003-2010: the model's clock against the reference.

    .venv/bin/python bench/model_calendar_check.py

For each of the 2^k combinations of the k two-valued calendar readings (solver/calendar_model.py
reads every switch of spec/calendar.py's CALENDAR_READINGS but trading_days), the model's Section
23(a) fifth day, a Z3 term evaluated by Z3 on each concrete index, is compared with
spec/redemption.py's deadline, and the model's Final Expiration index with the reference's
Close of Business on October 23, 2010.  tests/test_model_calendar.py checks the default calendar
in full and each reading alone on a sample; this is the full sweep (a few minutes).
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_model_calendar import END, PLAN, SWITCHES, _mismatches  # noqa: E402

from rightsplan.solver.calendar_model import model_calendar  # noqa: E402
from rightsplan.spec.calendar import BusinessCalendar  # noqa: E402
from rightsplan.spec.vocabulary import READINGS  # noqa: E402


def main() -> int:
    t0, days_checked, bad = time.perf_counter(), 0, 0
    for choices in itertools.product(*[READINGS[name].choices for name in SWITCHES]):
        readings = tuple(zip(SWITCHES, choices))
        days = model_calendar(readings)
        found = _mismatches(days, readings)
        final_ok = days.days[days.final] == BusinessCalendar(dict(readings)).close_of_business(PLAN.final_expiration_date)
        days_checked += sum(1 for d in days.days if d <= END)
        if found or not final_ok:
            bad += 1
            print(f"{readings}: {len(found)} fifth days differ (first {found[:1]}), final {'ok' if final_ok else 'WRONG'}")
    combos = 2 ** len(SWITCHES)
    print(f"{combos} calendars, {days_checked} Business Days checked, {bad} calendar(s) with a difference, "
          f"{time.perf_counter() - t0:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
