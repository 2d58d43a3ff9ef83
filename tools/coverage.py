"""Measure how much of ATOP's and COW's alliance dyad-years the bundled data covers (issues 16, 20).

    python tools/coverage.py --atop-dyad atop_alliance.rda [--cow-dyad cow_alliance.rda]
        [--states cow_states.rda] [--from 1946] [--to 2018] [--cow-to 2012]
        [--markdown docs/coverage.md]
        [--atop-members atop4_01m.csv --atop-alliances atop4_01a.csv --checklist DIR]

Nothing from ATOP or COW ships with the package: every path is a copy the user supplies (see
docs/coverage.md for where to get one). CSV files are read with the standard library; R data
files (.rda/.RData, e.g. peacesciencer's `atop_alliance.rda`) and Stata files (.dta) need the
optional `rdata` or `pandas` packages, which are development tools, not dependencies of the package.

Our side is the library's own dyad-year export (`alliances export dyad-year`), read through the
Python API, so the numbers measure exactly what users get.

Metrics, for the years `--from`..`--to` (COW's only up to `--cow-to`):
  recall_def    share of the reference's defence-pact dyad-years that are defence-allied in ours
  recall_any    share of the reference's dyad-years with any obligation that are allied in ours
                under `--obligation any` (any row of the export)
  precision_def share of our defence dyad-years that the reference has as defence-allied
  precision_any share of our dyad-years (any obligation) that the reference has as allied
A dyad-year is an unordered pair of COW codes and a year. By decade: the year's decade. By
region: a dyad-year counts towards the region of each of its two states (once if they share it),
by COW code ranges (Americas 2-165, Europe 200-399, Africa 402-626, Middle East 630-698,
Asia/Oceania 700-990).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

Dyad = tuple[int, int, int]  # (low ccode, high ccode, year)

OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
REGIONS = (
    ("Americas", 2, 165),
    ("Europe", 200, 399),
    ("Africa", 402, 626),
    ("Middle East", 630, 698),
    ("Asia/Oceania", 700, 990),
)
REGION_NAMES = tuple(r[0] for r in REGIONS)
# An ATOP alliance is taken to be one of our treaties when they share at least this share of
# the union of their dyad-years (the Jaccard index); below it they merely overlap.
MATCH_JACCARD = 0.4


class InputError(Exception):
    """A user-supplied file cannot be read or lacks the columns needed."""


# -- reading ------------------------------------------------------------------------------------
def read_table(path: str | Path) -> list[dict[str, str]]:
    """Rows of a CSV, R data (.rda/.rdata/.rds) or Stata (.dta) file as dicts with lower-case keys."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    suffix = p.suffix.lower()
    if suffix in (".rda", ".rdata", ".rds"):
        try:
            import rdata  # optional: pip install rdata
        except ImportError:
            raise InputError(f"{p}: reading R data files needs the optional 'rdata' package "
                             "(pip install rdata), or give a CSV copy instead") from None
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # rdata warns about tibble classes it reads as frames
            try:
                obj = rdata.read_rds(p) if suffix == ".rds" else rdata.read_rda(p)
            except Exception as exc:  # noqa: BLE001 - any parse failure is the file's
                raise InputError(f"{p}: not a readable R data file ({exc})") from None
        if isinstance(obj, dict):
            frames = [v for v in obj.values() if hasattr(v, "to_dict")]
            if len(frames) != 1:
                raise InputError(f"{p}: expected one data frame, found {len(frames)}")
            obj = frames[0]
        return _frame_rows(obj)
    if suffix == ".dta":
        try:
            import pandas
        except ImportError:
            raise InputError(f"{p}: reading Stata files needs the optional 'pandas' package, "
                             "or give a CSV copy instead") from None
        return _frame_rows(pandas.read_stata(p, convert_categoricals=False))
    with open(p, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None:
            raise InputError(f"{p}: empty file")
        return [{k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
                for row in reader]


def _frame_rows(frame) -> list[dict[str, str]]:
    cols = [str(c).lower() for c in frame.columns]
    out = []
    for values in frame.itertuples(index=False, name=None):
        out.append({c: _cell(v) for c, v in zip(cols, values, strict=True)})
    return out


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:  # NaN
            return ""
        return str(int(v)) if v.is_integer() else str(v)
    return str(v)


def _int(value: str) -> int | None:
    value = value.strip()
    if not value or value.upper() in ("NA", "NAN", "."):
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _pick(row: dict[str, str], names: Iterable[str], path, what: str) -> str:
    for n in names:
        if n in row:
            return row[n]
    raise InputError(f"{path}: no {what} column (looked for {', '.join(names)})")


def dyads_from_rows(rows: list[dict[str, str]], path="input") -> tuple[set[Dyad], set[Dyad]]:
    """(defence dyad-years, any-obligation dyad-years) from a dyad-year table.

    Reads ATOP (stateA/stateB or ccode1/ccode2, defense..consul, optional atop_ prefix) and COW
    (ccode1/ccode2, defense/neutrality/nonaggression/entente, optional cow_ prefix) layouts,
    directed or not. A row with no obligation set is not a dyad-year of the alliance data.
    """
    if not rows:
        return set(), set()
    first = rows[0]
    a_col = next((c for c in ("statea", "ccode1", "state1") if c in first), None)
    b_col = next((c for c in ("stateb", "ccode2", "state2") if c in first), None)
    if a_col is None or b_col is None or "year" not in first:
        raise InputError(f"{path}: need stateA/stateB (or ccode1/ccode2) and year columns")
    names = {}
    for c in first:
        bare = c.removeprefix("atop_").removeprefix("cow_")
        names[c] = {"neutrality": "neutral", "nonaggression": "nonagg", "entente": "consul"}.get(bare, bare)
    ob_cols = [c for c, bare in names.items() if bare in OBLIGATIONS]
    def_cols = [c for c in ob_cols if names[c] == "defense"]
    if not def_cols:
        raise InputError(f"{path}: no defense column")
    defence, anyob = set(), set()
    for row in rows:
        a, b, y = _int(row[a_col]), _int(row[b_col]), _int(row["year"])
        if a is None or b is None or y is None or a == b:
            continue
        key = (min(a, b), max(a, b), y)
        flags = [(_int(row[c]) or 0) > 0 for c in ob_cols]
        if any(flags):
            anyob.add(key)
            if any((_int(row[c]) or 0) > 0 for c in def_cols):
                defence.add(key)
    return defence, anyob


def ours(start: int, end: int, data_paths: Iterable[str] = (), signatories: str = "exclude"):
    """Our (defence, any, treaties-by-dyad, rows without a COW code, treaty info) for start..end.

    Treaty info: (ids of treaties with a defence obligation, treaty id -> id of the first
    treaty of its predecessor/successor chain). `signatories`: the export's option ("count":
    a state that has signed but is not yet bound counts, as ATOP and COW date membership).
    """
    import alliances  # the library under test; run with PYTHONPATH=src from a checkout

    data = alliances.load(list(data_paths))
    defence, anyob, by = set(), set(), {}
    no_cow = 0
    for r in data.export("dyad-year", start=str(start), end=str(end), signatories=signatories):
        if r["ccode1"] is None or r["ccode2"] is None:
            no_cow += 1
            continue
        a, b = r["ccode1"], r["ccode2"]
        key = (min(a, b), max(a, b), r["year"])
        anyob.add(key)
        if r["defense"]:
            defence.add(key)
        by.setdefault(key, set()).update(r["treaties"].split())
    treaties = {t["treaty"]: t for t in data.treaties()}
    defence_treaties = {t for t, row in treaties.items() if "defence" in (row["obligations"] or "")}
    held = defaultdict(set)  # (treaty, COW code) -> years with any status (signatory, member, ...)
    for r in data.export("intervals"):
        if r["treaty"] in defence_treaties and r["cow"] is not None:
            first, last = int(r["start"][:4]), end
            if r["end"]:
                last = int(r["end"][:4]) - (r["end"][5:] == "01-01")  # [start, end): end excluded
            held[(r["treaty"], r["cow"])].update(range(max(first, start), min(last, end) + 1))
    families = {}
    for t in treaties:
        head, hops = t, 0
        while treaties[head]["predecessor"] in treaties and hops < 50:
            head, hops = treaties[head]["predecessor"], hops + 1
        families[t] = head + "+"  # a chain's name: its first treaty, marked
    for t in list(families):
        if sum(1 for f in families.values() if f == families[t]) == 1:
            families[t] = t  # not part of a chain
    return defence, anyob, by, no_cow, (defence_treaties, families, held)


def system_years(rows: list[dict[str, str]], path="states") -> dict[int, list[tuple[int, int]]]:
    """COW state-system tenures: ccode -> [(first year, last year)] (COW states2016 layout)."""
    out: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        c = _int(_pick(row, ("ccode",), path, "ccode"))
        s = _int(_pick(row, ("styear",), path, "styear"))
        e = _int(_pick(row, ("endyear",), path, "endyear"))
        if c is not None and s is not None:
            out[c].append((s, e if e is not None else 9999))
    # the list's last year (2016 in states2016) marks a state still in the system
    last = max((e for ts in out.values() for _, e in ts if e != 9999), default=9999)
    return {c: [(s, 9999 if e == last else e) for s, e in ts] for c, ts in out.items()}


def state_names(rows: list[dict[str, str]]) -> dict[int, str]:
    out = {}
    for row in rows:
        c = _int(row.get("ccode", ""))
        if c is not None and row.get("statenme"):
            out[c] = row["statenme"]
    return out


def in_system(tenures: dict[int, list[tuple[int, int]]], code: int, year: int) -> bool:
    return any(s <= year <= e for s, e in tenures.get(code, ()))


# -- metrics ------------------------------------------------------------------------------------
def region(code: int) -> str | None:
    for name, lo, hi in REGIONS:
        if lo <= code <= hi:
            return name
    return None


def regions_of(d: Dyad) -> set[str]:
    return {r for r in (region(d[0]), region(d[1])) if r}


def share(covered: set[Dyad], reference: set[Dyad], key=None) -> dict:
    """{group: (hits, total)} of reference dyad-years found in `covered`, by `key` (None: all)."""
    out: dict = defaultdict(lambda: [0, 0])
    for d in reference:
        groups = ["all"] if key is None else key(d)
        hit = d in covered
        for g in groups:
            out[g][1] += 1
            out[g][0] += hit
    return {g: tuple(v) for g, v in out.items()}


def by_decade(d: Dyad) -> list:
    return [d[2] // 10 * 10]


def by_region(d: Dyad) -> list:
    return sorted(regions_of(d))


def in_years(s: set[Dyad], start: int, end: int) -> set[Dyad]:
    return {d for d in s if start <= d[2] <= end}


def metrics(ref_def: set[Dyad], ref_any: set[Dyad], our_def: set[Dyad], our_any: set[Dyad],
            key=None) -> dict[str, dict]:
    """The four shares (hits, total) by group; the sets are already limited to the same years."""
    return {
        "recall_def": share(our_def, ref_def, key),
        "recall_any": share(our_any, ref_any, key),
        "precision_def": share(ref_def, our_def, key),
        "precision_any": share(ref_any, our_any, key),
    }


def pct(hits_total: tuple[int, int] | None) -> str:
    if not hits_total or not hits_total[1]:
        return "–"
    h, t = hits_total
    return f"{100 * h / t:.1f}% ({h:,}/{t:,})"


# -- ATOP member-level checklist ----------------------------------------------------------------
class Alliance:
    __slots__ = ("id", "cowid", "cow4id", "begyr", "endyr", "obligations", "spells", "bilat")

    def __init__(self, atopid: int):
        self.id = atopid
        self.cowid = self.cow4id = None
        self.begyr = self.endyr = None
        self.obligations: set[str] = set()
        self.spells: dict[int, list[tuple]] = defaultdict(list)  # member -> [(ent, exit) dates]
        self.bilat = None

    def members(self) -> list[int]:
        return sorted(self.spells)

    def years(self, member: int, last: int) -> set[int]:
        out = set()
        for (ey, _, _), (xy, _, _) in self.spells[member]:
            out.update(range(ey, (xy if xy else last) + 1))
        return out

    def dyad_years(self, start: int, end: int) -> set[Dyad]:
        yrs = {m: {y for y in self.years(m, end) if start <= y <= end} for m in self.spells}
        ms = self.members()
        out = set()
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                for y in yrs[a] & yrs[b]:
                    out.add((a, b, y))
        return out


def read_atop(member_rows: list[dict[str, str]], alliance_rows: list[dict[str, str]] | None,
              path="atop members") -> dict[int, Alliance]:
    out: dict[int, Alliance] = {}
    for row in member_rows:
        aid = _int(_pick(row, ("atopid",), path, "atopid"))
        m = _int(_pick(row, ("member",), path, "member"))
        if aid is None or m is None:
            continue
        al = out.setdefault(aid, Alliance(aid))
        ent = (_int(row.get("yrent", "")), _int(row.get("moent", "")), _int(row.get("dayent", "")))
        ext = (_int(row.get("yrexit", "")), _int(row.get("moexit", "")), _int(row.get("dayexit", "")))
        if ent[0] is None:
            continue
        if not ext[0]:  # 0 or empty: still a member at the data's end
            ext = (None, None, None)
        if (ent, ext) not in al.spells[m]:
            al.spells[m].append((ent, ext))
        for ob in OBLIGATIONS:
            if (_int(row.get(ob, "")) or 0) > 0:
                al.obligations.add(ob)
        for attr in ("cowid", "cow4id", "bilat"):
            v = _int(row.get(attr, ""))
            if v is not None and getattr(al, attr) is None:
                setattr(al, attr, v)
    for row in alliance_rows or []:
        aid = _int(row.get("atopid", ""))
        if aid is None:
            continue
        al = out.setdefault(aid, Alliance(aid))
        al.begyr, al.endyr = _int(row.get("begyr", "")), _int(row.get("endyr", ""))
        obs = {ob for ob in OBLIGATIONS if (_int(row.get(ob, "")) or 0) > 0}
        if obs:
            al.obligations = obs
        for attr in ("cowid", "cow4id", "bilat"):
            v = _int(row.get(attr, ""))
            if v is not None:
                setattr(al, attr, v)
    for al in out.values():
        for m, spells in al.spells.items():
            spells.sort(key=lambda s: tuple(x or 0 for x in s[0]))
            merged = [spells[0]]
            for ent, ext in spells[1:]:  # a new phase that starts the day the last one ends
                if merged[-1][1] == ent or merged[-1][1][0] is None:
                    if merged[-1][1][0] is not None:
                        merged[-1] = (merged[-1][0], ext)
                    continue
                merged.append((ent, ext))
            al.spells[m] = merged
        if al.begyr is None and al.spells:
            al.begyr = min(s[0][0] for sp in al.spells.values() for s in sp)
    return out


def _date(t: tuple) -> str:
    y, m, d = t
    if y is None:
        return "ongoing"
    return "-".join([str(y)] + [f"{x:02d}" for x in (m, d) if x])


def match_treaties(alliances: dict[int, Alliance], dys: dict[int, set[Dyad]], our_by: dict,
                   defence_treaties: set[str], families: dict[str, str]) -> list[dict]:
    """Crosswalk rows: which ATOP alliances are which of our treaties, by shared dyad-years.

    For each of our treaties, and for each chain of predecessor and successor treaties taken
    together (ATOP often codes a treaty and its successor as one alliance: the Brussels Treaty
    and the WEU, the CST and the CSTO), candidates are ranked by agreement on a defence
    obligation, then by the Jaccard index of their dyad-years; a candidate matches when that
    index is at least MATCH_JACCARD and it covers at least a fifth of the treaty's dyad-years
    that better candidates left uncovered (so the OAS Charter, which contains the Rio Treaty's
    dyad-years, does not also count as the Rio Treaty). A treaty of a chain matches on its own
    only an alliance that lies (90%) within it; the chain's matches go to each of its treaties
    that has at least a fifth of its dyad-years in the alliance.
    """
    groups: dict[str, set[Dyad]] = defaultdict(set)
    for d, ts in our_by.items():
        for t in ts:
            groups[t].add(d)
            if families.get(t, t) != t:
                groups[families[t]].add(d)
    members_of: dict[str, list[str]] = defaultdict(list)
    for t, f in families.items():
        members_of[f].append(t)
    by_dyad: dict[Dyad, list[int]] = defaultdict(list)
    for aid, d in dys.items():
        for dy in d:
            by_dyad[dy].append(aid)
    out, seen = [], set()
    for g in sorted(groups):
        ours_d = groups[g]
        shared: Counter = Counter()
        for dy in ours_d:
            for aid in by_dyad.get(dy, ()):
                shared[aid] += 1
        treaties = sorted(members_of[g]) if g in members_of and len(members_of[g]) > 1 else [g]
        has_def = any(t in defence_treaties for t in treaties)
        cands = []
        for aid, n in shared.items():
            jac = n / (len(dys[aid]) + len(ours_d) - n)
            agree = ("defense" in alliances[aid].obligations) == has_def
            cands.append((not agree, -jac, aid, n, jac))
        covered: set[Dyad] = set()
        for _, _, aid, n, jac in sorted(cands):
            if jac < MATCH_JACCARD:
                continue
            new = (dys[aid] & ours_d) - covered
            if covered and len(new) < 0.2 * len(ours_d):
                continue
            if families.get(g, g) != g and n < 0.9 * len(dys[aid]):
                continue  # one treaty of a chain: only an ATOP alliance that lies within it
            covered |= dys[aid] & ours_d
            for t in treaties:
                if (t, aid) in seen or len(dys[aid] & groups[t]) < 0.2 * len(groups[t]):
                    continue
                seen.add((t, aid))
                al = alliances[aid]
                out.append({"treaty": t, "atopid": aid, "cow4id": al.cow4id, "cowid": al.cowid,
                            "via": g if len(treaties) > 1 else "",
                            "shared_dyad_years": n, "share_of_atop": round(n / len(dys[aid]), 3),
                            "share_of_ours": round(n / len(ours_d), 3), "jaccard": round(jac, 3)})
    out.sort(key=lambda c: (c["treaty"], -c["jaccard"]))
    return out


def checklist(alliances: dict[int, Alliance], atop_def: set[Dyad], atop_any: set[Dyad],
              our_def: set[Dyad], our_any: set[Dyad], our_by: dict, start: int, end: int,
              defence_treaties: set[str] = frozenset(), families: dict[str, str] | None = None):
    """(missing rows, crosswalk rows, unexplained ATOP dyad-years) for the years start..end.

    An alliance's dyad-years are its member pairs' common years; they count only where the
    ATOP dyad-year file has the dyad-year too (so an open-ended member-level spell does not
    overcount). `miss_def` are the ATOP defence dyad-years it has that ours lack; `only_def`
    the number of those that no other alliance of the file also explains.
    """
    dys = {aid: al.dyad_years(start, end) & atop_any for aid, al in alliances.items()}
    dys = {aid: d for aid, d in dys.items() if d}
    rows = []
    explained_missing_def: Counter = Counter()
    for aid, d in dys.items():
        miss_def = (d & atop_def) - our_def
        for dy in miss_def:
            explained_missing_def[dy] += 1
        rows.append({"al": alliances[aid], "dy": d, "def": d & atop_def, "miss_def": miss_def,
                     "miss_any": d - our_any})
    for r in rows:
        r["only_def"] = sum(1 for dy in r["miss_def"] if explained_missing_def[dy] == 1)
    rows.sort(key=lambda r: (-len(r["miss_def"]), -len(r["miss_any"]), r["al"].id))
    explained = set().union(*dys.values()) if dys else set()
    unexplained_def = (atop_def - our_def) - explained
    unexplained_any = (atop_any - our_any) - explained
    cw = match_treaties(alliances, dys, our_by, set(defence_treaties), families or {})
    matched = defaultdict(list)
    for c in cw:
        matched[c["atopid"]].append(c["treaty"])
    for r in rows:
        r["ours"] = matched.get(r["al"].id, [])
    return rows, cw, unexplained_def, unexplained_any


def spans(years: Iterable[int]) -> str:
    ys = sorted(set(years))
    out, i = [], 0
    while i < len(ys):
        j = i
        while j + 1 < len(ys) and ys[j + 1] == ys[j] + 1:
            j += 1
        out.append(str(ys[i]) if i == j else f"{ys[i]}-{ys[j]}")
        i = j + 1
    return ", ".join(out)


def family(al: Alliance) -> str:
    regs = Counter(region(m) for m in al.members())
    regs.pop(None, None)
    if not regs:
        return "Other"
    if len(regs) == 1:
        return next(iter(regs))
    return "Cross-regional: " + " + ".join(sorted(regs))


# -- writing ------------------------------------------------------------------------------------
def atomic_write(path: str | Path, text: str) -> None:
    p = Path(path)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, p)
    except BaseException:
        os.unlink(tmp)
        raise


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def metric_tables(results: dict[str, dict[str, dict]], label: str) -> str:
    """Markdown: overall, by decade and by region for each reference in `results`."""
    parts = []
    for ref, by in results.items():
        parts.append(f"### {ref}\n")
        m = by["all"]
        cols = [c for c in ("recall_def", "recall_any", "precision_def", "precision_any") if c in m]
        parts.append(table(["group"] + cols, [["all"] + [pct(m[c].get("all")) for c in cols]]))
        parts.append("")
        for name, key, order in (("decade", "decade", None), ("region", "region", REGION_NAMES)):
            mm = by[key]
            groups = sorted({g for c in cols for g in mm[c]}) if order is None else list(order)
            parts.append(f"By {name}{label}:\n")
            parts.append(table([name] + cols, [[f"{g}s" if name == "decade" else g]
                                               + [pct(mm[c].get(g)) for c in cols] for g in groups]))
            parts.append("")
    return "\n".join(parts)


def compute(ref_def, ref_any, our_def, our_any) -> dict[str, dict]:
    return {"all": metrics(ref_def, ref_any, our_def, our_any),
            "decade": metrics(ref_def, ref_any, our_def, our_any, by_decade),
            "region": metrics(ref_def, ref_any, our_def, our_any, by_region)}


GAP_CAUSES = (
    ("signed", "both states hold a status in one of our defence treaties that year but are not "
               "defence-allied by it: signed but not yet ratified or in force for both (ATOP and "
               "COW date from signature), or each bound only to a third state (guarantors)"),
    ("one side", "one of the two is in one of our defence treaties that the other is not in"),
    ("none", "neither is in a defence treaty of ours that year"),
)


def gap_causes(ref_def: set[Dyad], our_def: set[Dyad], held: dict[tuple[str, int], set[int]]
               ) -> Counter:
    """The reference's defence dyad-years we lack, counted by cause (keys of GAP_CAUSES).

    `held`: (treaty, COW code) -> the years the state held any status in that defence treaty of
    ours. A dyad-year whose two states both held a status in one treaty is `signed`.
    """
    by_state = defaultdict(set)
    for treaty, code in held:
        by_state[code].add(treaty)
    causes = Counter()
    for a, b, y in ref_def - our_def:
        in_a = {t for t in by_state[a] if y in held[(t, a)]}
        in_b = {t for t in by_state[b] if y in held[(t, b)]}
        causes["signed" if in_a & in_b else "one side" if in_a or in_b else "none"] += 1
    return causes


def gap_table(ref_def: set[Dyad], our_def: set[Dyad], held) -> str:
    """Markdown: the reference's defence dyad-years we lack, by cause, and recall without each."""
    causes = gap_causes(ref_def, our_def, held)
    hits, total = len(ref_def & our_def), len(ref_def)
    rows = []
    for key, text in GAP_CAUSES:
        hits += causes[key]
        rows.append([key, f"{causes[key]:,}", text, pct((hits, total))])
    return ("Defence dyad-years of the reference that we lack, by cause (`recall_def if closed`: "
            "recall if this cause and those above it were closed):\n\n"
            + table(["cause", "dyad-years", "meaning", "recall_def if closed"], rows) + "\n")


def convention_table(rows: list[tuple[str, dict]]) -> str:
    """Markdown: each reference's overall shares when our export counts signatories."""
    cols = ("recall_def", "recall_any", "precision_def", "precision_any")
    return ("Our dyad-year export with `--signatories count`: a state that has signed a treaty "
            "but is not yet bound by it counts as an ally, as ATOP and COW date membership from "
            "signature. The tables above use the default (`exclude`): a signatory is not "
            "bound.\n\n"
            + table(["reference"] + list(cols),
                    [[ref] + [pct(m[c].get("all")) for c in cols] for ref, m in rows]) + "\n")


def name_of(names: dict[int, str], code: int) -> str:
    return names.get(code, str(code))


def write_checklist(outdir: Path, rows, cw, unexpl_def, unexpl_any, names, start, end,
                    inputs: str = "") -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    # CSV: one row per missing alliance, members with ATOP's entry/exit dates
    import io
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["rank", "atopid", "cow4id", "cowid", "our_treaty", "family", "begyr", "endyr", "obligations",
                "n_members", "members", "member_spells", "atop_defence_dyad_years",
                "missing_defence_dyad_years", "missing_defence_only_this", "missing_any_dyad_years",
                "missing_years"])
    todo = [r for r in rows if r["miss_def"] or r["miss_any"]]
    for i, r in enumerate(todo, 1):
        al = r["al"]
        w.writerow([i, al.id, al.cow4id or "", al.cowid or "", " ".join(r["ours"]), family(al),
                    al.begyr or "", al.endyr or "", " ".join(sorted(al.obligations)), len(al.spells),
                    "; ".join(f"{m} {name_of(names, m)}" for m in al.members()),
                    "; ".join(f"{m}: " + ", ".join(f"{_date(a)}..{_date(b)}" for a, b in al.spells[m])
                              for m in al.members()),
                    len(r["def"]), len(r["miss_def"]), r["only_def"], len(r["miss_any"]),
                    spans(y for _, _, y in r["miss_any"])])
    atomic_write(outdir / "missing.csv", buf.getvalue())

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["treaty", "atopid", "cow4id", "cowid", "matched_as_part_of", "shared_dyad_years",
                "share_of_atop", "share_of_ours", "jaccard"])
    for c in cw:
        w.writerow([c["treaty"], c["atopid"], c["cow4id"] or "", c["cowid"] or "", c["via"],
                    c["shared_dyad_years"], c["share_of_atop"], c["share_of_ours"], c["jaccard"]])
    atomic_write(outdir / "crosswalk.csv", buf.getvalue())

    # Markdown
    md = [f"# Checklist: ATOP alliances active {start}-{end} that the bundled data does not cover\n",
          "Generated by `tools/coverage.py --checklist` (see docs/coverage.md). `add def` = ATOP "
          "defence dyad-years this alliance has that our export lacks; `only` = those no other "
          "listed alliance also explains; `add any` = the same for any obligation. Member dates "
          "are ATOP's entry..exit (`ongoing` = still in force at the end of the member-level "
          "file). ATOP dates are not sources: cite the treaty text/depositary, or the ATOP "
          "release and atopid where nothing else can be found (docs/data-conventions.md). "
          "Member names are the COW state list's (365 is 'Russia' in Soviet years too).\n",
          f"Inputs: {inputs}\n" if inputs else ""]
    tot_def = sum(len(r["miss_def"]) for r in todo)
    md.append(f"{len(todo)} alliances; missing ATOP defence dyad-years they explain: "
              f"{len(set().union(*(r['miss_def'] for r in todo))) if todo else 0:,} "
              f"(sum over alliances {tot_def:,}); unexplained by any member-level alliance: "
              f"{len(unexpl_def):,} defence, {len(unexpl_any):,} any.\n")

    def line(i, r):
        al = r["al"]
        mem = ", ".join(name_of(names, m) for m in al.members())
        if len(al.spells) > 12:
            mem = ", ".join(name_of(names, m) for m in al.members()[:12]) + f", … ({len(al.spells)})"
        return [str(i), str(al.id), str(al.cow4id or ""), f"{al.begyr or ''}-{al.endyr or ''}",
                " ".join(sorted(al.obligations)), mem, f"{len(r['miss_def']):,}", f"{r['only_def']:,}",
                f"{len(r['miss_any']):,}"]

    hdr = ["#", "atopid", "COW id", "years", "obligations", "members", "add def", "only",
           "add any"]
    new = [(i, r) for i, r in enumerate(todo, 1) if not r["ours"]]
    have = [(i, r) for i, r in enumerate(todo, 1) if r["ours"]]
    md.append("## Top 60 alliances we do not have (no treaty of ours matches)\n")
    md.append(table(hdr, [line(i, r) for i, r in new[:60]]))
    md.append("")
    md.append("## Alliances we have, where ATOP has dyad-years we lack\n")
    md.append("Differences of members, dates (ATOP usually dates from signature, we from entry "
              "into force or deposit) or obligations. `our treaty` is the match by shared "
              "dyad-years (crosswalk.csv).\n")
    md.append(table(["our treaty"] + hdr, [[" ".join(r["ours"])] + line(i, r) for i, r in have]))
    md.append("")
    fams = defaultdict(list)
    for i, r in new:
        fams[family(r["al"])].append((i, r))
    order = sorted(fams, key=lambda f: (-sum(len(r["miss_def"]) for _, r in fams[f]),
                                        -sum(len(r["miss_any"]) for _, r in fams[f])))
    md.append("## Alliances we do not have, by region of the members "
              "(ranked by defence dyad-years added)\n")
    for f in order:
        md.append(f"### {f} ({len(fams[f])} alliances)\n")
        md.append(table(hdr, [line(i, r) for i, r in fams[f]]))
        md.append("")
    md.append("## Member entry and exit dates (ATOP), for the alliances above\n")
    for i, r in enumerate(todo, 1):
        al = r["al"]
        md.append(f"- **{i}. atopid {al.id}** ({al.begyr}-{al.endyr or ''}; "
                  f"{' '.join(sorted(al.obligations))}): "
                  + "; ".join(f"{name_of(names, m)} ({m}) "
                              + ", ".join(f"{_date(a)}..{_date(b)}" for a, b in al.spells[m])
                              for m in al.members()))
    md.append("")
    if unexpl_any:
        md.append("## ATOP dyad-years not explained by the member-level file\n")
        md.append("These dyads are allied in the ATOP dyad-year file but in no alliance of the "
                  "member-level file given (with ATOP 4.01 members: alliances ATOP 5 added, most "
                  "signed after 2003, or recoded). Pairs with the years concerned:\n")
        by_pair = defaultdict(set)
        for a, b, y in unexpl_any:
            by_pair[(a, b)].add(y)
        pairs = sorted(by_pair.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        md.append(table(["pair", "years", "defence?"],
                        [[f"{name_of(names, a)} ({a}) – {name_of(names, b)} ({b})", spans(ys),
                          "yes" if any((a, b, y) in unexpl_def for y in ys) else "no"]
                         for (a, b), ys in pairs]))
        md.append("")
    atomic_write(outdir / "missing.md", "\n".join(md))


# -- command line -------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--atop-dyad", help="ATOP dyad-year file (atop5_1ddyr.csv/.dta or "
                   "peacesciencer's atop_alliance.rda)")
    p.add_argument("--cow-dyad", help="COW dyad-year file (alliance_v4.1_by_dyad_yearly.csv or "
                   "an .rda with ccode1, ccode2, year, cow_defense ...)")
    p.add_argument("--atop-members", help="ATOP member-level file (atop5_1m.csv or atop4_01m.csv)")
    p.add_argument("--atop-alliances", help="ATOP alliance-level file (atop5_1a.csv / atop4_01a.csv)")
    p.add_argument("--states", help="COW state-system list (states2016.csv or cow_states.rda): "
                   "names, and precision among dyad-years of system members only")
    p.add_argument("--from", dest="start", type=int, default=1946)
    p.add_argument("--to", dest="end", type=int, default=2018)
    p.add_argument("--cow-to", type=int, default=2012, help="last year of the COW data (2012)")
    p.add_argument("--data", action="append", default=[], help="extra data file(s) to load")
    p.add_argument("--markdown", help="write the tables to this Markdown file (else stdout)")
    p.add_argument("--checklist", help="directory for missing.md, missing.csv and crosswalk.csv "
                   "(needs --atop-members)")
    args = p.parse_args(argv)
    try:
        return run(args)
    except InputError as exc:
        print(f"coverage: {exc}", file=sys.stderr)
        return 2


