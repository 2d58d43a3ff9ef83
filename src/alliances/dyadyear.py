"""The dyad-year export: one row per pair of states and year, keyed as COW or Gleditsch-Ward panels
are keyed, so that a left join of it onto a state-system panel sets no trap.

- Keys are unique: two of our states that held one code in a year (the Soviet Union and Russia,
  COW 365, in 1991) make one row, with both states named and the treaties of both.
- A year in which a state's code changed holds a row for each code it held while linked
  (Germany: 260 and 255 in 1990), as COW's own panels do.
- Keys are codes: a pair with a state that has no code in the key's system (Palestine, the Holy
  See have no COW code) is left out; those states are in the exports keyed by our (ISO) codes.
- `system="cow"|"gw"` keeps the states in that system in the year (a state with no code, or
  outside the system, such as Syria within the United Arab Republic, is left out); `panel=True`
  writes every dyad of the system in every year, not allied coded 0, and years the data does not
  cover left empty (NA).

Each row's parts (a pair's codes and states, a set of treaties) are rendered once and the rows
are built once per pair and run of identical years, not once per year (see `dyad_year_blocks`).
"""

from __future__ import annotations

import gc
import operator
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import IO, Any

from .dates import Span, intersect
from .filters import Filters
from .model import UNCERTAIN_MODES as _UNCERTAIN_MODES
from .model import Dataset, State
from .query import Engine
from .records import Frozen, set_field
from .statesystems import _GW_RENUMBERED, gw_code, load_system
from .writers import ROW_FORMATS, cell_renderer, cell_words, counted, write_rows

__all__ = ["ATOP_OBLIGATION_COLUMNS", "DYAD_YEAR_COLUMNS", "PanelOptions", "dyad_year_rows",
           "dyad_year_tuples", "write_dyad_years"]

# ATOP's names for the obligation columns, so panels merge with ATOP-based data unchanged.
ATOP_OBLIGATION_COLUMNS = {
    "defence": "defense",
    "offence": "offense",
    "neutrality": "neutral",
    "non-aggression": "nonagg",
    "consultation": "consul",
}
HEAD_COLUMNS = ["ccode1", "ccode2", "gwcode1", "gwcode2", "state1", "state2", "iso2_1", "iso2_2"]
TAIL_COLUMNS = ["allied", "treaties", "atop_ids", "cow_ids", "status1", "status2",
                *ATOP_OBLIGATION_COLUMNS.values(), "certain"]
DYAD_YEAR_COLUMNS = ["year", *HEAD_COLUMNS, *TAIL_COLUMNS]
UNCERTAIN_MODES = _UNCERTAIN_MODES  # defined in model.py, so that a query need not import this
_OBLIGATIONS = list(ATOP_OBLIGATION_COLUMNS)
_NOT_ALLIED = (False, None, None, None, None, None, *([False] * len(_OBLIGATIONS)), None)
_NOT_COVERED = (None,) * len(TAIL_COLUMNS)


class PanelOptions(Frozen):
    """How a panel is keyed and filled.

    system: None (keyed by COW codes, every state that has one), "cow" or "gw" (keyed by that
      system's codes; only states in the system that year).
    panel: every dyad (or state) of `system` in every year, not just the allied ones.
    directed: both orders of each pair.
    uncertain: a membership whose start or end is a range of dates: "keep" (rows with
      certain = false), "as-member" (every possible day counts) or "as-nonmember" (only the
      certain days count).
    covered: the years the data covers; a panel leaves the link columns empty outside them.
    """

    system: str | None
    panel: bool
    directed: bool
    uncertain: str
    covered: range | None

    __slots__ = ("system", "panel", "directed", "uncertain", "covered")

    def __init__(self, system: str | None = None, panel: bool = False, directed: bool = False,
                 uncertain: str = "keep", covered: range | None = None) -> None:
        set_field(self, "system", system)
        set_field(self, "panel", panel)
        set_field(self, "directed", directed)
        set_field(self, "uncertain", uncertain)
        set_field(self, "covered", covered)


# -- codes -------------------------------------------------------------------------------------
def identities(state: State) -> list[tuple[date, date | None, int | None, int | None]]:
    """(start, end, COW code, GW code) over a state's life: a new entry at each change of either
    code (the COW periods, cut where GW numbers the state differently: systems/README.md)."""
    gw = load_system("gw").by_code
    if not state.cow:
        return [(date.min, None, None, None)]
    out = []
    for p in state.cow:
        start = p.start.earliest if p.start is not None else date.min
        end = p.end.latest if p.end is not None else None
        cuts = [start]
        renumbered = _GW_RENUMBERED.get(p.code)
        if renumbered is not None and start < renumbered[0] and (end is None or renumbered[0] < end):
            cuts.append(renumbered[0])
        for i, cut in enumerate(cuts):
            stop = cuts[i + 1] if i + 1 < len(cuts) else end
            g = renumbered[1] if renumbered is not None and cut >= renumbered[0] else p.code
            out.append((cut, stop, p.code, g if g in gw else None))
    return out



def held_codes(ds: Dataset, key_gw: bool
               ) -> Iterator[tuple[int, str, date, date | None, int | None, int | None]]:
    """(key, our state, from, until, COW code, GW code) for each code one of our states held,
    within the state's life; the key is the GW code when `key_gw`, else the COW code."""
    for code, s in ds.states.items():
        life_start = s.start.earliest if s.start is not None else date.min
        life_end = s.end.latest if s.end is not None else None
        for start, end, c, g in identities(s):
            k = g if key_gw else c
            if k is None:
                continue
            start = max(start, life_start)
            end = end if life_end is None else life_end if end is None else min(end, life_end)
            yield k, code, start, end, c, g

