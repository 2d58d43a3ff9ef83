"""YAML documents to model objects: every value read by the schema, every problem located."""

from __future__ import annotations

import difflib
import re

from yaml.nodes import Node, SequenceNode

from .dates import DateError, PartialDate, parse_date
from .events import KINDS, kind_list
from .model import (
    ACCEPTABLE_RULES,
    OBLIGATIONS,
    TREATY_KINDS,
    CowPeriod,
    Event,
    Location,
    Pledge,
    Source,
    State,
    StateName,
    Treaty,
    normalize_obligation,
)
from .safetext import describe, unsafe_char
from .yamlread import NodeReader

__all__ = ["FileLoader", "suggest"]

TOP_KEYS = ("as_of", "covers_from", "treaties", "states")
# The keys of the records the model declares (model.py's STORED), and the readers' own extras.
TREATY_KEYS = tuple(key for _, key, _, _ in Treaty.STORED)
PLEDGE_KEYS = ("by", "to", "obligations")
TREATY_REQUIRED = tuple(key for _, key, _, always in Treaty.STORED if always)
MEMBER_KEYS = ("joined", "left", "note", "source", "sources", "accept", "events")
EVENT_KEYS = (*(key for _, key, _, _ in Event.STORED if key is not None), "source")
STATE_KEYS = tuple(key for _, key, _, _ in State.STORED)
SOURCE_KEYS = ("url", "title", "note")
COW_KEYS = ("code", "from", "to")
NAME_KEYS = ("name", "from", "to", "source", "sources", "note")

_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_CODE_RE = re.compile(r"^[A-Z]{3}$")
_DIGITS_RE = re.compile(r"^[0-9]+$")
MAX_CODE_DIGITS = 4


