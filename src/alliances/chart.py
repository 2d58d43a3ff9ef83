"""Timelines as vector charts: SVG made of rects, lines and text, with no terminal in it.

A chart is built from the engine's status segments at their exact dates (not from the terminal's
character cells): `treaty_chart`, `state_chart` and `compare_chart` make a `Chart`; `render_svg`
draws it. Every bar carries `<title>` hover text with its dates, status and source, and
`data-*` attributes with its dates, so that tests (and scripts) can find where a date was drawn.

Drawing conventions (the legend says them too):
- statuses in the Okabe-Ito palette, which stays distinct under the common colour-vision
  deficiencies, and each with its own pattern so that they survive greyscale printing;
- the days an imprecise date may denote (a year, a month, a range) are hatched over a pale tint
  of the status: the status held on either side is drawn solid;
- notes, announced and notified withdrawals, and suspensions towards one member are small marks
  above the bar, never gaps in it;
- the `--on` date is a thin dark grey line with its label.
The SVG uses user units only, a system font stack (nothing is fetched) and a white background.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from html import escape

from . import __version__
from .dates import DateRange, PartialDate
from .events import KINDS, RELATION_MARK
from .model import Dataset, Event, Treaty
from .query import Engine, Segment, in_force_from
from .safetext import printable
from .timeline import axis_bounds, name_between

__all__ = ["Bar", "Chart", "ChartRow", "Mark", "STYLES", "chart_label", "compare_chart",
           "date_text", "render_svg", "state_chart", "text", "treaty_chart"]

FONT = ("system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
        "'Liberation Sans', 'DejaVu Sans', sans-serif")

# status -> (legend text, fill colour, pattern id or None, stroke colour). Okabe & Ito (2008),
# "Color Universal Design": blue, orange, vermillion, sky blue; signatories drawn hollow.
STYLES: dict[str, tuple[str, str, str | None, str]] = {
    "member": ("member", "#0072B2", None, "#004C78"),
    "suspended": ("suspended / frozen", "#E69F00", "p-suspended", "#8A5F00"),
    "withdrawing": ("withdrawal pending", "#D55E00", "p-withdrawing", "#7F3800"),
    "observer": ("observer / partner", "#56B4E9", "p-observer", "#1F6F9E"),
    "partner": ("observer / partner", "#56B4E9", "p-observer", "#1F6F9E"),
    "signatory": ("signed, not yet bound", "#FFFFFF", None, "#555555"),
}
# event kind -> (mark shape, legend text), from events.KINDS; "towards": an event that applies to
# one relation, whatever its kind
MARKS = {**{k.name: (k.mark, k.legend or k.label) for k in KINDS.values() if k.mark},
         "towards": RELATION_MARK}
INK = "#1A1A1A"
MUTED = "#555555"  # 7.5:1 on white
GRID = "#D9D9D9"
ON_LINE = "#333333"


def text(value: object) -> str:
    """Data text made safe for XML and HTML: characters validation refuses shown as stand-ins
    (XML 1.0 cannot hold most of them), then <, >, & and quotes escaped."""
    return escape(printable(str(value)), quote=True)


def date_text(d: PartialDate | None) -> str:
    """A date as written, with its precision made plain: '1999 (year only)'."""
    if d is None:
        return ""
    if isinstance(d, DateRange):
        if d.high is None:
            return f"{d.low} or later (not known when)"
        return f"some day from {d.low} to {d.high}"
    if d.precision == "day":
        return str(d)
    return f"{d} ({d.precision} only)"


@dataclass
class Bar:
    """One status held from `start` to `end` (exclusive), as the engine derived it."""

    status: str  # a status, or "withdrawing"
    certain: tuple[date, date] | None  # the days it certainly held, clipped to the axis
    possible: tuple[date, date]  # the days it possibly held, clipped to the axis
    title: str  # hover text
    start: PartialDate
    end: PartialDate | None


@dataclass
class Mark:
    day: date
    kind: str  # a key of MARKS
    title: str


@dataclass
class ChartRow:
    label: str
    full: str  # the full name, for hover text and text alternatives
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    group: str | None = None  # compare: the state the row belongs to
    key: str = ""  # the treaty id or state code the row stands for


@dataclass
class Chart:
    title: str
    subtitle: str
    start: date
    end: date  # exclusive
    rows: list[ChartRow]
    on: date | None = None
    description: str = ""  # one paragraph for screen readers
    caption: str = ""  # "Source: alliances VERSION, data as of DATE"
    command: str = ""  # the command that drew it

    def groups(self) -> list[tuple[str | None, list[ChartRow]]]:
        out: list[tuple[str | None, list[ChartRow]]] = []
        for row in self.rows:
            if not out or out[-1][0] != row.group:
                out.append((row.group, []))
            out[-1][1].append(row)
        return out


# -- labels ----------------------------------------------------------------------------------
_KINDS = ("Treaty", "Agreement", "Declaration", "Pact", "Protocol", "Charter", "Act", "Alliance",
          "Union", "Organization", "Organisation")
_YEAR_SUFFIX = re.compile(r"\s*\((\d{4})\)$")
MAX_LABEL = 30


def chart_label(treaty: Treaty) -> str:
    """A treaty's short label for a chart row, at most about MAX_LABEL characters and cut only
    between words: 'Armenia-Russia Treaty' for the Armenia-Russia Treaty of Friendship,
    Cooperation and Mutual Assistance (its full name goes in the hover text)."""
    base = _YEAR_SUFFIX.sub("", treaty.label)
    if len(base) <= MAX_LABEL:
        return base
    words = base.split()
    kinds = [i for i, w in enumerate(words) if w.strip(",") in _KINDS]
    for i in kinds:
        short = " ".join(words[:i + 1]).rstrip(",")
        if len(short) <= MAX_LABEL:
            return short
    if kinds and len(words[0]) + len(words[kinds[-1]]) < MAX_LABEL:
        return f"{words[0]} {words[kinds[-1]].strip(',')}"
    out = words[0]
    for w in words[1:]:
        if len(out) + len(w) + 2 > MAX_LABEL:
            break
        out += " " + w
    return out.rstrip(",") + "…"


def _disambiguate(rows: list[ChartRow], treaties: dict[str, Treaty]) -> None:
    """Rows of one group with the same label get their treaties' years: 'US-Japan Security Treaty
    (1951)' and '(1960)'; should the years be equal too, their ids."""
    seen = Counter((r.group, r.label) for r in rows)
    for r in rows:
        if seen[(r.group, r.label)] > 1 and r.key in treaties:
            r.label = f"{r.label} ({treaties[r.key].signed.year})"
    seen = Counter((r.group, r.label) for r in rows)
    for r in rows:
        if seen[(r.group, r.label)] > 1:
            r.label = f"{r.label} [{r.key}]"