class YearEndCodes:
    """The (COW, GW) codes standing for a key in a year: those of the holder on the last day of
    the year the key was held (the latest to end). One key stands for two codes of the other
    system in a few years (GW 678, Yemen, was COW 678 and then 679 in 1990; GW 260 was COW 260
    and then 255 in 1990; COW 345 was GW 345 and then 340 in 2006): a key's row holds one code,
    the one at the end of its year, as `gw_code(code, 31 December)` gives for a COW code."""

    def __init__(self, ds: Dataset, key_gw: bool) -> None:
        self._spans: dict[int, list[tuple[date, date | None, int | None, int | None]]] = {}
        for k, _, start, end, c, g in held_codes(ds, key_gw):
            self._spans.setdefault(k, []).append((start, end, c, g))
        self._found: dict[tuple[int, int], tuple[int | None, int | None] | None] = {}

    def __call__(self, key: int, year: int) -> tuple[int | None, int | None] | None:
        """(COW, GW) for `key` in `year`; None where none of our states held it that year."""
        found = self._found.get((key, year), False)
        if found is False:
            first, after = date(year, 1, 1), date(year + 1, 1, 1)
            held = [(date.max if end is None or end > after else end, start, c, g)
                    for start, end, c, g in self._spans.get(key, ())
                    if start < after and (end is None or end > first)]
            found = self._found[(key, year)] = max(held)[2:] if held else None
        return found


def _touching(ids: list[tuple], spans: list[Span], year: int) -> list[tuple[int | None, int | None]]:
    """The (COW, GW) codes a state held on the days of `spans` within `year`, in order."""
    if len(ids) == 1 and ids[0][0] == date.min and ids[0][1] is None:  # one code, always
        return [(ids[0][2], ids[0][3])]
    window = [(date(year, 1, 1), date(year + 1, 1, 1))]
    days = intersect(spans, window) if spans else window
    out: list[tuple[int | None, int | None]] = []
    for start, end, c, g in ids:
        if any(start < (e or date.max) and (end is None or end > s) for s, e in days):
            if (c, g) not in out:
                out.append((c, g))
    return out


# -- links -------------------------------------------------------------------------------------
def _year_ranges(spans: list[Span], lo: int, hi: int) -> list[tuple[int, int]]:
    """The years in [lo, hi] that share a day with each span, as (first, last) ranges."""
    out = []
    for start, end in spans:
        last = hi if end is None else min((end - timedelta(days=1)).year, hi)
        first = max(start.year, lo)
        if first <= last:
            out.append((first, last))
    return out


def _pair_runs(links: list[tuple], lo: int, hi: int) -> list[tuple[int, int, tuple, list[Span]]]:
    """Runs of years over which the same treaties link a pair, equally certain.

    `links` holds (treaty id, obligation mask, certain spans, possible spans) for each treaty
    linking the pair. Gives (first year, last year, (treaty ids, *mask, certain), possible spans).
    """
    ranges = [_year_ranges(possible, lo, hi) for _, _, _, possible in links]
    certain_ranges = [r if c == p else _year_ranges(c, lo, hi)
                      for r, (_, _, c, p) in zip(ranges, links, strict=True)]
    always_certain = certain_ranges == ranges
    if len(links) == 1 and len(ranges[0]) == 1 and always_certain:  # the commonest case
        tid, mask, _, possible = links[0]
        return [(*ranges[0][0], (tid, *mask, True), possible)]
    # a sweep over the years where some treaty's link starts or ends, instead of year by year
    changes: dict[int, list[tuple[int, int, int]]] = {}
    add = changes.setdefault
    for kind, by_link in ((0, ranges), (1, [] if always_certain else certain_ranges)):
        for i, link_ranges in enumerate(by_link):
            for first, last in link_ranges:
                add(first, []).append((kind, i, 1))
                add(last + 1, []).append((kind, i, -1))
    active = [0] * len(links)
    certain_count = 0
    bounds = sorted(changes)
    out = []
    for n, year in enumerate(bounds[:-1]):
        for kind, i, step in changes[year]:
            if kind:
                certain_count += step
            else:
                active[i] += step
        here = [link for link, count in zip(links, active, strict=True) if count]
        if not here:
            continue
        masks = [c[1] for c in here]
        obs = masks[0] if len(masks) == 1 else tuple(map(any, zip(*masks, strict=True)))
        tail = (" ".join(sorted(c[0] for c in here)), *obs, always_certain or certain_count > 0)
        out.append((year, bounds[n + 1] - 1, tail, [sp for c in here for sp in c[3]]))
    return out


_DAY = timedelta(days=1)
_MEMBERS = ["", *(" ".join(["member"] * n) for n in range(1, 16))]


def _members(n: int) -> str:
    """`member` once per linking treaty."""
    return _MEMBERS[n] if n < len(_MEMBERS) else " ".join(["member"] * n)


# The allied statuses in the order a year's status token joins them (`member+suspended`).
ALLIED_ORDER = ("member", "signatory", "suspended")


def _token(statuses: set[str]) -> str:
    return "+".join([s for s in ALLIED_ORDER if s in statuses])


def _overlaps_year(seg, y: int) -> bool:
    start, end = seg.possible()
    return start < date(y + 1, 1, 1) and (end is None or end > date(y, 1, 1))


