"""A static website of the dataset: one page per treaty and per state, an index with search by
name, and the exports to download.

Plain HTML and CSS with one small script (the index's search box; without it every name is
listed); relative links only, so the folder works opened from the file system and from any static
host; nothing is fetched from the network. Every chart is inline SVG (chart.py) with a title, a
description and a table of the same facts beside it. All data text is escaped (`chart.text`).
Every file is written with atomic.atomic_write.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from . import __version__
from .atomic import atomic_write
from .chart import Chart, date_text, render_svg, state_chart, text, treaty_chart
from .errors import OutputError
from .events import KINDS
from .model import Dataset, Event, State, Treaty
from .query import Engine, in_force_from

__all__ = ["build_site", "chart_page", "page_names"]

CSS = """\
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #d0d0d0; --link: #0b57a3;
  --focus: #b35900; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 62rem; padding: 0 1rem 2rem; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  "Liberation Sans", sans-serif; overflow-wrap: anywhere; }
a { color: var(--link); }
a:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid var(--focus);
  outline-offset: 2px; }
.skip { position: absolute; left: -100vw; }
.skip:focus { position: static; display: inline-block; padding: .25rem .5rem; }
header nav { padding: .75rem 0; border-bottom: 1px solid var(--line); }
header nav a { margin-right: .75rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 .5rem; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; }
dl.facts { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
figure { margin: 1rem 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .875rem; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem .3rem 0;
  border-bottom: 1px solid var(--line); }
th { font-weight: 600; }
td.date { white-space: nowrap; }
td, th { overflow-wrap: anywhere; }
@media (max-width: 30rem) {
  table { table-layout: fixed; }
  td.date { white-space: normal; }
}
.muted { color: var(--muted); }
ul.names { columns: 16rem; padding-left: 1.2rem; }
ul.names li { break-inside: avoid; }
.search { margin: 1rem 0; }
.search input { font: inherit; padding: .4rem .5rem; width: 100%; max-width: 24rem;
  border: 1px solid #767676; border-radius: 4px; }
footer { margin-top: 2rem; padding-top: .75rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: .875rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  header nav, .search, .skip { display: none; }
  a { color: inherit; }
  .table-wrap { overflow: visible; }
  figure, tr { break-inside: avoid; }
}
"""

# The index's search: hides the names that do not match what is typed (case and accents
# ignored). Without JavaScript the box stays hidden and every name is listed.
SEARCH_JS = """\
(function () {
  var box = document.getElementById("search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  if (!box || !input) { return; }
  box.hidden = false;
  function fold(s) { return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase(); }
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-names]"));
  var keys = items.map(function (li) { return fold(li.getAttribute("data-names")); });
  input.addEventListener("input", function () {
    var q = fold(input.value.trim());
    var shown = 0;
    items.forEach(function (li, i) {
      var hit = !q || keys[i].indexOf(q) !== -1;
      li.hidden = !hit;
      if (hit) { shown += 1; }
    });
    status.textContent = q ? shown + " of " + items.length + " names match" : "";
  });
})();
"""


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", name) or "_"


def page_names(keys: list[str]) -> dict[str, str]:
    """A file name for each key (a treaty id, a state code), unique even where the file system
    ignores case, and made only of letters, digits, '.', '_' and '-'."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for key in keys:
        base = _slug(key)
        name, n = base, 1
        while name.casefold() in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name.casefold())
        out[key] = name + ".html"
    return out


class _Site:
    def __init__(self, ds: Dataset, engine: Engine, folder: Path):
        self.ds = ds
        self.engine = engine
        self.folder = folder
        self.treaty_pages = page_names(list(ds.treaties))
        self.state_pages = page_names(list(ds.states))
        as_of = f"data as of {ds.as_of}" if ds.as_of else "data without an as-of date"
        self.footer = f"alliances {__version__}, {as_of}"
        self.written: list[Path] = []

    # -- links -------------------------------------------------------------------------------
    def treaty_link(self, tid: str, up: str = "../", label: str | None = None) -> str:
        t = self.ds.treaties.get(tid)
        shown = label if label is not None else (t.label if t else tid)
        if tid not in self.treaty_pages:
            return text(shown)
        return f'<a href="{up}treaties/{text(self.treaty_pages[tid])}">{text(shown)}</a>'

    def state_link(self, code: str, up: str = "../", first: date | None = None,
                   last: date | None = None) -> str:
        """A link to a state's page, named as the state was from `first` to `last` (a member
        of the German Confederation is Prussia), or by its present name without them."""
        s = self.ds.states.get(code)
        if s is None:
            return text(code)
        name = s.name_on(first, last)
        return f'<a href="{up}states/{text(self.state_pages[code])}">{text(name)}</a>'

    def name(self, code: str) -> str:
        return self.ds.states[code].name if code in self.ds.states else code

    # -- writing -----------------------------------------------------------------------------
    def write(self, relative: str, content: str) -> None:
        path = self.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as out:
            out.write(content)
        self.written.append(path)

    def page(self, relative: str, title: str, body: str, up: str = "../") -> None:
        self.write(relative, _page(title, body, self.footer, up))


def _page(title: str, body: str, footer: str, up: str, script: str = "") -> str:
    nav = (f'<a href="{up}index.html">alliances</a><a href="{up}index.html#treaties">Treaties</a>'
           f'<a href="{up}index.html#states">States</a>'
           f'<a href="{up}index.html#downloads">Downloads</a>')
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n"
        f'<link rel="stylesheet" href="{up}style.css">\n</head>\n<body>\n'
        '<a class="skip" href="#main">Skip to content</a>\n'
        f'<header><nav aria-label="Site">{nav}</nav></header>\n'
        f'<main id="main">\n{body}\n</main>\n'
        f"<footer>Source: {text(footer)}. Written by <code>alliances site</code>.</footer>\n"
        f"{script}</body>\n</html>\n"
    )


