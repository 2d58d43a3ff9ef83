"""What a reader sees: the charts and the site in a real browser (headless Chromium), and the
chart's geometry in rsvg-convert (librsvg) against Chromium's.

Skipped, with the reason, where Chromium or rsvg-convert is not installed (Debian: `apt-get
install chromium librsvg2-bin`; .ci/run installs them when it can). Structural checks, not
pixel snapshots: positions of bars and ticks for known dates, overflow, requests, errors.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from alliances.chart import render_svg, treaty_chart
from alliances.loading import load
from alliances.query import Engine
from alliances.site import build_site

from .browser import Browser, find_chromium, read_png

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                                    "(Debian: apt-get install chromium)")
needs_rsvg = pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert is not "
                                "installed (Debian: apt-get install librsvg2-bin)")
A4_PRINT_WIDTH = 718  # 210 mm less two 10 mm margins, at 96 px per inch


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    b = Browser(CHROMIUM)
    yield b
    b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The whole bundled dataset as a site."""
    ds = load(env=False, cache=False)
    folder = tmp_path_factory.mktemp("site")
    build_site(ds, Engine(ds), folder)
    return folder


@pytest.fixture(scope="module")
def chart_file(tmp_path_factory, mini):
    path = tmp_path_factory.mktemp("chart") / "beta.svg"
    path.write_text(render_svg(treaty_chart(mini, Engine(mini), "beta", on=date(2010, 6, 1))),
                    encoding="utf-8")
    return path


# Tick lines and labels, and every bar part, as the browser lays them out (CSS pixels).
MEASURE = """(() => {
  const box = e => { const r = e.getBoundingClientRect();
                     return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                             mid: (r.left + r.right) / 2}; };
  const ticks = {};
  document.querySelectorAll("g.tick").forEach(g => {
    ticks[g.dataset.year] = {line: box(g.querySelector("line")).mid,
                             label: box(g.querySelector("text")).mid}; });
  const parts = [];
  document.querySelectorAll("g.row").forEach(row => {
    row.querySelectorAll("g.bar rect[class]").forEach(r => parts.push(
      {key: row.dataset.key, kind: r.getAttribute("class"), from: r.dataset.from,
       to: r.dataset.to, status: r.parentNode.dataset.status, ...box(r)})); });
  const marks = [...document.querySelectorAll("g.mark")].map(m => (
    {key: m.closest("g.row").dataset.key, kind: m.getAttribute("class"), date: m.dataset.date,
     ...box(m)}));
  return {ticks, parts, marks};
})()"""


def days(a: date, b: date) -> int:
    return (b - a).days


def expected_x(ticks: dict, day: date) -> float:
    """Where `day` falls on the axis the browser drew, from its first and last tick."""
    years = sorted(int(y) for y in ticks)
    y0, y1 = years[0], years[-1]
    x0, x1 = ticks[str(y0)]["line"], ticks[str(y1)]["line"]
    return x0 + (x1 - x0) * days(date(y0, 1, 1), day) / days(date(y0, 1, 1), date(y1, 1, 1))


def part(parts: list, key: str, start: str, kind: str = "certain") -> dict:
    return next(p for p in parts if p["key"] == key and p["from"] == start and p["kind"] == kind)


@needs_chromium
def test_chart_bars_sit_on_the_axis_at_their_dates(browser, chart_file):
    page = browser.page(1000)
    page.goto(chart_file.as_uri())
    m = page.js(MEASURE)
    assert page.errors() == [] and all(u.startswith("file:") for u in page.requests())
    assert len(m["ticks"]) >= 3
    for tick in m["ticks"].values():  # each year label centred on its tick
        assert abs(tick["label"] - tick["line"]) < 1.5
    # mini.yaml: DDD a member from 2005-05-05; AAA from 2000-01-01, suspended in 2024-02.
    for key, start in (("DDD", "2005-05-05"), ("AAA", "2000-01-01"), ("AAA", "2024-02-29")):
        left = part(m["parts"], key, start)["left"]
        assert abs(left - expected_x(m["ticks"], date.fromisoformat(start))) < 1.0, (key, start)
    notified = next(x for x in m["marks"] if x["kind"] == "mark m-withdrawal_notified")
    assert abs(notified["mid"] - expected_x(m["ticks"], date(2010, 1, 1))) < 1.0
    bar = part(m["parts"], "DDD", "2005-05-05")
    assert notified["bottom"] <= bar["top"] + 0.5  # above the bar, not over it
    page.close()


