"""Metadata: title, agency, year, publication date, statistics period, cited notices.

Reports put these in different places (a covering notice, web-page chrome, the
title, a signature and date at the end), so each value is looked for where it
most often is first, and each keeps the offset it was read at.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from nianbao.parser.document.names import is_city
from nianbao.parser.layout.sections import Layout
from nianbao.parser.model.report import (
    AgencyKind,
    Located,
    Meta,
    NoticeCitation,
    TemplateSource,
)
from nianbao.parser.reading.lines import Line
from nianbao.parser.reading.normalize import match_key
from nianbao.parser.template import TemplateId

_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_DATE_RE = re.compile(_DATE)
_ISO_DATE = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
# A page's own date of publication; a crawler's 采集时间 or 日期 is not one.
_CHROME_DATE = re.compile(r"(?:发布|成文|印发|公开)(?:时间|日期)\s*[:：]?\s*(?:" + _DATE
                          + r"|(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2}))")
# A date alone on its line, perhaps after the signing agency (never after a sentence:
# ``…统计期限自 2023 年 1 月 1 日`` at the end of a wrapped line is no signature).
_DATE_LINE = re.compile(r"^\s*(?P<who>[^\d。，,；;：:]{1,40}?)?\s*" + _DATE
                        + r"\s*(?:印发|发布)?\s*$")
# The signature at the very end of a page flattened onto one line.
_DATE_AT_END = re.compile(r"(?P<who>[^\d。，,；;：:\s]{2,30})?\s*" + _DATE + r"\s*$")
_SIGNATURE_TAIL = 200  # characters: the agency (≤ 30), the date and the blanks between
_CHROME_AGENCY = re.compile(r"发布机构\s*[:：]?\s*([^\s:：]+?)(?:\s|字体|$)")
# A crawler's label before a page's title: ``标题：``, ``标题: ``.
_CRAWLER_LABEL = re.compile(r"^\s*(?:标题|题目|文章标题|名称)\s*[:：]\s*")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年")
_PERIOD_DATE = r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{6,8}\s*日?)"
_PERIOD = re.compile(
    r"统计(?:时限|期限|时间|区间|周期|期间|口径|范围)?(?:为|是)?\s*[:：]?\s*自?\s*" + _PERIOD_DATE
    + r"\s*(?:起)?\s*(?:至|到|－|-|—|~|～)\s*" + _PERIOD_DATE
)
_NOTICE = re.compile(
    r"国办(?:公开办)?(?:函|发)?\s*[〔\[【(（]\s*(20\d\d)\s*[〕\]】)）]\s*(\d{1,3})\s*号"
)
_AGENCY_SUFFIX = re.compile(
    r"(?:人民政府|政府|委员会|办公室|办公厅|管理局|局|委|办|厅|院|署|中心|所|部|会|站|处|队|馆|社)$"
)
_TITLE_AT_START = re.compile(
    r"^\s*\S[^。，,;；]{0,40}?\d{4}\s*年度?\s*政府信息公开\s*工作\s*年度\s*报告")
# Web-page chrome that mentions 年报 without being the title.
_CHROME_WORDS = ("分类", "主题", "发布机构", "索引号", "当前位置", "字体")
# Whose report (条例第四十九条): a local government's own, or a department's.
_AREA = r"(?:省|市|县|区|旗|州|盟|自治区|自治州|自治县)"
_LOCAL_GOVERNMENT = re.compile(_AREA + r"(?:人民政府|政府)?$")
# The body that governs an area and reports for it (平潭综合实验区管委会).
_AREA_BODY = re.compile(_AREA + r"(?:党工委)?(?:管委会|管理委员会)$")
_TOWNSHIP = re.compile(r"(?:乡|镇|街道|苏木)(?:人民政府|政府|办事处)?$")
# The county-level area a name opens with (``洪泽区``人民政府, ``文登区``科学技术局), and
# the city above it that the report may write before it (``淮安市``洪泽区人民政府).
_COUNTY_WORD = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:自治县|自治旗|县|区|旗|市)")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class _Found:
    value: str
    start: int
    end: int

    @property
    def at(self) -> Located:
        return Located(start=self.start, end=self.end)


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _compact_date(text: str) -> dt.date | None:
    """``2019年1月1日``, ``2019-01-01``, or digits with the separators lost (``201911日``)."""
    match = _DATE_RE.search(text) or _ISO_DATE.search(text)
    if match:
        return _date(*match.groups())
    digits = re.sub(r"\D", "", text)
    if len(digits) == 8:
        return _date(digits[:4], digits[4:6], digits[6:])
    if len(digits) == 6:
        return _date(digits[:4], digits[4], digits[5])
    if len(digits) == 7:
        return _date(digits[:4], digits[4:6], digits[6]) or _date(digits[:4], digits[4], digits[5:])
    return None


def _head_lines(lines: list[Line], layout: Layout) -> list[Line]:
    """Lines before section 2: where titles, covering notices and chrome sit."""
    limit = layout.sections[1].start if len(layout.sections) > 1 else (
        layout.sections[0].heading_end if layout.sections else None)
    head = [ln for ln in lines if limit is None or ln.start < limit]
    return head[:80]


def _title(lines: list[Line], layout: Layout) -> tuple[_Found | None, str | None]:
    head = _head_lines(lines, layout)
    for index, line in enumerate(head):
        key = match_key(line.text)
        if not ("政府信息公开" in key or "政务公开" in key or "信息公开" in key):
            continue
        text = line.text
        wrapped: Line | None = None
        if not ("年度报告" in key or "年报" in key or "工作报告" in key):
            # ``2024 年上海市科委政府信息公开工作`` / ``年度报告``: a title over two lines.
            following = next((ln for ln in head[index + 1:index + 3] if not ln.blank), None)
            if following is None or len(match_key(following.text)) > 12:
                continue
            joined = match_key(line.text + following.text)
            if not ("年度报告" in joined or "年报" in joined or "工作报告" in joined):
                continue
            wrapped = following
            key = joined
        label = _CRAWLER_LABEL.match(text)
        lead_label = label.end() if label else 0
        if len(key) > 60:
            # A title at the head of a long line (a report flattened onto one line).
            head_match = _TITLE_AT_START.match(text, lead_label)
            if head_match is None:
                continue
            text = text[:head_match.end()]
            key = match_key(text[lead_label:])
        if ("通知" in key or key.startswith("关于") or "《" in text
                or any(word in key for word in _CHROME_WORDS)):
            continue
        stripped = text[lead_label:].strip()
        lead = len(text) - len(text[lead_label:].lstrip())
        start = line.offset(lead)
        end = line.offset(lead + len(stripped) - 1) + 1
        if wrapped is not None:
            stripped += wrapped.text.strip()
            end = wrapped.offset(len(wrapped.text.rstrip()) - 1) + 1
        agency = _title_agency(stripped)
        if agency is None and not _before_year(stripped):
            # ``威海市文登区科学技术局`` on the line above ``2021年政府信息公开工作年度报告``.
            above = next((ln for ln in reversed(head[:index]) if not ln.blank), None)
            if above is not None:
                above_key = match_key(above.text)
                if 2 < len(above_key) <= 30 and _is_agency(above_key):
                    agency = above_key
                    start = above.offset(len(above.text) - len(above.text.lstrip()))
                    stripped = f"{above.text.strip()}{stripped}"
        return _Found(stripped, start, end), agency
    return None, None


def _before_year(title: str) -> str:
    match = _TITLE_YEAR.search(title)
    return match_key(title[: match.start()]) if match else ""


def _title_agency(title: str) -> str | None:
    """The agency a title names: before its year, or between its year and 政府信息公开."""
    prefix = _before_year(title)
    if prefix:
        return prefix if _is_agency(prefix) else None
    match = re.search(r"\d{4}\s*年度?(.{2,30}?)(?:政府信息公开|政务公开)", title)
    if match:
        between = match_key(match.group(1))
        if _is_agency(between):
            return between
    return None


def _is_agency(name: str) -> bool:
    """An agency's name: a department's suffix, or an area that reports as a whole."""
    return bool(_AGENCY_SUFFIX.search(name) or _LOCAL_GOVERNMENT.search(name)
                or _AREA_BODY.search(name))


def agency_kind(name: str | None) -> AgencyKind | None:
    """Whose report it is for 条例第四十九条 (M003), from the agency's name."""
    if not name:
        return None
    if _TOWNSHIP.search(name):
        return "department"  # a township is no 县级以上地方人民政府: 31 January
    if _AREA_BODY.search(name) or _LOCAL_GOVERNMENT.search(name):
        return "local_government"
    if _AGENCY_SUFFIX.search(name):
        return "department"
    return None


