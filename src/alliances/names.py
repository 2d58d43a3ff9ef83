"""Resolve what people type (ids, ISO and COW codes, names, aliases) to states and treaties."""

from __future__ import annotations

import difflib
import os
import re
from datetime import date

from .errors import UnknownName
from .model import Dataset

__all__ = ["Resolver", "closest", "edit_distance", "normalize", "state_index", "treaty_index"]


def normalize(text: str) -> str:
    """Case- and accent-insensitive key: 'Türkiye' -> 'turkiye', 'Côte d’Ivoire' -> 'cote d'ivoire'."""
    if text.isascii():
        return " ".join(text.replace(".", "").casefold().split())
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace(".", "")
    return re.sub(r"\s+", " ", text.casefold()).strip()


def state_index(ds: Dataset) -> dict[str, list[str]]:
    """Normalised name, code, ISO or COW key -> the codes of the states it names."""
    index: dict[str, list[str]] = {}
    for s in ds.states.values():
        keys = [s.code, s.name, *s.aliases, *s.other_names]
        if s.iso2:
            keys.append(s.iso2)
        if s.iso3166_3:
            keys.append(s.iso3166_3)
        if s.cow_abb:
            keys.append(s.cow_abb)
        keys.extend(str(p.code) for p in s.cow)
        for k in keys:
            codes = index.setdefault(normalize(k), [])
            if s.code not in codes:
                codes.append(s.code)
    return index


def _lookup(index: dict[str, list[str]], key: str):
    """The entry for `key`, else for `key` without a leading article ("the Gambia", "the Rio
    Treaty": names are indexed as written, and the article is optional in running text)."""
    found = index.get(key)
    if found is None and key.startswith("the "):
        found = index.get(key[4:])
    return found or ()


def treaty_index(ds: Dataset) -> dict[str, list[str]]:
    """Normalised id, name, short name or alias -> the ids of the treaties it names."""
    index: dict[str, list[str]] = {}
    for t in ds.treaties.values():
        for k in [t.id, t.name, *([t.short] if t.short else []), *t.aliases]:
            ids = index.setdefault(normalize(k), [])
            if t.id not in ids:
                ids.append(t.id)
    return index


