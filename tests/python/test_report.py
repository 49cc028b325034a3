"""The caseload report (docs/report.md): midway.report() and `midway report`, opened in headless
Chromium (Debian `chromium` and `chromium-driver`, driven by selenium) and checked with axe-core
(`axe-selenium-python`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import midway
from docpages import run_python_blocks

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "caseload.json"
AS_OF = dt.date(2026, 11, 22)
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")


def report_html() -> str:
    return midway.report(midway.load_caseload(SAMPLE), as_of=AS_OF)


def test_the_command_and_the_function_give_the_same_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "midway", "report", str(SAMPLE), "--as-of", "2026-11-22", "--out", str(out)],
        capture_output=True, env=env, timeout=120, check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert out.read_text(encoding="utf-8") == report_html()


def test_no_childs_name_or_date_of_birth(tmp_path: Path) -> None:
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    event_dates = {e["date"] for case in doc["cases"] for e in case["events"]}
    births = []
    for index, case in enumerate(doc["cases"]):
        birth = dt.date(2012, 1, 1) + dt.timedelta(days=index)
        assert birth.isoformat() not in event_dates
        births.append(birth)
        case["personal"] = {"name": f"Secret Name {index}", "date_of_birth": birth.isoformat()}
    html = midway.report(midway.Caseload.from_json(json.dumps(doc)), as_of=AS_OF)
    assert "Secret Name" not in html
    for birth in births:
        for spelling in (birth.isoformat(), birth.strftime("%d/%m/%Y")):
            assert spelling not in html


def test_the_docs_page_example(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    ran, printed, _ = run_python_blocks("report.md")
    assert (ran, len(printed)) == (1, 1)


def test_repr_html_for_notebooks() -> None:
    caseload = midway.load_caseload(SAMPLE)
    case = caseload.cases[0]
    assert case._repr_html_().startswith('<table class="midway-case">')
    s = midway.schedule(case, as_of=AS_OF)
    html = s._repr_html_()
    assert html.startswith('<table class="midway-schedule">')
    assert s.next_review.explanation.split(":")[0] in html


# ---- in a real browser ----

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None, reason="needs Debian's chromium and chromium-driver (scripts/dev.sh installs them)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    assert CHROMIUM is not None
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(report_html(), encoding="utf-8")
    browser.get(path.as_uri())
    return browser


def png_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the raw scanlines (filter byte + RGBA or RGB) of a PNG, with zlib only."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, width, height, data = 8, 0, 0, b""
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        body = png[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            data += body
        at += 12 + length
    return width, height, zlib.decompress(data)


@needs_browser
def test_the_page_renders_something_not_blank(page: Any, tmp_path: Path) -> None:
    png = page.get_screenshot_as_png()
    width, height, raw = png_pixels(png)
    assert (width, height) >= (800, 600)
    # A blank page is one colour; the report has many (text, header, badges).
    assert len(set(raw[i : i + 3] for i in range(1, len(raw), 4 * 7))) > 20


@needs_browser
def test_the_expected_elements_are_in_the_dom(page: Any) -> None:
    cases = len(midway.load_caseload(SAMPLE).cases)
    script = "return [document.title, document.querySelectorAll('svg.timeline[role=img]').length, " \
             "document.querySelectorAll('section.case').length, document.querySelectorAll('svg desc').length, " \
             "document.querySelector('h1').textContent, document.scripts.length, " \
             "document.querySelectorAll('link, img, iframe').length]"
    title, timelines, sections, descs, h1, scripts, external = page.execute_script(script)
    assert title == "midway caseload report as of 2026-11-22"
    assert h1 == "Caseload report as of 2026-11-22"
    assert timelines == sections == descs == cases
    assert (scripts, external) == (0, 0)
    # Each timeline is drawn: it has a size on the page.
    sizes = page.execute_script("return [...document.querySelectorAll('svg.timeline')].map(s => s.getBoundingClientRect().width)")
    assert min(sizes) > 300


@needs_browser
def test_no_console_errors(page: Any) -> None:
    assert [entry for entry in page.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")] == []


@needs_browser
def test_keyboard_reaches_every_case(page: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    body = page.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    first = page.switch_to.active_element
    assert first.get_attribute("class") == "skip"  # the skip link comes first
    links = page.execute_script("return [...document.querySelectorAll('nav a')].map(a => a.getAttribute('href'))")
    assert len(links) == len(midway.load_caseload(SAMPLE).cases)
    for href in links:
        assert page.execute_script("return document.getElementById(arguments[0]) !== null", href[1:])


@needs_browser
def test_axe_finds_no_serious_violations(page: Any) -> None:
    axe_module = pytest.importorskip("axe_selenium_python")
    axe = axe_module.Axe(page)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]}})
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert results["passes"]  # it did check something (colour contrast among them)
    assert any(p["id"] == "color-contrast" for p in results["passes"])
