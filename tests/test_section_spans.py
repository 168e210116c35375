"""Where a section ends: never on the line of the next section's heading."""

from __future__ import annotations

from nianbao.parser.layout.sections import find_sections
from nianbao.parser.reading.lines import split_lines


def test_an_indented_heading_line_belongs_to_its_own_section() -> None:
    text = "一、总体情况\n正文一句。\n\n     二、主动公开政府信息情况\n正文。\n"
    sections = find_sections(split_lines(text)).sections
    assert [s.number for s in sections] == [1, 2]
    second_line_start = text.index("     二、")
    # The first section ends where the second heading's line begins, not at its words.
    assert sections[0].end == second_line_start
    assert sections[1].start == text.index("二、")