# -- building --------------------------------------------------------------------------------
def _status(seg: Segment) -> str:
    return "withdrawing" if seg.withdrawal else seg.status


def _clip(lo: date, hi: date, a: date, b: date | None) -> tuple[date, date] | None:
    a2, b2 = max(a, lo), min(b or hi, hi)
    return (a2, b2) if a2 < b2 else None


def _source(ev: Event | None, treaty: Treaty) -> str:
    if ev is not None and ev.sources:
        return ev.sources[0].url
    return treaty.sources[0].url if treaty.sources else "none given"


def _status_phrase(seg: Segment) -> str:
    if seg.withdrawal:
        out = f"{seg.status}, withdrawal {seg.withdrawal} {date_text(seg.withdrawal_date)}"
        if seg.withdrawal_effective:
            out += f" (effective {date_text(seg.withdrawal_effective)})"
        return out
    return seg.status


def _bars(ds: Dataset, engine: Engine, tid: str, code: str, who: str, lo: date, hi: date
          ) -> list[Bar]:
    treaty = ds.treaties[tid]
    out = []
    for seg in engine.segments(tid, code):
        ps, pe = seg.possible()
        possible = _clip(lo, hi, ps, pe)
        if possible is None:
            continue
        cs, ce = seg.certain()
        certain = _clip(lo, hi, cs, ce)
        until = f"to {date_text(seg.end)}" if seg.end else "onwards (still so in the data)"
        title = (f"{who}: {_status_phrase(seg)} from {date_text(seg.start)} {until}\n"
                 f"Source: {_source(seg.start_event, treaty)}")
        out.append(Bar(_status(seg), certain, possible, title, seg.start, seg.end))
    return out


