"""Typed answers: what the API returns and the renderers and writers take.

Each answer keeps the engine's objects (standings, links, events) for renderers, and gives the
documented rows (docs/export-columns.md) for data formats. A question with rows is a sequence of
them, so `pandas.DataFrame(data.members("NATO"))` works; the answer to "are A and B allied?" is a
mapping with the keys of its JSON form (`answer["allied"]`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any

from .dates import PartialDate, Period
from .model import Dataset, Event, State, Treaty
from .query import AllyLink, MemberStanding, TreatyStanding, link_allied
from .rows import (
    ALLY_COLUMNS,
    EVENT_COLUMNS,
    MEMBER_COLUMNS,
    MEMBERSHIP_COLUMNS,
    STATE_COLUMNS,
    TREATY_COLUMNS,
    allies_payload,
    ally_rows,
    event_row,
    member_rows,
    membership_rows,
    state_row,
    treaty_row,
)
from .wording import Caveat, Headline, first_sentence, link_caveats, pair_headline

__all__ = [
    "AlliesOf", "Answer", "History", "Members", "Memberships", "Pair", "States", "Treaties",
]


class Answer(Sequence):
    """An answer made of rows: a sequence of dicts with the columns in `columns`."""

    columns: list[str] = []

    def __init__(self, dataset: Dataset, notes: list[str]):
        self.dataset = dataset
        self.notes = notes  # for the reader: "the data are current to ...", "X did not exist ..."

    def _rows(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        return self._rows()

    def __getitem__(self, index):
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Answer):
            return self.rows == other.rows
        return isinstance(other, list) and self.rows == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self)} rows>"


class Members(Answer):
    """The members of a treaty in a period, the treaty's phase, and (before the treaty existed)
    its predecessor's members."""

    columns = MEMBER_COLUMNS

    def __init__(self, dataset: Dataset, treaty: Treaty, period: Period, phase: TreatyStanding,
                 standings: list[MemberStanding],
                 fallback: tuple[Treaty, list[MemberStanding]] | None, notes: list[str]):
        super().__init__(dataset, notes)
        self.treaty, self.period, self.phase = treaty, period, phase
        self.standings, self.fallback = standings, fallback

    def _rows(self) -> list[dict[str, Any]]:
        return member_rows(self.dataset, self.standings, self.period)

    @property
    def phase_note(self) -> str | None:
        """What a table shows above its rows and data formats cannot: that the treaty did not yet
        exist, and how many members its predecessor had."""
        if self.phase.phase != "not_signed":
            return None
        msg = f"{self.treaty.label} did not yet exist on {self.period}"
        if self.fallback:
            msg += f"; its predecessor '{self.fallback[0].id}' had {len(self.fallback[1])} members"
        return msg


class Memberships(Answer):
    """Every treaty a state belongs to in a period."""

    columns = MEMBERSHIP_COLUMNS

    def __init__(self, dataset: Dataset, state: State, period: Period,
                 standings: list[MemberStanding], notes: list[str]):
        super().__init__(dataset, notes)
        self.state, self.period, self.standings = state, period, standings

    def _rows(self) -> list[dict[str, Any]]:
        return membership_rows(self.dataset, self.standings, self.period)


def _with_caveats(dataset: Dataset, rows: list[dict[str, Any]], links: list[AllyLink],
                  period: Period) -> list[dict[str, Any]]:
    """Ally rows (one per link, in the links' order) with the link's caveats in words."""
    for row, link in zip(rows, links, strict=True):
        row["caveats"] = "; ".join(c.text for c in link_caveats(dataset, link, period)) or None
    return rows


ALLY_ANSWER_COLUMNS = [*ALLY_COLUMNS, "caveats"]


class AlliesOf(Answer):
    """Every ally of one state in a period, with the treaties that link them.

    `caveats` are the state's own qualified standings (a frozen participation, a withdrawal
    announced), one per treaty, which hold towards every ally through that treaty."""

    columns = ALLY_ANSWER_COLUMNS

    def __init__(self, dataset: Dataset, state: State, period: Period, obligations: list[str],
                 links: dict[str, list[AllyLink]], notes: list[str]):
        super().__init__(dataset, notes)
        self.state, self.period, self.obligations, self.links = state, period, obligations, links

    def _rows(self) -> list[dict[str, Any]]:
        rows = list(ally_rows(self.dataset, self.state.code, self.links, self.period))
        return _with_caveats(self.dataset, rows, [lk for lks in self.links.values() for lk in lks],
                             self.period)

    @cached_property
    def caveats(self) -> list[Caveat]:
        seen: dict[str, Caveat] = {}
        for links in self.links.values():
            for link in links:
                for c in link_caveats(self.dataset, link, self.period):
                    if c.state == self.state.code:
                        seen.setdefault(c.treaty, c)
        return list(seen.values())


