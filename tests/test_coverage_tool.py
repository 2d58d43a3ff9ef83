"""tools/coverage.py: the metric arithmetic on tiny synthetic inputs (no ATOP or COW data here)."""

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "tools" / "coverage.py"
_spec = importlib.util.spec_from_file_location("alliances_tools_coverage", _PATH)
cov = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = cov
_spec.loader.exec_module(cov)


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# An ATOP-like directed dyad-year file: USA(2)-UK(200) defence 1949-1950 (both orders),
# France(220)-Egypt(651) consultation only in 1956, and a row with no obligation (not a dyad-year).
ATOP = """stateA,stateB,year,defense,offense,neutral,nonagg,consul
2,200,1949,1,0,0,0,1
200,2,1949,1,0,0,0,1
2,200,1950,1,0,0,0,0
200,2,1950,1,0,0,0,0
220,651,1956,0,0,0,0,1
651,220,1956,0,0,0,0,1
2,20,1960,0,0,0,0,0
"""


def test_dyad_years_from_a_directed_file_are_unordered_and_need_an_obligation(tmp_path):
    d, a = cov.dyads_from_rows(cov.read_table(write(tmp_path, "atop.csv", ATOP)))
    assert d == {(2, 200, 1949), (2, 200, 1950)}
    assert a == {(2, 200, 1949), (2, 200, 1950), (220, 651, 1956)}


def test_cow_layout_with_prefixed_columns(tmp_path):
    text = "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente\n" \
           "365,290,1955,1,0,0,0\n700,365,1980,0,0,1,0\n"
    d, a = cov.dyads_from_rows(cov.read_table(write(tmp_path, "cow.csv", text)))
    assert d == {(290, 365, 1955)}
    assert a == {(290, 365, 1955), (365, 700, 1980)}


def test_metrics_overall_by_decade_and_by_region():
    ref_def = {(2, 200, 1949), (2, 200, 1950), (365, 700, 1980)}
    ref_any = ref_def | {(220, 651, 1956)}
    our_def = {(2, 200, 1950), (2, 20, 1950)}           # one hit, one ATOP lacks
    our_any = our_def | {(220, 651, 1956)}
    m = cov.metrics(ref_def, ref_any, our_def, our_any)
    assert m["recall_def"]["all"] == (1, 3)              # only USA-UK 1950
    assert m["recall_any"]["all"] == (2, 4)              # + France-Egypt 1956
    assert m["precision_def"]["all"] == (1, 2)           # USA-Canada is not in the reference
    assert m["precision_any"]["all"] == (2, 3)
    dec = cov.metrics(ref_def, ref_any, our_def, our_any, cov.by_decade)
    assert dec["recall_def"] == {1940: (0, 1), 1950: (1, 1), 1980: (0, 1)}
    reg = cov.metrics(ref_def, ref_any, our_def, our_any, cov.by_region)
    # USA-UK counts for the Americas and for Europe; France-Egypt for Europe and the Middle East;
    # USSR(365)-Afghanistan(700) for Europe and Asia/Oceania
    assert reg["recall_any"]["Americas"] == (1, 2)
    assert reg["recall_any"]["Europe"] == (2, 4)
    assert reg["recall_any"]["Middle East"] == (1, 1)
    assert reg["recall_any"]["Asia/Oceania"] == (0, 1)
    # USA-Canada is within the Americas: counted once there
    assert reg["precision_def"]["Americas"] == (1, 2)


def test_region_bounds():
    assert [cov.region(c) for c in (2, 165, 200, 399, 402, 626, 630, 698, 700, 990, 1000)] == [
        "Americas", "Americas", "Europe", "Europe", "Africa", "Africa", "Middle East",
        "Middle East", "Asia/Oceania", "Asia/Oceania", None]


def test_percent_text():
    assert cov.pct((1, 3)) == "33.3% (1/3)"
    assert cov.pct((0, 0)) == "–"


MEMBERS = """atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase
9001,2,1950,3,1,0,,,1
9001,200,1950,3,1,1952,6,30,1
9001,220,1951,1,1,0,,,1
9002,2,1950,1,1,1950,12,31,1
9002,200,1950,1,1,1950,12,31,1
"""
ALLIANCES = """atopid,cowid,cow4id,begyr,endyr,defense,offense,neutral,nonagg,consul
9001,,77,1950,0,1,0,0,0,1
9002,,,1950,1950,0,0,0,0,1
"""


