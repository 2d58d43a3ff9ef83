"""Terminal rendering with rich; with cli.py and tables.py, the only modules that import it (ruff
enforces)."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text

from .dates import Period
from .events import KINDS
from .model import Dataset, Event, Treaty
from .query import AllyLink, MemberStanding, TreatyStanding
from .rows import coverage_label, state_name
from .safetext import link_target, printable
from .tables import Table, safe
from .wording import first_sentence, pair_headline, status_words, when

__all__ = [
    "render_allies_of",
    "render_allies_pair",
    "render_history",
    "render_members",
    "render_memberships",
    "render_states",
    "render_timeline",
    "render_treaties",
]

_STATUS_STYLE = {
    "member": "green",
    "suspended": "yellow",
    "signatory": "cyan",
    "observer": "blue",
    "partner": "blue",
}


def _print(console: Console, renderable: str | Text | Table, **options) -> None:
    """Print with every character a terminal would act on shown as a visible stand-in: the data
    are validated, but a Dataset built through the API is not (Tables clean their own cells)."""
    console.print(renderable if isinstance(renderable, Table) else safe(renderable), **options)


def url_text(url: str, style: str = "") -> Text:
    """An address as text that a terminal can click: a hyperlink (OSC 8) where rich writes
    styles, plain text elsewhere. The text shown is escaped by safe() when printed; the link's
    target, which goes inside an escape sequence, is made safe here (safetext.link_target)."""
    target = link_target(url)
    return Text(printable(url), style=Style.parse(style) + Style(link=target) if target
                else style)


def _source_line(console: Console, prefix: str, url: str) -> None:
    """A source on one line, never broken: a long address runs past the edge (the terminal
    folds it, as it does any long line) rather than being cut or wrapped with new lines."""
    _print(console, Text(prefix, style="dim").append(url_text(url, "dim")), soft_wrap=True)


def status_text(st: MemberStanding) -> Text:
    """A table's status cell: 'member', 'suspended since 2024-02-22; withdrawal announced
    2024-06-12', 'member? uncertain' (the membership's start is in a column of its own)."""
    words = status_words(st, brief=True, presence=False)
    style = "yellow" if not st.status_certain or st.withdrawal else _STATUS_STYLE.get(st.status, "")
    text = Text(words, style=style)
    if st.presence == "uncertain":
        text = Text(f"{words}? uncertain", style="yellow bold")
    elif st.presence in ("part", "some"):
        text.append(f" ({coverage_label(st.presence)} of the period)")
    return text


def span_text(st: MemberStanding) -> str:
    """A table's 'since' cell: when the membership began, and ended if it has."""
    out = when(st.since)
    if st.until is not None:
        out += f" until {when(st.until)}"
    return out


def _in_force_text(t: Treaty) -> str:
    if t.in_force is None:  # in force once signed (query.in_force_from)
        return f"in force from its signature, {when(t.signed)}"
    return f"in force {when(t.in_force)}"


def _phase_line(ts: TreatyStanding, period: Period) -> str | None:
    t = ts.treaty
    maybe = "" if ts.certain else "possibly "
    if ts.phase == "not_signed":
        return f"{t.label} did not yet exist on {period} (signed {when(t.signed)})."
    if ts.phase == "signed":
        return (f"{t.label} was {maybe}signed ({when(t.signed)}) but not yet in force on "
                f"{period} ({_in_force_text(t)}).")
    if ts.phase == "in_force" and not ts.certain:
        return f"{t.label} was possibly not yet in force on {period} ({_in_force_text(t)})."
    if ts.phase == "ended":
        nxt = f"; succeeded by {t.successor}" if t.successor else ""
        return f"{t.label} had {maybe}ended on {when(t.ended)}{nxt}."
    return None


def _member_table(ds: Dataset, title: str, standings: list[MemberStanding], period: Period
                  ) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("State")
    table.add_column("Code")
    table.add_column("Status")
    table.add_column("Member since")
    for st in standings:
        table.add_row(state_name(ds, st.state, period), st.state, status_text(st), span_text(st))
    return table