def _table(head: list[str], rows: list[list[str]], caption: str) -> str:
    """A table of cells already escaped (they may hold links)."""
    if not rows:
        return '<p class="muted">None in the data.</p>'
    th = "".join(f'<th scope="col">{text(h)}</th>' for h in head)
    body = "\n".join("<tr>" + "".join(
        f'<td class="date">{c[5:]}</td>' if c.startswith("DATE:") else f"<td>{c}</td>"
        for c in row) + "</tr>" for row in rows)
    return (f'<div class="table-wrap"><table>\n<caption class="muted" style="text-align:left">'
            f"{text(caption)}</caption>\n<thead><tr>{th}</tr></thead>\n<tbody>\n{body}\n</tbody>"
            "</table></div>")


def _d(d) -> str:
    """A date cell (kept on one line)."""
    return "DATE:" + text(date_text(d) if d is not None else "")


def _url(url: str) -> str:
    """A source address as a link when it is a web address, else as text."""
    if re.match(r"https?://", url):
        return f'<a href="{text(url)}" rel="external noreferrer">{text(url)}</a>'
    return text(url)


def _sources(sources) -> str:
    return "<br>".join(_url(s.url) + (f" ({text(s.title)})" if s.title else "") for s in sources)


def _figure(chart: Chart, svg: str, alt_table_id: str) -> str:
    inner = svg.replace('<?xml version="1.0" encoding="utf-8"?>\n', "")
    return (f'<figure aria-describedby="{alt_table_id}-note">\n{inner}'
            f'<figcaption id="{alt_table_id}-note">{text(chart.description)} The same facts are '
            f'in the table <a href="#{alt_table_id}">below</a>; hover over a bar for its dates '
            f"and source. {text(chart.caption)}.</figcaption>\n</figure>")


def _facts(items: list[tuple[str, str]]) -> str:
    return '<dl class="facts">' + "".join(
        f"<dt>{text(k)}</dt><dd>{v}</dd>" for k, v in items if v) + "</dl>"


def _event_cells(site: _Site, ev: Event, up: str, with_treaty: bool, with_state: bool) -> list[str]:
    what = KINDS[ev.kind].label
    if ev.effective:
        what += f" (effective {date_text(ev.effective)})"
    if ev.towards:
        what += " towards " + ", ".join(site.name(c) for c in ev.towards)
    treaty = site.ds.treaties[ev.treaty]
    source = ev.sources[0].url if ev.sources else (treaty.sources[0].url if treaty.sources else "")
    cells = [_d(ev.date)]
    if with_treaty:
        cells.append(site.treaty_link(ev.treaty, up))
    if with_state:
        cells.append(site.state_link(ev.state, up, ev.date.earliest, ev.date.latest))
    own = "" if ev.sources else ' <span class="muted">(the treaty\'s)</span>'
    cells += [text(what), text(ev.note or ""), (_url(source) + own) if source else ""]
    return cells