def suggest(word: str, choices: list[str] | tuple[str, ...], n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = suggest(word, choices, 1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"allowed keys: {', '.join(choices)}"


def _unsafe_fix(ch: str) -> str:
    if ch in "\t\n":
        return "write it on one line without tabs (only a `note` may span lines)"
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return ("remove it: write the character itself, or escape it as \\U followed by eight hex "
                "digits")
    return "remove it (such characters can drive or hide text on the terminal of whoever reads it)"


class _Reader(NodeReader):
    """A NodeReader that also refuses text holding characters no data text may hold
    (safetext.unsafe_char): in every value read as text, and in every mapping key."""

    def mapping(self, node: Node, what: str) -> list[tuple[str, Node, Node]] | None:
        items = super().mapping(node, what)
        if items is None:
            return None
        if unsafe_char("".join([key for key, _, _ in items])) is None:  # no key holds one
            return items
        out = []
        for key, key_node, value_node in items:
            ch = unsafe_char(key)
            if ch is not None:
                self.error(key_node, f"a key in {what} contains {describe(ch)}", _unsafe_fix(ch))
                continue
            out.append((key, key_node, value_node))
        return out

    def text(self, node: Node, what: str, multiline: bool = False) -> str | None:
        value = super().text(node, what)
        if value is None:
            return None
        ch = unsafe_char(value, multiline)
        if ch is not None:
            self.error(node, f"{what} contains {describe(ch)}", _unsafe_fix(ch))
            return None
        return value

    def integer(self, node: Node, what: str) -> int | None:
        """A code such as a COW ccode: ASCII digits only (str.isdigit also takes '¹' and '٣',
        which int() refuses), and few of them (int() refuses over 4,300 digits)."""
        value = self.text(node, what)
        if value is None:
            return None
        if not _DIGITS_RE.match(value):
            shown = value if len(value) <= 20 else value[:20] + "..."
            odd = next((c for c in value if c.isdigit() and not c.isascii()), None)
            if odd is not None:
                self.error(node, f"{what} must be written with the digits 0-9, not '{shown}' "
                           f"('{odd}' is U+{ord(odd):04X})", "write the number with 0-9 only")
            else:
                self.error(node, f"{what} must be a whole number, not '{shown}'", "write digits only")
            return None
        if len(value) > MAX_CODE_DIGITS:
            self.error(node, f"{what} has {len(value):,} digits, more than a code has "
                       f"({MAX_CODE_DIGITS} at most)",
                       "write the Correlates of War state number (2 to 990)")
            return None
        return int(value)


class FileLoader:
    """Turns one file's node tree into model objects, recording problems as it goes."""

    def __init__(self, name: str):
        self.r = _Reader(name)
        self.name = name
        self.treaties: list[Treaty] = []
        self.states: list[State] = []
        self.as_of: PartialDate | None = None
        self.as_of_loc: Location | None = None
        self.covers_from: int | None = None
        self.order = 0

    # -- small readers -------------------------------------------------------------------
    def keys(self, node: Node, what: str, allowed: tuple[str, ...]) -> dict[str, tuple[Node, Node]]:
        items = self.r.mapping(node, what)
        if items is None:
            return {}
        out: dict[str, tuple[Node, Node]] = {}
        for key, key_node, value_node in items:
            if key not in allowed:
                self.r.error(key_node, f"unknown key '{key}' in {what}", _did_you_mean(key, allowed))
                continue
            out[key] = (key_node, value_node)
        return out

    def date(self, node: Node, what: str) -> PartialDate | None:
        text = self.r.text(node, what)
        if text is None:
            return None
        try:
            return parse_date(text)
        except DateError as exc:
            self.r.error(node, f"{what}: {exc}", "write a real date as YYYY, YYYY-MM or YYYY-MM-DD, "
                                               "or a range A..B")
            return None

    def texts(self, node: Node, what: str) -> tuple[str, ...]:
        items = self.r.sequence(node, what)
        if items is None:
            return ()
        out = [self.r.text(item, f"an entry of {what}") for item in items]
        return tuple(t for t in out if t is not None)

    def source(self, node: Node, what: str) -> Source | None:
        if not self.r.visit(node):
            return None
        if self.r.is_null(node) or not hasattr(node, "value") or isinstance(node.value, str):
            url = self.r.text(node, what)
            return Source(url) if url else None
        fields = self.keys(node, what, SOURCE_KEYS)
        if "url" not in fields:
            self.r.error(node, f"{what} has no url", "add `url: https://...`")
            return None
        url = self.r.text(fields["url"][1], f"{what} url")
        title = self.r.text(fields["title"][1], f"{what} title") if "title" in fields else None
        note = (self.r.text(fields["note"][1], f"{what} note", multiline=True)
                if "note" in fields else None)
        return Source(url, title, note) if url else None

    def sources(self, fields: dict[str, tuple[Node, Node]], what: str) -> tuple[Source, ...]:
        out: list[Source] = []
        if "source" in fields:
            s = self.source(fields["source"][1], f"the source of {what}")
            if s:
                out.append(s)
        if "sources" in fields:
            for item in self.r.sequence(fields["sources"][1], f"the sources of {what}") or []:
                s = self.source(item, f"a source of {what}")
                if s:
                    out.append(s)
        return tuple(out)

    def opt_text(self, fields, key: str, what: str) -> str | None:
        if key not in fields or self.r.is_null(fields[key][1]):
            return None
        return self.r.text(fields[key][1], f"{key} of {what}", multiline=key == "note")

    def opt_texts(self, fields, key: str, what: str) -> tuple[str, ...]:
        return self.texts(fields[key][1], f"{key} of {what}") if key in fields else ()

    def obligations(self, node: Node, what: str) -> tuple[str, ...]:
        """The list of obligation words of `what` (`[]`, null or `none` for none)."""
        if self.r.is_null(node):
            return ()
        out: tuple[str, ...] = ()
        for item in self.r.sequence(node, f"obligations of {what}") or []:
            ob = self.r.text(item, f"an obligation of {what}")
            if ob is None:
                continue
            ob_norm = normalize_obligation(ob)
            if ob_norm == "none":
                continue
            if ob_norm not in OBLIGATIONS:
                close = suggest(ob_norm, OBLIGATIONS, 1)
                hint = f"did you mean '{close[0]}'?" if close else ""
                self.r.error(item, f"unknown obligation '{ob}' in {what}",
                             f"{hint} use any of {', '.join(OBLIGATIONS)}, or [] for none".strip())
                continue
            out += (ob_norm,)
        return out

    def pledges(self, fields, what: str) -> tuple[Pledge, ...]:
        """`pledges:` - who owes which obligations to whom, where not every member to every other."""
        if "pledges" not in fields or self.r.is_null(fields["pledges"][1]):
            return ()
        out = []
        for item in self.r.sequence(fields["pledges"][1], f"pledges of {what}") or []:
            owner = f"a pledge of {what}"
            pf = self.keys(item, owner, PLEDGE_KEYS)
            if not pf:
                continue
            missing = [k for k in PLEDGE_KEYS if k not in pf]
            if missing:
                self.r.error(item, f"{owner} has no `{missing[0]}`",
                             "write `{by: [codes], to: [codes], obligations: [...]}`")
                continue
            by, to = (self.texts(pf[k][1], f"{k} of {owner}") for k in ("by", "to"))
            obligations = self.obligations(pf["obligations"][1], owner)
            for k in ("by", "to"):
                if isinstance(pf[k][1], SequenceNode) and not pf[k][1].value:
                    self.r.error(pf[k][1], f"`{k}` of {owner} lists no state", "list member codes")
            if by and to and obligations:
                out.append(Pledge(by, to, obligations, self.r.loc(item)))
        return tuple(out)

    def opt_ids(self, fields, key: str, what: str) -> tuple[int, ...]:
        """A list of dataset ids (whole numbers), e.g. `atop_ids: [3095]`."""
        if key not in fields or self.r.is_null(fields[key][1]):
            return ()
        ids: list[int] = []
        for item in self.r.sequence(fields[key][1], f"{key} of {what}") or []:
            value = self.r.integer(item, f"an id in {key} of {what}")
            if value is None:
                continue
            if value in ids:
                self.r.error(item, f"{key} of {what} lists {value} twice", "list each id once")
                continue
            ids.append(value)
        return tuple(ids)

    def opt_date(self, fields, key: str, what: str) -> PartialDate | None:
        if key not in fields or self.r.is_null(fields[key][1]):
            return None
        return self.date(fields[key][1], f"{key} of {what}")

    def year(self, node: Node, what: str) -> int | None:
        """A year the data claims (covers_from): four digits, 1800 to 2100."""
        value = self.r.integer(node, what)
        if value is not None and not 1800 <= value <= 2100:
            self.r.error(node, f"{what} must be a year between 1800 and 2100, not {value}",
                         "write the first year the data covers, e.g. 1816")
            return None
        return value

    # -- the document --------------------------------------------------------------------
    def document(self, root: Node) -> None:
        fields = self.keys(root, "the file", TOP_KEYS)
        if not fields and not self.r.problems:
            self.r.error(root, "the file has none of as_of, treaties, states",
                         "add a `treaties:` or `states:` mapping")
        if "as_of" in fields:
            self.as_of = self.date(fields["as_of"][1], "as_of")
            self.as_of_loc = self.r.loc(fields["as_of"][0])
        if "covers_from" in fields:
            self.covers_from = self.year(fields["covers_from"][1], "covers_from")
        if "treaties" in fields:
            for tid, key_node, value in self.r.mapping(fields["treaties"][1], "treaties") or []:
                self.treaty(tid, key_node, value)
        if "states" in fields:
            for code, key_node, value in self.r.mapping(fields["states"][1], "states") or []:
                self.state(code, key_node, value)

    def treaty(self, tid: str, key_node: Node, node: Node) -> None:
        if not _ID_RE.match(tid):
            self.r.error(key_node, f"treaty id '{tid}' is not a lowercase id",
                         f"use lowercase letters, digits, '-' or '_', e.g. '{_slug(tid)}'")
            return
        what = f"treaty '{tid}'"
        fields = self.keys(node, what, TREATY_KEYS)
        if not fields:
            return
        missing = [k for k in TREATY_REQUIRED if k not in fields or self.r.is_null(fields[k][1])]
        for k in missing:
            self.r.error(key_node, f"{what} has no `{k}`", f"add `{k}:` ({_HINTS[k]})")
        name = self.opt_text(fields, "name", what)
        kind = self.opt_text(fields, "kind", what)
        if kind is not None and kind not in TREATY_KINDS:
            self.r.error(fields["kind"][1], f"kind '{kind}' of {what} is not known",
                         f"use one of {', '.join(TREATY_KINDS)}")
            kind = None
        obligations = (self.obligations(fields["obligations"][1], what)
                       if "obligations" in fields else ())
        signed = self.opt_date(fields, "signed", what)
        treaty = Treaty(
            id=tid,
            name=name or tid,
            kind=kind or "treaty",
            obligations=obligations,
            signed=signed or PartialDate(1000),
            short=self.opt_text(fields, "short", what),
            aliases=self.opt_texts(fields, "aliases", what),
            in_force=self.opt_date(fields, "in_force", what),
            ended=self.opt_date(fields, "ended", what),
            predecessor=self.opt_text(fields, "predecessor", what),
            successor=self.opt_text(fields, "successor", what),
            exclusive_with=self.opt_texts(fields, "exclusive_with", what),
            atop_ids=self.opt_ids(fields, "atop_ids", what),
            cow_ids=self.opt_ids(fields, "cow_ids", what),
            pledges=self.pledges(fields, what),
            note=self.opt_text(fields, "note", what),
            sources=self.sources(fields, what),
            loc=self.r.loc(key_node),
        )
        snode = fields["sources"][1] if "sources" in fields else None
        if isinstance(snode, SequenceNode) and not snode.value:
            self.r.error(snode, f"{what} lists no source", "add at least one url")
        if "members" in fields and not self.r.is_null(fields["members"][1]):
            for code, mkey, mnode in self.r.mapping(fields["members"][1], f"members of {what}") or []:
                events = self.member(treaty, code, mkey, mnode)
                if events is not None:
                    treaty.members[code] = events
                    treaty.member_locs[code] = self.r.loc(mkey)
        self.treaties.append(treaty)

    def member(self, treaty: Treaty, code: str, key_node: Node, node: Node) -> list[Event] | None:
        if code.isdigit():
            self.r.error(key_node, f"member key {code} of treaty '{treaty.id}' is a number",
                         "key members by ISO 3166-1 alpha-3 code (e.g. ARM); COW numbers are "
                         "for queries, not keys")
            return None
        what = f"{code} in '{treaty.id}'"
        fields = self.keys(node, what, MEMBER_KEYS)
        if not fields:
            return None
        shared_note = self.opt_text(fields, "note", what)
        shared_sources = self.sources(fields, what)
        shared_accept = self.accept(fields, what)
        events: list[Event] = []
        for kind, key in (("joined", "joined"), ("left", "left")):
            if key in fields:
                d = self.date(fields[key][1], f"{key} of {what}")
                if d is not None:
                    events.append(self._event(treaty, code, d, kind, shared_note, shared_sources,
                                              loc=self.r.loc(fields[key][1]), accept=shared_accept))
        if "events" in fields:
            for item in self.r.sequence(fields["events"][1], f"events of {what}") or []:
                ev = self.event(treaty, code, item, what)
                if ev is not None:
                    events.append(ev)
        if not any(k in fields for k in ("joined", "left", "events")):
            self.r.error(key_node, f"{what} has no dates",
                         "add `joined: YYYY-MM-DD` or an `events:` list")
        return events

    def _event(self, treaty, code, d, kind, note, sources, loc, effective=None, towards=(),
               accept=()):
        self.order += 1
        return Event(treaty.id, code, d, kind, note, sources, effective, towards, loc, self.order,
                     accept)

    def accept(self, fields, what: str) -> tuple[tuple[str, str], ...]:
        """`accept: {rule: why}`: validation rules waived, each with its reason."""
        if "accept" not in fields:
            return ()
        out = []
        for rule, key_node, value in self.r.mapping(fields["accept"][1], f"accept of {what}") or []:
            if rule not in ACCEPTABLE_RULES:
                close = suggest(rule, tuple(ACCEPTABLE_RULES), 1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                self.r.error(key_node, f"accept of {what} names an unknown rule '{rule}'",
                             f"{hint}rules that can be waived: {', '.join(ACCEPTABLE_RULES)}")
                continue
            why = self.r.text(value, f"the reason for accepting {rule}", multiline=True)
            if why is not None:
                out.append((rule, why))
        return tuple(out)

    def event(self, treaty: Treaty, code: str, node: Node, owner: str) -> Event | None:
        what = f"an event of {owner}"
        fields = self.keys(node, what, EVENT_KEYS)
        if not fields:
            return None
        ok = True
        for req in ("date", "event"):
            if req not in fields:
                self.r.error(node, f"{what} has no `{req}`",
                             "give every event a `date:` and an `event:` kind")
                ok = False
        if not ok:
            return None
        d = self.date(fields["date"][1], f"the date of {what}")
        kind = self.r.text(fields["event"][1], f"the kind of {what}")
        if kind is not None and kind not in KINDS:
            close = suggest(kind, tuple(KINDS), 1)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of {', '.join(KINDS)}"
            self.r.error(fields["event"][1], f"unknown event kind '{kind}'", hint)
            kind = None
        effective = self.opt_date(fields, "effective", what)
        if effective is not None and (kind is None or not KINDS[kind].effective):
            self.r.error(fields["effective"][0], f"`effective` on a '{kind}' event",
                         f"only {kind_list(lambda k: k.effective)} events take `effective`")
        towards: tuple[str, ...] = ()
        if "towards" in fields:
            tnode = fields["towards"][1]
            if hasattr(tnode, "value") and isinstance(tnode.value, str):
                one = self.r.text(tnode, "towards")
                towards = (one,) if one else ()
            else:
                towards = self.texts(tnode, "towards")
                if isinstance(tnode, SequenceNode) and not tnode.value:
                    # Read as "no relation named", it would make a relation event a full one.
                    self.r.error(tnode, f"`towards` of {what} is an empty list",
                                 "remove the key (the event then applies to the whole membership) "
                                 "or list the states it applies to")
                    return None
            if kind is not None and not KINDS[kind].towards:
                self.r.error(fields["towards"][0], f"`towards` on a '{kind}' event",
                             f"only {kind_list(lambda k: k.towards)} events may apply to one "
                             "relation")
                towards = ()
        if d is None or kind is None:
            return None
        return self._event(treaty, code, d, kind, self.opt_text(fields, "note", what),
                           self.sources(fields, what), self.r.loc(node), effective, towards,
                           self.accept(fields, what))

    def state(self, code: str, key_node: Node, node: Node) -> None:
        if not _CODE_RE.match(code):
            self.r.error(key_node, f"state code '{code}' is not three capital letters",
                         "key states by ISO 3166-1 alpha-3 code, e.g. ARM")
            return
        what = f"state {code}"
        fields = self.keys(node, what, STATE_KEYS)
        if not fields:
            return
        if "name" not in fields:
            self.r.error(key_node, f"{what} has no `name`", "add `name: ...`")
        cow: list[CowPeriod] = []
        if "cow" in fields:
            cnode = fields["cow"][1]
            if hasattr(cnode, "value") and isinstance(cnode.value, str):
                n = self.r.integer(cnode, f"cow of {what}")
                if n is not None:
                    cow.append(CowPeriod(n))
            else:
                for item in self.r.sequence(cnode, f"cow of {what}") or []:
                    cf = self.keys(item, f"a cow period of {what}", COW_KEYS)
                    if "code" not in cf:
                        if cf:
                            self.r.error(item, f"a cow period of {what} has no code", "add `code:`")
                        continue
                    n = self.r.integer(cf["code"][1], f"cow code of {what}")
                    if n is not None:
                        cow.append(CowPeriod(n, self.opt_date(cf, "from", what),
                                             self.opt_date(cf, "to", what)))
        iso2 = self.opt_text(fields, "iso2", what)
        if iso2 is not None and not re.match(r"^[A-Z]{2}$", iso2):
            self.r.error(fields["iso2"][1], f"iso2 '{iso2}' of {what} is not two capital letters",
                         "write the ISO 3166-1 alpha-2 code, e.g. AM")
        self.states.append(
            State(
                code=code,
                name=self.opt_text(fields, "name", what) or code,
                iso2=iso2,
                iso3166_3=self.opt_text(fields, "iso3166_3", what),
                cow=tuple(cow),
                cow_abb=self.opt_text(fields, "cow_abb", what),
                aliases=self.opt_texts(fields, "aliases", what),
                start=self.opt_date(fields, "from", what),
                end=self.opt_date(fields, "to", what),
                successor=self.opt_text(fields, "successor", what),
                note=self.opt_text(fields, "note", what),
                sources=self.sources(fields, what),
                names=self.state_names(fields, what),
                loc=self.r.loc(key_node),
            )
        )

    def state_names(self, fields, what: str) -> tuple[StateName, ...]:
        """A state's `names`: each a name with the dates it was in use and its sources."""
        if "names" not in fields:
            return ()
        out: list[StateName] = []
        for item in self.r.sequence(fields["names"][1], f"names of {what}") or []:
            nf = self.keys(item, f"a name of {what}", NAME_KEYS)
            if not nf:
                continue
            entry = f"a name of {what}"
            name = self.opt_text(nf, "name", entry)
            if not name:
                self.r.error(item, f"{entry} has no `name`", "add `name: ...`, the name it bore then")
                continue
            entry = f"the name '{name}' of {what}"
            sources = self.sources(nf, entry)
            if not sources and "source" not in nf and "sources" not in nf:
                self.r.error(item, f"{entry} has no source",
                             "add `source: https://...`, a page that gives the dates of the name")
            if "from" not in nf and "to" not in nf:
                self.r.error(item, f"{entry} has neither `from` nor `to`",
                             "give the dates it was in use (put a name used at all times in `name`)")
            out.append(StateName(name, self.opt_date(nf, "from", entry), self.opt_date(nf, "to", entry),
                                 sources, self.opt_text(nf, "note", entry), self.r.loc(item)))
        return tuple(out)


_HINTS = {
    "name": "the official English name",
    "kind": "treaty, organisation or declaration",
    "obligations": "e.g. [defence], or [] for none",
    "signed": "the date of signature, YYYY-MM-DD",
    "sources": "a list of urls",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "treaty"