def _status_years(segments: list, hi: int, extra: frozenset[str]) -> dict[int, str]:
    """A state's status in a treaty in each year (up to `hi`) it held one of the `extra` allied
    statuses (those besides `member`: `suspended`, and `signatory` when signatories count) on
    some day: the statuses it held that year joined by `+` (`suspended`, `member+suspended`);
    in the other years of its membership it is `member`."""
    out: dict[int, str] = {}
    for seg in segments:
        if seg.status not in extra:
            continue
        start, end = seg.possible()
        last = hi if end is None else min((end - timedelta(days=1)).year, hi)
        for y in range(start.year, last + 1):
            if y not in out:
                out[y] = _token({other.status for other in segments
                                 if (other.status == "member" or other.status in extra)
                                 and _overlaps_year(other, y)})
    return out


def _status_changes(segments: list, lo: int, hi: int, extra: frozenset[str]
                    ) -> list[tuple[int, str]]:
    """The years in [lo, hi] where a state's status in a treaty changes, coded as
    _status_years codes it, and the status from then on: [(year, status), ...] in year order;
    `member` where a stretch of years with another status ends."""
    if not any(seg.status in extra for seg in segments):
        return []
    years_of: dict[str, set[int]] = {}
    for status in ("member", *extra):
        years: set[int] = set()
        for first, last in _year_ranges([seg.possible() for seg in segments
                                         if seg.status == status], lo, hi):
            years.update(range(first, last + 1))
        years_of[status] = years
    special = set().union(*(years_of[s] for s in extra))
    if not special:  # held only outside [lo, hi]
        return []
    out: list[tuple[int, str]] = []
    current = "member"
    for y in range(min(special), max(special) + 2):
        token = ("member" if y not in special
                 else _token({s for s, years in years_of.items() if y in years}))
        if token != current:
            out.append((y, token))
            current = token
    return out


def _year_bits(spans: list[Span], lo: int, hi: int) -> list[tuple[int, int]]:
    """_year_ranges with ranges that overlap or touch joined: [(first, last + 1), ...] in order,
    so that a link's ranges toggle it on and off at distinct years."""
    if len(spans) == 1:
        (start, end), = spans
        first = start.year if start.year > lo else lo
        last = hi if end is None else min((end - _DAY).year, hi)
        return [(first, last + 1)] if first <= last else []
    out: list[list[int]] = []
    for first, last in sorted(_year_ranges(spans, lo, hi)):
        if out and first <= out[-1][1]:
            if last + 1 > out[-1][1]:
                out[-1][1] = last + 1
        else:
            out.append([first, last + 1])
    return [(a, b) for a, b in out]


def _pair_pieces(links: list[tuple], a: str, b: str, changes: dict[str, dict[str, list]],
                 lo: int, hi: int, treaty_parts: dict[str, tuple]
                 ) -> list[tuple[int, int, tuple, tuple]]:
    """A pair's tails by runs of years, in one sweep, each in two parts: (first, last,
    (allied, treaties, ids), (statuses of a and b per treaty, *obligations, certain)); the
    first part is one tuple for all the runs with the same treaties, to be rendered once.

    What _pair_runs and with_statuses give together, in fewer steps: `links` as _pair_runs takes
    them, in treaty id order, for states `a` and `b`; `changes`: treaty -> its members ever
    in another allied status -> the years where their status changes (_status_changes);
    `treaty_parts`: the treaties' part of the tails (_TreatyParts). The links in force are a bit
    mask (bit i: link i), switched where a link's years begin and end.
    """
    events: list[tuple] = []
    same = 0  # links whose certain years are their possible years
    varying = 0  # links with status changes
    add = events.append
    for i, (tid, _, certain, possible) in enumerate(links):
        bit = 1 << i
        if len(possible) == 1:  # the commonest case, inline (as _year_bits)
            (start, end), = possible
            first = start.year if start.year > lo else lo
            after = hi + 1 if end is None else min((end - _DAY).year, hi) + 1
            if first >= after:
                continue  # not in [lo, hi]
            add((first, 0, bit))
            add((after, 0, bit))
        else:
            ranges = _year_bits(possible, lo, hi)
            if not ranges:
                continue
            for first, after in ranges:
                add((first, 0, bit))
                add((after, 0, bit))
            first, after = ranges[0][0], ranges[-1][1]
        if certain is possible or certain == possible:
            same |= bit
        else:
            for start_year, after_year in _year_bits(certain, lo, hi):
                add((start_year, 1, bit))
                add((after_year, 1, bit))
        suspended = changes.get(tid)
        if suspended is not None and (a in suspended or b in suspended):
            varying |= bit
            for kind, code in ((2, a), (3, b)):
                # the status in force in the link's first year, then its changes in the link's
                # years (those outside them do not show)
                status_changes = suspended.get(code, ())
                status = "member"
                for year, token in status_changes:
                    if year > first:
                        break
                    status = token
                if status != "member":
                    add((first, kind, i, status))
                for year, token in status_changes:
                    if first < year < after:
                        add((year, kind, i, token))
    events.sort()
    n = len(links)
    active = certain_bits = 0
    status_a, status_b = ["member"] * n, ["member"] * n
    indices: dict[int, list[int]] = {}  # a set of links (bits) -> their indices
    # [first, last, (links in force, certain[, statuses of a and b where some link's vary])],
    # joined where equal
    pieces: list[list] = []
    last_key = None
    year = events[0][0] if events else 0
    for event in events:
        if event[0] != year:
            # what the events up to `year` set holds until the next event's year
            if active:
                if active & varying:
                    here = indices.get(active)
                    if here is None:
                        here = indices[active] = [i for i in range(n) if active >> i & 1]
                    key = (active, bool(certain_bits or active & same),
                           " ".join([status_a[i] for i in here]),
                           " ".join([status_b[i] for i in here]))
                else:
                    key = (active, bool(certain_bits or active & same))
                if key == last_key and pieces[-1][1] == year - 1:
                    pieces[-1][1] = event[0] - 1
                else:
                    pieces.append([year, event[0] - 1, key])
                    last_key = key
            year = event[0]
        kind = event[1]
        if kind == 0:
            active ^= event[2]
        elif kind == 1:
            certain_bits ^= event[2]
        elif kind == 2:
            status_a[event[2]] = event[3]
        else:
            status_b[event[2]] = event[3]
    parts: dict[int, tuple] = {}  # per set of links: (the treaties' part, `member`s, obligations)
    out: list[tuple[int, int, tuple, tuple]] = []
    for first, last, key in pieces:
        bits = key[0]
        part = parts.get(bits)
        if part is None:
            if bits & (bits - 1) == 0:  # one link
                tid, obs, _, _ = links[bits.bit_length() - 1]
                part = parts[bits] = (treaty_parts[tid], "member", obs)
            else:
                here = [link for i, link in enumerate(links) if bits >> i & 1]
                tids = " ".join([link[0] for link in here])
                obs = tuple(map(any, zip(*[link[1] for link in here], strict=True)))
                part = parts[bits] = (treaty_parts[tids], _members(len(here)), obs)
        treaties, plain, obs = part
        if len(key) == 2:
            out.append((first, last, treaties, (plain, plain, *obs, key[1])))
        else:
            out.append((first, last, treaties, (key[2], key[3], *obs, key[1])))
    return out