def run(args) -> int:
    if not args.atop_dyad and not args.cow_dyad:
        raise InputError("give --atop-dyad and/or --cow-dyad (copies of the reference data)")
    if args.start > args.end:
        raise InputError(f"--from {args.start} is after --to {args.end}")
    for path in (args.atop_dyad, args.cow_dyad, args.atop_members, args.atop_alliances, args.states):
        if path and not Path(path).is_file():
            raise InputError(f"{path}: no such file")
    our_def, our_any, our_by, no_cow, (def_treaties, families, held) = ours(
        args.start, args.end, args.data)
    tenures, names = None, {}
    if args.states:
        srows = read_table(args.states)
        tenures, names = system_years(srows, args.states), state_names(srows)
    sig_def, sig_any = ours(args.start, args.end, args.data, signatories="count")[:2]
    results, gaps, notes, convention = {}, {}, [], []
    atop_def = atop_any = None
    if args.atop_dyad:
        atop_def, atop_any = (in_years(s, args.start, args.end)
                              for s in dyads_from_rows(read_table(args.atop_dyad), args.atop_dyad))
        results[f"ATOP ({args.start}-{args.end})"] = compute(atop_def, atop_any, our_def, our_any)
        gaps[f"ATOP ({args.start}-{args.end})"] = gap_table(atop_def, our_def, held)
        convention.append((f"ATOP ({args.start}-{args.end})",
                           metrics(atop_def, atop_any, sig_def, sig_any)))
    if args.cow_dyad:
        cow_end = min(args.end, args.cow_to)
        cd, ca = (in_years(s, args.start, cow_end)
                  for s in dyads_from_rows(read_table(args.cow_dyad), args.cow_dyad))
        results[f"COW ({args.start}-{cow_end})"] = compute(
            cd, ca, in_years(our_def, args.start, cow_end), in_years(our_any, args.start, cow_end))
        gaps[f"COW ({args.start}-{cow_end})"] = gap_table(cd, our_def, held)
        convention.append((f"COW ({args.start}-{cow_end})",
                           metrics(cd, ca, in_years(sig_def, args.start, cow_end),
                                   in_years(sig_any, args.start, cow_end))))
    if tenures is not None and args.atop_dyad:
        sd = {d for d in our_def if in_system(tenures, d[0], d[2]) and in_system(tenures, d[1], d[2])}
        sa = {d for d in our_any if in_system(tenures, d[0], d[2]) and in_system(tenures, d[1], d[2])}
        notes.append(f"Of our {len(our_any):,} dyad-years (any obligation), {len(our_any) - len(sa):,} "
                     "involve a state outside the COW state system that year (ATOP codes only "
                     "system members).")
        results[f"ATOP ({args.start}-{args.end}), our side limited to COW system members"] = \
            compute(atop_def, atop_any, sd, sa)
    if no_cow:
        notes.append(f"{no_cow:,} of our dyad-year rows have a state without a COW code "
                     "(Palestine, the Holy See) and are left out.")
    text = metric_tables(results, "")
    if notes:
        text += "\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    text += "".join(f"\n### Gap by cause: {ref}\n\n{table_text}" for ref, table_text in gaps.items())
    text += f"\n### Counting signatories as ATOP and COW do\n\n{convention_table(convention)}"
    if args.markdown:
        atomic_write(args.markdown, text)
    else:
        print(text)
    if args.checklist:
        if not args.atop_members or atop_any is None:
            raise InputError("--checklist needs --atop-members and --atop-dyad")
        als = read_atop(read_table(args.atop_members),
                        read_table(args.atop_alliances) if args.atop_alliances else None,
                        args.atop_members)
        rows, cw, ud, ua = checklist(als, atop_def, atop_any, our_def, our_any, our_by,
                                     args.start, args.end, def_treaties, families)
        inputs = ", ".join(f"{k} {Path(v).name}" for k, v in (
            ("dyad-years", args.atop_dyad), ("members", args.atop_members),
            ("alliances", args.atop_alliances), ("states", args.states)) if v)
        write_checklist(Path(args.checklist), rows, cw, ud, ua, names, args.start, args.end, inputs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
