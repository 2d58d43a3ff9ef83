"""Known facts about the alliances that began 1871-1918 (data/1871-1918.yaml).

Expected values are read by hand from the sources cited on each treaty (treaty texts, the
documents published after 1918, encyclopedias; ATOP 4.01 where a note says the date rests on
it), never from the tool's output.
"""

import pytest

from .facts import check_window, pair, via


# -- Bismarck's alliances --------------------------------------------------------------------------
def test_dual_alliance_from_signature_at_vienna_7_october_1879():
    check_window("dual-alliance", "GMY", "AUH", "1879-10-06", "1879-10-07", "1914-08-01", None)


def test_dual_alliance_lapses_with_austria_hungary_on_12_november_1918():
    # the state table ends Austria-Hungary on 12 November 1918 (Republic of German-Austria)
    assert "dual-alliance" in via("GMY", "AUH", "1918-11-11")
    assert not pair("GMY", "AUH", "1918-11-12")["allied"]


def test_triple_alliance_signed_20_may_1882():
    check_window("triple-alliance", "ITA", "AUH", "1882-05-19", "1882-05-20", "1914-08-01", None)
    assert "triple-alliance" in via("ITA", "GMY", "1882-05-20")


@pytest.mark.parametrize("day", ["1887-02-20", "1891-05-06", "1902-06-28", "1912-12-05"])
def test_triple_alliance_renewals_leave_no_gap(day):
    # renewed on 20 Feb 1887, 6 May 1891, 28 June 1902 and 5 Dec 1912 (preamble of the 1912 treaty)
    assert "triple-alliance" in via("ITA", "GMY", day)
    assert "triple-alliance" in via("ITA", "AUH", day)


def test_italy_leaves_when_its_denunciation_is_delivered_on_4_may_1915():
    # Sonnino's note of 3 May was handed to Burian in Vienna on 4 May 1915
    assert pair("ITA", "GMY", "1915-05-03")["allied"]
    assert pair("ITA", "AUH", "1915-05-03")["allied"]
    assert not pair("ITA", "GMY", "1915-05-04")["allied"]
    assert not pair("ITA", "AUH", "1915-05-04")["allied"]
    # Germany and Austria-Hungary stay bound to each other
    assert "triple-alliance" in via("GMY", "AUH", "1915-05-04")


def test_romania_allied_to_the_central_powers_until_it_entered_the_war():
    # treaty of Vienna 30 Oct 1883 with Germany's accession the same day; Romania in a state of
    # war with Austria-Hungary from 27 Aug 1916
    check_window("romania-central-powers", "ROU", "AUH", "1883-10-29", "1883-10-30", "1916-08-26",
                 "1916-08-27")
    check_window("romania-central-powers", "ROU", "GMY", "1883-10-29", "1883-10-30", "1916-08-26",
                 "1916-08-27")


def test_romanian_treaty_links_romania_not_the_three_powers_among_themselves():
    # the accessions bound each Power to Romania; Italy and Germany are linked by the Triple
    # Alliance only, so Italy's exit from that ends their link even before 23 May 1915; Italy
    # leaves the Romanian treaty on its declaration of war on Austria-Hungary (23 May 1915)
    assert "romania-central-powers" in via("ITA", "ROU", "1915-05-22", "consultation")
    assert "romania-central-powers" not in via("ITA", "GMY", "1915-05-01", "consultation")
    assert "romania-central-powers" not in via("ITA", "ROU", "1915-05-23", "consultation")
    # Italy's accession (15 May 1888) coded as ATOP codes it: consultation, no defence
    assert "romania-central-powers" not in via("ITA", "ROU", "1900-01-01")


# -- Franco-Russian alliance -----------------------------------------------------------------------
def test_franco_russian_consultation_from_27_august_1891_defence_from_4_january_1894():
    check_window("franco-russian-entente-1891", "FRA", "RUE", "1891-08-26", "1891-08-27",
                 "1917-11-07", "1917-11-08", obligation="consultation")
    # the military convention of August 1892 bound them only once the exchange of letters was
    # completed (Montebello's letter of 23 December 1893 / 4 January 1894)
    assert not pair("FRA", "RUE", "1893-06-01")["allied"]
    assert pair("FRA", "RUE", "1893-06-01", "consultation")["allied"]
    check_window("franco-russian-convention", "FRA", "RUE", "1894-01-03", "1894-01-04",
                 "1914-08-01", None)


def test_franco_russian_alliance_ends_after_the_bolshevik_revolution():
    # ATOP's end, 8 November 1917; Soviet Russia (still RUE until 1922) did not continue it
    assert "franco-russian-convention" in via("FRA", "RUE", "1917-11-07")
    assert "franco-russian-convention" not in via("FRA", "RUE", "1917-11-08")