class _TreatyParts(dict):
    """Treaty ids (joined by spaces) -> (allied, the ids, their ATOP ids, their COW ids): the
    treaties' part of a row's tail as text, made on first use (by __missing__: later uses are a
    plain lookup)."""

    def __init__(self, treaties: dict[str, Any]) -> None:
        super().__init__()
        # each treaty's ATOP and COW ids as text, for the treaties that have some
        self._atop = {t: " ".join(map(str, x.atop_ids)) for t, x in treaties.items() if x.atop_ids}
        self._cow = {t: " ".join(map(str, x.cow_ids)) for t, x in treaties.items() if x.cow_ids}

    def __missing__(self, tids: str) -> tuple[bool, str, str | None, str | None]:
        names = tids.split(" ")
        found = self[tids] = (True, tids,
                              " ".join([self._atop[t] for t in names if t in self._atop]) or None,
                              " ".join([self._cow[t] for t in names if t in self._cow]) or None)
        return found


def _status_ranges(by_year: dict[int, str]) -> list[tuple[int, int, str]]:
    """_status_years as runs of years with one status: (first, last, status)."""
    out: list[list] = []
    for y in sorted(by_year):
        if out and out[-1][1] == y - 1 and out[-1][2] == by_year[y]:
            out[-1][1] = y
        else:
            out.append([y, y, by_year[y]])
    return [tuple(r) for r in out]


def _links(ds: Dataset, engine: Engine, f: Filters, uncertain: str
           ) -> tuple[dict[tuple[str, str], list[tuple]], dict[tuple[str, str], dict]]:
    """(a, b) with a < b -> the treaties linking them: (id, mask, certain spans, possible spans);
    and for pairs linked by a treaty with pledges, that link's masks a->b and b->a (what each
    owes the other), by its index in the pair's list."""
    links: dict[tuple[str, str], list[tuple]] = {}
    pledged: dict[tuple[str, str], dict[int, tuple[tuple, tuple]]] = {}
    for tid in sorted(ds.treaties):  # so that each pair's links are in treaty id order
        treaty = ds.treaties[tid]
        if not treaty.obligations or not f.treaty_ok(treaty):
            continue
        mask = tuple(ob in treaty.obligations for ob in _OBLIGATIONS)
        for a, b, certain, possible in engine.pair_spans(tid, sorted(treaty.members)):
            if f.states is not None and a not in f.states and b not in f.states:
                continue
            if uncertain == "as-member":
                certain = possible
            elif uncertain == "as-nonmember":
                if not certain:
                    continue
                possible = certain
            pair_links = links.setdefault((a, b), [])
            if treaty.pledges:
                ab, ba = (tuple(ob in treaty.owes(x, y) for ob in _OBLIGATIONS)
                          for x, y in ((a, b), (b, a)))
                if not any(ab) and not any(ba):
                    if not pair_links:
                        del links[(a, b)]
                    continue
                pledged.setdefault((a, b), {})[len(pair_links)] = (ab, ba)
                pair_links.append((tid, tuple(map(operator.or_, ab, ba)), certain, possible))
                continue
            pair_links.append((tid, mask, certain, possible))
    return links, pledged