def _count(standings: list[MemberStanding]) -> str:
    """'32 members', or '22 members (15 uncertain)'."""
    unsure = sum(not s.certain for s in standings)
    return f"{len(standings)} members" + (f" ({unsure} uncertain)" if unsure else "")


def render_members(console: Console, ds: Dataset, ts: TreatyStanding, period: Period,
                   standings: list[MemberStanding],
                   fallback: tuple[Treaty, list[MemberStanding]] | None) -> None:
    t = ts.treaty
    line = _phase_line(ts, period)
    if line:
        _print(console, line)
    if standings or not line:
        title = f"{t.label} — {t.name}: {_count(standings)} on {period}"
        _print(console, _member_table(ds, title, standings, period))
    if fallback:
        pred, pst = fallback
        _print(console, f"Its predecessor, {pred.label} ({pred.name}), had these members:")
        _print(console, _member_table(ds, f"{pred.label}: {_count(pst)} on {period}", pst, period))
        t = pred
    _footnotes(console, [s for s in standings if not s.certain])
    if t.sources:
        _source_line(console, "Source: ", t.sources[0].url)


def _footnotes(console: Console, uncertain: list[MemberStanding]) -> None:
    if uncertain:
        _print(console, Text("? uncertain: a date in the data is known only to the month, the year "
                           "or a range of days, and the query falls inside it.", style="yellow"))


def render_memberships(console: Console, ds: Dataset, code: str, period: Period,
                       standings: list[MemberStanding]) -> None:
    name = state_name(ds, code, period)
    table = Table(title=f"{name} ({code}): memberships on {period}", title_justify="left")
    table.add_column("Treaty")
    table.add_column("Id")
    table.add_column("Obligations")
    table.add_column("Status")
    table.add_column("Since")
    for st in standings:
        t = ds.treaties[st.treaty]
        table.add_row(t.name, t.id, ", ".join(t.obligations) or "none", status_text(st),
                      span_text(st))
    if not standings:
        _print(console, f"{name} belongs to no treaty in the data on {period}.")
        return
    _print(console, table)
    _footnotes(console, [s for s in standings if not s.certain])


def _link_line(ds: Dataset, link: AllyLink, period: Period, compact: bool = False,
               brief: bool = False) -> Text:
    """How a treaty links two states: its name and obligations, whether the link held all of the
    period, and any suspension of obligations between the two (compact: the treaty's short name
    and each note's first sentence, for a table; brief: each note's first sentence)."""
    t = ds.treaties[link.treaty]
    obligations = ", ".join(link.obligations)
    if compact:
        text = Text(f"{t.label} ({obligations})")
    else:
        text = Text(f"{t.short} ({t.name}; {obligations})" if t.short else f"{t.name} ({obligations})")
    if link.presence is None:
        text.append(" — obligations suspended", style="red")
    elif link.presence == "uncertain":
        text.append(" — uncertain", style="yellow")
    elif link.presence in ("part", "some"):
        text.append(f" — {coverage_label(link.presence)} of the period")
    for rel in link.suspended:
        actor = state_name(ds, rel.state, period)
        other = state_name(ds, rel.towards, period)
        end = f" until {rel.end}" if rel.end else ""
        text.append(f"\n    {actor} suspended its obligations to {other} on {rel.start}{end}",
                    style="yellow")
        if rel.event.note:
            note = first_sentence(rel.event.note) if compact or brief else rel.event.note
            text.append(f": {note}", style="dim")
    return text


_VERDICT_STYLE = {"Yes": "green bold", "No": "red bold", "Uncertain": "yellow bold"}