def _dark_runs(row: bytearray, bpp: int, lo: int, hi: int, limit: int = 110) -> list[float]:
    """Centres of runs of dark pixels in a row of a PNG, between x = lo and hi."""
    out, run = [], []
    for x in range(max(lo, 0), hi):
        px = row[x * bpp:x * bpp + 3]
        if max(px) < limit:
            run.append(x)
        elif run:
            out.append((run[0] + run[-1]) / 2)
            run = []
    if run:
        out.append((run[0] + run[-1]) / 2)
    return out


@needs_chromium
@needs_rsvg
def test_rsvg_draws_the_chart_with_chromium_s_geometry(browser, chart_file, tmp_path):
    import xml.etree.ElementTree as ET

    page = browser.page(1000)
    page.goto(chart_file.as_uri())
    m = page.js(MEASURE)
    page.close()
    png = tmp_path / "beta.png"
    subprocess.run(["rsvg-convert", str(chart_file), "-o", str(png)], check=True, timeout=60)
    width, _, rows, bpp = read_png(png.read_bytes())
    assert width == 720
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.parse(chart_file).getroot()
    tick_line = next(g for g in root.iter(f"{ns}g") if g.get("class") == "tick").find(f"{ns}line")
    y = int(float(tick_line.get("y1")) + 3)  # inside the tick marks, below the axis line
    drawn = _dark_runs(rows[y], bpp, 0, width, limit=200)  # a 1 px line may straddle two pixels
    chromium = sorted(t["line"] for t in m["ticks"].values())
    assert len(drawn) == len(chromium)
    assert all(abs(a - b) <= 1.0 for a, b in zip(drawn, chromium, strict=True))
    # the year labels: the middle of their ink within 2 px of the tick in both renderers
    label_top = int(float(tick_line.get("y2"))) + 3
    for year, tick in m["ticks"].items():
        xs = [x for yy in range(label_top, label_top + 10)
              for x in range(int(tick["line"]) - 20, int(tick["line"]) + 21)
              if max(rows[yy][x * bpp:x * bpp + 3]) < 110]
        assert xs, year
        assert abs((min(xs) + max(xs)) / 2 - tick["line"]) <= 2.0, year
    # the first blue pixel of DDD's member bar, where Chromium put the bar's left edge
    bar = part(m["parts"], "DDD", "2005-05-05")
    row = rows[int((bar["top"] + bar["bottom"]) / 2)]
    first = next(x for x in range(int(bar["left"]) - 10, width)
                 if abs(row[x * bpp] - 0x00) < 40 and abs(row[x * bpp + 2] - 0xB2) < 40
                 and abs(row[x * bpp + 1] - 0x72) < 40)
    assert abs(first - bar["left"]) <= 1.0