def _marks(ds: Dataset, tid: str, code: str, who: str, lo: date, hi: date) -> list[Mark]:
    treaty = ds.treaties[tid]
    out = []
    for ev in treaty.members.get(code, ()):
        kind = "towards" if ev.towards else ev.kind
        if kind not in MARKS or not lo <= ev.date.earliest < hi:
            continue
        what = KINDS[ev.kind].label
        if ev.towards:
            others = ", ".join(ds.states[c].name if c in ds.states else c for c in ev.towards)
            what += f" towards {others}"
        if ev.effective:
            what += f" (effective {date_text(ev.effective)})"
        title = f"{who}: {what}, {date_text(ev.date)}"
        if ev.note:
            title += f"\n{ev.note}"
        title += f"\nSource: {_source(ev, treaty)}"
        out.append(Mark(ev.date.earliest, kind, title))
    return out


def _row(ds: Dataset, engine: Engine, tid: str, code: str, label: str, full: str, who: str,
         lo: date, hi: date, group: str | None = None, key: str = "") -> ChartRow:
    return ChartRow(label, full, _bars(ds, engine, tid, code, who, lo, hi),
                    _marks(ds, tid, code, who, lo, hi), group, key)


def _years(lo: date, hi: date) -> str:
    last = (hi.toordinal() - 1)
    return f"{lo.year}–{date.fromordinal(last).year}"


def _finish(chart: Chart, ds: Dataset, command: str) -> Chart:
    as_of = f"data as of {ds.as_of}" if ds.as_of else "data without an as-of date"
    chart.caption = f"Source: alliances {__version__}, {as_of}"
    chart.command = command
    return chart


def treaty_chart(ds: Dataset, engine: Engine, treaty_id: str, start: date | None = None,
                 end: date | None = None, on: date | None = None, command: str = "") -> Chart:
    """One row per state that was ever in the treaty, ordered by first entry."""
    t = ds.treaties[treaty_id]
    codes = sorted(t.members, key=lambda c: (min((e.date.earliest for e in t.members[c]),
                                                 default=date.max), c))
    lo, hi = axis_bounds(engine, [(treaty_id, c) for c in codes], start, end, t.signed.earliest)
    life = f"signed {date_text(t.signed)}; in force {date_text(in_force_from(t))}"
    life += f"; ended {date_text(t.ended)}" if t.ended else "; still in force"
    chart = Chart(f"{t.label}: members {_years(lo, hi)}", f"{t.name} — {life}", lo, hi, [], on)
    for code in codes:
        name = name_between(ds, code, lo, hi, engine.segments(treaty_id, code))
        row = _row(ds, engine, treaty_id, code, name, name, f"{name} in {t.label}", lo, hi,
                   key=code)
        if row.bars or row.marks:
            chart.rows.append(row)
    chart.description = (f"Timeline of the {len(chart.rows)} states in {t.name} from {lo.year} "
                         f"to {date.fromordinal(hi.toordinal() - 1).year}, one row per state.")
    return _finish(chart, ds, command)


