"""Charts (chart.py) and the static site (site.py), checked on their structure: which bars are
drawn for which days, labels, legend, caption, escaping, links. The browser tests
(test_browser.py) check what a reader sees."""

import re
import struct
import sys
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliances import __version__
from alliances.chart import MAX_LABEL, STYLES, chart_label, render_svg, state_chart, treaty_chart
from alliances.cli import app
from alliances.loading import load
from alliances.query import Engine
from alliances.site import build_site, page_names

from .conftest import FIXTURES
from .test_hostile import HOSTILE, hostile_dataset, refused_in

DATA = ["--no-bundled", "--data", str(FIXTURES / "states.yaml"), "--data", str(FIXTURES / "mini.yaml")]
SVG = "{http://www.w3.org/2000/svg}"
runner = CliRunner()


@pytest.fixture(scope="module")
def bundled():
    ds = load(env=False, cache=False)
    return ds, Engine(ds)


def parts_on(root, key: str, day: date) -> list[tuple[str, str]]:
    """(status, 'certain' or 'uncertain') of each bar part of row `key` drawn over `day`."""
    row = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "row" and g.get("data-key") == key)
    out = []
    for bar in row.iter(f"{SVG}g"):
        if "bar" not in (bar.get("class") or "").split():
            continue
        for rect in bar.iter(f"{SVG}rect"):
            kind = rect.get("class")
            if kind and date.fromisoformat(rect.get("data-from")) <= day < date.fromisoformat(
                    rect.get("data-to")):
                out.append((bar.get("data-status"), kind))
    return out


def test_treaty_chart_draws_each_status_over_its_own_days(mini, engine):
    # mini.yaml: DDD observer from 2001-03-01, member from 2005-05-05, withdrawal notified
    # 2010-01-01 effective 2011-01-01, left 2011-01-01.
    root = ET.fromstring(render_svg(treaty_chart(mini, engine, "beta")))
    assert parts_on(root, "DDD", date(2001, 2, 28)) == []
    assert parts_on(root, "DDD", date(2001, 3, 1)) == [("observer", "certain")]
    assert parts_on(root, "DDD", date(2005, 5, 4)) == [("observer", "certain")]
    assert parts_on(root, "DDD", date(2005, 5, 5)) == [("member", "certain")]
    assert parts_on(root, "DDD", date(2010, 1, 1)) == [("withdrawing", "certain")]
    assert parts_on(root, "DDD", date(2011, 1, 1)) == []
    # AAA: suspended in 2024-02 (the month only): the days of February are drawn uncertain,
    # the months either side solid.
    assert parts_on(root, "AAA", date(2024, 1, 31)) == [("member", "certain")]
    assert ("suspended", "uncertain") in parts_on(root, "AAA", date(2024, 2, 15))
    assert ("member", "certain") not in parts_on(root, "AAA", date(2024, 2, 15))
    assert parts_on(root, "AAA", date(2024, 4, 1)) == [("suspended", "certain")]
    assert parts_on(root, "AAA", date(2024, 6, 12)) == [("withdrawing", "certain")]


def test_notes_and_announcements_are_marks_not_gaps(mini, engine):
    root = ET.fromstring(render_svg(treaty_chart(mini, engine, "beta")))
    marks = {(g.get("class"), g.get("data-date")) for g in root.iter(f"{SVG}g")
             if (g.get("class") or "").startswith("mark ")}
    assert ("mark m-withdrawal_notified", "2010-01-01") in marks
    assert ("mark m-withdrawal_announced", "2024-06-12") in marks
    # the day of the announcement is still inside a bar
    assert parts_on(root, "AAA", date(2024, 6, 12)) != []


def test_bars_and_marks_have_hover_text_with_dates_status_and_source(mini, engine):
    root = ET.fromstring(render_svg(treaty_chart(mini, engine, "beta")))
    bars = [g for g in root.iter(f"{SVG}g") if "bar" in (g.get("class") or "").split()]
    assert bars and all(g.find(f"{SVG}title") is not None for g in bars)
    titles = [g.find(f"{SVG}title").text for g in bars]
    assert "Dorado in BO: observer from 2001-03-01 to 2005-05-05\nSource: https://example.org/beta" in titles
    assert any(t.startswith("Aland in BO: suspended from 2024-02 (month only) to 2024-06-12")
               for t in titles)


