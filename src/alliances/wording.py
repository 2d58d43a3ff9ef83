"""Words for answers, shared by every door: a date as written, a state's status with its own dates,
the caveats that qualify "yes, allied", the headline of a pair answer, and the first sentence of a
note. Standard library only: the terminal renderer and the JSON payload use the same sentences.
"""

from __future__ import annotations

import re
from typing import Any

from .dates import DateRange, PartialDate, Period
from .model import Dataset
from .query import AllyLink, MemberStanding, link_allied
from .records import Frozen, set_field
from .rows import state_name

__all__ = [
    "Caveat",
    "Headline",
    "caveat_of",
    "first_sentence",
    "pair_headline",
    "status_words",
    "at",
    "when",
]


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


def at(d: PartialDate) -> str:
    """A date after a verb: 'on 2024-02-22', 'in 2024-02 (month only)', 'on some day from A to
    B', 'on 1958-10-01 or later (not known when)'."""
    return ("in " if d.precision in ("month", "year") else "on ") + when(d)


def _withdrawal_words(st: MemberStanding) -> str | None:
    if not st.withdrawal:
        return None
    out = f"withdrawal {st.withdrawal} {when(st.withdrawal_date)}"
    if st.withdrawal_effective:
        out += f", effective {when(st.withdrawal_effective)}"
    return out


def _status_clause(st: MemberStanding) -> str:
    if not st.status_certain:
        statuses = " or ".join(dict.fromkeys(s.status for s in st.segments))
        return f"{statuses} (uncertain: the status changed {at(st.segments[-1].start)})"
    return f"{st.status} since {when(st.status_since or st.since)}"


def status_words(st: MemberStanding, brief: bool = False, presence: bool = True) -> str:
    """A standing in words, each status with its own date:
    'suspended since 2024-02-22; withdrawal announced 2024-06-12; member since 2003-09-18'.

    brief: for a table with the membership's start in a column of its own, or none: the start of
    the membership is left out, and so is a status's date when it is that start ('member',
    'observer', 'suspended since 2024-02-22; withdrawal announced 2024-06-12').
    presence: say when the standing held for part of the period, or uncertainly.
    """
    if brief and st.status_certain and (st.status_since or st.since) == st.since:
        parts = [st.status]
    else:
        parts = [_status_clause(st)]
    withdrawal = _withdrawal_words(st)
    if withdrawal:
        parts.append(withdrawal)
    began = st.status_since if st.status_certain else None
    if not brief and st.since is not None and began != st.since:
        # a frozen participation is still membership; an observer turned member was in it before
        parts.append(f"{'member' if st.status == 'suspended' else 'in the treaty'} since "
                     f"{when(st.since)}")
    if st.until is not None and not brief:
        # the end is the membership's: only a plain membership's status ends with it for sure
        if len(parts) == 1 and st.status == "member" and st.status_certain:
            parts[-1] += f" until {when(st.until)}"
        elif parts[-1].startswith(("member since", "in the treaty since")) and len(parts) > 1:
            parts[-1] += f" until {when(st.until)}"
        else:
            parts.append(f"in the treaty until {when(st.until)}")
    text = "; ".join(parts)
    if not presence:
        return text
    if st.presence == "uncertain":
        text += " (uncertain in this period: a date is known only to the month, year or a range)"
    elif st.presence in ("part", "some"):
        text += " (part of the period)" if st.presence == "part" else " (part or all of the period)"
    return text