def render_allies_pair(console: Console, ds: Dataset, answer, brief: bool = False) -> None:
    """The answer to 'are A and B allied?' (answers.Pair): the headline, naming any side whose
    standing is qualified, then each linking treaty with both sides' statuses and a source
    (brief: notes cut to their first sentence)."""
    h = answer.headline
    if h.qualifier:
        _print(console, Text.assemble((h.verdict, _VERDICT_STYLE[h.verdict]),
                                      (f", {h.qualifier}", "yellow bold"),
                                      f": {'; '.join(h.caveats)}"))
        _print(console, f"  {h.question}")
    else:
        _print(console, Text.assemble((h.verdict, _VERDICT_STYLE[h.verdict]), f": {h.question}"))
        if h.caveats:
            _print(console, Text(f"  Note: {'; '.join(h.caveats)}", style="yellow"))
    names = (state_name(ds, answer.a.code, answer.period), state_name(ds, answer.b.code, answer.period))
    for link in answer.links:
        _print(console, Text("  via ").append(_link_line(ds, link, answer.period, brief=brief)))
        for label, st in zip(names, (link.a, link.b), strict=True):
            _print(console, Text(f"    {label}: ").append(status_words(st), style=_status_style(st)))
        src = ds.treaties[link.treaty].sources
        if src:
            _source_line(console, "    source: ", src[0].url)
    if not answer.links:
        _print(console, "  No treaty in the data with that obligation links them on that date.")


def _status_style(st: MemberStanding) -> str:
    if not st.status_certain or st.presence == "uncertain" or st.withdrawal:
        return "yellow"
    return _STATUS_STYLE.get(st.status, "")


_ALLIED_STYLE = {"yes": "green", "yes, formally": "yellow", "no": "red", "uncertain": "yellow"}


def render_allies_of(console: Console, ds: Dataset, answer) -> None:
    """Every ally of one state (answers.AlliesOf): the state's own qualified standings first,
    then one row per ally and treaty with both sides' statuses."""
    a, period = answer.state.code, answer.period
    name = state_name(ds, a, period)
    for caveat in answer.caveats:
        _print(console, Text(f"Note: {caveat.text}.", style="yellow"))
    table = Table(title=f"Allies of {name} ({a}) on {period}", title_justify="left")
    table.add_column("State")
    table.add_column("Code")
    table.add_column("Allied")
    for header in ("Via", f"{a}'s status", "Ally's status"):  # never cut a word off
        table.add_column(header, overflow="fold")
    for b, links in answer.links.items():
        headline, _ = pair_headline(ds, a, b, period, links, answer.obligations)
        allied = headline.lead.lower()
        for i, link in enumerate(links):
            first = i == 0
            table.add_row(
                state_name(ds, b, period) if first else "",
                b if first else "",
                Text(allied, _ALLIED_STYLE.get(allied, "")) if first else "",
                _link_line(ds, link, period, compact=True),
                Text(status_words(link.a, brief=True), style=_status_style(link.a)),
                Text(status_words(link.b, brief=True), style=_status_style(link.b)))
    _print(console, table)


NOTE_LINES = 4  # a note longer than this many lines of its column is cut unless --full


def render_history(console: Console, ds: Dataset, title: str, events: list[Event],
                   notes: str = "fit") -> None:
    """Events in a table, each source as a numbered reference listed (and linked) below it.

    notes: "full" (every note whole), "brief" (each cut to its first sentence) or "fit" (whole
    where it fits in NOTE_LINES lines of its column, else its first sentence).
    """
    table = Table(title=title, title_justify="left")
    for header in ("Date", "Treaty", "State", "Event"):
        table.add_column(header)
    table.add_column("Note", overflow="fold")  # a word too long for the column is kept whole
    rows = []
    for ev in events:
        what = KINDS[ev.kind].label
        if ev.effective:
            what += f" (effective {ev.effective})"
        if ev.towards:
            what += f" towards {', '.join(ev.towards)}"
        rows.append((when(ev.date), ds.treaties[ev.treaty].label, ev.state, what, ev))
    # the width left for notes once the other columns are drawn (cell padding and borders)
    others = [max((len(r[i]) for r in rows), default=0) for i in range(4)]
    note_width = max(20, console.width - sum(others) - 3 * 5 - 1)
    numbers: dict[str, int] = {}
    cut = False
    for date_text, treaty, state, what, ev in rows:
        note = ev.note or ""
        if note and (notes == "brief" or (notes == "fit" and _lines(note, note_width) > NOTE_LINES)):
            short = first_sentence(note) or ""
            cut = cut or short != note
            note = short
        detail = Text(note)
        for src in ev.sources:
            number = numbers.setdefault(src.url, len(numbers) + 1)
            detail.append(" " if detail.plain else "")
            detail.append(f"[{number}]", style=Style(dim=True) + Style(link=link_target(src.url)))
        table.add_row(date_text, treaty, state, what, detail)
    _print(console, table)
    if cut and notes == "fit":
        _print(console, Text(f"Notes longer than {NOTE_LINES} lines are cut to their first "
                             "sentence (…); --full shows them whole.", style="dim"))
    for url, number in numbers.items():
        _source_line(console, f"[{number}] ", url)


