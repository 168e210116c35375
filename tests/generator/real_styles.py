"""Flattenings learnt from the real reports of ``tests/data/real/texts/``, with known truth.

The seed styles (``styles``) came from the five seeds; these come from real tools'
output, each named after the file it imitates:

``pdftotext``    poppler's default mode (hongze_2023_pdftotext): a table comes in
                 chunks of rows; a chunk's labels are one block of lines and its
                 numbers other blocks, column by column, one number a line; a
                 one-row chunk is its label and then its numbers; the labels may
                 follow the numbers (quirk ``labels_after``).
``layout_mid``   ``pdftotext -layout`` of cells centred vertically
                 (hongze_2023_pdftotext_layout): labels wrapped over 2–3 lines with
                 the numbers on the middle one (or on a line of their own after a
                 two-line label), merged group labels on a line of their own in the
                 middle of their rows; table 4 may come as three 5-column blocks
                 (quirk ``t4_split``).
``md_loose``     a PDF→markdown converter (shanghai_kw_2024_markdown): labels too long
                 for their column pulled out as loose lines, the value-only rows that
                 follow them bound by order; a markdown table wherever the cell count
                 changes; broken header fragments; table 2's first block detached to
                 the end as markdown (``detached_block``); table 4 as one bare row of 15
                 numbers under a 12-cell header.
``md_groups``    an OCR/LLM tool's markdown (shuyang_xzf_2025_ocr_markdown): table 3
                 split into one markdown table per row group under ``###`` headings,
                 with made-up column headers 数据1…数据6; the last rows under a wrong
                 header (``wrong_header``); value cells with notes, ``22（其中修订16件）``
                 (``value_notes``); table 4 as three 5-column tables.
``oneline``      a web archive's page (pingtan_*_oneline): a crawler's header, then the
                 whole page on one line, every table's cells glued together; a space
                 now and then after a cell (``cell_spaces``).

Quirks any of them may show: ``misspelt_labels`` (a table-3 label with a character
dropped or swapped, as 2.其他法律行政止公开; ``truth.misspelt``), ``old_other_row`` (a
template-2021 table 3 keeping template 2019's single （六）其他处理 row;
``truth.old_other_row``), ``lost_cell`` (the markdown styles: one cell written empty
by the converter; ``truth.absent``). The one-line pages' glued runs are resolved by
``readings``: cells no identity decides are ``truth.undecidable``. A style that cannot
write a blank cell writes 0 and the truth says 0, as the seed PDF styles do.
"""

from __future__ import annotations

import datetime as dt
import re

from .chars import width
from .layout import GCell, GRow, GTable
from .readings import Run
from .styles import (
    Ctx,
    Line,
    Seg,
    Style,
    _fixed_para,
    _fixed_row,
    _fixed_widths,
    _one_line,
    _pdf_para,
    _plain_heading,
    _spaced_para,
    plain,
    wrap,
)
from .truth import CellRef, Truth

# ---------------------------------------------------------------- helpers


def _row_id(row: GRow) -> str:
    ref = next(c.ref for c in row.cells if c.ref is not None)
    return ref[1].rpartition(".")[0]


def _own(row: GRow) -> str:
    labels = row.labels
    return labels[-1].text if labels else ""


def _groups_shown(row: GRow) -> list[str]:
    """Group labels a row shows (the first row of a merged group)."""
    return [c.text for c in row.labels[:-1]]


def _texts(row: GRow) -> list[str]:
    return [c.text for c in row.cells if c.text and not c.vmerge]


def _values_line(values: list[GCell], sep: str = " ") -> list[Seg]:
    segs: list[Seg] = []
    for n, cell in enumerate(values):
        if n:
            segs.append((sep, None))
        segs.append((cell.text, cell.ref))
    return segs


def _md_row(cells: list[tuple[str, CellRef | None]]) -> Line:
    segs: list[Seg] = [("|", None)]
    for text, ref in cells:
        if text:
            segs += [(" ", None), (text, ref), (" |", None)]
        else:
            segs.append(("  |", None))
    return tuple(segs)


def _md_rule(n: int, rule: str = "---") -> Line:
    return plain("|" + "|".join([rule] * n) + "|")