def test_checklist_counts_the_dyad_years_an_alliance_would_add(tmp_path):
    als = cov.read_atop(cov.read_table(write(tmp_path, "m.csv", MEMBERS)),
                        cov.read_table(write(tmp_path, "a.csv", ALLIANCES)))
    # 9001: USA-UK 1950-1952, USA-France 1951-1953, UK-France 1951-1952 (to 1953 = --to)
    assert als[9001].dyad_years(1950, 1953) == {
        (2, 200, 1950), (2, 200, 1951), (2, 200, 1952),
        (2, 220, 1951), (2, 220, 1952), (2, 220, 1953),
        (200, 220, 1951), (200, 220, 1952)}
    assert als[9001].cow4id == 77 and als[9001].obligations == {"defense", "consul"}
    atop_any = als[9001].dyad_years(1950, 1953) | als[9002].dyad_years(1950, 1953)
    atop_def = als[9001].dyad_years(1950, 1953)
    our_def = our_any = {(2, 200, 1950), (2, 200, 1951)}
    rows, cw, ud, ua = cov.checklist(als, atop_def, atop_any, our_def, our_any,
                                     {d: {"t"} for d in our_any}, 1950, 1953)
    r = {row["al"].id: row for row in rows}
    assert len(r[9001]["miss_def"]) == 6                 # 8 dyad-years, 2 of which we have
    assert r[9001]["only_def"] == 6
    assert r[9002]["miss_def"] == set() and r[9002]["miss_any"] == set()  # USA-UK 1950: ours
    assert ud == set() and ua == set()
    assert rows[0]["al"].id == 9001


def test_crosswalk_prefers_the_alliance_that_is_the_treaty():
    # our treaty "rio" = states 2, 40, 70 in 1950; ATOP has it (9100) and a wider pact (9200)
    class A(cov.Alliance):
        pass
    rio = {(2, 40, 1950), (2, 70, 1950), (40, 70, 1950)}
    wider = rio | {(2, 51, 1950), (40, 51, 1950), (51, 70, 1950)}
    als = {9100: A(9100), 9200: A(9200)}
    als[9100].obligations = als[9200].obligations = {"defense"}
    cw = cov.match_treaties(als, {9100: rio, 9200: wider}, {d: {"rio"} for d in rio},
                            {"rio"}, {"rio": "rio"})
    assert [(c["treaty"], c["atopid"]) for c in cw] == [("rio", 9100)]


def test_gap_causes_separate_signatures_from_members_lists_and_missing_treaties():
    # the reference has 2-200, 2-220, 2-365 and 200-220 defence-allied in 1950; ours has 2-200 only.
    # In our treaty "t", 2 and 220 hold a status in 1950 (say 220 signed, not yet a member);
    # 200 is in "u", which 220 is not in; 365 holds nothing.
    ref = {(2, 200, 1950), (2, 220, 1950), (2, 365, 1950), (200, 220, 1950)}
    ours = {(2, 200, 1950)}
    held = {("t", 2): {1950}, ("t", 220): {1949, 1950}, ("u", 200): {1950}, ("u", 2): {1951}}
    causes = cov.gap_causes(ref, ours, held)
    # 2-220: both in t -> signed; 2-365: only 2 in a treaty -> one side; 200-220: in u and t,
    # no treaty shared -> one side
    assert causes == {"signed": 1, "one side": 2}
    text = cov.gap_table(ref, ours, held)
    # recall 1/4 now; 2/4 with the signed years; 4/4 with both causes closed
    assert "| signed | 1 |" in text and "50.0% (2/4)" in text and "100.0% (4/4)" in text


def test_spans():
    assert cov.spans([1950, 1951, 1952, 1960, 1962, 1963]) == "1950-1952, 1960, 1962-1963"


def test_bad_input_is_one_message_and_exit_2(tmp_path, capsys):
    assert cov.main(["--atop-dyad", str(tmp_path / "nope.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coverage: ") and "no such file" in err and "Traceback" not in err
    bad = write(tmp_path, "bad.csv", "a,b\n1,2\n")
    with pytest.raises(cov.InputError, match="stateA/stateB"):
        cov.dyads_from_rows(cov.read_table(bad), bad)


def test_signatories_are_measured_both_ways(tmp_path, monkeypatch):
    """The tables use the default export; a last table counts signatories as ATOP and COW do.
    Botswana (571) and Namibia (565) had signed SADC's Mutual Defence Pact (26 August 2003) and
    were not yet bound by it in 2005 (in force 17 August 2008)."""
    monkeypatch.syspath_prepend(str(_PATH.parents[1] / "src"))
    atop = write(tmp_path, "atop.csv", "stateA,stateB,year,defense,offense,neutral,nonagg,consul\n"
                                       "565,571,2005,1,0,0,0,0\n")
    out = tmp_path / "tables.md"
    assert cov.main(["--atop-dyad", str(atop), "--from", "2005", "--to", "2005",
                     "--markdown", str(out)]) == 0
    text = out.read_text()
    head, convention = text.split("### Counting signatories as ATOP and COW do")
    assert "| all | 0.0% (0/1) |" in head
    assert "| ATOP (2005-2005) | 100.0% (1/1) |" in convention
