"""The two national templates as data: section headings, table rows and cell ids.

Ids are part of the public output (docs/formats.md) and never change; labels are matched after
normalisation (see :mod:`nianbao.parser.reading.normalize`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

TemplateId = Literal["2019", "2021"]
TableId = Literal["active_disclosure", "applications", "review_litigation"]

TABLE_IDS: tuple[TableId, ...] = ("active_disclosure", "applications", "review_litigation")
TABLE_TITLES: dict[TableId, str] = {
    "active_disclosure": "主动公开政府信息情况",
    "applications": "收到和处理政府信息公开申请情况",
    "review_litigation": "行政复议、行政诉讼情况",
}
TABLE_NUMBERS: dict[TableId, int] = {
    "active_disclosure": 2,
    "applications": 3,
    "review_litigation": 4,
}
# The section each table belongs to (表二 sits in section 二, and so on).
TABLE_SECTIONS: dict[TableId, int] = {
    "active_disclosure": 2,
    "applications": 3,
    "review_litigation": 4,
}

NOTICE_2019 = "国办公开办函〔2019〕60号"
NOTICE_2021 = "国办公开办函〔2021〕30号"


@dataclass(frozen=True, slots=True)
class SectionSpec:
    number: int
    standard: str
    variants: tuple[str, ...]
    # Words that identify the heading even when its wording drifts.
    keywords: tuple[str, ...]


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(1, "一、总体情况", ("一、本年度政府信息公开工作的基本情况", "一、政务信息公开总体情况"),
                ("总体情况", "基本情况", "概述")),
    SectionSpec(2, "二、主动公开政府信息情况", (), ("主动公开",)),
    SectionSpec(3, "三、收到和处理政府信息公开申请情况", (), ("收到和处理", "依申请", "申请情况")),
    SectionSpec(4, "四、政府信息公开行政复议、行政诉讼情况", ("四、政府信息公开行政复议和行政诉讼情况",),
                ("行政复议", "行政诉讼")),
    SectionSpec(5, "五、存在的主要问题及改进情况", ("五、存在的主要问题及下一步改进措施",),
                ("存在的主要问题", "主要问题", "改进")),
    SectionSpec(6, "六、其他需要报告的事项", ("六、其他需要报告的情况",), ("其他需要报告",)),
)

CHINESE_NUMERALS = "一二三四五六七八九十"

# ---------------------------------------------------------------- table 2


@dataclass(frozen=True, slots=True)
class ItemSpec:
    id: str
    label: str
    # Alternative spellings seen in real reports, matched after normalisation.
    aliases: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]  # (field id, label)


_COUNT3_2019 = (("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"),
                ("total_published", "对外公开总数量"))
_ITEM3_2019 = (("prev_count", "上一年项目数量"), ("change", "本年增/减"),
               ("decisions", "处理决定数量"))
_COUNT3_2021 = (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))

ACTIVE_ITEMS: dict[TemplateId, tuple[ItemSpec, ...]] = {
    "2019": (
        ItemSpec("regulations", "规章", (), _COUNT3_2019),
        ItemSpec("normative_documents", "规范性文件", ("行政规范性文件",), _COUNT3_2019),
        ItemSpec("licensing", "行政许可", (), _ITEM3_2019),
        ItemSpec("other_services", "其他对外管理服务事项", (), _ITEM3_2019),
        ItemSpec("penalty", "行政处罚", (), _ITEM3_2019),
        ItemSpec("enforcement", "行政强制", (), _ITEM3_2019),
        ItemSpec("fees", "行政事业性收费", (), (("prev_count", "上一年项目数量"), ("change", "本年增/减"))),
        ItemSpec("procurement", "政府集中采购", (),
                 (("count", "采购项目数量"), ("amount", "采购总金额"))),
    ),
    "2021": (
        ItemSpec("regulations", "规章", (), _COUNT3_2021),
        ItemSpec("normative_documents", "行政规范性文件", ("规范性文件",), _COUNT3_2021),
        ItemSpec("licensing", "行政许可", (), (("decisions", "本年处理决定数量"),)),
        ItemSpec("penalty", "行政处罚", (), (("decisions", "本年处理决定数量"),)),
        ItemSpec("enforcement", "行政强制", (), (("decisions", "本年处理决定数量"),)),
        ItemSpec("fees", "行政事业性收费", (), (("amount", "本年收费金额（单位：万元）"),)),
    ),
}

# Other wordings of field labels seen in real reports (matched after normalisation).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "采购总金额": ("采购总额", "采购金额"),
    "采购项目数量": ("采购项目数",),
    "本年新制作数量": ("本年新制作",),
    "本年新公开数量": ("本年新公开",),
    "对外公开总数量": ("对外公开总数",),
    "本年收费金额（单位：万元）": ("本年收费金额",),
}

# Fields whose value is money, kept in 万元 in the model.
AMOUNT_FIELDS = frozenset({"amount"})
# Fields that may legitimately be negative.
SIGNED_FIELDS = frozenset({"change"})

# ---------------------------------------------------------------- table 3

APPLICANT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
APPLICATION_COLUMN_IDS = tuple(c for c, _ in APPLICANT_COLUMNS)
APPLICANT_ONLY_IDS = APPLICATION_COLUMN_IDS[:-1]
COLUMN_LABELS = dict(APPLICANT_COLUMNS)


@dataclass(frozen=True, slots=True)
class RowSpec:
    id: str
    label: str  # the full template wording
    key: str  # the distinctive part matched against a report's label
    group: str | None = None  # the parent label for hierarchical rows


_RESULT_ROWS_HEAD: tuple[RowSpec, ...] = (
    RowSpec("new_received", "一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", "上年结转政府信息公开申请数量"),
    RowSpec("granted", "（一）予以公开", "予以公开", "三、本年度办理结果"),
    RowSpec("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开",
            "三、本年度办理结果"),
    RowSpec("denied.state_secret", "1.属于国家秘密", "属于国家秘密", "（三）不予公开"),
    RowSpec("denied.law_prohibited", "2.其他法律行政法规禁止公开", "其他法律行政法规禁止公开", "（三）不予公开"),
    RowSpec("denied.security_stability", "3.危及“三安全一稳定”", "危及三安全一稳定", "（三）不予公开"),
    RowSpec("denied.third_party", "4.保护第三方合法权益", "保护第三方合法权益", "（三）不予公开"),
    RowSpec("denied.internal_affairs", "5.属于三类内部事务信息", "属于三类内部事务信息", "（三）不予公开"),
    RowSpec("denied.process_info", "6.属于四类过程性信息", "属于四类过程性信息", "（三）不予公开"),
    RowSpec("denied.enforcement_case", "7.属于行政执法案卷", "属于行政执法案卷", "（三）不予公开"),
    RowSpec("denied.query_matter", "8.属于行政查询事项", "属于行政查询事项", "（三）不予公开"),
    RowSpec("unavailable.not_held", "1.本机关不掌握相关政府信息", "本机关不掌握相关政府信息", "（四）无法提供"),
    RowSpec("unavailable.needs_creation", "2.没有现成信息需要另行制作", "没有现成信息需要另行制作",
            "（四）无法提供"),
    RowSpec("unavailable.still_unclear", "3.补正后申请内容仍不明确", "补正后申请内容仍不明确", "（四）无法提供"),
    RowSpec("not_processed.petition", "1.信访举报投诉类申请", "信访举报投诉类申请", "（五）不予处理"),
    RowSpec("not_processed.duplicate", "2.重复申请", "重复申请", "（五）不予处理"),
    RowSpec("not_processed.publication", "3.要求提供公开出版物", "要求提供公开出版物", "（五）不予处理"),
    RowSpec("not_processed.excessive", "4.无正当理由大量反复申请", "无正当理由大量反复申请", "（五）不予处理"),
    RowSpec("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息",
            "要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
)
_RESULT_ROWS_TAIL: tuple[RowSpec, ...] = (
    RowSpec("total", "（七）总计", "总计", "三、本年度办理结果"),
    RowSpec("carried_forward", "四、结转下年度继续办理", "结转下年度继续办理"),
)

APPLICATION_ROWS: dict[TemplateId, tuple[RowSpec, ...]] = {
    "2019": _RESULT_ROWS_HEAD
    + (RowSpec("other", "（六）其他处理", "其他处理", "三、本年度办理结果"),)
    + _RESULT_ROWS_TAIL,
    "2021": _RESULT_ROWS_HEAD
    + (
        RowSpec("other.no_correction",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请", "（六）其他处理"),
        RowSpec("other.no_fee",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请", "（六）其他处理"),
        RowSpec("other.other", "3.其他", "其他", "（六）其他处理"),
    )
    + _RESULT_ROWS_TAIL,
}

# Rows whose sum is (七)总计 (A003), by template.
RESULT_ROW_IDS: dict[TemplateId, tuple[str, ...]] = {
    t: tuple(r.id for r in rows if r.id not in ("new_received", "carried_over", "total",
                                                 "carried_forward"))
    for t, rows in APPLICATION_ROWS.items()
}
# The single （六）其他处理 row of template 2019, which some template-2021 reports keep.
OLD_OTHER_ROW = "other"


def rows_template(template: TemplateId, row_ids: Iterable[str]) -> TemplateId:
    """The template whose table-3 rows a table has.

    Template 2021 split （六）其他处理 into three sub-rows; a template-2021 report that
    keeps the old single row (``other``) has template 2019's rows — its other rows are
    the same in both — and is read, summed and shown with them (S010 says so).
    """
    if template == "2021" and OLD_OTHER_ROW in row_ids:
        return "2019"
    return template

# ---------------------------------------------------------------- table 4

REVIEW_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼·复议后起诉"),
)
REVIEW_FIELDS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
REVIEW_CELL_IDS: tuple[str, ...] = tuple(
    f"{g}.{f}" for g, _ in REVIEW_GROUPS for f, _ in REVIEW_FIELDS
)


def active_cell_ids(template: TemplateId) -> tuple[str, ...]:
    return tuple(f"{item.id}.{f}" for item in ACTIVE_ITEMS[template] for f, _ in item.fields)


def application_cell_ids(template: TemplateId) -> tuple[str, ...]:
    return tuple(f"{row.id}.{col}" for row in APPLICATION_ROWS[template]
                 for col in APPLICATION_COLUMN_IDS)


def cell_ids(table: TableId, template: TemplateId) -> tuple[str, ...]:
    """Every canonical cell id of ``table`` under ``template``, in template order."""
    if table == "active_disclosure":
        return active_cell_ids(template)
    if table == "applications":
        return application_cell_ids(template)
    return REVIEW_CELL_IDS


def cell_label(table: TableId, template: TemplateId, cell_id: str) -> str:
    """A short human label for a cell id, e.g. ``一、本年新收…/商业企业``."""
    row_id, _, col = cell_id.rpartition(".")
    if table == "applications":
        for row in APPLICATION_ROWS[template]:
            if row.id == row_id:
                return f"{row.label}·{COLUMN_LABELS[col]}"
    elif table == "active_disclosure":
        for item in ACTIVE_ITEMS[template]:
            if item.id == row_id:
                return f"{item.label}·{dict(item.fields)[col]}"
    else:
        groups = dict(REVIEW_GROUPS)
        fields = dict(REVIEW_FIELDS)
        if row_id in groups and col in fields:
            return f"{groups[row_id]}·{fields[col]}"
    return cell_id



def cell_place(table: TableId, template: TemplateId, cell_id: str) -> str:
    """A cell as a reviewer names it, in the template's words: ``表3 （一）予以公开 × 总计``.

    A row under a numbered group of table 3 carries its group (``（三）不予公开
    1.属于国家秘密``); the result rows (（一）…（七）) stand alone, as the template
    prints them. An id the template does not know is shown as it is.
    """
    row_id, _, col = cell_id.rpartition(".")
    head = f"表{TABLE_NUMBERS[table]}"
    if table == "applications":
        for row in APPLICATION_ROWS[template]:
            if row.id == row_id and col in COLUMN_LABELS:
                label = row.label
                if row.group is not None and row.group.startswith("（"):
                    label = f"{row.group} {label}"
                return f"{head} {label} × {COLUMN_LABELS[col]}"
    elif table == "active_disclosure":
        for item in ACTIVE_ITEMS[template]:
            fields = dict(item.fields)
            if item.id == row_id and col in fields:
                return f"{head} {item.label} × {fields[col]}"
    else:
        groups = dict(REVIEW_GROUPS)
        fields = dict(REVIEW_FIELDS)
        if row_id in groups and col in fields:
            return f"{head} {groups[row_id]} × {fields[col]}"
    return f"{head} {cell_id}"

# Table 3 rows as a reviewer names them in a message (the full labels are APPLICATION_ROWS).
APPLICATION_ROW_SHORT: dict[str, str] = {
    "new_received": "一、本年新收",
    "carried_over": "二、上年结转",
    "granted": "(一)予以公开",
    "partially_granted": "(二)部分公开",
    "denied.state_secret": "(三)1.属于国家秘密",
    "denied.law_prohibited": "(三)2.其他法律行政法规禁止公开",
    "denied.security_stability": "(三)3.危及“三安全一稳定”",
    "denied.third_party": "(三)4.保护第三方合法权益",
    "denied.internal_affairs": "(三)5.属于三类内部事务信息",
    "denied.process_info": "(三)6.属于四类过程性信息",
    "denied.enforcement_case": "(三)7.属于行政执法案卷",
    "denied.query_matter": "(三)8.属于行政查询事项",
    "unavailable.not_held": "(四)1.本机关不掌握相关政府信息",
    "unavailable.needs_creation": "(四)2.没有现成信息需要另行制作",
    "unavailable.still_unclear": "(四)3.补正后申请内容仍不明确",
    "not_processed.petition": "(五)1.信访举报投诉类申请",
    "not_processed.duplicate": "(五)2.重复申请",
    "not_processed.publication": "(五)3.要求提供公开出版物",
    "not_processed.excessive": "(五)4.无正当理由大量反复申请",
    "not_processed.confirmation": "(五)5.要求确认或重新出具已获取信息",
    "other": "(六)其他处理",
    "other.no_correction": "(六)1.逾期不补正",
    "other.no_fee": "(六)2.逾期未缴纳费用",
    "other.other": "(六)3.其他",
    "total": "(七)总计",
    "carried_forward": "四、结转下年度",
}
# Table 4's groups as a reviewer names them.
REVIEW_GROUP_NAMES: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼(未经复议直接起诉)",
    "litigation_after_review": "行政诉讼(复议后起诉)",
}
