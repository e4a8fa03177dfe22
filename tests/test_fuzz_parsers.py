"""Property tests: every parser takes arbitrary input without an unhandled exception, and what it
returns is well-formed (prefixes are prefixes, dates are ISO, names come from the input, offsets
are in range). tests/test_extract_properties.py covers "never raises" for the line parsers; these
add the output contracts and the readers and importers."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fuzz_support import check_article, check_iso
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import ConfigError, InputError
from eventwire.extract import extract_article
from eventwire.extract.credits import parse_credit_line, split_trailing_credit
from eventwire.extract.dateline import parse_dateline
from eventwire.extract.dates import normalize_date, parse_header_date, relative_date
from eventwire.extract.junk import junk_reason
from eventwire.records import RawDocument
from eventwire.sources.decode import decode_bytes
from eventwire.sources.jsonl import parse_timestamp, read_jsonl
from eventwire.sources.warc import read_warc

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CAPTURED = datetime(2021, 5, 4, 9, 30)

PLACES = st.sampled_from(["CORFU", "WASHINGTON", "Kabul", "NEW YORK", "HONG KONG", "São Paulo", "X", ""])
REGIONS = st.sampled_from([", Greece", ", Afghanistan", ", N.Y.", "", ", Zzz"])
AGENCIES = st.sampled_from([" (Reuters)", " (AP)", " (Xinhua)", " (IANS)", " (Unknown Wire)", "", " ("])
DASHES = st.sampled_from([" - ", " -- ", " — ", ": ", " ", "-"])
DATELINES = st.builds(lambda p, r, a, d, body: p + r + a + d + body, PLACES, REGIONS, AGENCIES, DASHES,
                      st.text(max_size=80))
MONTHS = st.sampled_from(["January", "Feb.", "March", "Sept", "December", "Juni", "13"])
DATE_TEXT = st.one_of(
    st.text(max_size=60),
    st.builds(lambda m, d, y, t: f"{m} {d}, {y} {t}", MONTHS, st.integers(-5, 40), st.integers(0, 99999),
              st.sampled_from(["", "10:12 AM EST", "25:61", "9:05 p.m. GMT+14", "00:00 UTC"])),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda n, u: f"{n} {u} ago", st.integers(0, 10**30), st.sampled_from(["hours", "days", "years", "min"])),
)
CREDITS = st.builds(
    lambda role, names: role + names,
    st.sampled_from(["By ", "Reporting by ", "Additional reporting by ", "Editing by ", "Writing by ", "", "BY "]),
    st.lists(st.sampled_from(["Jane Doe", "John Smith", "O'Brien", "in Moscow", "and", ";", ",", "Reuters",
                              "Staff Writer", "", "X", "Ünal Öz"]), max_size=8).map(" ".join),
)


@FAST
@given(DATELINES)
def test_dateline_is_a_prefix_with_a_valid_country(paragraph: str) -> None:
    found = parse_dateline(paragraph)
    if found is None:
        return
    assert paragraph.startswith(found.text) and found.text
    assert found.country is None or re.fullmatch(r"[A-Z]{3}", found.country)
    assert found.month is None or 1 <= found.month <= 12
    assert found.day is None or 1 <= found.day <= 31
    assert found.place is None or found.place.strip()


@FAST
@given(CREDITS)
def test_credit_names_come_from_the_line(line: str) -> None:
    found = parse_credit_line(line)
    if found is not None:
        for name in (*found.authors, *found.reporting, *found.writing, *found.editing):
            assert name.strip() and all(word in line for word in name.split()), (name, line)
    split = split_trailing_credit("The talks ended without a deal. " + line)
    if split is not None:
        before, credit, raw = split
        assert isinstance(before, str) and isinstance(raw, str) and not credit.empty()


@FAST
@given(DATE_TEXT)
def test_dates_come_out_as_iso_or_none(text: str) -> None:
    check_iso(normalize_date(text), "normalize_date")
    check_iso(parse_header_date(text, captured=CAPTURED), "parse_header_date")
    check_iso(parse_header_date(text, captured=CAPTURED, strict=False), "parse_header_date(strict=False)")
    check_iso(relative_date(text, CAPTURED), "relative_date")
    moment = parse_timestamp(text)
    assert moment is None or moment.tzinfo is not None


@FAST
@given(DATE_TEXT, st.one_of(st.none(), st.sampled_from(["2024-03-11", "2024-03-11T10:00+02:00", "junk", "0001-01-01"])))
def test_event_date_expressions_are_iso(text: str, published: str | None) -> None:
    from eventwire.events.dates import parse_date_expression

    for future in (False, True):
        check_iso(parse_date_expression(text, published, future=future), "event date", reduced=True)


@FAST
@given(st.text(max_size=200), st.sampled_from(["body", "edge"]))
def test_junk_reason_is_none_or_a_reason(line: str, zone: str) -> None:
    reason = junk_reason(line, zone)
    assert reason is None or (isinstance(reason, str) and reason.strip())


@FAST
@given(st.binary(max_size=2000), st.one_of(st.none(), st.sampled_from(["utf-8", "utf-16", "latin-1", "x-nope",
                                                                      "gb2312", "", "utf-7", "cp1251"])))
def test_decode_bytes_gives_text_without_nul(content: bytes, declared: str | None) -> None:
    text, warnings = decode_bytes(content, declared)
    assert isinstance(text, str) and all(isinstance(w, str) and w for w in warnings)
    assert "\x00" not in text


JSON_LINES = st.lists(st.one_of(
    st.binary(max_size=80),
    st.sampled_from([b'{"text": "Talks resumed."}', b'{"html": "<p>Hi</p>", "captured": "2024-13-45"}', b"[1, 2]",
                     b'{"text": 5}', b'{"html": "", "text": "  "}', b'{"text": "x", "published": {"a": 1}}',
                     b"{" * 5000, b'"\\ud800"', b'{"text": "\\u0000"}', b"null"]),
), max_size=30).map(lambda lines: b"\n".join(lines))


@FAST
@given(JSON_LINES)
def test_jsonl_reader_yields_documents_or_reasons(data: bytes) -> None:
    skipped: list[tuple[str, str]] = []
    docs = list(read_jsonl(io.BytesIO(data), "f.jsonl", 4096, lambda uri, why: skipped.append((uri, why))))
    for doc in docs:
        assert doc.kind in ("html", "text") and doc.uri.startswith("f.jsonl#")
        assert (doc.content is None) != (doc.text is None)
    assert all(uri.startswith("f.jsonl") and why for uri, why in skipped)


def _warc(records: list[tuple[str, bytes, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for status, payload, content_type in records:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/", "response",
                                                      payload=io.BytesIO(payload), http_headers=http))
    return buffer.getvalue()


WARC_RECORDS = st.lists(st.tuples(
    st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "2", "abc"]),
    st.one_of(st.binary(max_size=200), st.just(b"<html><body><p>" + b"Talks. " * 30 + b"</p></body></html>")),
    st.sampled_from(["text/html; charset=utf-8", "text/html; charset=\"x\"", "image/png", "", "text/html;;;"]),
), min_size=1, max_size=4)


@FAST
@given(WARC_RECORDS, st.integers(0, 2000), st.integers(0, 255), st.booleans())
def test_warc_reader_survives_damage(records: list[tuple[str, bytes, str]], at: int, byte: int, cut: bool) -> None:
    data = bytearray(_warc(records))
    at %= len(data)
    if cut:
        del data[at:]
    else:
        data[at] = byte
    skipped: list[tuple[str, str]] = []
    docs = list(read_warc(io.BytesIO(bytes(data)), "f.warc", 1 << 16, 1 << 20,
                          lambda uri, why: skipped.append((uri, why))))
    for doc in docs:
        assert doc.kind in ("html", "text") and doc.content and len(doc.content) <= 1 << 16
        assert doc.uri.startswith("f.warc#")
    assert all(why for _, why in skipped)


HTML = st.lists(st.one_of(
    st.sampled_from(["<html>", "<body>", "<article>", "<p>", "</p>", "<div>", "</div>", "<script>", "</script>",
                     "<title>", "</title>", "<meta charset='koi8-r'>", "<br>", "<!--", "-->", "&amp;", "&#0;",
                     "CORFU, Greece (Reuters) - ", "By Jane Doe", "The ministers agreed a ceasefire on Monday. ",
                     "<meta property='article:published_time' content='2024-99-99'>", "\x00", "<time datetime='x'>"]),
    st.text(max_size=30)), max_size=60).map("".join)


@FAST
@given(HTML)
def test_extract_article_gives_a_valid_article_or_input_error(html: str) -> None:
    for raw in (RawDocument(uri="h", kind="html", content=html.encode("utf-8", "surrogatepass")),
                RawDocument(uri="t", kind="text", text=html, published=html[:30])):
        try:
            article = extract_article(raw)
        except InputError as exc:
            assert str(exc).startswith(raw.uri)
            continue
        check_article(article)
        assert article.text.strip()


PETRARCH_LINES = st.lists(st.one_of(
    st.sampled_from(["RUSSIA_ [RUS]", "+RUSSIAN_", "VLADIMIR_PUTIN_", "    [RUSGOV 20000507-20080507]",
                     "    [RUSGOV >20120507]  [RUSELI]", "TROOPS {} [~MIL]", "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]",
                     "!PERSON! = MAN, MEN", "!PERSON!_LEADER [~GOV]", "<!--", "-->", "# comment", "", "[", "]",
                     "X_ [ABC 99999999-00000000]", "Y_ [ABC <991399]", "Z_ [---]", "{", "_ [A]", "!!! = ", "A_ [~]"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)), max_size=30)


@FAST
@given(PETRARCH_LINES)
def test_petrarch_importer_reports_problems_and_never_raises(tmp_path_factory: pytest.TempPathFactory,
                                                            lines: list[str]) -> None:
    from eventwire.actors.petrarch import import_petrarch

    path = tmp_path_factory.mktemp("petr") / "dict.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    problems: list[str] = []
    for entry in import_petrarch(path, problems):
        assert entry.name and entry.patterns, entry
        for role in entry.roles:
            assert role.start is None or role.end is None or isinstance(role.start, date)
        assert all(p.text.strip() for p in entry.patterns)
    assert all(re.match(r".+:\d+: ", p) for p in problems), problems


@FAST
@given(st.text(max_size=12))
def test_petrarch_code_parser_raises_only_value_error(body: str) -> None:
    from eventwire.actors.petrarch import parse_code

    try:
        code, start, end = parse_code(body)
    except ValueError:
        return
    assert code and code in body and all(d is None or isinstance(d, date) for d in (start, end))


YAML_DOCS = st.one_of(
    st.text(max_size=200),
    st.builds(lambda entries: "version: 1\nentries:\n" + "".join(entries), st.lists(st.sampled_from([
        "  - {kind: state, name: Freedonia, code: FRE}\n", "  - {kind: person, name: A B, roles: [{code: FREGOV}]}\n",
        "  - {kind: person, name: X, roles: [{code: FREGOV, start: 2020-13-01}]}\n", "  - 5\n", "  - {kind: ???}\n",
        "  - {kind: state, name: '', code: 123456789}\n", "  - {kind: group, name: G, patterns: [{text: 5}]}\n",
        "  - &a {kind: state, name: Y, code: YYY}\n  - *a\n", "  - !!python/object:os.system {}\n",
        "  - {kind: agent, name: troops, sector: MIL, patterns: null}\n",
    ]), max_size=8)),
)


@FAST
@given(YAML_DOCS)
def test_yaml_dictionary_loader_raises_only_config_error(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    from eventwire.actors.dictionary import load_yaml_entries

    path = tmp_path_factory.mktemp("yaml") / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list[str] = []
    try:
        entries = load_yaml_entries(path, user=True, problems=problems)
    except ConfigError as exc:
        assert str(path) in str(exc)
        return
    assert all(e.name and e.user for e in entries)
    assert all(isinstance(p, str) and p for p in problems)


def test_yaml_loader_refuses_python_tags(tmp_path: Path) -> None:
    from eventwire.actors.dictionary import load_yaml_entries

    path = tmp_path / "evil.yaml"
    path.write_text("version: 1\nentries: !!python/object/apply:os.system ['touch " + str(tmp_path / "pwned") + "']\n")
    with pytest.raises(ConfigError):
        load_yaml_entries(path, user=True, problems=[])
    assert not (tmp_path / "pwned").exists()


def test_timestamps_are_always_aware() -> None:
    assert parse_timestamp("2024-01-02T03:04:05Z") == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert parse_timestamp("nonsense") is None


@pytest.mark.parametrize(("text", "published"), [
    ("0000-00-00", None), ("2024-13-45", "2024-03-11"), ("last month", "0001-01-01"), ("tomorrow", "9999-12-31"),
    ("next Friday", "9999-12-31"), ("last Monday", "0001-01-01"), ("next December", "9999-12-31"),
])
def test_event_dates_off_the_calendar_are_none_not_errors(text: str, published: str | None) -> None:
    # found by this file's property test: "0000-00-00" came back as a date, year-1 arithmetic raised
    from eventwire.events.dates import parse_date_expression

    for future in (False, True):
        check_iso(parse_date_expression(text, published, future=future), "event date", reduced=True)
