"""Known facts about the bilateral treaties of data/gap-bilateral-2.yaml, read by hand from the
sources the file cites.

- Azerbaijan-Turkey: the treaty was signed on 9 February 1994 (Trend's text of the Shusha
  Declaration; Aliyev's speech at the signing ceremony); no later instrument replaced it.
- US-Spain: the five-year renewal and the joint declaration were signed on 26 September 1963
  (American Foreign Policy 1963); the arrangements ran "until 26 September 1970" (1969 extension),
  the day the 1970 agreement entered into force. The 1976 treaty "does not establish a mutual
  defense obligation" (FRUS), so it binds the two to consult only, and it expired on Friday
  21 May 1982 (El País of 20 May 1982).
- Malta-Libya: signed 19 November 1984 (Laws of Malta, Cap. 304); expired on 19 November 1989
  (New York Times). Libya's undertaking runs to Malta; Malta's to Libya is neutrality.
- Chad-Libya: in force on signature (Art. 8), 2 Sha'ban 1400 = 15 June 1980.
"""

import pytest

from .facts import members, pair, via


@pytest.mark.parametrize(
    "day, expected", [("1994-02-08", False), ("1994-02-09", True), ("2009-12-31", True)]
)
def test_azerbaijan_and_turkey_allied_from_the_1994_treaty(day, expected):
    assert ("azerbaijan-turkey-1994" in via("Azerbaijan", "Turkey", day)) is expected


@pytest.mark.parametrize(
    "day, expected",
    [("1963-09-25", False), ("1963-09-26", True), ("1968-09-26", True), ("1970-09-25", True),
     ("1970-09-26", False)],
)
def test_us_spain_1963_renewal_runs_to_the_1970_agreement(day, expected):
    assert ("us-spain-1963" in via("United States", "Spain", day)) is expected


def test_us_spain_1970_agreement_follows_the_1963_renewal_without_a_gap():
    # the 1970 agreement entered into force on 26 September 1970, the day the 1963 renewal ended
    assert "us-spain-1970" in via("United States", "Spain", "1970-09-26", "consultation")
    assert "us-spain-1963" not in via("United States", "Spain", "1970-09-26", "consultation")


def test_us_spain_1976_treaty_is_consultation_without_defence():
    # FRUS: "the treaty does not establish a mutual defense obligation"
    assert "us-spain-1976" not in via("United States", "Spain", "1978-06-01", "defence")
    assert "us-spain-1976" in via("United States", "Spain", "1978-06-01", "consultation")


@pytest.mark.parametrize("day, expected", [("1982-05-20", True), ("1982-05-21", False)])
def test_us_spain_1976_treaty_expired_on_21_may_1982(day, expected):
    assert ("us-spain-1976" in via("United States", "Spain", day, "consultation")) is expected


@pytest.mark.parametrize(
    "day, expected",
    [("1984-11-18", False), ("1984-11-19", True), ("1989-11-18", True), ("1989-11-19", False)],
)
def test_malta_libya_treaty_from_signature_to_expiry(day, expected):
    assert ("malta-libya-1984" in via("Malta", "Libya", day)) is expected


def test_malta_libya_treaty_binds_malta_to_neutrality_not_defence():
    answer = pair("Malta", "Libya", "1986-04-15", "neutrality")
    assert "malta-libya-1984" in (answer["via"] or [])
    assert set(members("malta-libya-1984", "1986-04-15")) == {"MLT", "LBY"}


@pytest.mark.parametrize(
    "day, expected", [("1980-06-14", False), ("1980-06-15", True), ("1982-06-19", False)]
)
def test_chad_libya_treaty_in_force_on_signature(day, expected):
    assert ("chad-libya-1980" in via("Chad", "Libya", day)) is expected


def test_ueac_charter_binds_its_three_members_to_mutual_assistance():
    # Art. 30 of the charter: military assistance to each other in the event of foreign aggression
    assert set(members("ueac-1968", "1968-06-01")) == {"CAF", "TCD", "COD"}
    assert "ueac-1968" in via("Central African Republic", "DR Congo", "1968-06-01")
    assert "ueac-1968" in via("Chad", "DR Congo", "1968-06-01", "consultation")


@pytest.mark.parametrize("day, expected", [("1998-05-10", False), ("1998-05-11", True)])
def test_car_drc_defence_agreement_of_11_may_1998(day, expected):
    assert ("car-drc-1998" in via("Central African Republic", "DR Congo", day)) is expected


def test_car_drc_agreement_has_no_recorded_end():
    # Gibler: "remained continuously in force since its signing"
    assert "car-drc-1998" in via("Central African Republic", "DR Congo", "2018-12-31")


def test_franco_lao_treaty_ties_france_and_laos_before_geneva():
    assert "france-laos-1953" in via("France", "Laos", "1954-01-01")


@pytest.mark.parametrize("day, expected", [("1981-05-07", False), ("1981-05-08", True)])
def test_italian_guarantee_of_malta_from_its_entry_into_force(day, expected):
    # Ronzitti: the exchange of notes of 15 September 1980 entered into force on 8 May 1981
    assert ("italy-malta-1980" in via("Italy", "Malta", day)) is expected


def test_malta_is_only_a_signatory_of_the_italian_guarantee_before_it_entered_into_force():
    assert members("italy-malta-1980", "1981-01-01")["MLT"]["status"] == "signatory"
