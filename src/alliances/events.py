"""What each kind of membership event means, declared once.

One `EventKind` per kind says what status it leads to, which keys it takes, how the timelines
draw it and name it in their legends, which statuses it cannot follow (validation) and what
docs/data-format.md says of it. The parser, the engine, the validator, the terminal timeline,
the SVG chart, the JSON schema and the docs derive from `KINDS` (tests/test_event_kinds.py
checks that they agree): a new kind is one entry here, plus the code of anything new it does.
"""

from __future__ import annotations

from .records import Frozen, set_field

__all__ = ["EVENT_KINDS", "KINDS", "RELATION_EVENT_KINDS", "UNCHANGED", "EventKind", "RELATION_MARK",
           "kind_list"]

UNCHANGED = ""  # the status an event leaves as it was (a note, an announced withdrawal)
_STATUSES_BUT_SUSPENDED = (None, "member", "signatory", "observer", "partner")
_ANY_STATUS = ("member", "signatory", "observer", "partner", "suspended")


class EventKind(Frozen):
    """One kind of event and all it means.

    status: the status from the event's date on; None: not a member; UNCHANGED: as it was.
    meaning, status_text: the two columns of the docs' table (Markdown).
    glyph: the terminal timeline's marker on the event's column (None: the bars show it).
    mark: the SVG chart's mark shape (triangle, diamond, circle, cross; None: the bars show it).
    legend: what the glyph and the mark stand for, in both legends.
    relation: "opens" / "closes": with `towards`, suspends / resumes one relation of the state's.
    withdrawal: "announced" / "notified": flags a pending withdrawal (status unchanged).
    effective: takes `effective:` (the date a notified withdrawal takes effect).
    renews: a fresh membership: a pending withdrawal flag does not carry over into it.
    refused_from: the statuses (None: not a member) this event cannot follow, and `refusal`
    the problem then reported: a message template ({state}, {treaty}, {date}, {kind},
    {status}, {where}) and its fix. `refusal_again`: for an event that ends a membership, the
    message when the state had already left (`refusal` is for one that never joined).
    """

    name: str
    status: str | None
    meaning: str
    status_text: str
    glyph: str | None
    mark: str | None
    legend: str | None
    relation: str | None
    withdrawal: str | None
    effective: bool
    renews: bool
    refused_from: tuple[str | None, ...]
    refusal: tuple[str, str] | None
    refusal_again: tuple[str, str] | None

    __slots__ = ("name", "status", "meaning", "status_text", "glyph", "mark", "legend", "relation",
                 "withdrawal", "effective", "renews", "refused_from", "refusal", "refusal_again")

    def __init__(self, name: str, status: str | None, meaning: str, status_text: str, *,
                 glyph: str | None = None, mark: str | None = None, legend: str | None = None,
                 relation: str | None = None, withdrawal: str | None = None,
                 effective: bool = False, renews: bool = False,
                 refused_from: tuple[str | None, ...] = (), refusal: tuple[str, str] | None = None,
                 refusal_again: tuple[str, str] | None = None) -> None:
        set_field(self, "name", name)
        set_field(self, "status", status)
        set_field(self, "meaning", meaning)
        set_field(self, "status_text", status_text)
        set_field(self, "glyph", glyph)
        set_field(self, "mark", mark)
        set_field(self, "legend", legend)
        set_field(self, "relation", relation)
        set_field(self, "withdrawal", withdrawal)
        set_field(self, "effective", effective)
        set_field(self, "renews", renews)
        set_field(self, "refused_from", refused_from)
        set_field(self, "refusal", refusal)
        set_field(self, "refusal_again", refusal_again)

    @property
    def label(self) -> str:
        """The kind in running text: 'withdrawal announced'."""
        return self.name.replace("_", " ")

    @property
    def ends(self) -> bool:
        """Whether the event ends the membership (the state is not a member from its date)."""
        return self.status is None

    @property
    def towards(self) -> bool:
        """Whether the event may apply to one relation (`towards:`) rather than the membership."""
        return self.relation is not None


_ENDED_NEVER_JOINED = ("{state} left '{treaty}' on {date} before it joined",
                       "check the dates: `left` must come after `joined`")
_ENDED_AGAIN = ("{state} left '{treaty}' on {date} but had already left{where}",
                "remove the duplicate `left`")