# -- the rows ------------------------------------------------------------------------------------
def dyad_year_blocks(ds: Dataset, engine: Engine, f: Filters, years: range, opts: PanelOptions,
                     render: Callable[[tuple], Any], join: Callable[[Any, Any], Any]
                     ) -> Iterator[tuple[int, list]]:
    """(year, rows) in year order; a row is `join` of the `render`ed cells after the year column,
    in two parts: the pair (HEAD_COLUMNS) and the link (TAIL_COLUMNS). The link's part may come
    in two parts too (the treaties, then statuses, obligations and certainty: the fast path), so
    `render` must render cells one by one and `join` put two rendered parts side by side (as
    the CSV writer's and the tuples' do).

    Each part is rendered once (a pair's states, a set of treaties), each row once per pair and
    run of identical years, not once per year; each year's rows come out in key order because
    the runs are sorted once, by their row's key.
    """
    lo, hi = years.start, years.stop - 1
    if lo > hi:
        return
    system = load_system(opts.system) if opts.system else None
    by_gw = opts.system == "gw"
    states = ds.states
    ids = {code: identities(s) for code, s in states.items()}
    iso2 = {code: s.iso2 for code, s in states.items()}
    treaties = ds.treaties
    treaty_parts = _TreatyParts(treaties)

    def crosswalk(tids: str) -> tuple[str | None, str | None]:
        """The ATOP and COW ids of treaties `tids` as text."""
        return treaty_parts[tids][2:]

    # the codes one of our states shares with another: rows of those pairs may need merging
    holders: dict[int, set[str]] = {}
    for code, entries in ids.items():
        for _, _, c, g in entries:
            k = g if by_gw else c
            if k is not None:
                holders.setdefault(k, set()).add(code)
    shared = {code for owners in holders.values() if len(owners) > 1 for code in owners}
    # the states that held one code all their lives: their (COW, GW) codes and key
    fixed = {code: ((c, g), g if by_gw else c) for code, entries in ids.items()
             if len(entries) == 1 and code not in shared for _, _, c, g in entries}

    status_maps: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    # the allied statuses besides `member` (suspended; signatory when signatories count)
    extra = engine.allied_statuses - {"member"}

    def status_ranges(tid: str, code: str) -> list[tuple[int, int, str]]:
        found = status_maps.get((tid, code))
        if found is None:
            found = status_maps[(tid, code)] = (
                _status_ranges(_status_years(engine.segments(tid, code), hi, extra))
                if extra else [])
        return found

    # treaty -> its members ever in another allied status -> their status changes; only
    # treaties with obligations link states (the others' events need not even be read)
    change_maps: dict[str, dict[str, list[tuple[int, str]]]] = {}
    if extra:
        for tid, treaty in treaties.items():
            if not treaty.obligations:
                continue
            for code in treaty.members:
                found = _status_changes(engine.segments(tid, code), lo, hi, extra)
                if found:
                    change_maps.setdefault(tid, {})[code] = found

    def pair_statuses(a: str, b: str, pair_links: list[tuple]
                      ) -> dict[str, tuple[list, list]]:
        """The linking treaties in which a or b was ever in another allied status than
        `member`: tid -> their status ranges."""
        if not extra:
            return {}
        out = {}
        for link in pair_links:
            ra, rb = status_ranges(link[0], a), status_ranges(link[0], b)
            if ra or rb:
                out[link[0]] = (ra, rb)
        return out

    def with_statuses(first: int, last: int, core: tuple, varying: dict[str, tuple[list, list]]
                      ) -> list[tuple[int, int, tuple]]:
        """The run [first, last] cut where either side's status in a linking treaty changes,
        each piece with its tail: (allied, treaties, ids, statuses of a and b per treaty, ...).
        `varying`: pair_statuses of the pair."""
        tids, *obs, certain = core
        atop, cow = crosswalk(tids)
        names = tids.split(" ")
        plain = _members(len(names))
        here = [(i, ranges) for i, t in enumerate(names) if t in varying
                for ranges in (varying[t],)
                if any(f1 <= last and l1 >= first for rs in ranges for f1, l1, _ in rs)]
        if not here:
            return [(first, last, (True, tids, atop, cow, plain, plain, *obs, certain))]
        cuts = {first}
        for _, ranges in here:
            for rs in ranges:
                for f1, l1, _ in rs:
                    if f1 <= last and l1 >= first:
                        cuts.add(max(f1, first))
                        if l1 < last:
                            cuts.add(l1 + 1)
        starts = sorted(cuts)
        out: list[tuple[int, int, tuple]] = []
        for k, y in enumerate(starts):
            end = starts[k + 1] - 1 if k + 1 < len(starts) else last
            sides = [["member"] * len(names), ["member"] * len(names)]
            for i, ranges in here:
                for side, rs in enumerate(ranges):
                    sides[side][i] = next((tok for f1, l1, tok in rs if f1 <= y <= l1), "member")
            sa, sb = " ".join(sides[0]), " ".join(sides[1])
            if out and out[-1][2][4] == sa and out[-1][2][5] == sb:
                out[-1] = (out[-1][0], end, out[-1][2])
            else:
                out.append((y, end, (True, tids, atop, cow, sa, sb, *obs, certain)))
        return out

    def key_of(c: int | None, g: int | None) -> int | None:
        return g if by_gw else c

    def in_system(c: int | None, g: int | None, year: int) -> bool:
        if system is None:
            return True
        return system.has_in_year(key_of(c, g), year)

    member_years: dict[tuple[int | None, int], bool] = {}

    def in_system_runs(first: int, last: int, ia: tuple, ib: tuple) -> list[tuple[int, int]]:
        """The runs of years in [first, last] when both codes were in the system."""
        if system is None:
            return [(first, last)]
        out: list[tuple[int, int]] = []
        ka, kb = key_of(*ia), key_of(*ib)
        for y in range(first, last + 1):
            ok = True
            for k in (ka, kb):
                found = member_years.get((k, y))
                if found is None:
                    found = member_years[(k, y)] = system.has_in_year(k, y)
                ok = ok and found
            if not ok:
                continue
            if out and out[-1][1] == y - 1:
                out[-1] = (out[-1][0], y)
            else:
                out.append((y, y))
        return out

    year_end = YearEndCodes(ds, by_gw)

    def _at_year_end(codes: list[tuple], y: int, stop: int) -> list[tuple]:
        """In a stretch of one year (a year in which a code changes, or a shared code), each
        key's codes as YearEndCodes gives them."""
        if stop != y:
            return codes
        return [year_end(key_of(*pair), y) or pair if key_of(*pair) is not None else pair
                for pair in codes]

    def sort_key(k1: int, k2: int, s1: str, s2: str) -> tuple:
        return (k1, k2, s1, s2)

    def orders(a: str, b: str, ia: tuple, ib: tuple, tail: tuple, single: bool = False
               ) -> list[tuple[tuple, tuple, tuple]]:
        """(sort key, head, tail) for each order the export writes the pair in (`single`: a
        directed row from a to b only, what a owes b under pledges)."""
        ka, kb = key_of(*ia), key_of(*ib)
        if single:
            return [(sort_key(ka, kb, a, b), (ia[0], ib[0], ia[1], ib[1], a, b, iso2.get(a),
                                              iso2.get(b)), tail)]
        if (ka, a) > (kb, b):
            a, b, ia, ib, ka, kb = b, a, ib, ia, kb, ka
            tail = _swapped(tail)
        head = (ia[0], ib[0], ia[1], ib[1], a, b, iso2.get(a), iso2.get(b))
        out = [(sort_key(ka, kb, a, b), head, tail)]
        if opts.directed:
            out.append((sort_key(kb, ka, b, a),
                        (ib[0], ia[0], ib[1], ia[1], b, a, iso2.get(b), iso2.get(a)), _swapped(tail)))
        return out

    rendered: dict[tuple, Any] = {}  # each distinct part is rendered once

    def part(cells: tuple) -> Any:
        found = rendered.get(cells)
        if found is None:
            found = rendered[cells] = render(cells)
        return found

    def row(head: tuple, tail: tuple) -> Any:
        return join(part(head), part(tail))

    records: list[tuple[tuple, list[tuple[int, int, Any]]]] = []
    # (year, key1, key2) -> [states1, states2, (c1, g1), (c2, g2), tail] for pairs whose codes
    # another of our states shares (merged into one row per key)
    merged: dict[tuple, list] = {}
    def by_stretches(a: str, b: str, pair_links: list[tuple], single: bool = False) -> None:
        """A pair's rows by stretches of years in which neither state's codes nor statuses
        change; a year in which they do is taken on its own."""
        runs = _pair_runs(pair_links, lo, hi)
        varying = pair_statuses(a, b, pair_links)
        ids_a, ids_b = ids.get(a, _NO_CODES), ids.get(b, _NO_CODES)
        special = _boundary_years(ids_a) | _boundary_years(ids_b)
        merging = a in shared or b in shared
        by_key: dict[tuple, list[tuple[int, int, Any]]] = {}
        for first, last, core, spans in runs:
            y = first
            while y <= last:
                stop = y
                if not merging and y not in special:
                    while stop < last and stop + 1 not in special:
                        stop += 1
                for ia in _at_year_end(_keyed(_touching(ids_a, spans, y), by_gw), y, stop):
                    for ib in _at_year_end(_keyed(_touching(ids_b, spans, y), by_gw), y, stop):
                        ka, kb = key_of(*ia), key_of(*ib)
                        if ka is None or kb is None or ka == kb:
                            continue  # a state without a code in the key's system
                        for f0, l0, tail in with_statuses(y, stop, core, varying):
                            for f1, l1 in in_system_runs(f0, l0, ia, ib):
                                if merging:
                                    _merge(merged, f1, a, b, ia, ib, ka, kb, tail, crosswalk)
                                    continue
                                for skey, head, t in orders(a, b, ia, ib, tail, single):
                                    by_key.setdefault(skey, []).append((f1, l1, row(head, t)))
                y = stop + 1
        records.extend(by_key.items())

    links, pledged = _links(ds, engine, f, opts.uncertain)
    for (a, b), pair_links in links.items():
        if opts.directed and (a, b) in pledged:
            # each order shows what its first state owes the second: a row per direction
            masks = pledged[(a, b)]
            for x, y, side in ((a, b, 0), (b, a, 1)):
                one_way = [(tid, masks[i][side] if i in masks else mask, c, p)
                           for i, (tid, mask, c, p) in enumerate(pair_links)]
                one_way = [link for link in one_way if any(link[1])]
                if one_way:
                    by_stretches(x, y, one_way, True)
            continue
        if FAST_PAIRS and a in fixed and b in fixed:
            (ia, ka), (ib, kb) = fixed[a], fixed[b]
            if ka is None or kb is None or ka == kb:
                continue
            # the orders the pair is written in, worked out once: (sort key, head, swapped?)
            plan = [(skey, head, tail[4] == "b")
                    for skey, head, tail in orders(a, b, ia, ib, _PROBE)]
            pieces = _pair_pieces(pair_links, a, b, change_maps, lo, hi, treaty_parts)
            if system is not None:
                pieces = [(f1, l1, treaties, rest) for f0, l0, treaties, rest in pieces
                          for f1, l1 in in_system_runs(f0, l0, ia, ib)]
            if not pieces:
                continue
            for skey, head, swap in plan:
                # a row is the head, the treaties' part and the rest of the tail, joined; the
                # head and the treaties' part are joined once for the runs that share them
                h = part(head)
                with_treaties: dict[tuple, Any] = {}
                rows = []
                for f1, l1, treaties, rest in pieces:
                    ht = with_treaties.get(treaties)
                    if ht is None:
                        ht = with_treaties[treaties] = join(h, part(treaties))
                    if swap and rest[0] != rest[1]:
                        rest = (rest[1], rest[0], *rest[2:])
                    t = rendered.get(rest)
                    if t is None:
                        t = rendered[rest] = render(rest)
                    rows.append((f1, l1, join(ht, t)))
                records.append((skey, rows))
            continue
        by_stretches(a, b, pair_links)
    for (y, _, _), (sa, sb, ia, ib, tail) in merged.items():
        a, b = " ".join(sorted(sa)), " ".join(sorted(sb))
        for skey, head, t in orders(a, b, ia, ib, tail):
            head = (*head[:6], " ".join(filter(None, (iso2.get(s) for s in head[4].split()))) or None,
                    " ".join(filter(None, (iso2.get(s) for s in head[5].split()))) or None)
            records.append((skey, [(y, y, row(head, t))]))
    records.sort(key=lambda r: r[0])

    if opts.panel:
        keyed: list[dict] = [{} for _ in range(lo, hi + 1)]
        for skey, rows in records:
            key = (skey[0], skey[1])
            for first, last, line in rows:
                for found in keyed[first - lo:last - lo + 1]:
                    found[key] = line
        yield from _fill(ds, system, opts, lo, keyed, row)
        return
    by_year: list[list] = [[] for _ in range(lo, hi + 1)]
    appends = [rows.append for rows in by_year]
    for _, rows in records:
        for first, last, line in rows:
            for append in appends[first - lo:last - lo + 1]:
                append(line)
    for i, rows in enumerate(by_year):
        if rows:
            yield lo + i, rows
            by_year[i] = []


