"""The Chinese methods document (docs/methods.zh.md) mirrors docs/methods.md: the same headings
of every level, the same number of table rows, and every `code span` of the English file."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
HEADING = re.compile(r"^(#{1,6})\s+\S")
CODE_SPAN = re.compile(r"(?<!`)`([^`]+)`(?!`)")


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def english() -> str:
    return read("methods.md")


@pytest.fixture(scope="module")
def chinese() -> str:
    return read("methods.zh.md")


def heading_levels(text: str) -> list[int]:
    levels = []
    for line in text.splitlines():
        match = HEADING.match(line)
        if match:
            levels.append(len(match.group(1)))
    return levels


def table_rows(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.lstrip().startswith("|"))


def code_spans(text: str) -> set[str]:
    # a code span may wrap over a line break, which Markdown renders as a space
    return {" ".join(span.split()) for span in CODE_SPAN.findall(text)}


def test_same_count_of_headings_of_each_level(english: str, chinese: str) -> None:
    assert Counter(heading_levels(chinese)) == Counter(heading_levels(english))


def test_same_heading_structure_and_order(english: str, chinese: str) -> None:
    assert heading_levels(chinese) == heading_levels(english)


def test_same_number_of_table_rows(english: str, chinese: str) -> None:
    assert table_rows(english) > 0
    assert table_rows(chinese) == table_rows(english)


def test_every_english_code_span_appears_in_chinese(english: str, chinese: str) -> None:
    spans = code_spans(english)
    assert spans
    assert sorted(spans - code_spans(chinese)) == []
