"""PETRARCH/TABARI dictionaries: the importer, its error reports, and the reference dictionaries."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from eventwire.actors import ActorResolver, import_petrarch, role_at
from eventwire.actors.petrarch import parse_code
from eventwire.eval.coder import read_petrarch_records

SAMPLE = """\
<!-- a comment block
spanning lines -->
# a comment
!PERSON! = MAN, WOMAN

ARNOR_  [ARN]  # a trailing comment
+ARNORIAN_

VALDA_RIVERS_
+RIVERS_
\t[ARNGOV 19950101-19991231]
\t[ARNELI >20000101]
\t[ARNMIL]

KING_OF_ELSEWHERE_
PRINCE_OF_ELSEWHERE_
\t[ELSGOV <010101]

BROKEN_DATE_ [ARNGOV 2004017]
NO_CODE_AT_ALL_

BAD_BRACKET_ [ARN
+ORPHAN_SYNONYM
LIBERATION_FRONT [~REB]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
POLICE {} [~COP]
POST!PERSON! [~GOV]
"""


@pytest.fixture()
def sample(tmp_path):
    path = tmp_path / "sample.actors.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    problems: list[str] = []
    return path, import_petrarch(path, problems), problems


def _entry(entries, name):
    return next(e for e in entries if e.name == name)


def test_actors_synonyms_and_dated_roles(sample):
    _, entries, _ = sample
    arnor = _entry(entries, "Arnor")
    assert (arnor.kind, arnor.code) == ("state", "ARN")
    assert [p.text for p in arnor.patterns] == ["ARNOR", "ARNORIAN"]
    rivers = _entry(entries, "Valda Rivers")
    assert rivers.kind == "person" and [p.text for p in rivers.patterns] == ["VALDA RIVERS", "RIVERS"]
    assert role_at((rivers,), date(1997, 5, 1))[1].code == "ARNGOV"
    assert role_at((rivers,), date(2005, 5, 1))[1].code == "ARNELI"
    # consecutive phrase lines share the code block that follows them (TABARI)
    king = _entry(entries, "King Of Elsewhere")
    assert [p.text for p in king.patterns] == ["KING OF ELSEWHERE", "PRINCE OF ELSEWHERE"]
    assert king.roles[0].end == date(2000, 12, 31)


def test_agents_plurals_and_substitution_sets(sample):
    _, entries, _ = sample
    agents = {e.name: e for e in entries if e.kind == "agent"}
    assert agents["Attorney General"].sector == "JUD"
    assert {p.text for p in agents["Attorney General"].patterns} == {"ATTORNEY GENERAL", "ATTORNEYS GENERAL"}
    assert {p.text for p in agents["Police"].patterns} == {"POLICE"}  # {}: no automatic plural
    assert {"LIBERATION FRONT", "LIBERATION FRONTS"} <= {p.text for p in agents["Liberation Front"].patterns}
    posts = [e for e in entries if e.name.startswith("Post")]
    assert {p.text for e in posts for p in e.patterns} >= {"POSTMAN", "POSTWOMAN"}


def test_malformed_lines_are_reported_with_file_and_line(sample):
    path, entries, problems = sample
    lines = sorted(int(re.match(rf"{re.escape(str(path))}:(\d+):", p).group(1)) for p in problems)
    # 19: bad date, then the entry (joined by line 20, TABARI-style) has no code; 22: unbalanced
    # bracket; 23: its synonym has no entry to attach to
    assert lines == [19, 19, 22, 23], problems
    assert any("2004017" in p for p in problems)
    assert "Broken Date" not in {e.name for e in entries}


@pytest.mark.parametrize(
    ("body", "expected"),
    [("USAGOV >20090120", ("USAGOV", date(2009, 1, 20), None)),
     ("USAGOV 20010120-20090120", ("USAGOV", date(2001, 1, 20), date(2009, 1, 20))),
     ("HOBGOV 19950601 - 19990815", ("HOBGOV", date(1995, 6, 1), date(1999, 8, 15))),
     ("IGOUNO 451024-460201", ("IGOUNO", date(1945, 10, 24), date(1946, 2, 1))),
     ("ONO <911226", ("ONO", None, date(1991, 12, 25))),
     (" ~COP", ("~COP", None, None))],
)
def test_parse_code(body, expected):
    assert parse_code(body) == expected


def test_parse_code_rejects_malformed():
    with pytest.raises(ValueError):
        parse_code("USAGOV 19820101")


def test_reference_dictionaries_import_without_loss(shared):
    base = shared / "ref/petrarch2"
    problems: list[str] = []
    countries = import_petrarch(base / "Phoenix.Countries.actors.txt", problems)
    agents = import_petrarch(base / "Phoenix.agents.txt", problems)
    dated = sum(r.dated for e in countries for r in e.roles)
    heads = _entry_heads(base / "Phoenix.Countries.actors.txt")
    # every entry head is imported or reported; only genuinely malformed lines are reported
    assert len(countries) >= 18000 and dated >= 25000 and len(agents) >= 2200
    assert len(problems) <= 15 and all(re.search(r"\.txt:\d+: ", p) for p in problems)
    assert len(countries) + sum("has no code" in p for p in problems) >= heads * 0.99


def _entry_heads(path) -> int:
    """Phrase lines (not comments, synonyms or code lines) that start a group."""
    count, previous_was_phrase = 0, False
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stripped = line.split("#", 1)[0].strip()
        phrase = bool(stripped) and not stripped.startswith(("+", "[", "<", "!"))
        if phrase and not previous_was_phrase:
            count += 1
        previous_was_phrase = phrase and "[" not in stripped
    return count


def _unit_test_records(shared):
    for record in read_petrarch_records(shared / "ref/petrarch2/PETR.UnitTest.records.xml"):
        codes = {c[k] for c in record.codings for k in ("sourcecode", "targetcode") if k in c} - {"---"}
        if codes:
            yield record.text, record.published, codes


def test_unit_test_record_actors_resolve_with_the_validation_dictionaries(shared):
    from eventwire.nlp import parse_many

    base = shared / "ref/petrarch2"
    resolver = ActorResolver([base / "PETR.Validate.actors.txt", base / "PETR.Validate.agents.txt"],
                             builtin=False)
    records = list(_unit_test_records(shared))
    found = total = 0
    for (_, day, codes), doc in zip(records, parse_many(r[0] for r in records), strict=True):
        actors = resolver.resolve(doc, day)
        # PETRARCH writes an agent without a country as ---SECTOR; we give code None and the sector
        have = {a.code for a in actors if a.code} | {f"---{a.sector}" for a in actors if not a.code and a.sector}
        total += len(codes)
        found += len(codes & have)
    assert len(records) > 250
    assert found / total >= 0.85, f"{found}/{total}"


@pytest.mark.parametrize("lines", [["RUSSIA_ [RUS]", "+"], ["_ [RUS]"], ["RUSSIA_", "_", "[RUS]"], ["RUSSIA_ [RUS]", "+_"]])
def test_a_phrase_without_words_is_never_a_pattern(tmp_path: Path, lines: list[str]) -> None:
    # a pattern with no words would match every sentence (found by tests/test_fuzz_parsers.py)
    path = tmp_path / "dict.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    problems: list[str] = []
    entries = list(import_petrarch(path, problems))
    assert all(p.text.strip() for e in entries for p in e.patterns), entries