_NO_CODES = [(date.min, None, None, None)]
# pairs of states that each held one code all their lives take _pair_pieces (False: every pair
# goes the general way, by_stretches; tests compare the two)
FAST_PAIRS = True
# a stand-in tail whose statuses differ, to see which orders swap the tail
_PROBE = (True, "", None, None, "a", "b")


def _keyed(codes: list[tuple], by_gw: bool) -> list[tuple]:
    """(COW, GW) codes with one entry per key (the GW code with by_gw, else the COW code); the
    other code is left empty where one key stands for two (Yemen, 678 and 679, is GW 678)."""
    if len(codes) < 2:
        return codes
    out: dict[Any, tuple] = {}
    for c, g in codes:
        k = g if by_gw else c
        old = out.get(k)
        out[k] = (c, g) if old is None else (c if old[0] == c else None, g if old[1] == g else None)
    return list(out.values())


def _boundary_years(ids: list[tuple]) -> set[int]:
    """The years in which a state's codes change."""
    out = set()
    for start, end, _, _ in ids:
        if start != date.min:
            out.add(start.year)
        if end is not None:
            out.update((end.year, (end - timedelta(days=1)).year))
    return out


def _swapped(tail: tuple) -> tuple:
    if tail[4] == tail[5]:
        return tail
    return (*tail[:4], tail[5], tail[4], *tail[6:])


