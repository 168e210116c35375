"""The text as lines, each with its offsets and its normalised form.

Some extractions put a whole report on one line (a web page's table flattened
with its separators gone). Such a line is cut into virtual lines before each
heading and table label, so the rest of the parser sees rows as usual; virtual
lines are slices of the physical one, so every offset stays exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nianbao.parser.reading.normalize import NormalizedText, key_of_normalized, normalize
from nianbao.parser.template import APPLICATION_ROWS

_BREAK = re.compile(r"\r\n|\r|\n")
# Longer lines than this are looked at for run-together rows.
_LONG_LINE = 300


def _w(*words: str) -> str:
    """Words as a pattern that lets a space stand between any two characters: PDFs and
    web pages space labels out (``2.重 复申请``, ``三、本 年度办理结果``)."""
    return "|".join(r"\s?".join(re.escape(ch) for ch in word) for word in words)


def _numbered_label_starts() -> str:
    """The words after ``N.`` of table 3's numbered rows (``属于国``, ``没有现``, ``其他``).

    On a one-line page a row's cells run into the next row's number
    (``…政府信息3100000312.没有现成信息…``): a digit before ``2.没有现`` is that
    label's number, not the last digit of a cell, since cells hold no ``.``.
    """
    starts = set()
    for specs in APPLICATION_ROWS.values():
        for spec in specs:
            label = spec.label
            if len(label) > 2 and label[0].isdigit() and label[1] == ".":
                words = key_of_normalized(label[2:])
                # Two characters: a misspelt label (``其他法律行政止公开``) keeps its start.
                starts.add(f"(?:{_w(words[:2])})"
                           + (r"(?=\s*\d|\s?[法律行政])" if words.startswith("其他") else ""))
    return "|".join(sorted(starts))


_ROW_STARTS = re.compile(
    # A section heading, in the template's words or others (一、政务信息公开总体情况).
    r"(?:[一二三四五六]\s*、\s*(?=[^、。，；：]{0,16}?(?:"
    + _w("总体情况", "基本情况", "概述", "主动公开", "收到和处理", "依申请", "申请情况", "行政复议",
         "行政诉讼", "存在的主要问题", "主要问题", "改进", "其他需要报告")
    # Table 3's numbered rows by their first words, which survive a misspelt label.
    + ")|" + _w("本年", "上年", "结转") + ")"
    r"|\(\s*[一二三四五六七]\s*\)"
    r"|(?<![\d.])[1-8]\s*\.(?=\s*[^\d\s])"
    rf"|(?<=\d)[1-8]\.(?=\s*(?:{_numbered_label_starts()}))"
    "|" + _w("第二十条", "信息内容", "行政规范性文件") + "|(?<!行政)(?:" + _w("规范性文件") + ")"
    "|" + _w("其他对外管理服务事项", "行政事业性收费", "政府集中采购")
    + "|(?:" + _w("规章", "行政许可", "行政处罚", "行政强制") + r")(?=\s*\d)"
    "|(?:" + _w("行政复议") + r")(?=\s*(?:" + _w("行政诉讼") + "))"
    "|(?:" + _w("结果维持") + r")(?=\s*(?:" + _w("结果纠正") + "))"
    ")"
)


# The last row of each table, and its numbers.
_LAST_ROW = re.compile(
    r"(?:四\s*、\s*(?:" + _w("结转下年度继续办理") + ")|" + _w("行政事业性收费", "政府集中采购") + "|"
    + _w("结果维持结果纠正其他结果尚未审结总计")
    + r")\s*(?:-?\d[\d.]*\s*)+(?:万元|元)?")


# Not frozen: thousands are made per report and frozen dataclasses are slow to build.
# Nothing changes a line after split_lines.
@dataclass(slots=True)
class Line:
    # 1-based position in the list of lines: the physical line number, unless a long
    # line was cut into virtual lines. Outputs never show it; they use ``start``.
    number: int
    start: int  # offset of the line's first character in the original text
    end: int  # offset of its terminator (or the end of the text)
    raw: str
    text: str  # normalised
    blank: bool
    # Only set when normalisation changed the line's length; otherwise index = offset.
    norm_map: NormalizedText | None = None
    # A virtual line, cut out of a long physical one: a page flattened onto one line,
    # whose table cells may have run together.
    cut: bool = False

    def offset(self, norm_index: int) -> int:
        """Offset in the original text of an index into the normalised line."""
        if self.norm_map is None:
            return self.start + norm_index
        return self.start + self.norm_map.to_original(norm_index)


def split_lines(text: str, whole: NormalizedText | None = None) -> list[Line]:
    """The lines of ``text``; ``whole`` is ``normalize(text)`` when the caller has it."""
    # One pass over the whole text; almost always length-preserving, so each line's
    # normalised form is a slice and its position map the identity.
    if whole is None:
        whole = normalize(text)
    same_length = len(whole.text) == len(text)
    lines: list[Line] = []
    start = 0
    ends = [(m.start(), m.end()) for m in _BREAK.finditer(text)]
    if not ends or ends[-1][1] < len(text):
        ends.append((len(text), len(text)))
    for end, after in ends:
        raw = text[start:end]
        if same_length:
            norm_text = whole.text[start:end]
            norm_map = None
        else:
            norm = normalize(raw)
            norm_text = norm.text
            norm_map = norm if len(norm.text) != len(raw) else None
        if len(raw) > _LONG_LINE and norm_map is None:
            _cut(lines, start, raw, norm_text)
        else:
            lines.append(Line(len(lines) + 1, start, end, raw, norm_text,
                              not norm_text.strip(), norm_map))
        start = after
    return lines


def _cut(lines: list[Line], start: int, raw: str, norm_text: str) -> None:
    """Virtual lines of a long physical line, cut before every row start."""
    cuts = [0]
    for match in _ROW_STARTS.finditer(norm_text):
        if match.start() > cuts[-1]:
            cuts.append(match.start())
    cuts.append(len(raw))
    # A table's last row may run straight into the paragraph after it
    # (``四、结转下年度继续办理0 0000 00本年度新收…``): cut after its numbers too.
    for index in range(len(cuts) - 2, -1, -1):
        tail = _LAST_ROW.match(norm_text, cuts[index], cuts[index + 1])
        if tail is not None and norm_text[tail.end():cuts[index + 1]].strip():
            cuts.insert(index + 1, tail.end())
    for begin, stop in zip(cuts, cuts[1:], strict=False):
        piece = norm_text[begin:stop]
        lines.append(Line(len(lines) + 1, start + begin, start + stop, raw[begin:stop], piece,
                          not piece.strip(), cut=True))