# -- Anglo-Japanese and Anglo-Portuguese -----------------------------------------------------------
def test_anglo_japanese_alliance_1902_to_17_august_1923():
    check_window("anglo-japanese-alliance", "GBR", "JPN", "1902-01-29", "1902-01-30", "1923-08-16",
                 "1923-08-17")
    assert pair("GBR", "JPN", "1910-06-01")["allied"]
    assert not pair("GBR", "JPN", "1924-01-01")["allied"]


@pytest.mark.parametrize("day", ["1905-08-12", "1911-07-13", "1921-12-13"])
def test_anglo_japanese_renewals_and_four_power_signature_leave_it_in_force(day):
    # renewed 12 Aug 1905 and 13 July 1911; the Four-Power Treaty signed 13 Dec 1921 ended it
    # only when it took effect, on 17 Aug 1923
    assert "anglo-japanese-alliance" in via("GBR", "JPN", day)


def test_windsor_declaration_of_14_october_1899_is_britains_pledge_to_portugal():
    check_window("anglo-portuguese-1899", "GBR", "PRT", "1899-10-13", "1899-10-14", "1914-08-01",
                 None)


# -- The First World War ---------------------------------------------------------------------------
def test_german_ottoman_alliance_of_2_august_1914_to_mudros():
    # in force on signature at Constantinople (Art. 5); armistice of Mudros signed 30 Oct 1918
    check_window("german-ottoman-1914", "GMY", "TUR", "1914-08-01", "1914-08-02", "1918-10-29",
                 "1918-10-30")


def test_bulgaria_joins_the_central_powers_on_6_september_1915_and_leaves_at_salonica():
    # treaty of Sofia and Pless convention of 6 Sep 1915; armistice in force noon 30 Sep 1918
    check_window("bulgaria-germany-1915", "BGR", "GMY", "1915-09-05", "1915-09-06", "1918-09-29",
                 "1918-09-30")
    check_window("central-powers-bulgaria-1915", "BGR", "AUH", "1915-09-05", "1915-09-06",
                 "1918-09-29", "1918-09-30")
    # Ottoman-Bulgarian alliance signed at Sofia on 19 Aug (6 Aug O.S.) 1914
    check_window("bulgarian-ottoman-1914", "BGR", "TUR", "1914-08-18", "1914-08-19", "1918-09-29",
                 "1918-09-30")


def test_pact_of_london_is_consultation_with_later_adherents():
    # 5 Sep 1914; Japan adhered 19 Oct 1915; Italy signed the declaration 30 Nov 1915
    check_window("pact-of-london-1914", "GBR", "RUE", "1914-09-04", "1914-09-05", "1917-11-07",
                 "1917-11-08", obligation="consultation")
    check_window("pact-of-london-1914", "FRA", "JPN", "1915-10-18", "1915-10-19", "1918-11-10",
                 "1918-11-11", obligation="consultation")
    assert "pact-of-london-1914" not in via("ITA", "GBR", "1915-11-29", "consultation")
    assert "pact-of-london-1914" in via("ITA", "GBR", "1915-11-30", "consultation")
    # a no-separate-peace pledge is no defence obligation
    assert "pact-of-london-1914" not in via("GBR", "FRA", "1915-01-01")


def test_treaty_of_london_brings_italy_to_the_entente_on_26_april_1915():
    check_window("treaty-of-london-1915", "ITA", "GBR", "1915-04-25", "1915-04-26", "1918-11-10",
                 "1918-11-11")
    # Italy, which left the Triple Alliance on 4 May, is briefly bound to both sides
    assert "triple-alliance" in via("ITA", "GMY", "1915-04-30")


def test_romania_with_the_entente_from_17_august_1916_to_its_separate_peace():
    check_window("entente-romania-1916", "ROU", "FRA", "1916-08-16", "1916-08-17", "1918-05-06",
                 "1918-05-07")
    # Russia's guarantee of 1 Oct 1914 ran to the 1916 treaty
    check_window("russia-romania-1914", "ROU", "RUE", "1914-09-30", "1914-10-01", "1916-08-16",
                 "1916-08-17")
    assert "entente-romania-1916" in via("ROU", "RUE", "1917-01-01")


def test_russia_japan_alliance_of_3_july_1916():
    check_window("russia-japan-1916", "RUE", "JPN", "1916-07-02", "1916-07-03", "1917-11-07",
                 "1917-11-08")


# -- Bismarck's other agreements -------------------------------------------------------------------
def test_three_emperors_league_of_1873_germany_accedes_on_22_october():
    # Schönbrunn, 6 June 1873 (Austria-Hungary and Russia); German accession 22 October 1873
    check_window("schonbrunn-convention", "AUH", "RUE", "1873-06-05", "1873-06-06", "1878-07-12",
                 "1878-07-13", obligation="consultation")
    assert "schonbrunn-convention" not in via("GMY", "AUH", "1873-10-21", "consultation")
    assert "schonbrunn-convention" in via("GMY", "AUH", "1873-10-22", "consultation")