_FULL_NAME_CHARS = 20_000  # characters of the head searched for the agency's full name


def _full_name(agency: _Found, head: list[Line]) -> _Found:
    """The agency's name with its city, when the report writes it so and the title not.

    A title often names a district or county alone (``洪泽区人民政府``) while the
    report's opening says who compiled it in full (``本报告由淮安市洪泽区人民政府办公室
    编制``): the full name is the agency's. Where a city's name begins is not
    written, so it is taken only where the text shows it: the same city before the
    county's name after two different characters (``由淮安市洪泽区``, ``与淮安市洪泽区``,
    ``：淮安市洪泽区``), and the full name written somewhere.
    """
    county = _COUNTY_WORD.match(agency.value)
    if county is None:
        return agency
    area = county.group()
    chars: list[str] = []
    offsets: list[int] = []
    for line in head:
        # The opening that names the compiler sits in a report's first paragraphs; a page
        # of megabytes on one line would otherwise cost a list entry per character.
        for index, char in enumerate(line.text[:_FULL_NAME_CHARS - len(chars)]):
            if not char.isspace():
                chars.append(char)
                offsets.append(line.offset(index))
        if len(chars) >= _FULL_NAME_CHARS:
            break
    flat = "".join(chars)
    before: dict[str, set[str]] = {}  # a city written before the area: what precedes it
    at = flat.find(area)
    while at >= 0:
        begin = at
        while begin > 0 and at - begin < 12 and _IDEOGRAPH.match(flat[begin - 1]):
            begin -= 1
        for cut in range(begin, at - 2):
            prefix = flat[cut:at]
            if is_city(prefix):
                before.setdefault(prefix, set()).add(flat[cut - 1] if cut else "")
        at = flat.find(area, at + len(area))
    full: _Found | None = None
    for prefix, preceding in before.items():
        # Two different characters before the city show where it begins; one alone
        # (even a mark: ``，请与淮安市``) may belong to it.
        name = prefix + agency.value
        where = flat.find(name)
        if len(preceding) > 1 and where >= 0 and (full is None or len(name) > len(full.value)):
            full = _Found(name, offsets[where], offsets[where + len(name) - 1] + 1)
    return full or agency


