"""Acceptance in a real browser: headless Chromium opens report.html and a scenario memo.

Each finding must show its chart (an <svg> the browser parsed), its why-sentence and the
agreement's quoted words; screenshots go to proofs/out/screenshots/ for a person to look at.
Skips, saying why, only when no Chromium binary is installed (.ci/run installs Debian's).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import quick_report
from rightsplan.spec import evaluate, load_scenario
from rightsplan.spec.memo import render

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "proofs" / "out" / "screenshots"
BROWSER = next((b for b in ("chromium", "chromium-headless-shell", "chromium-browser", "google-chrome")
                if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium binary on PATH (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def browse(page: Path, profile: Path, *extra: str) -> str:
    """Run headless Chromium on a local page; returns what it printed (the DOM for --dump-dom)."""
    proc = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def sections(dom: str) -> dict[str, str]:
    """Each finding's <section>, by id, from the DOM the browser built."""
    return dict(re.findall(r'<section id="(belief_[a-z0-9_]+)">(.*?)</section>', dom, flags=re.S))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """report.html of the quick run the report tests share (tests/quick_report.py)."""
    code, folder = quick_report.run(tmp_path_factory.getbasetemp() / "quick-run")
    assert code == 0
    return folder / "report.html"


def test_every_finding_in_the_report_has_its_chart_reason_and_quoted_words(report: Path, tmp_path: Path) -> None:
    dom = browse(report, tmp_path / "profile", "--dump-dom")
    found = sections(dom)
    assert set(found) == {"belief_rights_expire_october_23_2010", "belief_every_15_percent_holder_acquiring"}
    for name, body in found.items():
        assert "<svg" in body, name
        assert re.search(r'<div class="why"><p><strong>Why it fails\.</strong> \w', body), name
        assert re.search(r'<span class="quote">“[^”]{20,}”</span>', body), name
        anchors = re.findall(r'href="#(s-[0-9a-z]+)"', body)
        assert anchors and all(f'id="{a}"' in dom for a in anchors), name
    SHOTS.mkdir(parents=True, exist_ok=True)
    browse(report, tmp_path / "profile", "--window-size=1200,4000", f"--screenshot={SHOTS / 'report.png'}")
    assert (SHOTS / "report.png").stat().st_size > 10_000


def test_a_scenario_memo_shows_its_answers_and_chart(tmp_path: Path) -> None:
    ev = evaluate(load_scenario(ROOT / "examples" / "buyback-then-one-more-share.yaml"), snapshots=True)
    page = tmp_path / "memo.html"
    page.write_text(render(ev, "html"))
    dom = browse(page, tmp_path / "profile", "--dump-dom")
    assert dom.count("<svg") == 1 and "The answers" in dom and "acme, since Monday, June 9, 2003" in dom
    SHOTS.mkdir(parents=True, exist_ok=True)
    browse(page, tmp_path / "profile", "--window-size=1000,1800", f"--screenshot={SHOTS / 'memo.png'}")
    assert (SHOTS / "memo.png").stat().st_size > 10_000
