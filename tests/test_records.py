"""The plain-data base classes that replace dataclasses (see alliances.records)."""

import copy
import pickle
from datetime import date

import pytest

from alliances.dates import PartialDate, Period
from alliances.model import Event, Source, Treaty


def test_frozen_records_compare_hash_and_refuse_changes():
    a, b = PartialDate(1999, 3, 12), PartialDate(1999, 3, 12)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != PartialDate(1999, 3) and a != (1999, 3, 12)
    with pytest.raises(AttributeError, match="immutable"):
        a.year = 2000
    with pytest.raises(AttributeError, match="immutable"):
        del a.day
    assert repr(a) == "PartialDate(year=1999, month=3, day=12)"


def test_fields_left_out_of_comparison_do_not_count():
    day = date(2020, 1, 1)
    assert Period(day, day, "2020-01-01") == Period(day, day, "New Year")
    assert hash(Period(day, day, "a")) == hash(Period(day, day, "b"))
    assert Period(day, day) != Period(day, date(2020, 1, 2))


def test_frozen_records_copy_and_pickle_through_init():
    s = Source("https://example.org", "Title", None)
    assert copy.deepcopy(s) == s and pickle.loads(pickle.dumps(s)) == s
    assert copy.copy(PartialDate(2001)) == PartialDate(2001)


def test_mutable_records_compare_by_value_and_are_unhashable():
    e1 = Event("nato", "ARM", PartialDate(1999), "joined")
    e2 = Event("nato", "ARM", PartialDate(1999), "joined")
    assert e1 == e2
    e2.note = "changed"
    assert e1 != e2
    with pytest.raises(TypeError):
        hash(e1)
    t = Treaty("x", "X", "treaty", ("defence",), PartialDate(1950))
    assert t.members == {} and Treaty("y", "Y", "treaty", (), PartialDate(1950)).members is not t.members
    assert copy.deepcopy(t) == t
    assert repr(e1).startswith("Event(treaty='nato', state='ARM', date=PartialDate(year=1999")