def _signature_agency(lines: list[Line]) -> _Found | None:
    """The signing agency above the date at the end of the report."""
    content = [ln for ln in lines if not ln.blank][-12:]
    for index in range(len(content) - 1, -1, -1):
        line = content[index]
        match = _DATE_LINE.match(line.text)
        if match is None:
            continue
        who = match_key(match.group("who") or "")
        if who and _AGENCY_SUFFIX.search(who):
            lead = len(line.text) - len(line.text.lstrip())
            return _Found(who, line.offset(lead), line.offset(lead + len(who)))
        if index > 0:
            above = content[index - 1]
            key = match_key(above.text)
            if 2 < len(key) <= 30 and _AGENCY_SUFFIX.search(key):
                lead = len(above.text) - len(above.text.lstrip())
                return _Found(key, above.offset(lead), above.end)
    return None


def _chrome_agency(lines: list[Line]) -> _Found | None:
    for line in lines[:15]:
        match = _CHROME_AGENCY.search(line.text)
        if match:
            key = match_key(match.group(1))
            if key:
                return _Found(key, line.offset(match.start(1)), line.offset(match.end(1) - 1) + 1)
    return None


def _published(lines: list[Line], layout: Layout, after: dt.date | None = None
               ) -> tuple[dt.date, Located] | None:
    """The publication date: the page's 发布时间, else the date under the signature.

    A date on or before ``after`` (the end of the report year) is not one: a report is
    published after its year, and such a date is the statistics period's or another's.
    """
    def ok(date: dt.date | None) -> bool:
        return date is not None and (after is None or date > after)

    for line in lines[:15]:
        match = _CHROME_DATE.search(line.text)
        if match:
            parts = [g for g in match.groups() if g is not None]
            date = _date(*parts[:3])
            if date is not None and ok(date):
                return date, Located(start=line.offset(match.start()),
                                     end=line.offset(match.end() - 1) + 1)
    content = [ln for ln in lines if not ln.blank]
    tail = content[-15:]
    head = _head_lines(lines, layout)[:25]
    preamble_end = layout.sections[0].start if layout.sections else None
    if preamble_end is not None:
        head = [ln for ln in head if ln.start < preamble_end]
    for line in [*reversed(tail), *head]:
        match = _DATE_LINE.match(line.text)
        if match is None and content and line is content[-1] and len(line.text) > 60:
            # The signature ends the line: searching only its tail keeps a page of megabytes
            # on one line from costing a regex attempt at every character.
            tail_from = max(0, len(line.text.rstrip()) - _SIGNATURE_TAIL)
            match = _DATE_AT_END.search(line.text, tail_from)
        if match is None:
            continue
        date = _date(match.group(2), match.group(3), match.group(4))
        if date is not None and ok(date):
            return date, Located(start=line.offset(match.start(2)),
                                 end=line.offset(match.end() - 1) + 1)
    return None