def test_title_axis_caption_and_on_line(mini, engine):
    chart = treaty_chart(mini, engine, "beta", on=date(2010, 6, 1), command="alliances timeline beta")
    svg = render_svg(chart)
    root = ET.fromstring(svg)
    shown = " ".join(root.itertext())
    assert "BO: members 1999–2026" in shown  # the axis runs from the signature's year
    assert "Year (ticks at 1 January)" in shown
    assert "Source: alliances " + __version__ + ", data as of 2026-11-01" in shown
    assert "alliances timeline beta" in shown
    on = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "on")
    assert on.get("data-date") == "2010-06-01" and "2010-06-01" in "".join(on.itertext())
    line = on.find(f"{SVG}line")
    r, g, b = (int(line.get("stroke")[i:i + 2], 16) for i in (1, 3, 5))
    assert r == g == b  # neutral: never one of the status colours
    ticks = [g.get("data-year") for g in root.iter(f"{SVG}g") if g.get("class") == "tick"]
    assert ticks and all(t.endswith("0") or t.endswith("5") for t in ticks)


def test_svg_is_self_contained_white_and_in_user_units(mini, engine):
    svg = render_svg(treaty_chart(mini, engine, "beta"), width=640)
    root = ET.fromstring(svg)
    assert root.get("width") == "640" and root.get("viewBox").startswith("0 0 640 ")
    assert not re.search(r"@import|@font-face|url\(['\"]?http|href=", svg)
    first_rect = root.find(f"{SVG}rect")  # the first drawn, under the definitions
    assert first_rect.get("fill") == "#FFFFFF" and first_rect.get("width") == "100%"
    assert "system-ui" in root.get("font-family")


def test_status_styles_differ_in_pattern_as_well_as_colour():
    # Greyscale keeps only lightness: each legend entry needs its own pattern (or outline).
    looks = {(pattern, colour == "#FFFFFF") for label, colour, pattern, _ in STYLES.values()}
    labels = {label for label, *_ in STYLES.values()}
    assert len(looks) == len(labels)
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                 "#000000", "#FFFFFF"}
    assert {colour for _, colour, _, _ in STYLES.values()} <= okabe_ito


def test_row_labels_are_short_whole_words_and_unique(bundled):
    ds, engine = bundled
    for t in ds.treaties.values():
        label = chart_label(t)
        assert len(label) <= MAX_LABEL + 1, label
        words = set(re.sub(r"\s*\(\d{4}\)$", "", t.label).replace(",", "").split())
        assert set(label.rstrip("…").replace(",", "").split()) <= words, (label, t.label)
    armenia_russia = ds.treaties["armenia-russia-1997"]
    assert chart_label(armenia_russia) == "Armenia-Russia Treaty"
    japan = state_chart(ds, engine, "JPN")
    labels = [r.label for r in japan.rows]
    assert "US-Japan Security Treaty (1951)" in labels and "US-Japan Security Treaty (1960)" in labels


def test_compare_chart_groups_rows_by_state_under_a_heading(tmp_path):
    out = tmp_path / "c.svg"
    result = runner.invoke(app, [*DATA, "compare", "eee", "ddd", "--svg", str(out)])
    assert result.exit_code == 0, result.stderr
    root = ET.parse(out).getroot()
    groups = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "group"]
    assert groups == ["Elbonia", "Dorado"]
    shown = " ".join(root.itertext())
    assert "alliances compare eee ddd" in shown


