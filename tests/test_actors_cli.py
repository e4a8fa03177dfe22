"""`eventwire actors`: JSONL and table output, user dictionaries, --stats, bad input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventwire.cli import main

ARTICLE = ("Russian President Dmitry Medvedev met Zorblat Quenn in Moscow on Monday. "
           "Quenn said he was pleased.\n")  # written for the eventwire project


def test_jsonl_lists_each_articles_mentions(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["actors", str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(record) == {"article_id", "uri", "actors"}
    codes = {a["text"]: a["code"] for a in record["actors"]}
    assert codes["Russian President Dmitry Medvedev"] == "RUSGOV"
    assert codes["Moscow"] == "RUS"  # "in Moscow" is the place, not the Kremlin acting
    # an unknown person without a title takes the country the article is about, saying so
    quenn = next(a for a in record["actors"] if a["text"] == "Zorblat Quenn")
    assert (quenn["code"], quenn["code_source"]) == ("RUS", "context")


def test_user_dictionary_and_table_format(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    user = tmp_path / "mine.yaml"
    user.write_text("version: 1\nentries:\n  - name: Zorblat Quenn\n    aliases: [Quenn]\n"
                    "    roles: [{country: FRA, sector: GOV, start: 2001}]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["actors", "--format", "table", "--actors", str(user), str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "Quenn" in line]
    assert rows and all("FRAGOV" in row and "user" in row for row in rows)


def test_stats_counts_petrarch_dictionary(tmp_path):
    txt = tmp_path / "small.actors.txt"
    txt.write_text("ARNOR_ [ARN]\nVALDA_\n\t[ARNGOV 19950101-19991231]\nBAD_ [ARN 2004017]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["actors", "--stats", "--no-builtin", "--actors", str(txt)])
    assert result.exit_code == 0, result.output
    row = [line for line in result.stdout.splitlines() if line.startswith(str(txt))][0].split("\t")
    # entries, patterns, roles (people only), dated roles, problems (bad date; then no code)
    assert row[1:] == ["2", "2", "1", "1", "2"]
    assert "small.actors.txt:4:" in result.stderr


def test_missing_dictionary_and_missing_paths_are_usage_errors(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["actors", "--actors", str(tmp_path / "nope.yaml"), "x"]).exit_code == 2
    assert runner.invoke(main, ["actors"]).exit_code == 2


def test_unreadable_capture_is_reported_and_exit_code_1(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["actors", str(good), str(tmp_path / "missing.html")])
    assert result.exit_code == 1
    assert "missing.html" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