def _treaty_page(site: _Site, t: Treaty) -> None:
    ds, engine = site.ds, site.engine
    chart = treaty_chart(ds, engine, t.id, command=f"alliances timeline {t.id}")
    svg = render_svg(chart)
    facts = _facts([
        ("Kind", text(t.kind)),
        ("Obligations", text(", ".join(t.obligations) or "none")),
        ("Signed", text(date_text(t.signed))),
        ("In force", text(date_text(in_force_from(t))) + ("" if t.in_force else
                                                          " (from its signature)")),
        ("Ended", text(date_text(t.ended)) if t.ended else "still in force in the data"),
        ("Predecessor", site.treaty_link(t.predecessor) if t.predecessor else ""),
        ("Successor", site.treaty_link(t.successor) if t.successor else ""),
    ])
    about = _facts([
        ("Name", text(t.name)),
        ("Also called", text(", ".join(t.aliases))),
        ("Identifier", f"<code>{text(t.id)}</code>"),
        ("ATOP ids", text(", ".join(map(str, t.atop_ids)))),
        ("COW ids", text(", ".join(map(str, t.cow_ids)))),
        ("Note", text(t.note or "")),
        ("Sources", _sources(t.sources)),
    ])
    spans = []
    for code in sorted(t.members, key=lambda c: (min((e.date.earliest for e in t.members[c]),
                                                     default=date.max), c)):
        for seg in engine.segments(t.id, code):
            status = seg.status + (f"; withdrawal {seg.withdrawal} {date_text(seg.withdrawal_date)}"
                                   if seg.withdrawal else "")
            last = seg.end.earliest - timedelta(days=1) if seg.end else None
            spans.append([site.state_link(code, "../", seg.start.earliest, last), text(status),
                          _d(seg.start),
                          _d(seg.end) if seg.end else "DATE:"])
    events = sorted(t.events(), key=lambda e: (e.date.earliest, e.date.latest, e.state, e.order))
    body = (
        f"<h1>{text(t.label)}" + (f' <span class="muted">— {text(t.name)}</span>'
                                  if t.label != t.name else "") + "</h1>\n"
        + facts
        + "\n<h2>Members and statuses over time</h2>\n" + _figure(chart, svg, "spans")
        + "\n" + '<div id="spans">' + _table(
            ["State", "Status", "From", "Until"], spans,
            f"Each state’s statuses in {t.label}, from the first day to the day it ended "
            "(exclusive)") + "</div>"
        + "\n<h2>About the treaty</h2>\n" + about
        + "\n<h2>Dated events</h2>\n"
        + _table(["Date", "State", "Event", "Note", "Source"],
                 [_event_cells(site, ev, "../", False, True) for ev in events],
                 f"Every dated event of {t.label} as written in the data")
    )
    site.page(f"treaties/{site.treaty_pages[t.id]}", f"{t.label} — {t.name} — alliances", body)


def _allies(site: _Site, code: str) -> list[tuple[str, str, tuple[str, ...], date, date | None, bool]]:
    """(ally, treaty, obligations, from, until, certain) for every span in which a treaty with
    obligations linked the state to another one."""
    ds, engine = site.ds, site.engine
    out = []
    for tid, t in ds.treaties.items():
        if code not in t.members or not t.obligations:
            continue
        for other in t.members:
            if other == code:
                continue
            owed = tuple(o for o in t.obligations if o in set(t.owes(code, other))
                         | set(t.owes(other, code)))
            if not owed:
                continue
            certain, possible, _ = engine.link_spans(tid, code, other)
            for ps, pe in possible:
                sure = any(cs <= ps and (ce is None or (pe is not None and pe <= ce))
                           for cs, ce in certain)
                out.append((other, tid, owed, ps, pe, sure))
    out.sort(key=lambda r: (site.name(r[0]), r[3], r[1]))
    return out


