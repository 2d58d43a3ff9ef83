"""Known facts about pacts concluded after the ATOP (2018) and COW (2012) data end, checked or added
for issue 16 (data/new-pacts.yaml, data/bilateral.yaml), read by hand from the sources cited there.

Treaty of Aachen (France-Germany): signed 22 January 2019; in force 22 January 2020, the day Germany's
instrument of ratification was handed over (French embassy in Germany); Art. 4(1) defence.
Russia-Iran Comprehensive Strategic Partnership Treaty: signed 17 January 2025; in force 2 October
2025 (Russian Foreign Ministry); Art. 3(3) no aid to an aggressor (neutrality), Art. 5(4)
consultation; no defence obligation (Rudenko to the State Duma).
Russia-DPRK Comprehensive Strategic Partnership Treaty: signed 19 June 2024; in force 4 December 2024.
Russia-Belarus Security Guarantees Treaty: signed 6 December 2024; in force 13 March 2025.
Falepili Union: in force 28 August 2024; Australia's pledge to Tuvalu.
US-Ukraine Bilateral Security Agreement: in force on signature, 13 June 2024; consultation only.
Franco-Greek agreement: signed 28 September 2021; in force December 2021 (month only).
Greece-UAE agreement of 18 November 2020, UK-Poland Northolt Treaty of 27 May 2026 and
Australia-Indonesia Treaty of Jakarta of 6 February 2026: signed, entry into force not verified, so
signatories only.
"""

from datetime import date, timedelta

import pytest

from .facts import check_window, members, via


# -- Treaty of Aachen (France-Germany, 2019) -----------------------------------------------------
def test_aachen_links_france_and_germany_from_22_january_2020():
    check_window("france-germany-aachen", "France", "Germany",
                 "2020-01-21", "2020-01-22", "2026-12-01", None)


@pytest.mark.parametrize("day, expected", [("2019-01-22", "signatory"), ("2020-01-21", "signatory"),
                                           ("2020-01-22", "member")])
def test_aachen_statuses(day, expected):
    rows = members("france-germany-aachen", day)
    assert rows["FRA"]["status"] == rows["DEU"]["status"] == expected


def test_aachen_not_before_its_signature():
    assert members("france-germany-aachen", "2019-01-21") == {}


# -- Russia-Iran Comprehensive Strategic Partnership Treaty (2025) -------------------------------
@pytest.mark.parametrize("obligation", ["neutrality", "consultation"])
def test_russia_iran_treaty_binds_from_2_october_2025(obligation):
    check_window("russia-iran-2025", "Russia", "Iran",
                 "2025-10-01", "2025-10-02", "2026-12-01", None, obligation=obligation)


def test_russia_iran_treaty_is_no_defence_pact():
    assert "russia-iran-2025" not in via("Russia", "Iran", "2026-01-01", "defence")


def test_russia_iran_signatories_before_entry_into_force():
    rows = members("russia-iran-2025", "2025-07-18")
    assert rows["RUS"]["status"] == rows["IRN"]["status"] == "signatory"
    assert members("russia-iran-2025", "2025-01-16") == {}


# -- Russia-DPRK (2024), Russia-Belarus (2024), Falepili Union (2023) ----------------------------
def test_russia_dprk_treaty_in_force_4_december_2024():
    check_window("russia-dprk-2024", "Russia", "North Korea",
                 "2024-12-03", "2024-12-04", "2026-12-01", None)
    assert members("russia-dprk-2024", "2024-12-03")["PRK"]["status"] == "signatory"
    assert members("russia-dprk-2024", "2024-06-18") == {}


def test_russia_belarus_guarantees_link_from_13_march_2025():
    check_window("russia-belarus-security-guarantees", "Russia", "Belarus",
                 "2025-03-12", "2025-03-13", "2026-12-01", None)


def test_falepili_union_links_australia_and_tuvalu_from_28_august_2024():
    check_window("falepili-union", "Australia", "Tuvalu", "2024-08-27", "2024-08-28", "2026-12-01", None)


# -- Franco-Greek agreement (2021) --------------------------------------------------------------
def test_franco_greek_agreement_in_force_from_december_2021():
    check_window("france-greece-2021", "France", "Greece", "2021-11-30", "2022-01-01", "2026-11-30", None)
    assert members("france-greece-2021", "2021-11-30")["GRC"]["status"] == "signatory"
    assert members("france-greece-2021", "2021-09-27") == {}


# -- signed, entry into force not verified ------------------------------------------------------
@pytest.mark.parametrize(("treaty", "a", "b", "signed"), [
    ("uk-poland-northolt", "GBR", "POL", "2026-05-27"),
    ("greece-uae-2020", "GRC", "ARE", "2020-11-18"),
    ("australia-indonesia-jakarta-2026", "AUS", "IDN", "2026-02-06"),
])
def test_signed_only_pacts_make_signatories_not_allies(treaty, a, b, signed):
    assert members(treaty, (date.fromisoformat(signed) - timedelta(days=1)).isoformat()) == {}
    rows = members(treaty, signed)
    assert rows[a]["status"] == rows[b]["status"] == "signatory"
    rows = members(treaty, "2026-12-01")
    assert rows[a]["status"] == rows[b]["status"] == "signatory"
    assert treaty not in via(a, b, "2026-12-01")
    assert treaty not in via(a, b, "2026-12-01", "consultation")


# -- US-Ukraine Bilateral Security Agreement (2024) ----------------------------------------------
def test_us_ukraine_agreement_binds_to_consult_from_its_signature():
    check_window("us-ukraine-bsa-2024", "United States", "Ukraine",
                 "2024-06-12", "2024-06-13", "2026-12-01", None, obligation="consultation")
    assert "us-ukraine-bsa-2024" not in via("United States", "Ukraine", "2025-01-01", "defence")
