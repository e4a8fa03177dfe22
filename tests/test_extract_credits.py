"""Credits: bylines and wire credit lines, split into people per role."""

from __future__ import annotations

import pytest

from eventwire.extract.credits import is_copyright_line, parse_credit_line, split_trailing_credit

CASES = [
    ("Additional reporting by Dina Kyriakidou and Hans-Edzard Busemann in Corfu; Writing by Mark Heinrich; "
     "Editing by Charles Dick",
     {"reporting": ["Dina Kyriakidou", "Hans-Edzard Busemann"], "writing": ["Mark Heinrich"],
      "editing": ["Charles Dick"]}),
    ("(Reporting by John Smith; Editing by Jane Roe)", {"reporting": ["John Smith"], "editing": ["Jane Roe"]}),
    ("By Jane Doe and John Roe", {"authors": ["Jane Doe", "John Roe"]}),
    ("By Jane Doe, John Roe and Ann Lee", {"authors": ["Jane Doe", "John Roe", "Ann Lee"]}),
    ("By Jane Doe | Reuters", {"authors": ["Jane Doe"]}),
    ("By JANE DOE, Associated Press", {"authors": ["Jane Doe"]}),
    ("By Jane Doe, AP Diplomatic Writer", {"authors": ["Jane Doe"]}),
    ("Compiled by Ali Khan", {"writing": ["Ali Khan"]}),
    ("Reporting by Ivan Petrov in Moscow and Olena Harmash in Kiev; Writing by Tom Balmforth; Editing by Gareth Jones",
     {"reporting": ["Ivan Petrov", "Olena Harmash"], "writing": ["Tom Balmforth"], "editing": ["Gareth Jones"]}),
    ("Writing by Mark Heinrich, editing by Charles Dick", {"writing": ["Mark Heinrich"], "editing": ["Charles Dick"]}),
    ("Reporting by Ludwig van der Berg; Editing by Maria de la Cruz",
     {"reporting": ["Ludwig van der Berg"], "editing": ["Maria de la Cruz"]}),
    ("Contributing: Kristine Phillips", {"reporting": ["Kristine Phillips"]}),
    ("By May Lee", {"authors": ["May Lee"]}),
]


@pytest.mark.parametrize(("line", "expected"), CASES)
def test_credit_lines_split_by_role(line: str, expected: dict[str, list[str]]) -> None:
    parsed = parse_credit_line(line)
    assert parsed is not None, line
    for role in ("authors", "reporting", "writing", "editing"):
        assert getattr(parsed, role) == expected.get(role, []), role


NOT_CREDITS = [
    "By Monday, the rebels had taken the town.",
    "By contrast the ministry said nothing.",
    "By Monday",
    "Reported by staff",
    "Editing by hand is slow, the company said.",
    "By the end of the year, 300 people had died.",
    "Reporting by the state media could not be verified.",
    "The agency, reporting by telephone, said two people died.",
    "",
]


@pytest.mark.parametrize("line", NOT_CREDITS)
def test_sentences_are_not_credits(line: str) -> None:
    assert parse_credit_line(line) is None


def test_trailing_credit_in_a_paragraph_is_split_off() -> None:
    split = split_trailing_credit("The talks resume next week, he said. (Reporting by John Smith; Editing by Jane Roe)")
    assert split is not None
    body, credit, removed = split
    assert body == "The talks resume next week, he said."
    assert credit.reporting == ["John Smith"] and credit.editing == ["Jane Roe"]
    assert removed == "(Reporting by John Smith; Editing by Jane Roe)"


def test_bracketed_remark_is_not_a_trailing_credit() -> None:
    assert split_trailing_credit("He said the reporting was wrong (reporting by whom, he did not say).") is None


@pytest.mark.parametrize("line", [
    "(c) Reuters 2009",
    "Copyright 2019 The Associated Press. All rights reserved.",
    "© 2019 Reuters",
    "(c) 2015 United Press International, Inc. All Rights Reserved.",
])
def test_copyright_lines(line: str) -> None:
    assert is_copyright_line(line)


@pytest.mark.parametrize("line", ["The copyright dispute continued for years.", "He wrote (c) on the form."])
def test_sentences_about_copyright_stay(line: str) -> None:
    assert not is_copyright_line(line)
