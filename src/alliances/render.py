"""Terminal rendering with rich; with cli.py and tables.py, the only modules that import it (ruff
enforces)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from .dates import DateRange, PartialDate, Period
from .model import Dataset, Event, Treaty
from .query import AllyLink, MemberStanding, TreatyStanding, link_allied
from .rows import coverage_label
from .tables import Table, safe

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


def when(d: PartialDate | None) -> str:
    """A date as written, with its precision made plain ('1999 (year only)')."""
    if d is None:
        return ""
    if d.precision == "day":
        return str(d)
    if isinstance(d, DateRange):
        if d.high is None:
            return f"{d.low} or later (not known when)"
        return f"some day from {d.low} to {d.high}"
    return f"{d} ({d.precision} only)"


def status_text(st: MemberStanding) -> Text:
    """'member', 'suspended; withdrawal announced 2024-06-12', 'member? (uncertain)'."""
    if not st.status_certain:
        statuses = " or ".join(dict.fromkeys(s.status for s in st.segments))
        text = Text(f"{statuses} (uncertain: status changed in {st.segments[-1].start})",
                    style="yellow")
    else:
        text = Text(st.status, style=_STATUS_STYLE.get(st.status, ""))
    if st.withdrawal:
        extra = f"; withdrawal {st.withdrawal} {st.withdrawal_date}"
        if st.withdrawal_effective:
            extra += f", effective {st.withdrawal_effective}"
        text.append(extra, style="yellow")
    if st.presence == "uncertain":
        text = Text(f"{text.plain}? uncertain", style="yellow bold")
    elif st.presence in ("part", "some"):
        text.append(f" ({coverage_label(st.presence)} of the period)")
    return text


def span_text(st: MemberStanding) -> str:
    out = when(st.since)
    if st.status_since is not None and st.status_since != st.since and st.status_certain:
        out += f" ({st.status} since {when(st.status_since)})"
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


def _member_table(ds: Dataset, title: str, standings: list[MemberStanding]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("State")
    table.add_column("Code")
    table.add_column("Status")
    table.add_column("Member since")
    for st in standings:
        state = ds.states.get(st.state)
        table.add_row(state.name if state else st.state, st.state, status_text(st), span_text(st))
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
        _print(console, _member_table(ds, title, standings))
    if fallback:
        pred, pst = fallback
        _print(console, f"Its predecessor, {pred.label} ({pred.name}), had these members:")
        _print(console, _member_table(ds, f"{pred.label}: {_count(pst)} on {period}", pst))
        t = pred
    _footnotes(console, [s for s in standings if not s.certain])
    if t.sources:
        _print(console, Text(f"Source: {t.sources[0].url}", style="dim"))


def _footnotes(console: Console, uncertain: list[MemberStanding]) -> None:
    if uncertain:
        _print(console, Text("? uncertain: a date in the data is known only to the month, the year "
                           "or a range of days, and the query falls inside it.", style="yellow"))


def render_memberships(console: Console, ds: Dataset, code: str, period: Period,
                       standings: list[MemberStanding]) -> None:
    state = ds.states.get(code)
    name = state.name if state else code
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


def _link_line(ds: Dataset, link: AllyLink) -> Text:
    t = ds.treaties[link.treaty]
    obligations = ", ".join(link.obligations)
    text = Text(f"{t.short} ({t.name}; {obligations})" if t.short else f"{t.name} ({obligations})")
    if link.presence is None:
        text.append(" — obligations suspended", style="red")
    elif link.presence == "uncertain":
        text.append(" — uncertain", style="yellow")
    elif link.presence in ("part", "some"):
        text.append(f" — {coverage_label(link.presence)} of the period")
    for rel in link.suspended:
        actor = ds.states[rel.state].name if rel.state in ds.states else rel.state
        other = ds.states[rel.towards].name if rel.towards in ds.states else rel.towards
        end = f" until {rel.end}" if rel.end else ""
        text.append(f"\n    {actor} suspended its obligations to {other} on {rel.start}{end}",
                    style="yellow")
        if rel.event.note:
            text.append(f": {rel.event.note}", style="dim")
    return text


def render_allies_pair(console: Console, ds: Dataset, a: str, b: str, period: Period,
                       links: list[AllyLink], obligations: list[str]) -> None:
    allied = link_allied(links)
    na, nb = ds.states[a].name, ds.states[b].name
    verdict = {True: ("Yes", "green bold"), False: ("No", "red bold"),
               "uncertain": ("Uncertain", "yellow bold")}[allied]
    _print(console, Text.assemble((verdict[0], verdict[1]),
                                f": {na} and {nb} on {period} ({'/'.join(obligations)} obligation)"))
    for link in links:
        _print(console, Text("  via ").append(_link_line(ds, link)))
        for label, st in ((na, link.a), (nb, link.b)):
            _print(console, Text(f"    {label}: ").append(status_text(st)).append(
                f", since {when(st.since)}"))
        src = ds.treaties[link.treaty].sources
        if src:
            _print(console, Text(f"    source: {src[0].url}", style="dim"))
    if not links:
        _print(console, "  No treaty in the data with that obligation links them on that date.")


def render_allies_of(console: Console, ds: Dataset, a: str, period: Period,
                     links_by_state: dict[str, list[AllyLink]]) -> None:
    name = ds.states[a].name
    table = Table(title=f"Allies of {name} ({a}) on {period}", title_justify="left")
    table.add_column("State")
    table.add_column("Code")
    table.add_column("Allied")
    table.add_column("Via")
    for b, links in links_by_state.items():
        allied = link_allied(links)
        label = {True: Text("yes", "green"), False: Text("no", "red"),
                 "uncertain": Text("uncertain", "yellow")}[allied]
        via = Text("\n").join(_link_line(ds, link) for link in links)
        table.add_row(ds.states[b].name if b in ds.states else b, b, label, via)
    _print(console, table)


def render_history(console: Console, ds: Dataset, title: str, events: list[Event]) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("Date")
    table.add_column("Treaty")
    table.add_column("State")
    table.add_column("Event")
    table.add_column("Note / source", overflow="fold")
    for ev in events:
        t = ds.treaties[ev.treaty]
        what = ev.kind.replace("_", " ")
        if ev.effective:
            what += f" (effective {ev.effective})"
        if ev.towards:
            what += f" towards {', '.join(ev.towards)}"
        detail = Text(ev.note or "")
        src = ev.sources[0].url if ev.sources else ""
        if src:
            detail.append(("\n" if ev.note else "") + src, style="dim")
        table.add_row(when(ev.date), t.label, ev.state, what, detail)
    _print(console, table)


def render_treaties(console: Console, rows: list[dict], title: str) -> None:
    table = Table(title=title, title_justify="left", box="simple_head")
    table.add_column("Id", no_wrap=True)
    table.add_column("Oblig.", no_wrap=True)
    table.add_column("Life", no_wrap=True)
    for col in ("Mbrs", "Evts", "Day%", "Src%"):
        table.add_column(col, justify="right", no_wrap=True)
    totals = [0, 0, 0.0, 0.0]
    for r in rows:
        life = f"{r['signed'][:4]}–{(r['ended'] or '')[:4]}"
        table.add_row(r["treaty"], _abbrev(r["obligations"]), life, str(r["members"]),
                      str(r["events"]), _pct(r["day_precision_share"]), _pct(r["own_source_share"]))
        totals[0] += r["members"]
        totals[1] += r["events"]
        totals[2] += (r["day_precision_share"] or 0) * r["events"]
        totals[3] += (r["own_source_share"] or 0) * r["events"]
    if rows:
        n = totals[1] or 1
        table.add_section()
        table.add_row(f"total: {len(rows)}", "", "", str(totals[0]), str(totals[1]),
                      _pct(totals[2] / n), _pct(totals[3] / n))
    _print(console, table)
    _print(console, Text("Oblig.: def defence, off offence, neu neutrality, nag non-aggression, con "
                       "consultation. Life: signed–ended. Day%: events dated to the day; Src%: "
                       "events with their own source (others cite the treaty's).", style="dim"))


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
    legend = Text()
    for kind, label in LEGEND:
        uni, asc, style = GLYPHS[kind]
        legend.append(asc if ascii_only else uni, style="" if ascii_only else style)
        legend.append(f" {label}  ")
    legend.append("! announced  N notified  ] left  * note")
    if tl.on:
        legend.append(f"  | {tl.on}")
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