class Caveat(Frozen):
    """A side of a link whose standing is not plain membership: frozen or suspended, a withdrawal
    announced or notified, an observer or partner, or a status that changed on an uncertain day."""

    state: str
    treaty: str
    status: str
    status_since: PartialDate | None
    status_certain: bool
    withdrawal: str | None
    withdrawal_date: PartialDate | None
    withdrawal_effective: PartialDate | None
    text: str

    __slots__ = ("state", "treaty", "status", "status_since", "status_certain", "withdrawal",
                 "withdrawal_date", "withdrawal_effective", "text")

    def __init__(self, state: str, treaty: str, status: str, status_since: PartialDate | None,
                 status_certain: bool, withdrawal: str | None,
                 withdrawal_date: PartialDate | None, withdrawal_effective: PartialDate | None,
                 text: str) -> None:
        for name, value in (("state", state), ("treaty", treaty), ("status", status),
                            ("status_since", status_since), ("status_certain", status_certain),
                            ("withdrawal", withdrawal), ("withdrawal_date", withdrawal_date),
                            ("withdrawal_effective", withdrawal_effective), ("text", text)):
            set_field(self, name, value)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: dates as written, None where there is none."""
        def text(d: PartialDate | None) -> str | None:
            return None if d is None else str(d)

        return {"state": self.state, "treaty": self.treaty, "status": self.status,
                "status_since": text(self.status_since), "status_certain": self.status_certain,
                "withdrawal": self.withdrawal, "withdrawal_date": text(self.withdrawal_date),
                "withdrawal_effective": text(self.withdrawal_effective), "text": self.text}


_STATUS_PHRASE = {  # status -> how a sentence says it, with {name}, {treaty} and {since}
    "suspended": "{name}'s participation in {treaty} is suspended (since {since})",
    "observer": "{name} is only an observer in {treaty} (since {since})",
    "partner": "{name} is only a partner of {treaty} (since {since})",
    "signatory": "{name} has signed {treaty} ({since}) but is not bound by it",
}


def caveat_of(ds: Dataset, st: MemberStanding, period: Period | None = None) -> Caveat | None:
    """The caveat on a standing, or None for plain membership.

    'Armenia's participation in CSTO is suspended (since 2024-02-22) and its withdrawal announced
    (2024-06-12)'; 'Hungary's withdrawal from ICC is notified (2025-06-02), effective 2026-06-02'.
    The state is named as it was in `period` (its present name without one).
    """
    if st.status == "member" and st.status_certain and not st.withdrawal:
        return None
    name = state_name(ds, st.state, period)
    treaty = ds.treaties[st.treaty].label if st.treaty in ds.treaties else st.treaty
    since = st.status_since or st.since
    if not st.status_certain:
        statuses = " or ".join(dict.fromkeys(s.status for s in st.segments))
        text = (f"{name}'s status in {treaty} is uncertain ({statuses}: it changed "
                f"{at(st.segments[-1].start)})")
        subject = "its"
    elif st.status == "member":
        text, subject = "", f"{name}'s"
    else:
        phrase = _STATUS_PHRASE.get(st.status, "{name} is " + st.status + " in {treaty} (since "
                                    "{since})")
        text = phrase.format(name=name, treaty=treaty, since=when(since))
        subject = "its"
    if st.withdrawal:
        verb = f"{subject} withdrawal" + (f" from {treaty}" if not text else "")
        clause = f"{verb} {'is ' if not text else ''}{st.withdrawal} ({when(st.withdrawal_date)})"
        if st.withdrawal_effective:
            clause += f", effective {when(st.withdrawal_effective)}"
        text = f"{text} and {clause}" if text else clause
    return Caveat(st.state, st.treaty, st.status, since if st.status_certain else None,
                  st.status_certain, st.withdrawal, st.withdrawal_date, st.withdrawal_effective,
                  text)


def link_caveats(ds: Dataset, link: AllyLink, period: Period | None = None) -> list[Caveat]:
    """The caveats on either side of one link, the first state's first."""
    return [c for c in (caveat_of(ds, link.a, period), caveat_of(ds, link.b, period))
            if c is not None]


_VERDICT = {True: "Yes", False: "No", "uncertain": "Uncertain"}