def test_three_emperors_alliance_of_1881_is_neutrality_not_defence():
    # Berlin, 18 June 1881; renewed 1884; expired 15/27 June 1887
    check_window("three-emperors-alliance-1881", "RUE", "AUH", "1881-06-17", "1881-06-18",
                 "1887-06-26", "1887-06-27", obligation="neutrality")
    assert "three-emperors-alliance-1881" not in via("RUE", "GMY", "1885-01-01")


def test_reinsurance_treaty_1887_to_1890():
    check_window("reinsurance-treaty", "GMY", "RUE", "1887-06-17", "1887-06-18", "1890-06-17",
                 "1890-06-18", obligation="neutrality")
    # Germany and Russia were never defence allies under it
    assert not pair("GMY", "RUE", "1888-01-01")["allied"]


def test_first_mediterranean_agreement_and_austrian_adhesion():
    # notes of 12 Feb 1887 (Salisbury-Corti); Austria-Hungary's adhesion 24 March 1887
    check_window("mediterranean-agreement-1887", "GBR", "ITA", "1887-02-11", "1887-02-12",
                 "1897-01-19", "1897-01-20", obligation="consultation")
    assert "mediterranean-agreement-1887" not in via("GBR", "AUH", "1887-03-23", "consultation")
    assert "mediterranean-agreement-1887" in via("GBR", "AUH", "1887-03-24", "consultation")


def test_austro_serbian_convention_signed_28_june_1881_new_style():
    # 16/28 June 1881: the day is the Gregorian one (ATOP uses the Old Style 16 June)
    check_window("austria-serbia-1881", "AUH", "SER", "1881-06-27", "1881-06-28", "1894-12-31",
                 "1895-01-01", obligation="neutrality")


# -- The Balkan League -----------------------------------------------------------------------------
def test_balkan_league_treaties_use_new_style_days_and_end_with_the_second_balkan_war():
    # Serbia-Bulgaria signed 29 Feb / 13 Mar 1912; Greece-Bulgaria 16/29 May 1912; Bulgaria
    # attacked its allies on 30 June 1913
    check_window("serbia-bulgaria-1912", "SER", "BGR", "1912-03-12", "1912-03-13", "1913-06-29",
                 "1913-06-30")
    check_window("greece-bulgaria-1912", "GRC", "BGR", "1912-05-28", "1912-05-29", "1913-06-29",
                 "1913-06-30")


def test_greek_serbian_alliance_passes_to_the_kingdom_of_serbs_croats_and_slovenes():
    # signed 19 May / 1 June 1913; Serbia (SER) ends on 1 Dec 1918 and the alliance continued
    check_window("greece-serbia-1913", "GRC", "SER", "1913-05-31", "1913-06-01", "1918-11-30",
                 "1918-12-01")
    assert "greece-serbia-1913" in via("GRC", "YUG", "1918-12-01")
    # in force until 1924 (day unknown): certainly not in 1925
    assert "greece-serbia-1913" not in via("GRC", "YUG", "1925-01-01")


# -- Others ----------------------------------------------------------------------------------------
def test_japan_korea_alliance_ends_with_the_peace_of_shimonoseki():
    # Seoul, 26 Aug 1894; Art. III: ends with the treaty of peace with China (17 Apr 1895)
    check_window("japan-korea-1894", "JPN", "KRE", "1894-08-25", "1894-08-26", "1895-04-16",
                 "1895-04-17")


def test_grey_cambon_letters_consultation_from_cambons_reply():
    # Grey's letter of 22 Nov 1912, Cambon's reply of 23 Nov 1912; no defence obligation
    assert "grey-cambon-1912" not in via("GBR", "FRA", "1912-11-22", "consultation")
    assert "grey-cambon-1912" in via("GBR", "FRA", "1912-11-23", "consultation")
    assert not pair("GBR", "FRA", "1913-01-01")["allied"]


def test_prinetti_barrere_neutrality_while_italy_was_in_the_triple_alliance():
    # letters of 1 November 1902: Italy neutral towards France, yet allied to Germany
    assert "franco-italian-1902" in via("FRA", "ITA", "1902-11-01", "neutrality")
    assert pair("ITA", "GMY", "1902-11-01")["allied"]


def test_cyprus_convention_is_britains_one_way_pledge_to_the_sultan():
    # Constantinople, 4 June 1878 (Art. I: England engages to join the Sultan in defending his
    # Asiatic territories against Russia)
    check_window("cyprus-convention", "GBR", "TUR", "1878-06-03", "1878-06-04", "1880-11-24",
                 "1880-11-25")