def _lose_cell(table: GTable, ctx: Ctx) -> CellRef | None:
    """Quirk ``lost_cell``: the one table-3 cell a converter drops (chosen once)."""
    if not ctx.on("lost_cell") or table.id != "applications":
        return None

    def pick() -> CellRef:
        rows = [r for r in table.rows if r.kind == "data"]
        row = ctx.rng.choice(rows)
        cell = ctx.rng.choice(row.values)
        assert cell.ref is not None
        return cell.ref

    ref = ctx.choice("lost_cell_ref", pick)
    ctx.choices.setdefault("absent", set()).add(ref)  # type: ignore[union-attr]
    return ref  # type: ignore[return-value]


# ---------------------------------------------------------------- pdftotext (default)


def _pdftotext_table(table: GTable, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    data_at = [i for i, r in enumerate(table.rows) if r.kind == "data"]
    cuts: set[int] = set()
    if table.id == "applications" and len(data_at) > 4:
        # pdftotext cuts a table where its text blocks end: a few rows, one row ...
        cuts = set(rng.sample(data_at[1:], rng.randint(2, min(6, len(data_at) - 1))))
    out: list[Line] = []
    chunk: list[GRow] = []

    def flush() -> None:
        if chunk:
            out.extend(_pdftotext_chunk(chunk, table, ctx))
            chunk.clear()

    for i, row in enumerate(table.rows):
        if row.kind == "break":
            flush()
            out += [(), plain(ctx.page_marker()), ()]
            chunk.extend(table.head)
            continue
        if i in cuts or (row.kind == "title" and any(r.kind == "data" for r in chunk)):
            flush()
        chunk.append(row)
    flush()
    return out


def _pdftotext_chunk(rows: list[GRow], table: GTable, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    out: list[Line] = []
    for row in rows:
        if row.kind in ("head", "title"):
            for text in _texts(row):
                out += [plain(text), ()] if rng.random() < 0.5 else [plain(text)]
    data = [r for r in rows if r.kind == "data"]
    if not data:
        return out
    labels: list[Line] = []
    for row in data:
        labels += [plain(g) for g in _groups_shown(row)]
        own = _own(row)
        if own:
            pieces = wrap(own, rng.randint(16, 24)) if len(own) > 18 else [own]
            labels += [plain(p) for p in pieces]
    after = ctx.on("labels_after") and rng.random() < 0.4
    numbers: list[Line] = []
    if len(data) == 1:
        for cell in data[0].values:
            numbers += [((cell.text, cell.ref),), ()]
        if table.id == "review_litigation" and rng.random() < 0.5:
            # hongze: the last column's header 总计 shows up before its number
            numbers[-2:-2] = [plain("总计"), ()]
    else:
        columns = len(data[0].values)
        assert all(len(r.values) == columns for r in data)
        for j in range(columns):
            numbers += [((r.values[j].text, r.values[j].ref),) for r in data]
            numbers.append(())
    if after:
        return [*out, *numbers, *labels, ()]
    return [*out, *labels, (), *numbers]


# ---------------------------------------------------------------- pdftotext -layout, centred


def _layout_mid_table(table: GTable, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    gap = int(ctx.choice("mid_gap", lambda: rng.randint(2, 5)))  # type: ignore[call-overload]
    cap = int(ctx.choice("mid_cap", lambda: rng.choice((14, 16, 18))))  # type: ignore[call-overload]
    if table.id == "review_litigation" and ctx.on("t4_split"):
        return _t4_blocks(table, ctx, gap)
    widths = _fixed_widths(table, cap)
    xs = [sum(widths[:j]) + gap * j for j in range(table.width)]
    groups = _merged_groups(table)
    out: list[Line] = []
    data_index = -1
    for row in table.rows:
        if row.kind == "break":
            out.append(plain(" " * (xs[-1] // 2) + ctx.page_marker()))
            heads = [line for h in table.head for line in _fixed_row(h, widths, xs, gap)]
            if ctx.on("formfeed") and heads:
                heads[0] = (("\x0c", None), *heads[0])
            out += heads
            continue
        if row.kind != "data":
            out += _fixed_row(row, widths, xs, gap)
            out.append(())
            continue
        data_index += 1
        for text, column, middle in groups:
            if middle == data_index:
                out.append(plain(" " * xs[column] + text))
        out += _mid_row(row, widths, xs, gap, ctx)
    return out


def _merged_groups(table: GTable) -> list[tuple[str, int, int]]:
    """(label, grid column, data-row index it is printed before) of every group label
    that spans rows: vertically centred, it lands in the middle of its rows."""
    found: list[tuple[str, int, int, int]] = []  # text, column, first, count
    open_at: dict[int, int] = {}
    index = -1
    for row in table.rows:
        if row.kind != "data":
            continue
        index += 1
        labels = [c for c in row.cells if c.kind == "label"]
        column = 0
        for cell in labels[:-1]:
            if cell.vmerge and column in open_at:
                text, col, first, count = found[open_at[column]]
                found[open_at[column]] = (text, col, first, count + 1)
            elif cell.text:
                open_at[column] = len(found)
                found.append((cell.text, column, index, 1))
            column += cell.span
    return [(text, col, first + count // 2) for text, col, first, count in found]


def _mid_row(row: GRow, widths: list[int], xs: list[int], gap: int, ctx: Ctx) -> list[Line]:
    labels = [c for c in row.cells if c.kind == "label"]
    own = labels[-1] if labels else None
    column = sum(c.span for c in labels[:-1])
    pieces: list[str] = []
    if own is not None and own.text:
        box = sum(widths[column:column + own.span]) + gap * (own.span - 1)
        pieces = wrap(own.text, box, by_width=True)
    values: list[tuple[int, str, CellRef | None]] = []
    j = 0
    for cell in row.cells:
        if cell.kind == "value" and cell.text:
            box = sum(widths[j:j + cell.span]) + gap * (cell.span - 1)
            values.append((xs[j] + max(0, (box - width(cell.text)) // 2), cell.text, cell.ref))
        j += cell.span
    x_label = xs[column]
    height = max(1, len(pieces))
    if height % 2:
        at, extra = height // 2, False
    else:  # two lines: pdftotext puts the numbers between or after them
        after = bool(ctx.choice("mid_even_after", lambda: ctx.rng.random() < 0.5))
        at, extra = (height if after else height // 2), True
    lines: list[list[tuple[int, str, CellRef | None]]] = [[(x_label, p, None)] for p in pieces]
    if not lines:
        lines = [[]]
    if extra:
        lines.insert(at, [])
    lines[at] = lines[at] + values
    return [_place(line) for line in lines]


def _place(items: list[tuple[int, str, CellRef | None]]) -> Line:
    segs: list[Seg] = []
    at = 0
    for x, text, ref in sorted(items, key=lambda item: item[0]):
        x = max(x, at + 1) if at else x
        segs.append((" " * (x - at), None))
        segs.append((text, ref))
        at = x + width(text)
    return tuple(s for s in segs if s[0])


_T4_TITLES = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
_T4_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _t4_blocks(table: GTable, ctx: Ctx, gap: int) -> list[Line]:
    """Table 4 as three 5-column tables, one per group (quirk ``t4_split``)."""
    values = next(r for r in table.rows if r.kind == "data").values
    step = max(width(h) for h in _T4_HEADS) + gap
    out: list[Line] = []
    for g, title in enumerate(_T4_TITLES):
        out += [plain(title), plain("".join(h.ljust(step - width(h) + len(h)) for h in _T4_HEADS))]
        items = [(k * step + 2, c.text, c.ref) for k, c in enumerate(values[5 * g:5 * g + 5])]
        out += [_place(items), ()]
    return out


# ---------------------------------------------------------------- converter markdown, loose labels


def _md_loose_table(table: GTable, ctx: Ctx) -> list[Line]:
    if table.id == "active_disclosure":
        return _md_loose_table2(table, ctx)
    if table.id == "review_litigation":
        return _md_loose_table4(table)
    return _md_loose_table3(table, ctx)


def _md_loose_table2(table: GTable, ctx: Ctx) -> list[Line]:
    out: list[Line] = []
    detached: list[Line] = []
    detach = ctx.on("detached_block")
    block = -1
    for row in table.rows:
        if row.kind == "title":
            block += 1
            out.append(plain(_texts(row)[0]))
            continue
        target = detached if detach and block == 0 else out
        if row.kind == "head":
            if target is detached:
                target += [_md_row([(t, None) for t in _texts(row)]),
                           _md_rule(len(_texts(row)))]
            else:
                target.append(plain("".join(_texts(row))))
        elif row.kind == "data":
            values = [c for c in row.values if c.text]
            if target is detached:
                target.append(_md_row([(_own(row), None), *((c.text, c.ref) for c in values)]))
            else:
                target.append(((_own(row) + " ", None), *_values_line(values)))
    if detached:
        out += [plain("## 表二：主动公开政府信息情况"), *detached, ()]
    return out


def _md_loose_table3(table: GTable, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    lost = _lose_cell(table, ctx)
    cap = int(ctx.choice("loose_cap", lambda: rng.choice((10, 11, 12))))  # type: ignore[call-overload]
    heads = table.head[2].cells[1:-1] if len(table.head) > 2 else ()
    short = [h.text[:3] for h in heads if h.text]
    out: list[Line] = [plain("申请人情况"), plain("（本列数据的勾稽关系为：第一项加第二项法人或其他组织"),
                       plain("之和，等于第三项加第四项之和）"), plain("自然人总计"),
                       plain("".join(s for s in short if s != "其他")), plain("其他"),
                       plain("## 表三：收到和处理政府信息公开申请情况")]
    rest = [h.text[3:] for h in heads if h.text and h.text[3:]]
    header = [*rest, *[""] * (9 - len(rest))]
    out += [_md_row([(t, None) for t in header]), _md_rule(len(header))]
    # Rows whose label fits stay in the table; the others lose it to loose lines
    # that come before the run of value-only rows they belong to.
    kind_of = {}
    for row in table.rows:
        if row.kind == "data":
            # a label spanning two or three grid columns has that much more room
            span = row.labels[-1].span if row.labels else 1
            kind_of[id(row)] = "values" if len(_own(row)) > cap * span else "label"
    runs: list[list[GRow]] = []
    for row in table.rows:
        if row.kind != "data":
            continue
        if runs and kind_of[id(runs[-1][-1])] == kind_of[id(row)] and rng.random() < 0.8:
            runs[-1].append(row)
        else:
            runs.append([row])
    for run in runs:
        loose: list[Line] = []
        for row in run:
            for group in _groups_shown(row):
                loose += [plain(p) for p in wrap(group, rng.randint(3, 5))]
            if kind_of[id(row)] == "values":
                loose += [plain(p) for p in wrap(_own(row), cap)]
        if loose:
            out += [(), *loose]
        out.append(())
        for n, row in enumerate(run):
            cells = [("" if c.ref == lost else c.text, c.ref if c.ref != lost else None)
                     for c in row.values]
            if kind_of[id(row)] == "label":
                cells = [(_own(row), None), *cells]
            out.append(_md_row(cells))
            if n == 0:
                out.append(_md_rule(len(cells)))
    out.append(())
    return out


def _md_loose_table4(table: GTable) -> list[Line]:
    values = next(r for r in table.rows if r.kind == "data").values
    return [plain("行政复议行政诉讼"), plain("未经复议直接起诉复议后起诉"), plain("结果结果其他尚未"),
            plain("总计"), plain("总计总计"), plain("维持纠正结果审结维持纠正结果审结"),
            _md_row([(t, None) for t in ("维持", "纠正", "结果", "审结", "结果", "结果", "其他",
                                         "尚未", "结果", "结果", "其他", "尚未")]),
            _md_rule(12), _md_row([(c.text, c.ref) for c in values]), _md_rule(15), ()]


def _wrapped_para(text: str, ctx: Ctx) -> list[Line]:
    return _pdf_para(text, ctx) + [()]


# ---------------------------------------------------------------- OCR markdown, a table per group


_DATA_HEAD = ("类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计")
_WRONG_HEAD = ("项目", "本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开",
               "结转下年度", "总计")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "，": ", "})
_PREFIX = re.compile(r"^(?:[（(][一二三四五六七][）)]|[一二三四]、)")


def _ocr(label: str) -> str:
    """xzf's OCR writes (一) with ASCII brackets and a space, 1. 属于 with a space."""
    text = label.translate(_BRACKETS)
    text = re.sub(r"^\(([一二三四五六七])\)", r"(\1) ", text)
    return re.sub(r"^(\d+)\.", r"\1. ", text)


def _md_groups_table(table: GTable, ctx: Ctx) -> list[Line]:
    if table.id == "active_disclosure":
        return _md_groups_table2(table, ctx)
    if table.id == "review_litigation":
        values = next(r for r in table.rows if r.kind == "data").values
        out: list[Line] = []
        for g, title in enumerate(_T4_TITLES):
            out += [plain("### " + title), _md_row([(h, None) for h in _T4_HEADS]),
                    plain("|" + "|".join("-" * 10 for _ in _T4_HEADS) + "|"),
                    _md_row([(c.text, c.ref) for c in values[5 * g:5 * g + 5]]), ()]
        return out
    return _md_groups_table3(table, ctx)


def _md_groups_table2(table: GTable, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    out: list[Line] = []
    for row in table.rows:
        if row.kind == "title":
            out += [(), plain("### " + _texts(row)[0])]
        elif row.kind == "head":
            texts = _texts(row)
            out += [_md_row([(t, None) for t in texts]), _md_rule(len(texts))]
        elif row.kind == "data":
            cells: list[Seg] = [("|", None), (" " + _own(row) + " |", None)]
            for cell in row.values:
                if not cell.text:
                    continue
                cells += [(" ", None), (cell.text, cell.ref)]
                number = cell.text
                if ctx.on("value_notes") and number.isdigit() and int(number) >= 2 \
                        and cell.ref is not None and cell.ref[1].startswith(
                            ("regulations.", "normative_documents.")) and rng.random() < 0.5:
                    # xzf-style notes inside a cell: 22（其中修订16件）
                    cells.append((f"（其中修订{rng.randint(1, int(number) - 1)}件）", None))
                cells.append((" |", None))
            out.append(tuple(cells))
    return [*out, ()]


def _group_key(row_id: str) -> str:
    return row_id.split(".")[0]


def _md_groups_table3(table: GTable, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    lost = _lose_cell(table, ctx)
    rows = [r for r in table.rows if r.kind == "data"]
    out: list[Line] = [plain("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"), ()]
    for title, heads in (("自然人", ("(数据项目)", "数量")),
                         ("法人或其他组织", ("商业企业", "科研机构", "社会公益", "法律服务机构", "其他")),
                         ("总计", ("(数据项目)", "数量"))):
        out += [plain(f"### 申请人情况 ({title})"), _md_row([(h, None) for h in heads]),
                _md_rule(len(heads)), _md_row([("-", None)] * len(heads)), ()]
    wrong = rng.randint(2, 4) if ctx.on("wrong_header") else 0
    body, tail = rows[:len(rows) - wrong], rows[len(rows) - wrong:]
    group_label: dict[str, str] = {}
    for row in rows:
        for group in _groups_shown(row):
            if not group.startswith("三"):
                group_label[_group_key(_row_id(row))] = group

    def cells_of(row: GRow, label: str) -> Line:
        return _md_row([(label, None), *(("", None) if c.ref == lost else (c.text, c.ref)
                                          for c in row.values)])

    groups: list[list[GRow]] = []
    for row in body:
        if groups and "." in _row_id(row) and \
                _group_key(_row_id(groups[-1][0])) == _group_key(_row_id(row)):
            groups[-1].append(row)
        else:
            groups.append([row])
    for members in groups:
        first = _row_id(members[0])
        if first == "granted":
            out += [plain("### 三、本年度办理结果"), ()]
        if "." in first:  # a group of numbered sub-rows, under the group's heading
            heading = _ocr(group_label[_group_key(first)])
            labels = [_ocr(_own(m)) for m in members]
        else:
            heading = _ocr(_own(members[0]))
            labels = [_ocr(_PREFIX.sub("", _own(members[0])))]
        out += [plain("### " + heading), _md_row([(h, None) for h in _DATA_HEAD]),
                _md_rule(len(_DATA_HEAD))]
        out += [cells_of(m, label) for m, label in zip(members, labels, strict=True)]
        out.append(())
    if tail:  # xzf: the last rows under a header that belongs to no row of table 3
        out += [_md_row([(h, None) for h in _WRONG_HEAD]), _md_rule(len(_WRONG_HEAD))]
        out += [cells_of(row, _own(row)) for row in tail]
        out.append(())
    return out


def _md_groups_heading(text: str, ctx: Ctx) -> list[Line]:
    return [plain("## " + text), ()]


# ---------------------------------------------------------------- one-line pages


def _oneline_table(table: GTable, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    def space_rate() -> float:  # pingtan 2019: "230 000023", a space after some cells
        return rng.choice((0.15, 0.3)) if ctx.on("cell_spaces") else 0.0

    rate = float(ctx.choice("space_rate", space_rate))  # type: ignore[arg-type]
    runs: list[Run] = ctx.choices.setdefault("glued_runs", [])  # type: ignore[assignment]
    out: list[Line] = []
    for row in table.rows:
        if row.kind in ("title", "head"):
            out.append(plain("".join(_texts(row))))
            continue
        if row.kind != "data":
            continue  # a web page has no page breaks
        segs: list[Seg] = [("".join(c.text for c in row.labels), None)]
        values = [c for c in row.values if c.text]
        spaced = []
        for cell in values:
            segs.append((cell.text, cell.ref))
            space = rng.random() < rate
            spaced.append(space)
            if space:
                segs.append((" ", None))
        out.append(tuple(s for s in segs if s[0]))
        row_key = "review" if table.id == "review_litigation" else _row_id(row)
        runs.append(Run(table.id, row_key, tuple(c.ref for c in values),  # type: ignore[misc]
                        tuple(c.text for c in values), tuple(spaced)))
    return out


def _oneline_finish(lines: list[Line], truth: Truth, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    body: list[Seg] = []
    for line in lines:
        if not line or not any(text.strip() for text, _ in line):
            continue
        if body and rng.random() < 0.25:
            body.append((" ", None))
        body.extend(line)
    title = str(ctx.choices.get("running_title", ""))
    agency = truth.agency
    crawl = dt.datetime(truth.year + rng.randint(2, 6), rng.randint(1, 12), rng.randint(1, 28),
                        rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
    pub = truth.published
    # The crawl's own date is a trap for a date reader; a page offers it only beside a
    # publication date (发布时间 or the signature), so the truth stays the page's.
    forms = ["archive"] + (["cms", "glued"] if pub is not None else [])
    form = rng.choice(forms)
    site = f"www.{rng.choice(('gov', 'zwgk', 'xxgk'))}{rng.randint(10, 99)}.gov.cn"
    if form == "archive":  # pingtan: the archive's own header, then the page
        stamp = f"{pub.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}" if pub else ""
        header = [f"标题: {title}", f"发布时间: {stamp}", "文号: ",
                  f"发布机构: {agency.department if rng.random() < 0.5 else ''}",
                  "栏目: 政府信息公开年报",
                  f"原文链接: https://{site}/zwgk/zfxxgknb/t{crawl:%Y%m%d}_{rng.randint(10000, 99999)}.htm",
                  f"本地目录: zwgk/zfxxgknb/{crawl:%Y%m}/{title}", "页面链接与图片详见 links.tsv(同目录)",
                  "==================== 正文 ===================="]
        if pub is None:
            header.remove("发布时间: ")
        return [*(plain(h) for h in header), tuple(body)]
    if form == "cms":  # shuyang_fgj: the crawler's fields, then the page's own chrome
        weekday = "一二三四五六日"[crawl.weekday()]
        header = [f"标题：{title}-{agency.department}", f"单位：{agency.department}",
                  f"来源：http://{site}/xxgk/{crawl:%Y%m}/{rng.randint(10**8, 10**9)}.shtml",
                  f"采集时间：{crawl:%Y-%m-%dT%H:%M:%S}+08:00",
                  f"{crawl.year}年{crawl.month}月{crawl.day}日\t星期{weekday}", "首页", "政务公开"]
        return [*(plain(h) for h in header), tuple(body)]
    # everything on the one line: the crawler's labels, then the page
    head = (f"标题：{title} 日期:{crawl:%Y-%m-%d} 时间:{crawl:%H:%M:%S} "
            f"来源:{site} ")
    return [((head, None), *body)]


# ---------------------------------------------------------------- the styles

_REAL_COMMON = {
    "spaced_labels": 0.2, "aliases": 0.3, "amount_units": 0.5, "narrative_after_table": 0.3,
    "subheading_trap": 0.2, "misspelt_labels": 0.3, "old_other_row": 0.3,
}

REAL_STYLES: dict[str, Style] = {
    s.name: s for s in (
        Style("pdftotext", False, _pdftotext_table, _pdf_para, _plain_heading,
              {**_REAL_COMMON, "page_break": 0.3, "labels_after": 0.5, "chrome": 0.1}),
        Style("layout_mid", False, _layout_mid_table, _fixed_para, _plain_heading,
              {**_REAL_COMMON, "page_break": 0.3, "formfeed": 0.5, "t4_split": 0.4}),
        Style("md_loose", False, _md_loose_table, _wrapped_para, _plain_heading,
              {**_REAL_COMMON, "spaced_labels": 0.0, "lost_cell": 0.5, "detached_block": 0.5}),
        Style("md_groups", False, _md_groups_table, _spaced_para, _md_groups_heading,
              {**_REAL_COMMON, "spaced_labels": 0.0, "lost_cell": 0.4, "wrong_header": 0.6,
               "value_notes": 0.5}),
        Style("oneline", False, _oneline_table, _one_line, _plain_heading,
              {**_REAL_COMMON, "spaced_labels": 0.1, "page_break": 0.3, "cell_spaces": 0.4},
              finish=_oneline_finish),
    )
}
REAL_STYLE_NAMES: tuple[str, ...] = tuple(REAL_STYLES)