def _lines(text: str, width: int) -> int:
    """About how many lines `text` takes wrapped at `width` (words are not split)."""
    lines = 0
    for paragraph in text.splitlines() or [""]:
        length = 0
        count = 1
        for word in paragraph.split():
            if length and length + 1 + len(word) > width:
                count += 1
                length = len(word)
            else:
                length += len(word) + (1 if length else 0)
        lines += count
    return lines


def render_treaties(console: Console, rows: list[dict], title: str,
                    period: Period | None = None) -> None:
    """Treaties with their life, counts and data quality; with a period, the members then too."""
    on = period is not None
    table = Table(title=title, title_justify="left", box="simple_head")
    table.add_column("Id", no_wrap=True)
    table.add_column("Oblig.", no_wrap=True)
    table.add_column("Life", no_wrap=True)
    for col in ("Mbrs", *(("Mbrs on",) if on else ()), "Evts", "Day%", "Src%"):
        table.add_column(col, justify="right", no_wrap=True)
    totals = [0, 0, 0.0, 0.0, 0]
    for r in rows:
        life = f"{r['signed'][:4]}–{(r['ended'] or '')[:4]}"
        counts = (str(r["members"]), *((str(r["members_on"]),) if on else ()))
        table.add_row(r["treaty"], _abbrev(r["obligations"]), life, *counts,
                      str(r["events"]), _pct(r["day_precision_share"]), _pct(r["own_source_share"]))
        totals[0] += r["members"]
        totals[1] += r["events"]
        totals[2] += (r["day_precision_share"] or 0) * r["events"]
        totals[3] += (r["own_source_share"] or 0) * r["events"]
        totals[4] += r.get("members_on") or 0
    if rows:
        n = totals[1] or 1
        table.add_section()
        counts = (str(totals[0]), *((str(totals[4]),) if on else ()))
        table.add_row(f"total: {len(rows)}", "", "", *counts, str(totals[1]),
                      _pct(totals[2] / n), _pct(totals[3] / n))
    _print(console, table)
    members = (f"Mbrs: states in the treaty over its life; Mbrs on: in it on {period} (any "
               "status). " if on else "Mbrs: states in the treaty over its life. ")
    _print(console, Text("Oblig.: def defence, off offence, neu neutrality, nag non-aggression, con "
                         f"consultation. Life: signed–ended. {members}Day%: events dated to the "
                         "day; Src%: events with their own source (others cite the treaty's).",
                         style="dim"))


def _abbrev(obligations: str | None) -> str:
    if not obligations:
        return "none"
    short = {"non-aggression": "nag"}
    return " ".join(short.get(o, o[:3]) for o in obligations.split())


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x:.0%}"


# -- timelines ---------------------------------------------------------------------------------
GLYPHS = {  # cell kind -> (unicode glyph, ascii glyph, style)
    "member": ("█", "#", "green"),
    "suspended": ("▒", "=", "yellow"),
    "withdrawing": ("▓", "%", "red"),
    "observer": ("░", "-", "blue"),
    "partner": ("░", "-", "blue"),
    "signatory": ("╌", ".", "cyan"),
    "?": ("?", "?", "magenta"),
    "": (" ", " ", ""),
}
# the markers over the bars (events.KINDS: each kind's glyph and legend)
MARKER_LEGEND = [(k.glyph, k.legend) for k in KINDS.values() if k.glyph]
LEGEND = [("member", "member"), ("suspended", "suspended / frozen"),
          ("withdrawing", "withdrawal pending"), ("observer", "observer / partner"),
          ("signatory", "signed, not yet bound"), ("?", "uncertain (imprecise date)")]