@needs_chromium
def test_site_treaty_page_shows_known_dates(browser, site):
    page = browser.page(1200)
    page.goto((site / "treaties" / "nato.html").as_uri())
    m = page.js(MEASURE)
    assert page.errors() == []
    assert all(u.startswith("file:") for u in page.requests()), page.requests()
    # Sweden joined NATO on 7 March 2024, Finland on 4 April 2023 (nato.int).
    for key, start in (("SWE", "2024-03-07"), ("FIN", "2023-04-04")):
        left = part(m["parts"], key, start)["left"]
        assert abs(left - expected_x(m["ticks"], date.fromisoformat(start))) < 1.0
    # France announced in March 1966 it would leave the integrated command, not NATO: a mark
    # above a bar that runs on through 1966.
    note = next(x for x in m["marks"] if x["key"] == "FRA" and x["date"].startswith("1966"))
    covering = [p for p in m["parts"] if p["key"] == "FRA" and p["left"] < note["mid"] < p["right"]]
    assert [p["status"] for p in covering] == ["member"]
    # a text alternative next to the chart
    assert page.js("document.querySelector('figure svg').getAttribute('role')") == "img"
    assert page.js("document.querySelector('#spans table tbody tr') !== null")
    page.close()


OVERFLOW = """(() => {
  const w = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter(
    e => e.getBoundingClientRect().right > w + 1 && !e.closest(".skip"));
  return {scroll: document.documentElement.scrollWidth, width: w,
          wide: wide.slice(0, 5).map(e => e.tagName + "." + e.className.baseVal + e.className)};
})()"""


@needs_chromium
@pytest.mark.parametrize("path", ["index.html", "treaties/nato.html", "states/RUS.html",
                                  "treaties/csto.html"])
@pytest.mark.parametrize("media,width", [("screen", 360), ("print", A4_PRINT_WIDTH)])
def test_no_horizontal_overflow_on_a_phone_or_a4(browser, site, path, media, width):
    page = browser.page(width, mobile=media == "screen")
    page.media(media)
    page.goto((site / path).as_uri())
    result = page.js(OVERFLOW)
    assert result["scroll"] <= width and result["wide"] == [], result
    assert page.errors() == []
    page.close()


@needs_chromium
def test_index_search_by_name_and_keyboard(browser, site):
    page = browser.page(1000)
    page.goto((site / "index.html").as_uri())
    assert page.errors() == [] and all(u.startswith("file:") for u in page.requests())
    page.key("Tab", "Tab", 9)
    assert page.js("document.activeElement.textContent") == "Skip to content"
    page.key("Tab", "Tab", 9)
    assert page.js("document.activeElement.tagName") == "A"  # the navigation comes next
    assert page.js("document.getElementById('search').hidden") is False  # the script ran
    page.js("document.getElementById('q').focus()")
    page.send("Input.insertText", {"text": "varsovie warsaw"[9:]})
    shown = page.js("[...document.querySelectorAll('#treaties + ul li')].filter(li => !li.hidden)"
                    ".map(li => li.querySelector('a').textContent)")
    assert "Warsaw Pact" in shown and "NATO" not in shown
    assert "match" in page.js("document.getElementById('search-status').textContent")
    page.close()


CONTRAST = """(() => {
  const lum = c => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number)
      .map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bad = [];
  document.querySelectorAll("body *").forEach(e => {
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) return;
    if (e.closest("svg") && !(e instanceof SVGTextElement)) return;
    const s = getComputedStyle(e);
    const colour = e instanceof SVGElement ? s.fill : s.color;
    const ratio = (1.05) / (lum(colour) + 0.05);
    if (ratio < 4.5) bad.push(e.tagName + ": " + colour + " " + ratio.toFixed(2));
  });
  return bad;
})()"""


@needs_chromium
@pytest.mark.parametrize("path", ["index.html", "treaties/nato.html", "states/ARM.html"])
def test_text_contrast_on_white_is_at_least_4_5(browser, site, path):
    page = browser.page(1000)
    page.goto((site / path).as_uri())
    assert page.js("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.js(CONTRAST) == []
    page.close()


def test_the_site_s_pages_are_all_there(site):
    assert (site / "index.html").is_file() and (site / "treaties" / "nato.html").is_file()
    assert len(list((site / "states").glob("*.html"))) >= 200
    assert sorted(p.suffix for p in Path(site, "downloads").iterdir()) == [
        ".csv", ".csv", ".csv", ".csv", ".yaml"]