def test_html_output_is_a_page_with_the_chart_and_a_table(tmp_path):
    out = tmp_path / "c.html"
    result = runner.invoke(app, [*DATA, "timeline", "beta", "--html", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<table>" in page
    assert "<link" not in page  # the style is inline: the page stands alone


def test_png_and_pdf_say_how_to_get_the_converter_when_it_is_missing(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "cairosvg", None)  # import fails as if not installed
    result = runner.invoke(app, [*DATA, "timeline", "beta", "--png", str(tmp_path / "t.png")])
    assert result.exit_code == 1
    assert "pip install 'alliances[pictures]'" in result.stderr
    assert not (tmp_path / "t.png").exists()


def test_png_at_the_chosen_width(tmp_path):
    pytest.importorskip("cairosvg", reason="the 'pictures' extra (cairosvg) is not installed")
    out = tmp_path / "t.png"
    result = runner.invoke(app, [*DATA, "timeline", "beta", "--png", str(out), "--width", "500",
                                 "--pdf", str(tmp_path / "t.pdf")])
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", data[16:20])[0] == 500
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF")


def test_a_width_out_of_range_is_a_usage_error(tmp_path):
    result = runner.invoke(app, [*DATA, "timeline", "beta", "--svg", str(tmp_path / "t.svg"),
                                 "--width", "20"])
    assert result.exit_code == 2 and "--width 20" in result.stderr


# -- the site --------------------------------------------------------------------------------
class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.tags, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k in ("href", "src"):
                self.links.append(v)

    def handle_data(self, data):
        self.text.append(data)


def parsed(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_site_has_a_page_per_treaty_and_state_and_its_links_resolve(mini, engine, tmp_path):
    written = build_site(mini, engine, tmp_path / "site")
    root = tmp_path / "site"
    assert {p.name for p in (root / "treaties").iterdir()} == {f"{t}.html" for t in mini.treaties}
    assert {p.name for p in (root / "states").iterdir()} == {f"{s}.html" for s in mini.states}
    assert (root / "index.html") in written
    for page in root.rglob("*.html"):
        for link in parsed(page).links:
            if re.match(r"https?://", link):
                continue
            path, _, fragment = link.partition("#")
            target = (page.parent / path).resolve() if path else page
            assert target.is_file(), (page, link)
            if fragment:
                assert f'id="{fragment}"' in target.read_text(), (page, link)
    downloads = sorted(p.name for p in (root / "downloads").iterdir())
    assert f"alliances-{__version__}-dyad-year.csv" in downloads
    assert f"alliances-{__version__}-data.yaml" in downloads


def test_site_pages_hold_the_chart_events_and_allies(mini, engine, tmp_path):
    build_site(mini, engine, tmp_path)
    beta = (tmp_path / "treaties" / "beta.html").read_text()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in beta and 'role="img"' in beta
    assert "https://example.org/aaa-leaves" in beta  # the event's own source
    aland = parsed(tmp_path / "states" / "AAA.html")
    text = " ".join(aland.text)
    assert "Allies (defence)" in text and "Bolland" in text
    # Gamma: EEE suspended its obligations towards BBB on 1986-09-17; until then they were allied
    elbonia = (tmp_path / "states" / "EEE.html").read_text()
    row = re.search(r"<tr><td><a href=\"../states/BBB.html\">Bolland</a></td>.*?</tr>", elbonia)
    assert row and "1952-04-29" in row.group() and "1986-09-17" in row.group()


def test_site_escapes_every_data_text(tmp_path):
    ds = hostile_dataset()
    # (the exports' writers cannot write a lone surrogate: export.py's concern, not the pages')
    build_site(ds, Engine(ds), tmp_path, downloads=False)
    for page in [tmp_path / "index.html", tmp_path / "treaties" / "t1.html",
                 tmp_path / "states" / "AAA.html"]:
        raw = page.read_text(encoding="utf-8")
        assert refused_in(raw) == set()
        p = parsed(page)
        assert set(p.tags) <= {"html", "head", "meta", "title", "link", "body", "a", "header",
                               "nav", "main", "h1", "h2", "span", "dl", "dt", "dd", "br", "p",
                               "div", "table", "caption", "thead", "tbody", "tr", "th", "td",
                               "ul", "li", "label", "input", "footer", "code", "script",
                               "figure", "figcaption", "svg", "desc", "defs", "pattern",
                               "rect", "circle", "g", "text", "line", "path"}
        assert p.tags.count("script") == (1 if page.name == "index.html" else 0)
        assert "<&>" in "".join(p.text)
    assert HOSTILE[:3] == "<&>"


def test_page_names_are_safe_and_unique_ignoring_case():
    names = page_names(["nato", "NATO", "a/b", "..", "x y"])
    assert len({n.casefold() for n in names.values()}) == 5
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) for n in names.values())
    assert names["a/b"] == "a_b.html"


def test_site_refuses_a_file_for_a_folder(mini, engine, tmp_path):
    target = tmp_path / "f"
    target.write_text("x")
    result = runner.invoke(app, [*DATA, "site", str(target)])
    assert result.exit_code == 1 and "not a folder" in result.stderr