def timeline_label_width(console: Console, labels: list[str]) -> int:
    return min(max([len(label) for label in labels] + [4]), max(12, console.width // 3))


def timeline_width(console: Console, labels: list[str]) -> int:
    """Columns left for the bars once the labels and the separator are drawn."""
    return max(10, console.width - timeline_label_width(console, labels) - 3)


def render_timeline(console: Console, tl, ascii_only: bool) -> None:
    """Draw a Timeline: one row per label, a date axis, markers and a legend."""
    from .timeline import ticks

    label_w = timeline_label_width(console, [r.label for r in tl.rows])
    on_col = tl.column(tl.on) if tl.on else None
    _print(console, Text(tl.title, style="bold"))
    if tl.life:
        start, end = tl.life
        life = f"in force {when(start)}" + (f", ended {when(end)}" if end else ", still in force")
        _print(console, Text(life, style="dim"))
    for row in tl.rows:
        line = Text(row.label[:label_w].ljust(label_w) + " │")
        for col, kind in enumerate(row.cells):
            uni, asc, style = GLYPHS.get(kind, GLYPHS["?"])
            glyph = asc if ascii_only else uni
            if col in row.markers:
                glyph, style = row.markers[col], "bold white" if not ascii_only else ""
            elif col == on_col:
                glyph, style = ("|" if ascii_only or kind == "" else glyph), "bold red"
            line.append(glyph, style="" if ascii_only else style)
        _print(console, line, no_wrap=True, overflow="crop")
    axis = [("-" if ascii_only else "─")] * tl.width
    labels = [" "] * (tl.width + 6)
    for col, year in ticks(tl):
        axis[col] = "+" if ascii_only else "┴"
        text = str(year)
        if all(c == " " for c in labels[col:col + len(text) + 1]):
            labels[col:col + len(text)] = list(text)
    corner = "+" if ascii_only else "└"
    _print(console, " " * label_w + " " + corner + "".join(axis), no_wrap=True, overflow="crop")
    _print(console, " " * (label_w + 2) + "".join(labels).rstrip(), no_wrap=True, overflow="crop")
    items = []  # (glyph, its style, text)
    for kind, label in LEGEND:
        uni, asc, style = GLYPHS[kind]
        items.append((asc if ascii_only else uni, "" if ascii_only else style, label))
    items += [(glyph, "", label) for glyph, label in MARKER_LEGEND]
    if tl.on:
        items.append(("|", "", str(tl.on)))
    # Packed into lines of the console's width, an item never broken across two.
    legend = Text()
    used = 0
    for glyph, style, label in items:
        size = len(glyph) + 1 + len(label)
        if used and used + 2 + size > console.width:
            legend.append("\n")
            used = 0
        elif used:
            legend.append("  ")
            used += 2
        legend.append(glyph, style=style)
        legend.append(f" {label}")
        used += size
    _print(console, legend)


def render_states(console: Console, rows: list[dict]) -> None:
    table = Table(title=f"{len(rows)} states", title_justify="left", box="simple_head")
    for col in ("Code", "Name", "ISO2", "COW", "From", "To"):
        table.add_column(col, no_wrap=col != "Name", ratio=1 if col == "Name" else None)
    for r in rows:
        cow = str(r["cow"] or "")
        if " " in cow:  # several codes over time: show the latest, marked
            cow = cow.split()[-1].split(":")[0] + "*"
        table.add_row(r["state"], r["name"], r["iso2"] or "", cow, r["from"] or "", r["to"] or "")
    _print(console, table)
    _print(console, Text("* the COW code changed over time; see --format csv", style="dim"))
