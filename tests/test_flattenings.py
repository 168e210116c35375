"""Flattenings beyond the seeds: a report on one line, cells run together, fixed width."""

from __future__ import annotations

import re
import unicodedata

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.outputs.export import report_to_dict
from tests.conftest import seed

SEED_004 = seed("004").read_text(encoding="utf-8")
SEED_002 = seed("002").read_text(encoding="utf-8")


def _values(text: str) -> dict[str, dict[str, object]]:
    exported = report_to_dict(parse_bytes(text.encode("utf-8"), "x.txt"))["tables"]
    return {table: {k: c["value"] for k, c in body["cells"].items()}
            for table, body in exported.items()}


def _one_line(text: str) -> str:
    return " ".join(line.replace("\t", " ") for line in text.split("\n"))


def test_a_whole_report_on_one_line_reads_like_the_original() -> None:
    assert _values(_one_line(SEED_004)) == _values(SEED_004)


def test_glued_cells_with_one_digit_each_are_split() -> None:
    text = (_one_line(SEED_004)
            .replace("规范性文件 2 2 2", "规范性文件222")
            .replace("一、本年新收政府信息公开申请数量  0 3 1 0 0 0 4",
                     "一、本年新收政府信息公开申请数量0310004"))
    assert _values(text) == _values(SEED_004)


def test_glued_cells_are_split_by_the_row_identity_or_not_at_all() -> None:
    text = _one_line(SEED_004).replace(
        "一、本年新收政府信息公开申请数量  0 3 1 0 0 0 4", "一、本年新收政府信息公开申请数量012001012")
    report = parse_bytes(text.encode("utf-8"), "x.txt")
    row = next(r for r in report.tables["applications"].rows if r.id == "new_received")
    # 0+12+0+0+1+0 = 12 is the only cut where the total is the sum of the columns... or not:
    assert row.glued == "012001012"
    for option in row.candidates:
        parts = [int(p) for p in option.split("|")]
        assert parts[-1] == sum(parts[:-1])
    assert row.assigned == (len(row.candidates) == 1)
    cells = report.tables["applications"].cells
    assert ("new_received.total" in cells) == row.assigned


def test_ambiguous_glued_item_is_left_unread_with_its_candidates() -> None:
    text = _one_line(SEED_004).replace("行政许可 1 0 0", "行政许可12100")
    report = parse_bytes(text.encode("utf-8"), "x.txt")
    row = next(r for r in report.tables["active_disclosure"].rows if r.id == "licensing")
    assert not row.assigned
    assert "1|2|100" in row.candidates
    assert "licensing.prev_count" not in report.tables["active_disclosure"].cells


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_fixed_width_blank_cells_are_placed_by_column() -> None:
    out = []
    for line in SEED_002.split("\n"):
        match = re.match(r"^(\S.*?) ((?:0 ){6}0)$", line)
        if not match:
            out.append(line)
            continue
        values = ["0"] * 7
        if "本年新收" in line:
            values = ["3", "", "1", "", "", "", "4"]
        label = match.group(1)
        out.append(label + " " * (60 - _width(label)) + "".join(v.rjust(8) for v in values))
    got = _values("\n".join(out))["applications"]
    assert [got[f"new_received.{c}"] for c in ("natural_person", "commercial", "research",
                                               "social_welfare", "legal_service", "other_org",
                                               "total")] == [3, None, 1, None, None, None, 4]
    assert got["carried_over.total"] == 0


def test_glued_cells_are_explained_not_guessed() -> None:
    from nianbao.parser.rules.checker import check_report

    text = _one_line(SEED_004).replace("行政许可 1 0 0", "行政许可12100")
    findings = [f for f in check_report(parse_bytes(text.encode("utf-8"), "x.txt"))
                if f.code == "S007"]
    assert len(findings) == 1
    assert "run together as 12100" in findings[0].message
    assert "1|2|100" in findings[0].message
    assert findings[0].message.startswith("row 行政许可 ")


def test_an_amount_with_its_unit_goes_to_the_amount_field() -> None:
    text = SEED_004.replace("政府集中采购\t4\t21.83 万元\t", "政府集中采购\t21.83 万元\t")
    got = _values(text)["active_disclosure"]
    assert got["procurement.amount"] == 21.83
    assert "procurement.count" not in got


def test_control_heavy_bytes_are_not_a_report() -> None:
    import pytest

    from nianbao.parser.errors import ReportError

    with pytest.raises(ReportError):
        parse_bytes(bytes(range(32)) * 100 + b"abc", "x.txt")


def test_source_lines_count_physical_lines() -> None:
    from nianbao.parser.reading.positions import LineIndex

    for text in ("规章 0 0 0 " * 1000, SEED_004, SEED_004.replace("\n", "\r\n"),
                 SEED_004.replace("\n", "\r") + "\r", ""):
        data = text.encode("utf-8") or b" "
        report = parse_bytes(data, "x.txt")
        assert report.source.lines == LineIndex(report.text).line_count


T4_HEAD = ("某某局2021年政府信息公开工作年度报告\n一、总体情况\n本机关……\n"
           "四、政府信息公开行政复议、行政诉讼情况\n"
           "\t\t行政复议\t\t\t\t行政诉讼\n"
           "\t\t\t\t\t\t未经复议直接起诉 复议后起诉\n"
           "结\t结\t其\t尚\t\t\t\n果\t果\t他\t未\t总\t结\t结\n"
           "维\t纠\t结\t审\t计\t果\t果 其他 尚未 结果 结果 其他 尚未总计 总计\n")
T4_TAIL = "五、存在的主要问题及改进情况\n问题。\n"


def _table4(row: str) -> dict[str, object]:
    return _values(T4_HEAD + row + "\n" + T4_TAIL)["review_litigation"]


def test_table4_numbers_parted_by_spaces_under_a_tab_header_are_its_row() -> None:
    # An unruled PDF's table 4: its header's cells parted by TABs, its fifteen numbers
    # too close together for a column gap, so parted by spaces on one line.
    got = _table4("0 20 0 0 20 0 0 0 0 0 0 0 16 0 16")
    assert [got[k] for k in ("review.corrected", "review.total", "litigation_after_review.other",
                             "litigation_after_review.total")] == [20, 20, 16, 16]
    assert len(got) == 15


def test_table4_numbers_parted_by_spaces_are_not_placed_when_some_are_missing() -> None:
    # Fourteen numbers: a blank cell spaces cannot show — which one is unknown.
    assert _table4("0 20 0 0 20 0 0 0 0 0 0 16 0 16") == {}