def _state_page(site: _Site, s: State) -> None:
    ds, engine = site.ds, site.engine
    cows = ", ".join(f"{c.code}" + (f" (from {c.start})" if c.start else "")
                     + (f" (until {c.end})" if c.end else "") for c in s.cow)
    facts = _facts([
        ("Name", text(s.name)),
        ("Code", f"<code>{text(s.code)}</code>"),
        ("ISO 3166-1", text(s.iso2 or "")),
        ("ISO 3166-3", text(s.iso3166_3 or "")),
        ("COW code", text(cows)),
        ("Existed", text((f"from {date_text(s.start)}" if s.start else "")
                         + (f" until {date_text(s.end)}" if s.end else ""))),
        ("Successor", site.state_link(s.successor) if s.successor else ""),
        ("Other names", text("; ".join(
            n.name + " (" + (f"from {date_text(n.start)} " if n.start else "")
            + (f"until {date_text(n.end)}" if n.end else "on") + ")" for n in s.names))),
        ("Also called", text(", ".join(s.aliases))),
        ("Note", text(s.note or "")),
        ("Sources", _sources(s.sources)),
    ])
    tids = [tid for tid, t in ds.treaties.items() if s.code in t.members]
    body = [f"<h1>{text(s.name)} <span class=\"muted\">({text(s.code)})</span></h1>", facts]
    if tids:
        chart = state_chart(ds, engine, s.code, command=f"alliances timeline {s.code}")
        body += ["<h2>Memberships and statuses over time</h2>",
                 _figure(chart, render_svg(chart), "memberships")]
        rows = []
        for tid in sorted(tids, key=lambda tid: min(e.date.earliest
                                                    for e in ds.treaties[tid].members[s.code])):
            for seg in engine.segments(tid, s.code):
                status = seg.status + (f"; withdrawal {seg.withdrawal} "
                                       f"{date_text(seg.withdrawal_date)}" if seg.withdrawal else "")
                rows.append([site.treaty_link(tid), text(", ".join(ds.treaties[tid].obligations)
                                                         or "none"),
                             text(status), _d(seg.start), _d(seg.end) if seg.end else "DATE:"])
        body.append('<div id="memberships">' + _table(
            ["Treaty", "Obligations", "Status", "From", "Until"], rows,
            "Each treaty membership and status, from the first day to the day it ended "
            "(exclusive)") + "</div>")
        allies = _allies(site, s.code)
        for title, wanted in (("Allies (defence)", True), ("Other obligations", False)):
            rows = [[site.state_link(b, "../", a, z - timedelta(days=1) if z else None),
                     site.treaty_link(tid), text(", ".join(owed)),
                     "DATE:" + text(a.isoformat()), "DATE:" + text(z.isoformat() if z else ""),
                     "" if sure else "uncertain: an imprecise date bounds it"]
                    for b, tid, owed, a, z, sure in allies if ("defence" in owed) == wanted]
            body += [f"<h2>{text(title)}</h2>",
                     _table(["State", "Treaty", "Obligations", "From", "Until", ""], rows,
                            "States linked to " + s.name + " by a treaty's obligations, and when "
                            "(until: the first day without)")]
    else:
        body.append('<p class="muted">This state is in no treaty in the data.</p>')
    events = engine.history(state=s.code)
    body += ["<h2>Dated events</h2>",
             _table(["Date", "Treaty", "State", "Event", "Note", "Source"],
                    [_event_cells(site, ev, "../", True, True) for ev in events],
                    f"Every dated event that concerns {s.name}, as written in the data")]
    site.page(f"states/{site.state_pages[s.code]}", f"{s.name} — alliances", "\n".join(body))


DOWNLOADS = [  # (file stem, export kind, format, what it holds)
    ("intervals", "intervals", "csv", "one row per membership spell and status"),
    ("events", "events", "csv", "every dated event with its note and source"),
    ("state-year", "state-year", "csv", "one row per state, treaty and year"),
    ("dyad-year", "dyad-year", "csv", "one row per pair of states allied in a year, with "
     "ATOP-style obligation columns"),
    ("data", "events", "yaml", "the whole dataset in the data format (loads with --no-bundled "
     "--data)"),
]


def _downloads(site: _Site) -> list[tuple[str, str, int]]:
    from .exports import ExportRequest, write_export
    from .filters import Filters
    from .yamlout import dataset_document, write_yaml, yaml_header

    ds, engine, f = site.ds, site.engine, Filters()
    covered = ds.covered_years()
    years = f.years(covered.start, covered.stop - 1)
    request = ExportRequest(ds, engine, f, years)
    out = []
    for stem, kind, fmt, what in DOWNLOADS:
        name = f"alliances-{__version__}-{stem}.{fmt}"
        path = site.folder / "downloads" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as fh:
            if fmt == "yaml":
                write_yaml(dataset_document(ds, f), fh,
                           yaml_header(name, clear_env=bool(os.environ.get("ALLIANCES_DATA"))))
            else:
                write_export(kind, request, fmt, fh)
        site.written.append(path)
        what = what + (f", {years.start}–{years.stop - 1}" if "year" in kind else "")
        out.append((name, what, path.stat().st_size))
    return out


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(1, round(n / 1e3))} kB"


