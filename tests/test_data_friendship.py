"""Known facts about the treaties of friendship and co-operation of data/friendship-treaties.yaml,
read by hand from the sources the file cites.

- Jordan-Israel: signed 26 October 1994; peace effective from the exchange of the instruments of
  ratification (Art. 1), made at Zemach on 10 November 1994. Art. 4: no use of force, no joining
  of coalitions aimed at aggression against the other (non-aggression, neutrality); no defence.
- Italy-Libya (Benghazi): signed 30 August 2008, in force 2 March 2009; declared suspended by the
  Italian Defence Minister on 26 February 2011; reactivation announced on 7 July 2018, its day
  unknown from 15 December 2011 (ATOP).
- Spain-Algeria: signed 8 October 2002, in force 30 October 2003; suspended by Algeria on
  8 June 2022.
- Spain-Morocco: signed at Rabat on 4 July 1991; in force by 11 November 1994 (El País), the day
  not found. Spain-Tunisia: signed 26 October 1995 (ATOP), ratified 1996, in force by
  24 September 2001. Spain-Philippines: done at Manila on 30 June 2000, entry into force not found.
- United Kingdom-Bahrain: signed 15 August 1971 and in force on signature (Treaty Series No. 79
  (1971)). United States-Liberia: concluded 8 July 1959, consultation; entry into force not found.
- Italy-Algeria: signed at Algiers on 27 January 2003; binding by the Alghero summit of November
  2007. Brazil-Côte d'Ivoire: signed at Brasília on 14 September 1979, approved by the Brazilian
  Congress on 25 May 1981, entry into force not found.
- United Kingdom-Mauritius: signed at Port Louis on 12 March 1968; an obligation to consult, no
  commitment to assist (FCO review of 1974); in force until 31 March 1976.
- United Kingdom-Brunei: signed 7 January 1979, in effect 31 December 1983; Brunei a state from
  1 January 1984.
"""

import pytest

from .facts import check_window, members, pair, via


def test_jordan_israel_peace_treaty_from_the_exchange_of_ratifications():
    check_window("jordan-israel-1994", "Jordan", "Israel", "1994-11-09", "1994-11-10",
                 "2024-01-01", None, "non-aggression")
    check_window("jordan-israel-1994", "Jordan", "Israel", "1994-11-09", "1994-11-10",
                 "2024-01-01", None, "neutrality")


def test_jordan_israel_signatories_before_the_exchange():
    status = members("jordan-israel-1994", "1994-10-26")
    assert {s: r["status"] for s, r in status.items()} == {"ISR": "signatory", "JOR": "signatory"}


def test_jordan_israel_treaty_carries_no_defence_pledge():
    assert "jordan-israel-1994" not in via("Jordan", "Israel", "2000-01-01", "defence")


@pytest.mark.parametrize(
    "day, expected",
    [("2009-03-01", False), ("2009-03-02", True), ("2011-02-25", True), ("2011-02-26", False),
     ("2011-12-14", False), ("2018-07-08", True)],
)
def test_italy_libya_benghazi_treaty_in_force_suspended_and_reactivated(day, expected):
    assert ("italy-libya-2008" in via("Italy", "Libya", day, "non-aggression")) is expected


def test_italy_libya_reactivation_day_is_uncertain():
    answer = pair("Italy", "Libya", "2015-01-01", "non-aggression")
    assert answer["allied"] == "uncertain"


def test_italy_libya_suspension_keeps_both_parties():
    assert set(members("italy-libya-2008", "2012-01-01")) == {"ITA", "LBY"}


def test_spain_algeria_treaty_from_entry_into_force_to_suspension():
    check_window("spain-algeria-2002", "Spain", "Algeria", "2003-10-29", "2003-10-30",
                 "2022-06-07", "2022-06-08", "non-aggression")


def test_spain_morocco_treaty_uncertain_until_shown_in_force():
    assert "spain-morocco-1991" not in via("Spain", "Morocco", "1991-07-03", "non-aggression")
    assert pair("Spain", "Morocco", "1992-01-01", "non-aggression")["allied"] == "uncertain"
    check_window("spain-morocco-1991", "Spain", "Morocco", None, "1994-11-11", "2024-01-01", None,
                 "non-aggression")


def test_spain_tunisia_treaty_not_in_force_before_the_1996_ratification():
    assert "spain-tunisia-1995" not in via("Spain", "Tunisia", "1995-12-31", "non-aggression")
    assert pair("Spain", "Tunisia", "1996-06-01", "non-aggression")["allied"] == "uncertain"
    check_window("spain-tunisia-1995", "Spain", "Tunisia", None, "2001-09-24", "2024-01-01", None,
                 "non-aggression")


def test_spain_philippines_treaty_signed_but_entry_into_force_unknown():
    assert "spain-philippines-2000" not in via("Spain", "Philippines", "2000-06-29",
                                               "non-aggression")
    assert pair("Spain", "Philippines", "2010-01-01", "non-aggression")["allied"] == "uncertain"


def test_uk_bahrain_treaty_in_force_on_signature_at_independence():
    check_window("uk-bahrain-1971", "United Kingdom", "Bahrain", "1971-08-14", "1971-08-15",
                 "2010-01-01", None, "non-aggression")
    assert "uk-bahrain-1971" not in via("United Kingdom", "Bahrain", "1980-01-01", "defence")


def test_us_liberia_agreement_is_consultation_from_1959_uncertain():
    assert "us-liberia-1959" not in via("United States", "Liberia", "1959-07-07", "consultation")
    assert pair("United States", "Liberia", "1960-01-01", "consultation")["allied"] == "uncertain"
    assert "us-liberia-1959" not in via("United States", "Liberia", "1960-01-01", "defence")


def test_italy_algeria_treaty_signed_2003_in_force_by_november_2007():
    assert "italy-algeria-2003" not in via("Italy", "Algeria", "2003-01-26", "non-aggression")
    assert pair("Italy", "Algeria", "2005-01-01", "non-aggression")["allied"] == "uncertain"
    check_window("italy-algeria-2003", "Italy", "Algeria", None, "2007-12-01", "2024-01-01", None,
                 "non-aggression")


def test_brazil_cote_divoire_treaty_not_in_force_before_congress_approved_it():
    status = members("brazil-cote-divoire-1979", "1980-01-01")
    assert {s: r["status"] for s, r in status.items()} == {"BRA": "signatory", "CIV": "signatory"}
    assert "brazil-cote-divoire-1979" not in via("Brazil", "Ivory Coast", "1981-05-24",
                                                 "non-aggression")
    assert pair("Brazil", "Ivory Coast", "1990-01-01", "non-aggression")["allied"] == "uncertain"


def test_uk_mauritius_agreement_is_consultation_and_lapsed_in_1976():
    assert pair("United Kingdom", "Mauritius", "1970-01-01", "consultation")["allied"] == "uncertain"
    check_window("uk-mauritius-1968", "United Kingdom", "Mauritius", None, "1975-01-01",
                 "1976-03-30", "1976-03-31", "consultation")
    assert "uk-mauritius-1968" not in via("United Kingdom", "Mauritius", "1975-01-01", "defence")


def test_uk_brunei_treaty_links_the_two_from_brunei_independence():
    status = members("uk-brunei-1979", "1983-12-31")
    assert {s: r["status"] for s, r in status.items()} == {"GBR": "member"}
    check_window("uk-brunei-1979", "United Kingdom", "Brunei", "1983-12-31", "1984-01-01",
                 "2024-01-01", None, "non-aggression")
