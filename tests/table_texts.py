"""Small report texts in the styles real tools produce, for the table readers' unit tests.

A template-2021 report whose identities all hold; each test writes its tables the
way one real tool flattens them (``pdftotext -raw``, ``-layout``, the default mode,
a converter's markdown …) and says which cells and findings it must give.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from nianbao.parser.document.parse import parse_bytes
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.checker import check_report
from nianbao.parser.template import APPLICATION_ROWS, REVIEW_CELL_IDS, TemplateId

HEAD = """淮安市某区人民政府
2023 年政府信息公开工作年度报告
本报告由淮安市某区人民政府办公室编制。报告中所列数据统计期限自 2023 年 1 月 1 日
起至 2023 年 12 月 31 日止。
一、总体情况
2023 年，本区扎实推进政府信息公开工作。
"""
TAIL = """五、存在的主要问题及改进情况
存在的问题是公开深度不够。下一步将加强培训，提升公开质量。
六、其他需要报告的事项
无。
淮安市某区人民政府
2024 年 1 月 20 日
"""

# Table 3 of template 2021, row by row: 自然人 … 其他, 总计 (every identity holds).
T3: dict[str, list[int]] = {
    "new_received": [21, 2, 0, 0, 1, 0, 24],
    "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "granted": [5, 1, 0, 0, 0, 0, 6],
    "partially_granted": [4, 0, 0, 0, 0, 0, 4],
    "denied.state_secret": [1, 0, 0, 0, 0, 0, 1],
    "denied.law_prohibited": [2, 0, 0, 0, 0, 0, 2],
    "denied.security_stability": [0, 0, 0, 0, 0, 0, 0],
    "denied.third_party": [0, 0, 0, 0, 0, 0, 0],
    "denied.internal_affairs": [0, 0, 0, 0, 0, 0, 0],
    "denied.process_info": [1, 0, 0, 0, 0, 0, 1],
    "denied.enforcement_case": [1, 0, 0, 0, 0, 0, 1],
    "denied.query_matter": [0, 0, 0, 0, 0, 0, 0],
    "unavailable.not_held": [3, 1, 0, 0, 0, 0, 4],
    "unavailable.needs_creation": [1, 0, 0, 0, 0, 0, 1],
    "unavailable.still_unclear": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.petition": [1, 0, 0, 0, 0, 0, 1],
    "not_processed.duplicate": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.publication": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.excessive": [0, 0, 0, 0, 0, 0, 0],
    "not_processed.confirmation": [0, 0, 0, 0, 0, 0, 0],
    "other.no_correction": [1, 0, 0, 0, 0, 0, 1],
    "other.no_fee": [0, 0, 0, 0, 0, 0, 0],
    "other.other": [1, 0, 0, 0, 1, 0, 2],
    "total": [21, 2, 0, 0, 1, 0, 24],
    "carried_forward": [1, 0, 0, 0, 0, 0, 1],
}
# The same report keeping template 2019's single （六）其他处理 row.
T3_OLD: dict[str, list[int]] = {
    **{k: v for k, v in T3.items() if not k.startswith("other.")},
    "other": [2, 0, 0, 0, 1, 0, 3],
}
T3_OLD = {spec.id: T3_OLD[spec.id] for spec in APPLICATION_ROWS["2019"]}
T4 = [10, 1, 0, 0, 11, 0, 0, 0, 0, 0, 5, 0, 0, 1, 6]
T2: dict[str, Decimal] = {
    "regulations.issued": Decimal(0), "regulations.repealed": Decimal(0),
    "regulations.in_force": Decimal(0), "normative_documents.issued": Decimal(1),
    "normative_documents.repealed": Decimal(0), "normative_documents.in_force": Decimal(5),
    "licensing.decisions": Decimal(550), "penalty.decisions": Decimal(41),
    "enforcement.decisions": Decimal(19), "fees.amount": Decimal("7.5"),
}

# Labels as ``pdftotext -raw`` writes them (group labels on lines of their own).
RAW_LABELS: dict[str, str] = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied.state_secret": "1.属于国家秘密",
    "denied.law_prohibited": "2.其他法律行政法规禁止公开",
    "denied.security_stability": "3.危及“三安全一稳定”",
    "denied.third_party": "4.保护第三方合法权益",
    "denied.internal_affairs": "5.属于三类内部事务信息",
    "denied.process_info": "6.属于四类过程性信息",
    "denied.enforcement_case": "7.属于行政执法案卷",
    "denied.query_matter": "8.属于行政查询事项",
    "unavailable.not_held": "1.本机关不掌握相关政府信息",
    "unavailable.needs_creation": "2.没有现成信息需要另行制作",
    "unavailable.still_unclear": "3.补正后申请内容仍不明确",
    "not_processed.petition": "1.信访举报投诉类申请",
    "not_processed.duplicate": "2.重复申请",
    "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.excessive": "4.无正当理由大量反复申请",
    "not_processed.confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.other": "3.其他",
    "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
GROUP_BEFORE = {"granted": "三、本年度办理结果", "denied.state_secret": "（三）不予公开",
                "unavailable.not_held": "（四）无法提供", "not_processed.petition": "（五）不予处理",
                "other.no_correction": "（六）其他处理"}

T3_HEAD = """三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况
自然人
法人或其他组织
总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
"""
T2_RAW = """二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 1 0 5
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 550
第二十条第（六）项
信息内容 本年处理决定数量
行政处罚 41
行政强制 19
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费 7.5
"""
T4_RAW = """四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计
未经复议直接起诉 复议后起诉
结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
""" + " ".join(str(v) for v in T4) + "\n"


def raw_table3(rows: dict[str, list[int]], labels: dict[str, str] | None = None) -> str:
    """Table 3 as ``pdftotext -raw`` gives it: a row's label and its numbers on one line."""
    names = {**RAW_LABELS, **(labels or {})}
    out = [T3_HEAD.rstrip("\n")]
    for row, values in rows.items():
        if row in GROUP_BEFORE:
            out.append(GROUP_BEFORE[row])
        out.append(f"{names[row]} {' '.join(str(v) for v in values)}")
    return "\n".join(out) + "\n"


def report_text(table2: str = T2_RAW, table3: str | None = None, table4: str = T4_RAW) -> str:
    return HEAD + table2 + (table3 if table3 is not None else raw_table3(T3)) + table4 + TAIL


def parse(text: str) -> Report:
    return parse_bytes(text.encode("utf-8"), "report.txt")


def cells(report: Report, table: str) -> dict[str, Any]:
    return {cid: c.value for cid, c in report.tables[table].cells.items()}  # type: ignore[index]


def t3_cells(rows: dict[str, list[int]]) -> dict[str, Decimal]:
    columns = ("natural_person", "commercial", "research", "social_welfare", "legal_service",
               "other_org", "total")
    return {f"{row}.{col}": Decimal(v) for row, values in rows.items()
            for col, v in zip(columns, values, strict=True)}


def t4_cells() -> dict[str, Decimal]:
    return {cid: Decimal(v) for cid, v in zip(REVIEW_CELL_IDS, T4, strict=True)}


def findings(report: Report) -> list[Finding]:
    return check_report(report)


def codes(report: Report) -> list[str]:
    return sorted(f.code for f in findings(report))


def template_of(report: Report) -> TemplateId | None:
    return report.meta.template
