"""Tables whose labels and numbers come in separate blocks (issue 13, kind 1).

``pdftotext`` (default mode) writes a table's labels as one run of lines and its
numbers as other runs: column by column for a block of rows, one number a line for
a single row, sometimes before the labels. The grid is rebuilt from the template's
row order and the count of numbers (``parser/layout/blocks.py``).
"""

from __future__ import annotations

from decimal import Decimal

from nianbao.parser.layout.blocks import rows_from_runs
from nianbao.parser.layout.fields import Field
from tests.table_texts import (
    RAW_LABELS,
    T2,
    T3,
    T3_OLD,
    T4,
    T4_RAW,
    cells,
    codes,
    findings,
    parse,
    report_text,
    t3_cells,
    t4_cells,
)

T3_TOP = """三、收到和处理政府信息公开申请情况
申请人情况

（本列数据的勾稽关系为：第一项加第二项之和， 等
于第三项加第四项之和）

法人或其他组织
自然人

商业 科研
企业 机构

总计
"""


def blocks_table3(rows: dict[str, list[int]], chunks: list[int], *, labels_after: bool = False
                  ) -> str:
    """Table 3 the way pdftotext writes it: ``chunks`` rows at a time, a chunk's labels
    as one block and its numbers column by column (one row: a number a line)."""
    ids = list(rows)
    assert sum(chunks) == len(ids)
    out = [T3_TOP]
    at = 0
    for size in chunks:
        part = ids[at:at + size]
        at += size
        labels = "\n".join(RAW_LABELS[r] for r in part) + "\n"
        if size == 1:
            numbers = "".join(f"\n{v}\n" for v in rows[part[0]])
        else:
            numbers = "".join("\n" + "\n".join(str(rows[r][c]) for r in part) + "\n"
                              for c in range(7))
        out += [numbers, labels] if labels_after else [labels, numbers]
    return "\n".join(out) + "\n"


T2_BLOCKS = """二、主动公开政府信息情况
第二十条第（一）项
信息内容

本年制发件数

本年废止件数

现行有效件数

规章
行政规范性文件

0
1

0
0

0
5

第二十条第（五）项

信息内容

本年处理决定数量
550

行政许可

第二十条第（六）项

-2-

信息内容

本年处理决定数量

行政处罚

41

行政强制

19
第二十条第（八）项
信息内容

本年收费金额（单位：万元）
7.5

行政事业性收费

"""

T4_BLOCKS = """四、政府信息公开行政复议、行政诉讼情况
行政复议

行政诉讼
未经复议直接起诉

复议后起诉

结果
维持

尚未
总 计 结果 结果 其他
审结
维持 纠正 结果

""" + "".join(f"{v}\n\n" for v in T4[:14]) + "总计\n\n" + f"{T4[14]}\n\n"


def test_table_2_numbers_before_and_after_their_labels() -> None:
    report = parse(report_text(table2=T2_BLOCKS))
    assert cells(report, "active_disclosure") == T2


def test_table_3_rebuilt_from_blocks_of_rows_and_single_rows() -> None:
    text = report_text(table3=blocks_table3(T3, [1, 1, 2, 10, 4, 3, 2, 1, 1]))
    report = parse(text)
    assert cells(report, "applications") == t3_cells(T3)
    assert codes(report) == []


def test_table_3_labels_after_their_numbers() -> None:
    text = report_text(table3=blocks_table3(T3, [4, 6, 5, 5, 5], labels_after=True))
    assert cells(parse(text), "applications") == t3_cells(T3)


def test_table_3_with_the_old_row_in_blocks_names_its_label() -> None:
    text = report_text(table3=blocks_table3(T3_OLD, [2, 2, 8, 3, 5, 2, 1]))
    report = parse(text)
    assert cells(report, "applications") == t3_cells(T3_OLD)
    s010 = [f for f in findings(report) if f.code == "S010"]
    assert len(s010) == 1 and s010[0].start is not None
    assert report.text[s010[0].start:].startswith("（六）其他处理")


def test_table_4_with_its_last_header_between_the_numbers() -> None:
    report = parse(report_text(table4=T4_BLOCKS))
    assert cells(report, "review_litigation") == t4_cells()


def test_a_number_too_many_or_too_few_is_not_read_as_blocks() -> None:
    text = blocks_table3(T3, [1, 1, 2, 10, 4, 3, 2, 1, 1])
    lost = text.replace("\n21\n", "\n", 1)  # the first number of the table
    report = parse(report_text(table3=lost))
    got = cells(report, "applications")
    truth = t3_cells(T3)
    assert all(truth[cid] == value for cid, value in got.items()), "a wrong cell"
    assert len(got) < len(truth)


def test_raw_rows_are_not_blocks() -> None:
    report = parse(report_text(table4=T4_RAW))
    assert cells(report, "review_litigation") == t4_cells()
    assert codes(report) == []


def _runs(*lengths: int, start: int = 0) -> list[list[Field]]:
    out, n = [], start
    for length in lengths:
        out.append([Field(str(n + k), str(n + k), n + k, 1) for k in range(length)])
        n += length
    return out


def test_runs_of_k_numbers_are_columns_of_k_rows() -> None:
    rows = rows_from_runs(_runs(2, 2, 2), [3, 3])
    assert rows is not None
    assert [[f.text for f in r] for r in rows] == [["0", "2", "4"], ["1", "3", "5"]]


def test_single_numbers_fill_rows_in_order() -> None:
    rows = rows_from_runs(_runs(1, 1, 1, 1), [1, 3])
    assert rows is not None
    assert [[f.text for f in r] for r in rows] == [["0"], ["1", "2", "3"]]


def test_a_run_as_long_as_a_row_is_decided_by_the_sums_or_not_at_all() -> None:
    def field(value: int) -> Field:
        return Field(str(value), str(value), 0, 1)

    # Two rows of two cells: [1, 1] and [2, 2] row by row, or [1, 2] and [1, 2] by column.
    runs = [[field(1), field(1)], [field(2), field(2)]]
    assert rows_from_runs(runs, [2, 2]) is not None  # no check: columns first
    equal = rows_from_runs(runs, [2, 2], lambda r: r[0].text == r[1].text)
    assert equal is not None and [[f.text for f in r] for r in equal] == [["1", "1"], ["2", "2"]]
    assert rows_from_runs(runs, [2, 2], lambda r: True) is None  # a tie: neither


def test_a_count_that_does_not_fit_gives_nothing() -> None:
    assert rows_from_runs(_runs(2, 2), [3, 3]) is None
    assert rows_from_runs(_runs(1, 1, 1, 1, 1), [2, 2]) is None
    assert rows_from_runs(_runs(1, 1, 1), [2, 2]) is None


def test_values_of_the_blocks_keep_their_places() -> None:
    report = parse(report_text(table3=blocks_table3(T3, [1, 1, 2, 10, 4, 3, 2, 1, 1])))
    for cell in report.tables["applications"].cells.values():
        assert report.text[cell.start:cell.start + len(cell.raw)] == cell.raw
    assert report.tables["applications"].cells["new_received.total"].value == Decimal(24)