_NOT_A_MEMBER = ("{state} '{kind}' in '{treaty}' on {date} while not a member",
                 "add the `joined` event first, or correct the date")

KINDS: dict[str, EventKind] = {k.name: k for k in (
    EventKind("signed", "signatory", "signed, not yet bound (before ratification/deposit)",
              "`signatory`", refused_from=_ANY_STATUS,
              refusal=("{state} signs '{treaty}' on {date} while already {status}{where}",
                       "put `signed` before `joined`")),
    EventKind("joined", "member", "became a full party/member (deposit of the instrument, or "
              "entry into force for founders)", "`member`", renews=True,
              refused_from=("member", "suspended"),
              refusal=("{state} joined '{treaty}' on {date} while already a member{where}",
                       "remove the duplicate, or add a `left` event before it")),
    EventKind("member", "member", "became a full member from another status (e.g. from observer)",
              "`member`", refused_from=("member",),
              refusal=("{state} becomes a member of '{treaty}' on {date} but already is one{where}",
                       "remove the duplicate")),
    EventKind("observer", "observer", "became an observer", "`observer`"),
    EventKind("partner", "partner", "became a partner / dialogue partner", "`partner`"),
    EventKind("suspended", "suspended", "participation frozen or suspended (by the state or by "
              "the treaty's organs)", "`suspended`", relation="opens",
              refused_from=(None,), refusal=_NOT_A_MEMBER),
    EventKind("resumed", "member", "suspended participation resumed", "`member`",
              relation="closes", refused_from=_STATUSES_BUT_SUSPENDED,
              refusal=("{state} resumes in '{treaty}' on {date} but was not suspended",
                       "add the `suspended` event first, or use `member`")),
    EventKind("withdrawal_announced", UNCHANGED, "a government announced it will withdraw",
              "unchanged, with `withdrawal: announced`", glyph="!", mark="triangle",
              legend="withdrawal announced", withdrawal="announced", refused_from=(None,),
              refusal=_NOT_A_MEMBER),
    EventKind("withdrawal_notified", UNCHANGED, "formal notice of withdrawal given (`effective`: "
              "when it takes effect)", "unchanged, with `withdrawal: notified`; not a member from "
              "`effective` on", glyph="N", mark="diamond", legend="withdrawal notified",
              withdrawal="notified", effective=True, refused_from=(None,), refusal=_NOT_A_MEMBER),
    EventKind("left", None, "withdrawal took effect / membership ended", "not a member",
              glyph="]", legend="left", refused_from=(None,), refusal=_ENDED_NEVER_JOINED,
              refusal_again=_ENDED_AGAIN),
    EventKind("expelled", None, "expelled", "not a member", glyph="x", mark="cross",
              legend="expelled", refused_from=(None,), refusal=_ENDED_NEVER_JOINED,
              refusal_again=_ENDED_AGAIN),
    EventKind("readmitted", "member", "returned after leaving or expulsion", "`member`",
              renews=True, refused_from=_ANY_STATUS,
              refusal=("{state} readmitted to '{treaty}' on {date} without having left{where}",
                       "add the `left` or `expelled` event first")),
    EventKind("note", UNCHANGED, "a dated remark that changes nothing (e.g. France leaving NATO's "
              "integrated command)", "unchanged", glyph="*", mark="circle", legend="note"),
)}

# The mark of an event that applies to one relation (`towards`), whatever its kind.
RELATION_MARK = ("cross", "obligations to one member suspended or resumed")

# event kind -> status from that date; None: not a member; UNCHANGED ("") : status unchanged
EVENT_KINDS: dict[str, str | None] = {k.name: k.status for k in KINDS.values()}
RELATION_EVENT_KINDS = tuple(k.name for k in KINDS.values() if k.towards)


def kind_list(pred) -> str:
    """The kinds for which `pred(kind)` holds, in running text: 'suspended and resumed'."""
    names = [k.name for k in KINDS.values() if pred(k)]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def markdown_table() -> str:
    """The table of event kinds in docs/data-format.md."""
    rows = ["| event | meaning | status from that date |", "|---|---|---|"]
    rows += [f"| `{k.name}` | {k.meaning} | {k.status_text} |" for k in KINDS.values()]
    return "\n".join(rows)