def _merge(merged: dict, y: int, a: str, b: str, ia: tuple, ib: tuple, ka: int, kb: int,
           tail: tuple, crosswalk: Callable[[str], tuple]) -> None:
    """Add a link to the one row of its key in year y (two of our states with one code)."""
    if ka > kb:
        a, b, ia, ib, ka, kb, tail = b, a, ib, ia, kb, ka, _swapped(tail)
    entry = merged.get((y, ka, kb))
    if entry is None:
        merged[(y, ka, kb)] = [{a}, {b}, ia, ib, tail]
        return
    entry[0].add(a)
    entry[1].add(b)
    old = entry[4]
    sides = []
    for i in (4, 5):  # each side's status per treaty, both rows' treaties together
        by_treaty: dict[str, set[str]] = {}
        for t in (old, tail):
            for tid, token in zip(t[1].split(), t[i].split(), strict=True):
                by_treaty.setdefault(tid, set()).update(token.split("+"))
        sides.append(by_treaty)
    tids = sorted(sides[0])
    tokens = [" ".join(_token(side[t]) for t in tids)
              for side in sides]
    atop, cow = crosswalk(" ".join(tids))
    obs = tuple(x or y for x, y in zip(old[6:-1], tail[6:-1], strict=True))
    entry[4] = (True, " ".join(tids), atop, cow, tokens[0], tokens[1], *obs, old[-1] or tail[-1])