class Resolver:
    """Name indexes over one dataset: from the cache when it has them, else built on first use
    (a treaty query never pays for normalising every state's names)."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self._state_index, self._treaty_index = ds.name_index or (None, None)

    @property
    def _states(self) -> dict[str, list[str]]:
        if self._state_index is None:
            self._state_index = state_index(self.ds)
        return self._state_index

    @property
    def _treaties(self) -> dict[str, list[str]]:
        if self._treaty_index is None:
            self._treaty_index = treaty_index(self.ds)
        return self._treaty_index

    def state_candidates(self, name: str) -> list[str]:
        """The codes `name` may denote: one, several (a COW code or abbreviation that a
        predecessor and its successor share: the date decides), or none."""
        found = _lookup(self._states, normalize(name))
        # An exact code wins over an alias or a COW abbreviation that other states share.
        if name.upper() in found:
            return [name.upper()]
        return list(found)

    def state(self, name: str, on: date | None = None) -> str:
        """The canonical code for `name`; raises UnknownName with suggestions."""
        found = self.state_candidates(name)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return self._pick(found, name, on)
        raise UnknownName("state", name, self._suggest(normalize(name), self._states,
                                                       self._state_label))

    def _pick(self, codes: list[str], name: str, on: date | None) -> str:
        # COW codes and abbreviations are shared by predecessor and successor (USSR and Russia
        # are both 365); the state that existed on the query date is meant.
        states = [self.ds.states[c] for c in sorted(codes)]
        day = on or date.today()
        alive = [s for s in states if s.exists_on(day)]
        if len(alive) == 1:
            return alive[0].code
        raise UnknownName("state", name, [self._state_label(c) for c in sorted(codes)], ambiguous=True)

    def treaty(self, name: str, prefix: bool = True) -> str:
        """The treaty id for `name`; a unique prefix of a name also resolves when `prefix`."""
        key = normalize(name)
        found = set(_lookup(self._treaties, key))
        stem = key.removeprefix("the ")
        if not found and prefix and len(stem) >= 3:
            # a unique prefix of a name or alias: "rio" for the Rio Treaty, "warsaw" for the pact
            found = {t for k, ids in self._treaties.items() if k.startswith(stem) for t in ids}
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            raise UnknownName("treaty", name, sorted(found), ambiguous=True)
        raise UnknownName("treaty", name, self._suggest(key, self._treaties, lambda t: t))

    def treaty_or_state(self, name: str, on: date | None = None) -> tuple[str | None, str | None]:
        """(treaty id, None) or (None, state code) for a name that may be either; a state's name
        shared by a predecessor and its successor is read on `on` (today without it)."""
        try:
            return self.treaty(name, prefix=False), None
        except UnknownName as treaty_error:
            try:
                return None, self.state(name, on)
            except UnknownName as state_error:
                try:  # only then a prefix: "armenia" is the state, not armenia-russia-1997
                    return self.treaty(name), None
                except UnknownName:
                    pass
                raise UnknownName("state or treaty", name,
                                  [*treaty_error.suggestions, *state_error.suggestions][:5]) from None

    def _state_label(self, code: str) -> str:
        return f"{code} ({self.ds.states[code].name})"

    def _suggest(self, key: str, index: dict[str, list[str]], label) -> list[str]:
        out: list[str] = []
        for _, target in closest(key, index):
            lab = label(target)
            if lab not in out:
                out.append(lab)
        return out[:4]


def _compact(key: str) -> str:
    """A key without spaces or punctuation, and a number without leading zeros: 'u k g' and
    'U.K.G.' -> 'ukg', '0365' -> '365'."""
    out = "".join(c for c in key if c.isalnum())
    return out.lstrip("0") or out if out.isdigit() else out


def edit_distance(a: str, b: str, limit: int) -> int:
    """The number of single-character insertions, deletions, substitutions and transpositions
    of neighbours that turn a into b (optimal string alignment), or limit + 1 if more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            d = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                d = min(d, before[j - 2] + 1)
            row.append(d)
        if min(row) > limit:
            return limit + 1
        before, prev = prev, row
    return prev[-1]


def closest(key: str, index: dict[str, list[str]]) -> list[tuple[int, str]]:
    """What the index keys nearest to `key` name, best first, each with its tier: 0, a key equal
    to it but for spaces, punctuation or leading zeros; 1, a key it begins (shortest first); 2, a
    key one edit away (two for keys of eight characters or more), or whose beginning is: the
    fewest edits first, then the same letters in another order, then the longest shared start;
    3, a key difflib finds close. Every table the index holds (codes, ISO 2 and 3166-3, COW
    numbers and abbreviations, names, aliases) is consulted before edit distance, so 'ukgg'
    finds the United Kingdom (COW UKG), not Yugoslavia."""
    compact = _compact(key)
    keys: list[tuple[int, tuple, str]] = []
    limit = 2 if len(key) >= 8 else 1
    for k in index:
        if compact and _compact(k) == compact:
            keys.append((0, (), k))
        elif len(key) >= 2 and k.startswith(key):
            keys.append((1, (len(k), k), k))
        else:
            d = edit_distance(key, k, limit)
            begins = False
            if d > limit and len(key) >= 4 and len(k) > len(key):
                d, begins = edit_distance(key, k[:len(key)], limit), True
            if d <= limit:
                keys.append((2, (d, begins, sorted(k) != sorted(key),
                                 -len(os.path.commonprefix([k, key])), k), k))
    seen = {k for _, _, k in keys}
    close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.7)
    keys += [(3, (i,), k) for i, k in enumerate(close) if k not in seen]
    out: list[tuple[int, str]] = []
    for tier, _, k in sorted(keys):
        for target in sorted(index[k]):
            if all(target != t for _, t in out):
                out.append((tier, target))
    return out