def state_chart(ds: Dataset, engine: Engine, code: str, start: date | None = None,
                end: date | None = None, on: date | None = None, command: str = "") -> Chart:
    """One row per treaty the state ever belonged to, ordered by first entry."""
    tids = [tid for tid, t in ds.treaties.items() if code in t.members]
    tids.sort(key=lambda tid: (min((e.date.earliest for e in ds.treaties[tid].members[code]),
                                   default=date.max), tid))
    lo, hi = axis_bounds(engine, [(tid, code) for tid in tids], start, end)
    name = name_between(ds, code, lo, hi)
    chart = Chart(f"{name}: alliance memberships {_years(lo, hi)}",
                  f"{name} ({code}), one row per treaty", lo, hi, [], on)
    for tid in tids:
        t = ds.treaties[tid]
        row = _row(ds, engine, tid, code, chart_label(t), t.name, f"{name} in {t.label}", lo, hi,
                   key=tid)
        if row.bars or row.marks:
            chart.rows.append(row)
    _disambiguate(chart.rows, ds.treaties)
    chart.description = (f"Timeline of {name}'s {len(chart.rows)} treaty memberships from "
                         f"{lo.year} to {date.fromordinal(hi.toordinal() - 1).year}.")
    return _finish(chart, ds, command)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def compare_chart(ds: Dataset, engine: Engine, codes: list[str], start: date | None = None,
                  end: date | None = None, on: date | None = None, command: str = "") -> Chart:
    """Rows grouped by state: one per treaty with an obligation the state was ever in."""
    pairs = [(tid, c) for c in codes for tid, t in ds.treaties.items()
             if c in t.members and t.obligations]
    lo, hi = axis_bounds(engine, pairs, start, end)
    names = [name_between(ds, c, lo, hi) for c in codes]
    chart = Chart(f"Alliance memberships of {_join(names)}, {_years(lo, hi)}",
                  "Treaties with an obligation (defence, consultation, ...), grouped by state",
                  lo, hi, [], on)
    for code, name in zip(codes, names, strict=True):
        tids = [tid for tid, c in pairs if c == code]
        tids.sort(key=lambda tid: (min((e.date.earliest for e in ds.treaties[tid].members[code]),
                                       default=date.max), tid))
        rows = []
        for tid in tids:
            t = ds.treaties[tid]
            row = _row(ds, engine, tid, code, chart_label(t), t.name, f"{name} in {t.label}",
                       lo, hi, group=name, key=tid)
            if row.bars:
                rows.append(row)
        chart.rows.extend(rows or [ChartRow("(no treaty in these years)", "", group=name,
                                            key="")])
    _disambiguate(chart.rows, ds.treaties)
    chart.description = (f"Timelines of the alliance memberships of {_join(names)} from "
                         f"{lo.year} to {date.fromordinal(hi.toordinal() - 1).year}, one row per "
                         "state and treaty, grouped by state.")
    return _finish(chart, ds, command)


# -- drawing ---------------------------------------------------------------------------------
ROW_H = 20
BAR_Y, BAR_H = 7, 11  # within a row: marks above the bar, in its first 7 units
GROUP_H = 22
FONT_SIZE = 12
CHAR_W = 0.58  # a generous average glyph width, in ems, for laying text out


def _w(s: str, size: float = FONT_SIZE) -> float:
    return len(s) * size * CHAR_W


def _ticks(lo: date, hi: date, plot_w: float) -> list[int]:
    years = hi.year - lo.year + 1
    step = 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if plot_w * step / max(years, 1) >= 42:  # room for a four-digit label and a gap
            break
    first = lo.year + (-lo.year) % step
    return [y for y in range(first, hi.year + 1, step) if lo <= date(y, 1, 1) < hi]


def _defs() -> str:
    return (
        "<defs>"
        '<pattern id="p-suspended" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#E69F00"/>'
        '<rect width="2.5" height="6" fill="#FFFFFF" fill-opacity="0.75"/></pattern>'
        '<pattern id="p-withdrawing" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" fill="#D55E00"/>'
        '<circle cx="2.5" cy="2.5" r="1.1" fill="#FFFFFF"/></pattern>'
        '<pattern id="p-observer" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="#56B4E9"/>'
        '<rect y="2.5" width="4" height="1.5" fill="#FFFFFF" fill-opacity="0.8"/></pattern>'
        '<pattern id="p-uncertain" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(-45)"><rect width="5" height="5" fill="#FFFFFF" '
        'fill-opacity="0"/><rect width="1.2" height="5" fill="#333333"/></pattern>'
        "</defs>"
    )


def _fill(status: str) -> str:
    _, colour, pattern, _ = STYLES.get(status, STYLES["member"])
    return f"url(#{pattern})" if pattern else colour


