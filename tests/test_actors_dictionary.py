"""Actor dictionaries: YAML loading and validation, user overrides, dated roles, matching rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.actors import ActorResolver, load_dictionary, role_at
from eventwire.actors.dictionary import normalize
from eventwire.actors.matcher import DictionaryMatcher, select_longest
from eventwire.dates import parse_day
from eventwire.errors import ConfigError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actors"
FILES = sorted(FIXTURES.glob("*.yaml"))


@pytest.fixture(scope="module")
def dictionary():
    return load_dictionary(FILES, builtin=False)


def _person(dictionary, name):
    return next(e for e in dictionary.entries if e.kind == "person" and e.name == name)


def test_fixture_dictionaries_load_without_problems(dictionary):
    kinds = {e.kind for e in dictionary.entries}
    assert {"state", "igo", "group", "agent", "title", "person"} <= kinds
    assert dictionary.problems == [], dictionary.problems


def test_bad_entries_are_reported_with_file_and_line_and_skipped(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\n"
        "entries:\n"
        "  - {iso3: ru, name: Lowercase}\n"  # line 3: iso3 not upper-case
        "  - {iso3: FRA, name: France, names: [France]}\n"
        "  - name: Nobody\n"  # line 5: a person without roles
        "    roles: []\n"
        "  - name: Bad Date\n"  # line 7
        "    roles: [{country: FRA, sector: GOV, start: 2001-13-45}]\n"
        "  - name: No Country\n"  # line 9
        "    roles: [{sector: GOV, start: 2001}]\n",
        encoding="utf-8",
    )
    loaded = load_dictionary([bad], builtin=False)
    assert [e.name for e in loaded.entries] == ["France"]
    lines = sorted(int(p.split(":")[1]) for p in loaded.problems)
    assert lines == [3, 5, 7, 9]
    assert all(p.startswith(str(bad)) and "skipped" in p for p in loaded.problems)


def test_unreadable_or_missing_files_are_config_errors(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.yaml"):
        load_dictionary([broken], builtin=False)
    with pytest.raises(ConfigError, match="does not exist"):
        load_dictionary([tmp_path / "missing.yaml"], builtin=False)
    wrong_shape = tmp_path / "list.yaml"
    wrong_shape.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="entries"):
        load_dictionary([wrong_shape], builtin=False)


def test_conflicting_names_are_reported_unless_roles_are_date_disjoint(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(
        "version: 1\nentries:\n"
        "  - {name: Ann One, aliases: [Smith], roles: [{country: FRA, sector: GOV, start: 2001, end: 2004}]}\n"
        "  - {name: Bob Two, aliases: [Smith], roles: [{country: FRA, sector: GOV, start: 2005, end: 2008}]}\n"
        "  - {name: Cid Three, aliases: [Jones], roles: [{country: FRA, sector: GOV, start: 2001, end: 2009}]}\n"
        "  - {name: Dee Four, aliases: [Jones], roles: [{country: DEU, sector: GOV, start: 2003, end: 2006}]}\n",
        encoding="utf-8",
    )
    loaded = load_dictionary([path], builtin=False)
    assert len(loaded.problems) == 1
    assert "'Jones'" in loaded.problems[0] and ":6:" in loaded.problems[0]


def test_user_file_overrides_builtin_entry(tmp_path):
    user = tmp_path / "user.yaml"
    user.write_text(
        "version: 1\nentries:\n"
        "  - name: Sergey Lavrov\n    aliases: [Lavrov]\n"
        "    roles: [{country: RUS, sector: MIL, start: 2000-01-01, end: null}]\n",
        encoding="utf-8",
    )
    base = [p for p in FILES if p.name != "people.yaml"] + [FIXTURES / "people.yaml"]
    merged = load_dictionary([*base, user], builtin=False)
    lavrovs = [e for e in merged.entries if e.kind == "person" and e.name == "Sergey Lavrov"]
    # both were loaded as user files here, so both stay; the later one wins the shared patterns
    matcher = DictionaryMatcher(merged.entries)
    hits = [m for m in matcher.find("Lavrov said") if m.pattern.text == "Lavrov"]
    assert len(lavrovs) == 2 and hits
    _, role = role_at(hits[0].entries, date(2010, 1, 1))
    assert role is not None and role.sector in ("GOV", "MIL")


def test_user_entry_replaces_builtin_with_same_identity(tmp_path):
    user = tmp_path / "user.yaml"
    user.write_text("version: 1\nentries:\n  - {iso3: RUS, name: Russia, names: [Rossiya], kind: state}\n",
                    encoding="utf-8")
    resolver = ActorResolver([user])  # builtin data plus the user file
    russia = [e for e in resolver.dictionary.entries if e.kind == "state" and e.code == "RUS"]
    assert len(russia) == 1 and russia[0].user
    assert not DictionaryMatcher(russia).find("the Russian Federation")  # the builtin forms are gone
    assert DictionaryMatcher(russia).find("Rossiya")


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [("2009-06-27T10:12", False, date(2009, 6, 27)), ("2004", False, date(2004, 1, 1)),
     ("2004", True, date(2004, 12, 31)), ("2012-02", True, date(2012, 2, 29)), (None, False, None)],
)
def test_parse_day(value, end, expected):
    assert parse_day(value, end=end) == expected


def test_parse_day_rejects_garbage():
    with pytest.raises(ValueError):
        parse_day("June 2009")


def test_role_in_force_depends_on_the_date(dictionary):
    medvedev = (_person(dictionary, "Dmitry Medvedev"),)
    assert role_at(medvedev, date(2009, 6, 27))[1].title == "president"
    assert role_at(medvedev, date(2013, 3, 1))[1].title == "prime minister"
    former = role_at(medvedev, date(2024, 1, 1))[1]
    assert (former.code, former.sector) == ("RUSELI", "ELI")
    before = role_at(medvedev, date(1990, 1, 1))[1]
    assert (before.country, before.sector) == ("RUS", None)
    assert role_at(medvedev, None)[1].title == "prime minister"  # undated: the latest role


def test_namesakes_are_picked_by_date(dictionary):
    bushes = tuple(e for e in dictionary.entries if e.kind == "person" and "Bush" in e.name)
    assert role_at(bushes, date(1990, 5, 1))[0].name == "George H. W. Bush"
    assert role_at(bushes, date(2005, 5, 1))[0].name == "George W. Bush"


@pytest.mark.parametrize(
    ("text", "found"),
    [("Turkey said", "Turkey"), ("we ate turkey", None), ("china plates", None), ("China warned", "China"),
     ("the US said", "US"), ("let us go", None), ("a woman spoke", None), ("Oman spoke", "Oman"),
     ("Iranian troops", "Iranian"), ("RUSSIA WARNS", "RUSSIA"), ("the Kremlin’s view", "the Kremlin"),
     ("pro-Russian rebels", "Russian")],
)
def test_matching_is_word_bounded_and_case_aware(dictionary, text, found):
    matcher = DictionaryMatcher([e for e in dictionary.entries if e.kind in ("state", "igo")])
    hits = select_longest(matcher.find(text))
    assert [text[m.start:m.end] for m in hits][:1] == ([found] if found else [])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Russia", "Russian", "russia", "US", "us", "NATO", "Georgia", "x", "-",
                                 " ", ".", "’s", "Kremlin", "the", "Omani", "woman"]), max_size=20))
def test_matches_are_word_bounded_and_inside_the_text(words):
    text = "".join(w if w in "-.’s " else f" {w}" for w in words)
    matcher = _shared_matcher()
    folded = normalize(text)
    for match in matcher.find(text):
        assert 0 <= match.start < match.end <= len(text)
        assert match.start == 0 or not folded[match.start - 1].isalnum()
        assert match.end == len(text) or not folded[match.end].isalnum()


_MATCHER: list[DictionaryMatcher] = []


def _shared_matcher() -> DictionaryMatcher:
    if not _MATCHER:
        _MATCHER.append(DictionaryMatcher(load_dictionary(FILES, builtin=False).entries))
    return _MATCHER[0]
