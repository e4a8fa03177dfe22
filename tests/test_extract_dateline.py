"""Dateline parser: wire formats from many agencies, and openings that must not be taken for one."""

from __future__ import annotations

import pytest

from eventwire.extract.dateline import normalize_agency, parse_dateline, title_case_place

POSITIVE = [
    # (paragraph, place, country, agency, removed prefix)
    ("CORFU, Greece (Reuters) - NATO and Russia met.", "Corfu", "GRC", "Reuters", "CORFU, Greece (Reuters) - "),
    ("WASHINGTON (AP) — The House voted.", "Washington", "USA", "AP", "WASHINGTON (AP) — "),
    ("UNITED NATIONS, April 13 (IANS) The UN chief spoke.", "United Nations", None, "IANS",
     "UNITED NATIONS, April 13 (IANS) "),
    ("Washington - The US said it would act.", "Washington", "USA", None, "Washington - "),
    ("MOSCOW, June 3 (Xinhua) -- Russia said.", "Moscow", "RUS", "Xinhua", "MOSCOW, June 3 (Xinhua) -- "),
    ("KABUL, Afghanistan, Jan. 5 (UPI) -- Taliban fighters.", "Kabul", "AFG", "UPI",
     "KABUL, Afghanistan, Jan. 5 (UPI) -- "),
    ("BEIJING, March 3 (AFP) - China said.", "Beijing", "CHN", "AFP", "BEIJING, March 3 (AFP) - "),
    ("LONDON (Reuters) - Britain said.", "London", "GBR", "Reuters", "LONDON (Reuters) - "),
    ("GENEVA/PARIS (Reuters) - Iran said.", "Geneva/Paris", "CHE", "Reuters", "GENEVA/PARIS (Reuters) - "),
    ("NEW DELHI, May 2 (PTI) India said.", "New Delhi", "IND", "PTI", "NEW DELHI, May 2 (PTI) "),
    ("BERLIN (dpa) - Germany said.", "Berlin", "DEU", "dpa", "BERLIN (dpa) - "),
    ("ANKARA (Anadolu Agency) - Turkey said.", "Ankara", "TUR", "Anadolu", "ANKARA (Anadolu Agency) - "),
    ("SEOUL, Oct. 2 (Yonhap) -- North Korea fired.", "Seoul", "KOR", "Yonhap", "SEOUL, Oct. 2 (Yonhap) -- "),
    ("TOKYO (Kyodo) -- Japan said.", "Tokyo", "JPN", "Kyodo", "TOKYO (Kyodo) -- "),
    ("MADRID, 3 June (EFE) - Spain said.", "Madrid", "ESP", "EFE", "MADRID, 3 June (EFE) - "),
    ("TEHRAN (IRNA) - Iran said.", "Tehran", "IRN", "IRNA", "TEHRAN (IRNA) - "),
    ("ST. PETERSBURG, Russia (Reuters) - Putin said.", "St. Petersburg", "RUS", "Reuters",
     "ST. PETERSBURG, Russia (Reuters) - "),
    ("RIO DE JANEIRO (Reuters) - Brazil said.", "Rio de Janeiro", "BRA", "Reuters", "RIO DE JANEIRO (Reuters) - "),
    ("PORT-AU-PRINCE, Haiti (AP) — Gangs fired.", "Port-au-Prince", "HTI", "AP", "PORT-AU-PRINCE, Haiti (AP) — "),
    ("DALLAS, Texas (AP) — Police said.", "Dallas", "USA", "AP", "DALLAS, Texas (AP) — "),
    ("HAYWARD, Calif. (AP) — A man was held.", "Hayward", "USA", "AP", "HAYWARD, Calif. (AP) — "),
    ("Kabul, Afghanistan, Jan. 5 (UPI) -- Taliban fighters.", "Kabul", "AFG", "UPI",
     "Kabul, Afghanistan, Jan. 5 (UPI) -- "),
    ("NEW DELHI: India and Pakistan agreed.", "New Delhi", "IND", None, "NEW DELHI: "),
    ("(Reuters) - U.S. stocks rose.", None, None, "Reuters", "(Reuters) - "),
    ("WASHINGTON—The Senate voted.", "Washington", "USA", None, "WASHINGTON—"),
    ("SMALLVILLE, Kansas (AP) — A tornado hit.", "Smallville", "USA", "AP", "SMALLVILLE, Kansas (AP) — "),
    ("Dekalb, Ill. — Mike Glass threw for three touchdowns.", "Dekalb", "USA", None, "Dekalb, Ill. — "),
    ("New York, NY – With engagement moving to mobile.", "New York", "USA", None, "New York, NY – "),
    ("Hong Kong (CNN Business) A muddled view of trade talks.", "Hong Kong", "HKG", "CNN",
     "Hong Kong (CNN Business) "),
]


@pytest.mark.parametrize(("paragraph", "place", "country", "agency", "prefix"), POSITIVE)
def test_datelines_are_parsed(paragraph: str, place: str | None, country: str | None, agency: str | None,
                              prefix: str) -> None:
    found = parse_dateline(paragraph)
    assert found is not None, paragraph
    assert (found.place, found.country, found.agency) == (place, country, agency)
    assert found.text == prefix
    assert paragraph.startswith(found.text)


def test_dateline_date_is_kept() -> None:
    found = parse_dateline("MOSCOW, June 3 (Xinhua) -- Russia said.")
    assert found is not None and (found.month, found.day) == (6, 3)


NEGATIVE = [
    "Washington said on Monday it would impose new sanctions.",
    "Russia, China and India agreed on a common statement.",
    "NATO and Russia on Saturday resumed formal cooperation.",
    "US-China talks resumed in Geneva on Tuesday.",
    "UPDATE 2-Iran says talks will resume",
    "BREAKING - Earthquake hits Turkey",
    "NATO - the alliance said - would respond.",
    "Monday (Reuters) - something happened.",
    "The minister (Reuters reported) said more.",
    "Paris, the French capital, was calm.",
    "Obama - who arrived late - spoke first.",
    "(Photo) - a man walks.",
    "Russia, China — The two powers vetoed the draft.",
    "Georgia, Russia - The two neighbours clashed.",
    "Washington, DC, United States: Getting to the Moon is hard.",
    "",
]


@pytest.mark.parametrize("paragraph", NEGATIVE)
def test_ordinary_openings_are_not_datelines(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_agency_names_are_normalised() -> None:
    assert normalize_agency("The Associated Press") == "AP"
    assert normalize_agency("Agence France-Presse") == "AFP"
    assert normalize_agency("ITAR-TASS") == "TASS"
    assert normalize_agency("Nobody News") is None


def test_unknown_places_are_title_cased() -> None:
    assert title_case_place("CORFU") == "Corfu"
    assert title_case_place("MAZAR-I-SHARIF") == "Mazar-i-Sharif"
    assert title_case_place("DAR ES SALAAM") == "Dar es Salaam"