def _swatch(x: float, y: float, status: str) -> str:
    _, _, _, stroke = STYLES[status]
    dash = ' stroke-dasharray="3 2"' if status == "signatory" else ""
    return (f'<rect x="{x:.2f}" y="{y:.2f}" width="16" height="{BAR_H}" fill="{_fill(status)}" '
            f'stroke="{stroke}" stroke-width="1"{dash}/>')


def _mark(x: float, y: float, kind: str) -> str:
    """A mark centred on x whose lowest point is y."""
    shape = MARKS[kind][0]
    if shape == "triangle":
        return f'<path d="M{x - 3.5:.2f},{y - 6:.2f}h7l-3.5,6z" fill="{INK}"/>'
    if shape == "diamond":
        return f'<path d="M{x:.2f},{y - 7:.2f}l3.5,3.5l-3.5,3.5l-3.5,-3.5z" fill="{INK}"/>'
    if shape == "circle":
        return (f'<circle cx="{x:.2f}" cy="{y - 3:.2f}" r="2.6" fill="#FFFFFF" stroke="{INK}" '
                'stroke-width="1.2"/>')
    return (f'<path d="M{x - 3:.2f},{y - 6:.2f}l6,6m0,-6l-6,6" stroke="{INK}" '
            'stroke-width="1.5" fill="none"/>')


