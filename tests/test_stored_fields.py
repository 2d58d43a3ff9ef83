"""Each field of a treaty, state and event is declared once (STORED in model.py); the cache and
the YAML writer derive from the declaration (issue 15). Every bundled record comes back whole
through the cache and through the YAML writer and the parser, field by field as declared, so a
field added to the declaration but not carried by one of them fails here."""

import pytest

from alliances import cache, parse, yamlout
from alliances.loading import load
from alliances.model import Event, State, Treaty
from alliances.yamlout import dataset_document, write_yaml

FRESH_CACHE = True

# Slots that are no field of the data: where a record was written, the keys it is written under
# (a treaty's id, a state's code, an event's treaty and state), and what is derived from others.
NOT_STORED = {Event: {"treaty", "state", "loc"}, Treaty: {"id", "loc", "member_locs"},
              State: {"code", "loc"}}


def stored(record, order: bool = True) -> dict:
    """A record's declared fields (a treaty's members as their events' declared fields)."""
    out = {}
    for attr, key, codec, _ in record.STORED:
        value = getattr(record, attr)
        if codec == "members":
            value = {code: [stored(e, order) for e in events] for code, events in value.items()}
        elif key is None and not order:  # an event's order: the data format keeps it as a place
            continue
        out[attr] = value
    return out


def ordered(events):
    return sorted(events, key=lambda e: (e.date.earliest, e.date.latest, e.order))


@pytest.mark.parametrize("cls", [Event, Treaty, State])
def test_every_field_is_declared(cls):
    declared = [attr for attr, _, _, _ in cls.STORED]
    assert len(set(declared)) == len(declared)
    assert set(declared) | NOT_STORED[cls] == set(cls._fields)
    assert set(declared) <= set(cls._fields)


def test_the_parser_reads_every_declared_key():
    assert set(parse.TREATY_KEYS) == {k for _, k, _, _ in Treaty.STORED}
    assert set(parse.STATE_KEYS) == {k for _, k, _, _ in State.STORED}
    assert set(parse.EVENT_KEYS) == {k for _, k, _, _ in Event.STORED if k} | {"source"}
    assert parse.TREATY_REQUIRED == ("name", "kind", "obligations", "signed", "sources")


@pytest.fixture(scope="module")
def bundled():
    return load(env=False, cache=False)


def test_every_bundled_record_comes_back_whole_from_the_cache(bundled, tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCES_CACHE", str(tmp_path))
    load(env=False)  # writes the cache
    again = load(env=False)
    assert again.from_cache
    assert set(again.treaties) == set(bundled.treaties)
    for tid, t in bundled.treaties.items():
        assert stored(again.treaties[tid]) == stored(t), tid
    assert set(again.states) == set(bundled.states)
    for code, s in bundled.states.items():
        assert stored(again.states[code]) == stored(s), code


def test_every_bundled_record_comes_back_whole_through_the_yaml_writer(bundled, tmp_path):
    path = tmp_path / "all.yaml"
    with path.open("w", encoding="utf-8") as fh:
        write_yaml(dataset_document(bundled), fh)
    again = load([path], bundled=False, env=False, cache=False)
    assert again.as_of == bundled.as_of
    assert set(again.treaties) == set(bundled.treaties)
    for tid, t in bundled.treaties.items():
        mine = stored(t, order=False)
        mine["members"] = {code: [stored(e, order=False) for e in ordered(events)]
                           for code, events in t.members.items()}
        assert stored(again.treaties[tid], order=False) == mine, tid
    assert {c: stored(s) for c, s in again.states.items()} == {
        c: stored(s) for c, s in bundled.states.items()}


class _Tagged(Event):
    """An event with one more field, declared as a new field would be."""

    __slots__ = ("tag",)
    STORED = (*Event.STORED, ("tag", "tag", "text", False))

    def __init__(self, *args, tag: str | None = None):  # the fields in slot order, as records take them
        super().__init__(*args[:len(Event._fields)])
        self.tag = args[len(Event._fields)] if len(args) > len(Event._fields) else tag


def test_a_field_added_to_the_declaration_reaches_the_cache_and_the_yaml_writer(bundled):
    ev = next(e for t in bundled.treaties.values() for es in t.members.values() for e in es
              if e.sources and e.note)
    tagged = _Tagged(ev.treaty, ev.state, ev.date, ev.kind, ev.note, ev.sources, ev.effective,
                     ev.towards, None, ev.order, ev.accept, tag="new")
    layout = cache._Layout(_Tagged, ("treaty", "state"))
    raw = layout.encode(tagged)
    assert "new" in raw
    back = _Tagged(ev.treaty, ev.state, *layout.decode(raw))
    assert stored(back) == stored(tagged)
    doc = yamlout._record_doc(tagged)
    assert doc["tag"] == "new" and list(doc)[-1] == "tag"
    assert {k: v for k, v in doc.items() if k != "tag"} == yamlout._record_doc(ev)
