"""A two-page 2021-template report drawn as WPS exports them, with its true values.

Page 1: title, section 一 (a paragraph wrapped over three lines), table 二 ruled,
and table 三 up to the middle of its （三）不予公开 rows. Page 2: the rest of table
三 — continued without a top rule over the label columns, its row labels
三、本年度办理结果 and （三）不予公开 continuing as empty cells, and the first new
row's label cell missing its top rule too — then table 四 drawn without lines
(columns by alignment), and sections 五 and 六. A page number sits at the foot
of each page, between the two halves of table 三 in reading order.
"""

from __future__ import annotations

from tests.reading.pdf_drawing import CellSpec, Sheet

APPLICATION_COLUMNS = ("natural_person", "commercial", "research", "social_welfare",
                       "legal_service", "other_org", "total")

# (row id, label cells: (col, cols, text)); a label cell of None continues a
# row-spanning cell above.
_RESULT_ROWS: list[tuple[str, str | None, str | None, str]] = [
    # (row id, 三、 column text or None, group column text or None, own label)
    ("granted", "三、本年度办理结果", None, "（一）予以公开"),
    ("partially_granted", None, None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", None, "（三）不予公开", "1.属于国家秘密"),
    ("denied.law_prohibited", None, None, "2.其他法律行政法规禁止公开"),
    ("denied.security_stability", None, None, "3.危及“三安全一稳定”"),
    ("denied.third_party", None, None, "4.保护第三方合法权益"),
    ("denied.internal_affairs", None, None, "5.属于三类内部事务信息"),
    ("denied.process_info", None, None, "6.属于四类过程性信息"),
    ("denied.enforcement_case", None, None, "7.属于行政执法案卷"),
    ("denied.query_matter", None, None, "8.属于行政查询事项"),
    ("unavailable.not_held", None, "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", None, None, "2.没有现成信息需要另行制作"),
    ("unavailable.still_unclear", None, None, "3.补正后申请内容仍不明确"),
    ("not_processed.petition", None, "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed.duplicate", None, None, "2.重复申请"),
    ("not_processed.publication", None, None, "3.要求提供公开出版物"),
    ("not_processed.excessive", None, None, "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", None, None, "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", None, "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.no_fee", None, None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", None, None, "3.其他"),
    ("total", None, None, "（七）总计"),
]
_GROUP_ROWS = {"（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}


def _values() -> dict[str, tuple[int | None, ...]]:
    """True values of table 三: identities hold; some cells blank (None)."""
    rows: dict[str, tuple[int | None, ...]] = {
        "new_received": (21, 2, 0, None, 0, 1, 24),
        "carried_over": (1, 0, 0, 0, 0, 0, 1),
        "granted": (5, 1, 0, 0, 0, 0, 6),
        "partially_granted": (4, 0, 0, 0, 0, 0, 4),
        "denied.state_secret": (1, 0, 0, 0, 0, 0, 1),
        "denied.law_prohibited": (0, 0, 0, 0, 0, 0, 0),
        "denied.security_stability": (0, None, 0, 0, 0, 0, 0),
        "denied.third_party": (1, 0, 0, 0, 0, 0, 1),
        "denied.internal_affairs": (0, 0, 0, 0, 0, 0, 0),
        "denied.process_info": (2, 0, 0, 0, 0, 1, 3),
        "denied.enforcement_case": (0, 0, 0, 0, 0, 0, 0),
        "denied.query_matter": (0, 0, 0, 0, 0, 0, 0),
        "unavailable.not_held": (6, 1, 0, 0, 0, 0, 7),
        "unavailable.needs_creation": (1, 0, 0, 0, 0, 0, 1),
        "unavailable.still_unclear": (0, 0, 0, 0, 0, 0, 0),
        "not_processed.petition": (1, 0, 0, 0, 0, 0, 1),
        "not_processed.duplicate": (0, 0, 0, 0, 0, 0, 0),
        "not_processed.publication": (0, 0, 0, 0, 0, 0, 0),
        "not_processed.excessive": (0, 0, 0, 0, 0, 0, 0),
        "not_processed.confirmation": (0, 0, 0, 0, 0, 0, 0),
        "other.no_correction": (0, 0, 0, 0, 0, 0, 0),
        "other.no_fee": (0, 0, 0, 0, 0, 0, 0),
        "other.other": (0, 0, 0, 0, 0, 0, 0),
        "total": (21, 2, 0, 0, 0, 1, 24),
        "carried_forward": (1, 0, 0, 0, 0, 0, 1),
    }
    return rows


APPLICATIONS = _values()
ACTIVE = {"regulations.issued": 0, "regulations.repealed": 1, "regulations.in_force": 3,
          "normative_documents.issued": 2, "normative_documents.repealed": 0,
          "normative_documents.in_force": 17, "licensing.decisions": 350,
          "penalty.decisions": 1204, "enforcement.decisions": 8, "fees.amount": 12.5}
REVIEW = (10, 1, 0, 0, 11, 2, 0, 0, 1, 3, 5, 0, 0, 0, 5)
REVIEW_GROUPS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_FIELDS = ("upheld", "corrected", "other", "pending", "total")

PARAGRAPH = [
    "本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统",
    "计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与本区政",
    "府办公室联系。",
]
PARAGRAPH_TEXT = "".join(PARAGRAPH)


def truth() -> dict[str, dict[str, object]]:
    """The expected export cells: table id → cell id → value (None for blank)."""
    applications = {f"{row}.{col}": value for row, values in APPLICATIONS.items()
                    for col, value in zip(APPLICATION_COLUMNS, values, strict=True)}
    review = {f"{g}.{f}": REVIEW[i * 5 + j] for i, g in enumerate(REVIEW_GROUPS)
              for j, f in enumerate(REVIEW_FIELDS)}
    return {"active_disclosure": dict(ACTIVE), "applications": applications,
            "review_litigation": review}


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def _table2(sheet: Sheet, top: float) -> float:
    widths = [150.0, 100.0, 100.0, 100.0]
    spec: list[CellSpec] = []
    row = 0

    def head(text: str) -> None:
        nonlocal row
        spec.append(CellSpec(row, 0, text, cols=4))
        row += 1

    def line(*cells: str) -> None:
        nonlocal row
        if len(cells) == 2:
            spec.extend([CellSpec(row, 0, cells[0]), CellSpec(row, 1, cells[1], cols=3)])
        else:
            spec.extend(CellSpec(row, c, t) for c, t in enumerate(cells))
        row += 1

    a = ACTIVE
    head("第二十条第（一）项")
    line("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
    line("规章", str(a["regulations.issued"]), str(a["regulations.repealed"]),
         str(a["regulations.in_force"]))
    line("行政规范性文件", str(a["normative_documents.issued"]),
         str(a["normative_documents.repealed"]), str(a["normative_documents.in_force"]))
    head("第二十条第（五）项")
    line("信息内容", "本年处理决定数量")
    line("行政许可", str(a["licensing.decisions"]))
    head("第二十条第（六）项")
    line("信息内容", "本年处理决定数量")
    line("行政处罚", str(a["penalty.decisions"]))
    line("行政强制", str(a["enforcement.decisions"]))
    head("第二十条第（八）项")
    line("信息内容", "本年收费金额（单位：万元）")
    line("行政事业性收费", str(a["fees.amount"]))
    heights = [18.0] * row
    sheet.grid(72, top, widths, heights, spec)
    return top + sum(heights)


def _table3_rows() -> list[tuple[float, list[tuple[int, int, int, str]]]]:
    """Rows of table 三 as (height, [(col, cols, rows, text)]) in grid order."""
    rows: list[tuple[float, list[tuple[int, int, int, str]]]] = []
    header = "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）"
    rows.append((18.0, [(0, 3, 3, header), (3, 7, 1, "申请人情况")]))
    rows.append((18.0, [(3, 1, 2, "自然人"), (4, 5, 1, "法人或其他组织"), (9, 1, 2, "总计")]))
    rows.append((36.0, [(4, 1, 1, "商业\n企业"), (5, 1, 1, "科研\n机构"), (6, 1, 1, "社会\n公益\n组织"),
                        (7, 1, 1, "法律\n服务\n机构"), (8, 1, 1, "其他")]))
    for row_id, label in (("new_received", "一、本年新收政府信息公开申请数量"),
                          ("carried_over", "二、上年结转政府信息公开申请数量")):
        values = [(3 + i, 1, 1, _text(v)) for i, v in enumerate(APPLICATIONS[row_id])]
        rows.append((18.0, [(0, 3, 1, label), *values]))
    for row_id, first, group, label in _RESULT_ROWS:
        cells: list[tuple[int, int, int, str]] = []
        if first is not None:
            cells.append((0, 1, len(_RESULT_ROWS), "\n".join(first)))
        if group is not None:
            cells.append((1, 1, _GROUP_ROWS[group], group))
            cells.append((2, 1, 1, label))
        elif row_id in ("granted", "partially_granted", "total"):
            cells.append((1, 2, 1, label))
        else:
            cells.append((2, 1, 1, label))
        width = 206.0 if row_id in ("granted", "partially_granted", "total") else 130.0
        lines = -(-len(label) // _per_line(width))
        cells.extend((3 + i, 1, 1, _text(v)) for i, v in enumerate(APPLICATIONS[row_id]))
        rows.append((max(18.0, 12.0 * lines + 6), cells))
    values = [(3 + i, 1, 1, _text(v)) for i, v in enumerate(APPLICATIONS["carried_forward"])]
    rows.append((18.0, [(0, 3, 1, "四、结转下年度继续办理"), *values]))
    return rows


def _per_line(width: float, size: float = 9.0) -> int:
    return int((width - 30) // size)


def _wrap(label: str, width: float) -> str:
    step = _per_line(width)
    return "\n".join(label[i:i + step] for i in range(0, len(label), step))


def _draw_table3(sheet: Sheet, top: float, split: int) -> float:
    """Rows before ``split`` on this page, the rest on the next; returns the bottom."""
    widths = [26.0, 76.0, 130.0, 34.0, 34.0, 34.0, 34.0, 34.0, 34.0, 34.0]
    rows = _table3_rows()
    heights = [h for h, _ in rows]
    first: list[CellSpec] = []
    second: list[CellSpec] = []
    continued: list[int] = []
    for index, (_, cells) in enumerate(rows):
        for col, cols, span, text in cells:
            box = sum(widths[col:col + cols])
            text = _wrap(text, box) if col < 3 and "\n" not in text else text
            if index < split:
                upper = min(span, split - index)
                first.append(CellSpec(index, col, text, upper, cols))
                if index + span > split:
                    second.append(CellSpec(0, col, "", index + span - split, cols))
                    continued.append(col)
            else:
                second.append(CellSpec(index - split, col, text, span, cols))
    sheet.grid(60, top, widths, heights[:split], first)
    sheet.text(280, 800, "- 1 -", size=10)
    sheet.new_page()
    # The continuation lacks its top rule over the continued cells, and over the
    # first new row's own label cell too (as WPS draws it).
    sheet.grid(60, 72, widths, heights[split:], second, open_top=[*continued, 2])
    return 72 + sum(heights[split:])


def _table4_unruled(sheet: Sheet, top: float) -> float:
    x0, width, size = 60.0, 32.0, 9.0
    cols = [(x0 + i * width, x0 + (i + 1) * width) for i in range(15)]

    def over(first: int, last: int, row_top: float, text: str) -> None:
        sheet.centred(cols[first][0], cols[last][1], row_top, text, size)

    over(0, 4, top, "行政复议")
    over(5, 14, top, "行政诉讼")
    over(5, 9, top + 14, "未经复议直接起诉")
    over(10, 14, top + 14, "复议后起诉")
    upper = ("结果", "结果", "其他", "尚未", "总计")
    lower = ("维持", "纠正", "结果", "审结", "")
    for group in range(3):
        for i in range(5):
            over(group * 5 + i, group * 5 + i, top + 28, upper[i])
            if lower[i]:
                over(group * 5 + i, group * 5 + i, top + 42, lower[i])
    for i, value in enumerate(REVIEW):
        over(i, i, top + 56, str(value))
    return top + 70


def build() -> tuple[bytes, Sheet]:
    sheet = Sheet()
    sheet.centred(72, 523, 72, "某某区人民政府", size=16)
    sheet.centred(72, 523, 96, "2023年政府信息公开工作年度报告", size=16)
    sheet.text(72, 130, "一、总体情况")
    sheet.justified(96, 523, 150, PARAGRAPH[0])
    sheet.justified(72, 523, 170, PARAGRAPH[1])
    sheet.text(72, 190, PARAGRAPH[2])
    sheet.text(72, 214, "二、主动公开政府信息情况")
    bottom = _table2(sheet, 234)
    sheet.text(72, bottom + 12, "三、收到和处理政府信息公开申请情况")
    bottom = _draw_table3(sheet, bottom + 32, split=12)
    sheet.text(72, bottom + 14, "四、政府信息公开行政复议、行政诉讼情况")
    bottom = _table4_unruled(sheet, bottom + 36)
    sheet.text(72, bottom + 14, "五、存在的主要问题及改进情况")
    sheet.text(96, bottom + 34, "公开工作仍有不足。")
    sheet.text(72, bottom + 58, "六、其他需要报告的事项")
    sheet.text(96, bottom + 78, "本年度未收取信息处理费。")
    sheet.text(280, 800, "- 2 -", size=10)
    return sheet.pdf(), sheet