class Pair(Mapping):
    """Whether two states were allied in a period (True, False or "uncertain"), and through what.

    A mapping with the keys of its JSON form: on, state1, state2, obligations, allied, via,
    headline (the answer in words, naming any side that is not plainly a member), caveats (those
    sides: state, treaty, status and its dates, and the words) and links.
    """

    columns = ALLY_ANSWER_COLUMNS

    def __init__(self, dataset: Dataset, a: State, b: State, period: Period, obligations: list[str],
                 links: list[AllyLink], notes: list[str],
                 near: list[tuple[MemberStanding, MemberStanding]] | None = None):
        self.dataset, self.a, self.b, self.period = dataset, a, b, period
        self.obligations, self.links, self.notes = obligations, links, notes
        # treaties both are in without a link: one observes it, is a partner or only signed
        self.near = near or []

    @property
    def allied(self) -> bool | str:
        return link_allied(self.links)

    @cached_property
    def _headline(self) -> tuple[Headline, list[Caveat]]:
        return pair_headline(self.dataset, self.a.code, self.b.code, self.period, self.links,
                             self.obligations, self.near)

    @property
    def headline(self) -> Headline:
        """The answer in words: `str(answer.headline)`, or its parts (verdict, qualifier...)."""
        return self._headline[0]

    @property
    def caveats(self) -> list[Caveat]:
        """Each side of a link whose standing is not plain membership, once."""
        return self._headline[1]

    @cached_property
    def payload(self) -> dict[str, Any]:
        base = allies_payload(self.dataset, self.a.code, self.b.code, self.links, self.period,
                              self.obligations)
        links = base.pop("links")
        return {**base, "headline": str(self.headline),
                "caveats": [c.as_dict() for c in self.caveats],
                "links": _with_caveats(self.dataset, links, self.links, self.period)}

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        rows = list(ally_rows(self.dataset, self.a.code, {self.b.code: self.links}, self.period))
        return _with_caveats(self.dataset, rows, self.links, self.period)

    def __getitem__(self, key: str) -> Any:
        return self.payload[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.payload)

    def __len__(self) -> int:
        return len(self.payload)

    def __repr__(self) -> str:
        return f"<Pair {self.a.code}-{self.b.code} on {self.period}: allied={self.allied!r}>"


class History(Answer):
    """Dated events of a treaty, a state or the world, in order (`brief`: notes cut to their
    first sentence)."""

    columns = EVENT_COLUMNS

    def __init__(self, dataset: Dataset, title: str, start: PartialDate | None,
                 end: PartialDate | None, events: list[Event], notes: list[str],
                 brief: bool = False):
        super().__init__(dataset, notes)
        self.title, self.start, self.end, self.events = title, start, end, events
        self.brief = brief

    def _rows(self) -> list[dict[str, Any]]:
        rows = [event_row(self.dataset, ev) for ev in self.events]
        if self.brief:
            for row in rows:
                row["note"] = first_sentence(row["note"])
        return rows


class Treaties(Answer):
    """Treaties (all, or those in force in a period), ordered by signature. In a period, the
    rows gain `members_on`: the states in the treaty then (`members` counts its whole life)."""

    def __init__(self, dataset: Dataset, title: str, treaties: list[Treaty], notes: list[str],
                 members_on: dict[str, int] | None = None, period: Period | None = None):
        super().__init__(dataset, notes)
        self.title, self.treaties = title, treaties
        self.members_on, self.period = members_on, period
        self.columns = list(TREATY_COLUMNS)
        if members_on is not None:
            self.columns.insert(self.columns.index("members") + 1, "members_on")

    def _rows(self) -> list[dict[str, Any]]:
        rows = [treaty_row(self.dataset, t) for t in self.treaties]
        if self.members_on is None:
            return rows
        return [{c: self.members_on[row["treaty"]] if c == "members_on" else row[c]
                 for c in self.columns} for row in rows]


class States(Answer):
    """States (all, or those that existed on a day, named as they were then), ordered by name."""

    columns = STATE_COLUMNS

    def __init__(self, dataset: Dataset, states: list[State], notes: list[str],
                 period: Period | None = None):
        super().__init__(dataset, notes)
        self.states, self.period = states, period

    def _rows(self) -> list[dict[str, Any]]:
        day = self.period.first if self.period is not None else None
        return [state_row(s, day) for s in self.states]