def _period(lines: list[Line]) -> tuple[tuple[dt.date, dt.date], Located] | None:
    for index, line in enumerate(lines):
        if "统计" not in line.text:
            continue
        # The sentence may wrap between 统计期限 and its dates: read on into the next
        # two lines that have text (PDF text puts blank lines between all lines).
        parts = [line]
        for following in lines[index + 1:index + 6]:
            if len(parts) == 3:
                break
            if not following.blank:
                parts.append(following)
        joined = "".join(part.text for part in parts)
        match = _PERIOD.search(joined)
        if match is None:
            continue
        first, last = _compact_date(match.group(1)), _compact_date(match.group(2))
        if first and last:
            return (first, last), Located(start=_joined_offset(parts, match.start()),
                                          end=_joined_offset(parts, match.end() - 1) + 1)
    return None


def _joined_offset(parts: list[Line], index: int) -> int:
    """Offset in the original text of an index into the lines' joined text."""
    for part in parts:
        if index < len(part.text):
            return part.offset(index)
        index -= len(part.text)
    return parts[-1].end


def _notices(lines: list[Line]) -> tuple[NoticeCitation, ...]:
    found: list[NoticeCitation] = []
    for line in lines:
        if "国办" not in line.text:
            continue
        for match in _NOTICE.finditer(line.text):
            year, number = match.group(1), match.group(2)
            template: TemplateId | None = None
            if year == "2019" and number == "60":
                template = "2019"
            elif year == "2021" and number == "30":
                template = "2021"
            if template is not None:
                found.append(NoticeCitation(template=template, text=match.group(0),
                                            start=line.offset(match.start())))
    return tuple(found)


def guess_year(lines: list[Line], layout: Layout) -> tuple[int, Located] | None:
    """The report year: the title's, else the statistics period's, else the text's."""
    title, _ = _title(lines, layout)
    if title is not None:
        match = _TITLE_YEAR.search(title.value)
        if match and 2000 <= int(match.group(1)) <= 2100:
            return int(match.group(1)), Located(start=title.start, end=title.end)
    period = _period(lines)
    if period is not None:
        return period[0][1].year, period[1]
    for line in _head_lines(lines, layout)[:40]:
        for match in re.finditer(r"(\d{4})\s*年度?", line.text):
            year = int(match.group(1))
            if 2000 <= year <= 2100:
                return year, Located(start=line.offset(match.start()),
                                     end=line.offset(match.end() - 1) + 1)
    published = _published(lines, layout)
    if published is not None:
        return published[0].year - 1, published[1]
    return None


def read_meta(
    lines: list[Line],
    layout: Layout,
    template: TemplateId | None,
    template_source: TemplateSource,
    year: tuple[int, Located] | None,
) -> Meta:
    title, agency_name = _title(lines, layout)
    agency: _Found | None = None
    if agency_name is not None and title is not None:
        agency = _Found(agency_name, title.start, title.start + len(agency_name))
    if agency is None:
        agency = _signature_agency(lines) or _chrome_agency(lines)
    if agency is not None:
        agency = _full_name(agency, _head_lines(lines, layout))
    period = _period(lines)
    year_end = (period[0][1] if period else None) or (
        dt.date(year[0], 12, 31) if year else None)
    published = _published(lines, layout, year_end)
    title_year: int | None = None
    if title is not None:
        match = _TITLE_YEAR.search(title.value)
        title_year = int(match.group(1)) if match else None
    return Meta(
        title=title.value if title else None,
        title_at=title.at if title else None,
        agency=agency.value if agency else None,
        agency_at=agency.at if agency else None,
        year=year[0] if year else None,
        year_at=year[1] if year else None,
        template=template,
        template_source=template_source,
        published=published[0] if published else None,
        published_at=published[1] if published else None,
        period=period[0] if period else None,
        period_at=period[1] if period else None,
        title_year=title_year,
        notices=_notices(lines),
        agency_kind=agency_kind(agency.value if agency else None),
    )