def _legend(x0: float, y: float, width: float, statuses: list[str], marks: list[str],
            uncertain: bool, on: date | None) -> tuple[list[str], float]:
    """Legend items laid out left to right, wrapping; returns the SVG and the height used."""
    items: list[tuple[str, str]] = []  # (svg drawn at 0,0 for an item 16 wide, text)
    seen = set()
    for s in statuses:
        label = STYLES[s][0]
        if label not in seen:
            seen.add(label)
            items.append((_swatch(0, 0, s), label))
    if uncertain:
        items.append((f'<rect width="16" height="{BAR_H}" fill="#0072B2" fill-opacity="0.3"/>'
                      f'<rect width="16" height="{BAR_H}" fill="url(#p-uncertain)"/>',
                      "date known only to the month, year or a range"))
    for kind in marks:
        items.append((_mark(8, BAR_H, kind), MARKS[kind][1]))
    if on is not None:
        items.append((f'<line x1="8" y1="-2" x2="8" y2="{BAR_H + 2}" stroke="{ON_LINE}" '
                      'stroke-width="1.5" stroke-dasharray="3 2"/>', f"{on.isoformat()} (--on)"))
    # A grid: as many columns of equal width as fit, so that items line up.
    col_w = max([22 + _w(label, 11) + 12 for _, label in items] + [1])
    cols = max(1, int(width // col_w))
    out = []
    for i, (svg, label) in enumerate(items):
        x, ty = x0 + (i % cols) * col_w, y + (i // cols) * 18
        out.append(f'<g class="legend-item" transform="translate({x:.2f},{ty:.2f})">{svg}'
                   f'<text x="22" y="{BAR_H - 1.5}" font-size="11" fill="{INK}">{text(label)}</text></g>')
    return out, ((len(items) + cols - 1) // cols) * 18


def render_svg(chart: Chart, width: int = 720) -> str:
    """The chart as a standalone SVG document, `width` user units wide (and as many pixels)."""
    margin = 12
    labels = [r.label for r in chart.rows]
    label_w = min(max([_w(s) for s in labels] + [60]) + 16, width * 0.42)
    x0, x1 = margin + label_w, width - margin - 14
    span = (chart.end - chart.start).days or 1

    def x(d: date) -> float:
        return x0 + (d - chart.start).days / span * (x1 - x0)

    title_lines = _wrap(chart.title, width - 2 * margin, 16)
    sub_lines = _wrap(chart.subtitle, width - 2 * margin, 12)
    y = margin + 16
    head = []
    for line in title_lines:
        head.append(f'<text x="{margin}" y="{y}" font-size="16" font-weight="bold" '
                    f'fill="{INK}">{text(line)}</text>')
        y += 20
    for line in sub_lines:
        head.append(f'<text x="{margin}" y="{y - 2}" font-size="12" fill="{MUTED}">'
                    f'{text(line)}</text>')
        y += 16
    plot_top = y + (14 if chart.on else 4)
    body = []
    ry = plot_top
    for group, rows in chart.groups():
        if group is not None:
            body.append(f'<text class="group" x="{margin}" y="{ry + 15}" font-size="13" '
                        f'font-weight="bold" fill="{INK}">{text(group)}</text>')
            ry += GROUP_H
        for row in rows:
            body.append(_draw_row(row, ry, x0, x, margin))
            ry += ROW_H
    plot_bottom = ry + 2
    ticks = _ticks(chart.start, chart.end, x1 - x0)
    grid, axis = [], [f'<line x1="{x0:.2f}" y1="{plot_bottom}" x2="{x1:.2f}" y2="{plot_bottom}" '
                      f'stroke="{INK}" stroke-width="1"/>']
    for year in ticks:
        tx = x(date(year, 1, 1))
        grid.append(f'<line x1="{tx:.2f}" y1="{plot_top}" x2="{tx:.2f}" y2="{plot_bottom}" '
                    f'stroke="{GRID}" stroke-width="1"/>')
        axis.append(f'<g class="tick" data-year="{year}"><line x1="{tx:.2f}" y1="{plot_bottom}" '
                    f'x2="{tx:.2f}" y2="{plot_bottom + 5}" stroke="{INK}" stroke-width="1"/>'
                    f'<text x="{tx:.2f}" y="{plot_bottom + 17}" font-size="11" text-anchor="middle" '
                    f'fill="{INK}">{year}</text></g>')
    y = plot_bottom + 34
    axis.append(f'<text class="axis-title" x="{(x0 + x1) / 2:.2f}" y="{y}" font-size="11" '
                f'text-anchor="middle" fill="{MUTED}">Year (ticks at 1 January)</text>')
    if chart.on is not None and chart.start <= chart.on < chart.end:
        ox = x(chart.on)
        anchor = "middle" if x0 + 40 < ox < x1 - 40 else ("start" if ox <= x0 + 40 else "end")
        axis.append(f'<g class="on" data-date="{chart.on.isoformat()}"><line x1="{ox:.2f}" '
                    f'y1="{plot_top - 4}" x2="{ox:.2f}" y2="{plot_bottom}" stroke="{ON_LINE}" '
                    'stroke-width="1.5" stroke-dasharray="3 2"/>'
                    f'<text x="{ox:.2f}" y="{plot_top - 7}" font-size="11" text-anchor="{anchor}" '
                    f'fill="{INK}">{chart.on.isoformat()}</text></g>')
    statuses = [s for s in STYLES if any(b.status == s for r in chart.rows for b in r.bars)]
    marks = [k for k in MARKS if any(m.kind == k for r in chart.rows for m in r.marks)]
    uncertain = any(b.certain != b.possible for r in chart.rows for b in r.bars)
    legend, lh = _legend(margin, y + 16, width - 2 * margin, statuses, marks, uncertain, chart.on)
    y += 16 + lh + 10
    foot = []
    for line in _wrap(chart.caption, width - 2 * margin, 11):
        foot.append(f'<text class="caption" x="{margin}" y="{y}" font-size="11" '
                    f'fill="{MUTED}">{text(line)}</text>')
        y += 15
    for line in _wrap(chart.command, width - 2 * margin, 11):
        foot.append(f'<text class="command" x="{margin}" y="{y}" font-size="11" '
                    f'font-family="ui-monospace, Menlo, Consolas, \'DejaVu Sans Mono\', monospace" '
                    f'fill="{MUTED}">{text(line)}</text>')
        y += 15
    height = int(y + margin - 6)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family="{text(FONT)}" data-start="{chart.start.isoformat()}" '
        f'data-end="{chart.end.isoformat()}" data-x0="{x0:.2f}" data-x1="{x1:.2f}">\n'
        f'<title id="chart-title">{text(chart.title)}</title>\n'
        f'<desc id="chart-desc">{text(chart.description)} {text(chart.caption)}.</desc>\n'
        f'{_defs()}\n<rect width="100%" height="100%" fill="#FFFFFF"/>\n'
        + "\n".join(head) + "\n" + "\n".join(grid) + "\n" + "\n".join(body) + "\n"
        + "\n".join(axis) + "\n" + "\n".join(legend) + "\n" + "\n".join(foot) + "\n</svg>\n"
    )


def _draw_row(row: ChartRow, ry: float, x0: float, x, margin: float) -> str:
    parts = [f'<g class="row" data-key="{text(row.key)}" data-label="{text(row.label)}">']
    tip = f"<title>{text(row.full)}</title>" if row.full and row.full != row.label else ""
    parts.append(f'<text class="label" x="{x0 - 8:.2f}" y="{ry + BAR_Y + BAR_H - 1.5}" '
                 f'font-size="{FONT_SIZE}" text-anchor="end" fill="{INK}">{tip}'
                 f'{text(row.label)}</text>')
    by = ry + BAR_Y
    for bar in row.bars:
        _, colour, _, stroke = STYLES.get(bar.status, STYLES["member"])
        ps, pe = bar.possible
        attrs = (f'class="bar s-{bar.status}" data-status="{bar.status}" '
                 f'data-from="{ps.isoformat()}" data-to="{pe.isoformat()}"')
        dash = ' stroke-dasharray="3 2"' if bar.status == "signatory" else ""
        parts.append(f"<g {attrs}><title>{text(bar.title)}</title>")
        if bar.certain is not None:
            cs, ce = bar.certain
            parts.append(f'<rect class="certain" data-from="{cs.isoformat()}" '
                         f'data-to="{ce.isoformat()}" x="{x(cs):.2f}" y="{by}" '
                         f'width="{max(x(ce) - x(cs), 0.8):.2f}" height="{BAR_H}" '
                         f'fill="{_fill(bar.status)}" stroke="{stroke}" stroke-width="0.8"{dash}/>')
        for a, b in _uncertain_parts(bar):
            parts.append(f'<rect class="uncertain" data-from="{a.isoformat()}" '
                         f'data-to="{b.isoformat()}" x="{x(a):.2f}" y="{by}" '
                         f'width="{max(x(b) - x(a), 0.8):.2f}" height="{BAR_H}" fill="{colour}" '
                         f'fill-opacity="0.3"/>'
                         f'<rect x="{x(a):.2f}" y="{by}" width="{max(x(b) - x(a), 0.8):.2f}" '
                         f'height="{BAR_H}" fill="url(#p-uncertain)"/>')
        parts.append("</g>")
    for m in row.marks:
        parts.append(f'<g class="mark m-{m.kind}" data-date="{m.day.isoformat()}">'
                     f"<title>{text(m.title)}</title>{_mark(x(m.day), by - 0.5, m.kind)}</g>")
    parts.append("</g>")
    return "".join(parts)


def _uncertain_parts(bar: Bar) -> list[tuple[date, date]]:
    ps, pe = bar.possible
    if bar.certain is None:
        return [(ps, pe)]
    cs, ce = bar.certain
    return [(a, b) for a, b in ((ps, cs), (ce, pe)) if a < b]


def _wrap(s: str, width: float, size: float) -> list[str]:
    if not s:
        return []
    lines, cur = [], ""
    for word in s.split(" "):
        if cur and _w(cur + " " + word, size) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    lines.append(cur)
    return lines


def convert(svg: str, kind: str, width: int) -> bytes:
    """The SVG as PNG or PDF bytes, `width` pixels (or points) wide, through cairosvg (the
    'pictures' extra). Raises OutputError saying how to install it when it is missing."""
    from .errors import OutputError

    try:
        import cairosvg  # type: ignore[import-not-found]
    except (ImportError, OSError) as exc:  # OSError: the package is there, the cairo library not
        raise OutputError(
            f"--{kind} needs cairosvg, which is not installed ({type(exc).__name__}: {exc}); "
            "install it with pip install 'alliances[pictures]' (it needs the cairo library: "
            "apt-get install libcairo2 on Debian), or save --svg and convert it with "
            "rsvg-convert or a browser") from None
    render = cairosvg.svg2png if kind == "png" else cairosvg.svg2pdf
    return render(bytestring=svg.encode("utf-8"), output_width=width)
