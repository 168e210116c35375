"""Where each table is: its section, or the text around the table's own words."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from nianbao.parser.layout.sections import Layout
from nianbao.parser.reading.lines import Line
from nianbao.parser.reading.normalize import key_of_normalized
from nianbao.parser.template import TABLE_SECTIONS, TableId, TemplateId

# Words that mark where a table starts when its section heading is missing.
_ANCHORS: dict[TableId, tuple[str, ...]] = {
    "active_disclosure": ("第二十条", "信息内容"),
    "applications": ("本年新收政府信息公开申请数量", "勾稽关系", "申请人情况"),
    "review_litigation": ("未经复议直接起诉", "复议后起诉", "尚未审结"),
}
_EVIDENCE_2021 = ("本年制发", "本年废止", "现行有效", "逾期不补正", "缴纳费用", "本年处理决定数量",
                  "本年收费金额")
_EVIDENCE_2019 = ("本年新制作", "本年新公开", "对外公开总数量", "上一年项目数量", "采购项目数量",
                  "政府集中采购")


@dataclass(frozen=True, slots=True)
class Region:
    start: int
    end: int
    lines: list[Line]


Regions = dict[TableId, "Region | None"]


def find_regions(lines: list[Line], layout: Layout) -> Regions:
    """Where each table's rows are: its section, or the text around its own words."""
    regions: Regions = {table: _in_section(table, lines, layout) for table in TABLE_SECTIONS}
    missing = [table for table, region in regions.items() if region is None]
    if missing:
        # A word no line holds is not in all of them joined either: one look at the
        # whole text spares the line-by-line search that a huge text would cost.
        whole_key = key_of_normalized("".join(ln.text for ln in lines))
        for table in missing:
            if any(anchor in whole_key for anchor in _ANCHORS[table]):
                regions[table] = _around_anchor(table, lines, layout)
    return regions


def _in_section(table: TableId, lines: list[Line], layout: Layout) -> Region | None:
    number = TABLE_SECTIONS[table]
    for section in layout.sections:
        if section.number == number:
            first = bisect_left([ln.start for ln in lines], section.heading_end)
            body = []
            for ln in lines[first:]:
                if ln.start >= section.end:
                    break
                body.append(ln)
            if body and (any(_has_value_row(ln) for ln in body)
                         or (table == "review_litigation" and _has_anchor(table, body))):
                # Table 4 may hold no digit at all: its one value row is blank in every
                # cell when nothing happened (本年度未发生…); its header still marks it.
                return Region(section.heading_end, section.end, body)
    return None


def _around_anchor(table: TableId, lines: list[Line], layout: Layout) -> Region | None:
    """No usable section: the table's own words, up to the next heading."""
    anchors = _ANCHORS[table]
    for index, line in enumerate(lines):
        key = key_of_normalized(line.text)
        if any(anchor in key for anchor in anchors):
            begin = max(0, index - 2)
            later = [s.start for s in layout.sections if s.start > line.start]
            stop = min(later) if later else (lines[-1].end + 1)
            body = [ln for ln in lines[begin:] if ln.start < stop]
            return Region(body[0].start, stop, body)
    return None


def _has_anchor(table: TableId, lines: list[Line]) -> bool:
    anchors = _ANCHORS[table]
    return any(anchor in key_of_normalized(ln.text) for ln in lines for anchor in anchors)


def _has_value_row(line: Line) -> bool:
    return any(ch.isdigit() for ch in line.text)


def detect_template(regions: Regions) -> TemplateId | None:
    """The template the tables themselves follow, from their distinctive labels."""
    votes_2021 = votes_2019 = 0
    tables: tuple[TableId, ...] = ("active_disclosure", "applications")
    for table in tables:
        region = regions[table]
        if region is None:
            continue
        key = key_of_normalized("".join(ln.text for ln in region.lines))
        votes_2021 += sum(word in key for word in _EVIDENCE_2021)
        votes_2019 += sum(word in key for word in _EVIDENCE_2019)
    if votes_2021 > votes_2019:
        return "2021"
    if votes_2019 > votes_2021:
        return "2019"
    return None