def _fill(ds: Dataset, system, opts: PanelOptions, lo: int, keyed: list[dict], row
          ) -> Iterator[tuple[int, list]]:
    """Every dyad of the system in every year: the allied rows found, the others not allied
    (or empty outside the years the data covers)."""
    by_gw = opts.system == "gw"
    # our states holding each code on some day of a year, for the rows of unallied pairs
    spans = list(held_codes(ds, by_gw))
    year_end = YearEndCodes(ds, by_gw)
    for i, found in enumerate(keyed):
        y = lo + i
        first, after = date(y, 1, 1), date(y + 1, 1, 1)
        codes = system.codes(y)
        held: dict[int, list] = {}
        for k, code, start, end, _, _ in spans:
            if start < after and (end is None or end > first):
                entry = held.setdefault(k, [set(), set()])
                entry[0].add(code)
                if ds.states[code].iso2:
                    entry[1].add(ds.states[code].iso2)

        parts = {}
        for k in codes:
            entry = held.get(k)
            if entry is None:
                parts[k] = (None if by_gw else k, k if by_gw else gw_code(k, date(y, 12, 31)),
                            None, None)
            else:
                parts[k] = (*year_end(k, y), " ".join(sorted(entry[0])),
                            " ".join(sorted(entry[1])) or None)
        covered = opts.covered is None or y in opts.covered
        empty = _NOT_ALLIED if covered else _NOT_COVERED
        rows = []
        for n, ka in enumerate(codes):
            pa = parts[ka]
            others = codes if opts.directed else codes[n + 1:]
            for kb in others:
                if kb == ka:
                    continue
                line = found.get((ka, kb)) if covered else None
                if line is None:
                    pb = parts[kb]
                    line = row((pa[0], pb[0], pa[1], pb[1], pa[2], pb[2], pa[3], pb[3]), empty)
                rows.append(line)
        yield y, rows


def dyad_year_tuples(ds: Dataset, engine: Engine, f: Filters, years: range,
                     opts: PanelOptions | None = None, csv_ready: bool = False,
                     booleans: str = "numbers") -> Iterator[tuple]:
    """Dyad-year rows as tuples in DYAD_YEAR_COLUMNS order, streamed year by year.

    Two states are linked in a year when both were in an allied status (`member`, `suspended`
    unless the engine leaves it out, `signatory` if it counts it) on a same day of it, in a
    treaty with at least one obligation (relation suspensions excepted). Non-directed rows keep
    ccode1 < ccode2 (the GW codes with system "gw"); `directed` writes both orders.
    `csv_ready` renders cells as CSV writes them (booleans per `booleans`).
    """
    opts = opts or PanelOptions()
    cell = cell_renderer(booleans)
    render = (lambda cells: tuple(cell(c) for c in cells)) if csv_ready else tuple
    for y, rows in dyad_year_blocks(ds, engine, f, years, opts, render, operator.add):
        for r in rows:
            yield (y, *r)


def dyad_year_rows(ds: Dataset, engine: Engine, f: Filters, years: range,
                   opts: PanelOptions | None = None) -> Iterator[dict[str, Any]]:
    """Dyad-year rows as dicts (see dyad_year_tuples)."""
    for r in dyad_year_tuples(ds, engine, f, years, opts):
        yield dict(zip(DYAD_YEAR_COLUMNS, r, strict=True))


def write_dyad_years(ds: Dataset, engine: Engine, f: Filters, years: range, fmt: str,
                     out: IO, opts: PanelOptions | None = None,
                     progress: Callable[[int], None] | None = None, booleans: str = "numbers",
                     metadata: dict[str, Any] | None = None) -> int:
    """Write the dyad-year export in any row format; return the number of rows.

    CSV and TSV rows are assembled from parts rendered once each (a pair's states, a set of
    treaties) and written a year at a time; a field that needs quoting goes through csv.writer,
    so the bytes are csv.writer's. `progress` gets the running row count.
    """
    # The export builds millions of small acyclic objects (a pair's runs, rows, rendered
    # parts); each batch of them would set off the cyclic collector, which walks the whole
    # dataset and every timeline again each time (a quarter of the export's time on 100k events).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _write(ds, engine, f, years, fmt, out, opts or PanelOptions(), progress, booleans,
                      metadata)
    finally:
        if collecting:
            gc.enable()


def _write(ds: Dataset, engine: Engine, f: Filters, years: range, fmt: str, out: IO,
           opts: PanelOptions, progress: Callable[[int], None] | None, booleans: str,
           metadata: dict[str, Any] | None) -> int:
    """write_dyad_years, with the collector paused."""
    delimiter = ROW_FORMATS[fmt].delimiter if fmt in ROW_FORMATS else None
    if delimiter is None:
        rows = dyad_year_rows(ds, engine, f, years, opts)
        return write_rows(counted(rows, progress), DYAD_YEAR_COLUMNS, fmt, out, booleans, metadata)
    import csv
    import io

    words = cell_words(booleans)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="")

    def render(cells: tuple) -> str:
        # (a part of a row: see dyad_year_blocks) as cell_renderer renders it, inline
        fields = [words[c] if c is None or c.__class__ is bool else str(c) for c in cells]
        line = delimiter.join(fields)
        if (line.count(delimiter) == len(fields) - 1 and '"' not in line and "\n" not in line
                and "\r" not in line):
            return line
        buffer.seek(0)  # a field that needs quoting: exactly as csv.writer quotes it
        buffer.truncate()
        writer.writerow(fields)
        return buffer.getvalue()

    out.write(render(tuple(DYAD_YEAR_COLUMNS)) + "\n")
    count = 0
    for y, lines in dyad_year_blocks(ds, engine, f, years, opts, render,
                                     lambda head, tail: f"{head}{delimiter}{tail}"):
        if not lines:  # a year with no dyads (1815: the COW system begins in 1816)
            continue
        lead = f"{y}{delimiter}"
        out.write(lead + f"\n{lead}".join(lines) + "\n")
        count += len(lines)
        if progress is not None:
            progress(count)
    return count