class Headline(Frozen):
    """The first line of a pair answer, in parts: verdict ('Yes'), qualifier ('formally' when
    every treaty that makes them allies has a side whose standing is qualified), the question
    ('Armenia and Belarus on 2025-06-01 (defence obligation)') and the caveats, in words."""

    verdict: str
    qualifier: str | None
    question: str
    caveats: tuple[str, ...]

    __slots__ = ("verdict", "qualifier", "question", "caveats")

    def __init__(self, verdict: str, qualifier: str | None, question: str,
                 caveats: tuple[str, ...]) -> None:
        set_field(self, "verdict", verdict)
        set_field(self, "qualifier", qualifier)
        set_field(self, "question", question)
        set_field(self, "caveats", caveats)

    @property
    def lead(self) -> str:
        """'Yes' or 'Yes, formally'."""
        return self.verdict + (f", {self.qualifier}" if self.qualifier else "")

    def __str__(self) -> str:
        """One line: 'Yes, formally: Armenia's participation in CSTO is suspended (since
        2024-02-22) and its withdrawal announced (2024-06-12). Armenia and Belarus on ...'"""
        if self.qualifier:
            return f"{self.lead}: {'; '.join(self.caveats)}. {self.question}."
        out = f"{self.lead}: {self.question}"
        return out + (f". Note: {'; '.join(self.caveats)}." if self.caveats else "")


def pair_headline(ds: Dataset, a: str, b: str, period: Period, links: list[AllyLink],
                  obligations: list[str],
                  near: list[tuple[MemberStanding, MemberStanding]] = ()
                  ) -> tuple[Headline, list[Caveat]]:
    """The headline of 'are A and B allied?' and the caveats it names (each once): the sides of
    its links that are not plainly members, then those of `near`, treaties both are in that do
    not link them because one is an observer, a partner or only a signatory."""
    allied = link_allied(links)
    caveats: dict[tuple[str, str], Caveat] = {}
    for link in links:
        for c in link_caveats(ds, link, period):
            caveats.setdefault((c.state, c.treaty), c)
    for pair in near:
        for st in pair:
            c = caveat_of(ds, st, period)
            if c is not None:
                caveats.setdefault((c.state, c.treaty), c)
    # "formally": allied, but every treaty that makes them so has a side not plainly a member
    counting = [lk for lk in links if lk.counts]
    formally = allied is True and all(link_caveats(ds, lk) for lk in counting)
    na, nb = state_name(ds, a, period), state_name(ds, b, period)
    question = f"{na} and {nb} on {period} ({'/'.join(obligations)} obligation)"
    headline = Headline(_VERDICT[allied], "formally" if formally else None, question,
                        tuple(c.text for c in caveats.values()))
    return headline, list(caveats.values())


_ABBREVIATIONS = frozenset({
    "art", "arts", "no", "nos", "para", "paras", "p", "pp", "vol", "cf", "ch", "sec", "st", "mr",
    "mrs", "dr", "gen", "col", "lt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "approx", "c", "ca", "etc", "vs", "v", "op", "cit", "ibid", "ed",
    "eds", "resp", "fig", "inc", "ltd", "co", "corp", "jr", "sr", "prof", "rev", "hon", "amb",
})
# compiled by re (and kept in its cache) when first used: ~0.4 ms that most runs never need
_SENTENCE_END = r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[«]?[A-Z0-9À-ÖØ-ÞА-Я])"


def first_sentence(text: str | None) -> str | None:
    """The first sentence of a note, followed by ' …' when there is more; the note itself when it
    is one sentence. A full stop after an abbreviation ('Art. 5', 'No. 12', 'U.S.') or an initial
    does not end a sentence."""
    if not text:
        return text
    for match in re.finditer(_SENTENCE_END, text):
        before = text[:match.start()].rsplit(None, 1)[-1] if text[:match.start()].strip() else ""
        word = before.lstrip("(\"'“‘[«").casefold()
        if text[match.start()] == "." and (
                word in _ABBREVIATIONS or "." in word or (len(word) == 1 and word.isalpha())):
            continue
        end = match.end()
        rest = text[end:].strip()
        if not rest:
            break
        return text[:end].rstrip() + " …"
    return text