def _index(site: _Site, downloads: list[tuple[str, str, int]]) -> None:
    ds = site.ds
    treaties = sorted(ds.treaties.values(), key=lambda t: t.label.casefold())
    states = sorted(ds.states.values(), key=lambda s: s.name.casefold())

    def names(*parts) -> str:
        return text(" ".join(p for p in parts if p))

    t_items = "\n".join(
        f'<li data-names="{names(t.id, t.label, t.name, *t.aliases)}">'
        f"{site.treaty_link(t.id, '')} <span class=\"muted\">{text(t.name if t.name != t.label else '')}"
        f" {text(str(t.signed.year))}–{text(str(t.ended.year) if t.ended else '')}</span></li>"
        for t in treaties)
    s_items = "\n".join(
        f'<li data-names="{names(s.code, s.name, s.iso2 or "", *s.aliases, *s.other_names)}">'
        f"{site.state_link(s.code, '')} <span class=\"muted\">{text(s.code)}</span></li>"
        for s in states if any(s.code in t.members for t in ds.treaties.values()))
    d_rows = [[f'<a href="downloads/{text(n)}" download>{text(n)}</a>', text(w), text(_size(size))]
              for n, w, size in downloads]
    members = sum(len(t.members) for t in ds.treaties.values())
    body = (
        "<h1>Alliances: who was allied with whom, and when</h1>\n"
        f"<p>{len(ds.treaties)} treaties, {members} memberships and {ds.event_count()} dated "
        f"events, each with a public source ({text(site.footer)}). A page per treaty shows its "
        "members and their statuses over time; a page per state shows its memberships and "
        "allies.</p>\n"
        '<div class="search" id="search" hidden><label for="q">Search treaties and states by '
        'name</label><br><input id="q" type="search" autocomplete="off" '
        'aria-describedby="search-status"><div id="search-status" role="status" '
        'aria-live="polite" class="muted"></div></div>\n'
        f'<h2 id="treaties">Treaties ({len(treaties)})</h2>\n<ul class="names">\n{t_items}\n</ul>\n'
        f'<h2 id="states">States in a treaty</h2>\n<ul class="names">\n{s_items}\n</ul>\n'
        '<h2 id="downloads">Downloads</h2>\n'
        + _table(["File", "What it holds", "Size"], d_rows,
                 f"The dataset's exports, written by alliances {__version__} (columns: "
                 "docs/export-columns.md in the repository)")
    )
    site.write("index.html", _page("alliances — treaties and states", body, site.footer, "",
                                   '<script src="search.js"></script>\n'))


def build_site(ds: Dataset, engine: Engine, folder: str | os.PathLike[str],
               progress: Callable[[str], None] | None = None, downloads: bool = True) -> list[Path]:
    """Write the site into `folder` (made if missing; files of the same names are replaced, no
    other file is touched); return the files written. Raises OutputError when it cannot.

    downloads: write the exports too (and list them on the index).
    """
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise OutputError(f"cannot write the site into {root}: it is not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
        for sub in ("treaties", "states"):
            (root / sub).mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the folder {exc.filename or root}: "
                          f"{exc.strerror or exc}") from None
    site = _Site(ds, engine, root)
    site.write("style.css", CSS)
    site.write("search.js", SEARCH_JS)
    for t in ds.treaties.values():
        _treaty_page(site, t)
    if progress:
        progress(f"{len(ds.treaties)} treaty pages")
    for s in ds.states.values():
        _state_page(site, s)
    if progress:
        progress(f"{len(ds.states)} state pages")
    _index(site, _downloads(site) if downloads else [])
    return site.written


def chart_page(chart: Chart, svg: str) -> str:
    """One chart as a standalone HTML page: the SVG, and its bars as a table."""
    rows = []
    for row in chart.rows:
        for bar in row.bars:
            rows.append([text(row.group or ""), text(row.full or row.label),
                         text(bar.status.replace("withdrawing", "withdrawal pending")),
                         _d(bar.start), _d(bar.end) if bar.end else "DATE:"])
    head = ["State", "Treaty" if any(r.group for r in chart.rows) else "Row", "Status", "From",
            "Until"]
    if not any(r.group for r in chart.rows):
        head, rows = head[1:], [r[1:] for r in rows]
    body = (f"<h1>{text(chart.title)}</h1>\n<p class=\"muted\">{text(chart.subtitle)}</p>\n"
            + _figure(chart, svg, "bars")
            + f'\n<div id="bars">{_table(head, rows, "The bars of the chart")}</div>\n'
            + (f"<p class=\"muted\"><code>{text(chart.command)}</code></p>" if chart.command else ""))
    page = _page(chart.title, body, chart.caption.removeprefix("Source: "), "")
    # A page on its own: the site's style inline, and no navigation to pages that are not there.
    page = page.replace('<link rel="stylesheet" href="style.css">', f"<style>\n{CSS}</style>")
    return re.sub(r'<header>.*?</header>\n', "", page, flags=re.S)

