"""A whole report around the tables: chrome, covering notice, title, preamble, the
six sections with narrative whose numbers agree with the tables, signature.

The narrative uses the phrasings real reports use (新收…件, 上年结转…件,
办结…件, 行政复议…件), so a parser that reads a table number from the prose
instead of the table is caught, and the narrative rules have something to check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nianbao.parser.template import NOTICE_2019, NOTICE_2021, SECTIONS

from .chars import fullwidth
from .layout import GTable, LabelStyle, active_blocks, active_long, applications, review
from .styles import Ctx, Line, Style, plain
from .truth import Truth


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _sum(truth: Truth, rows: list[str]) -> int:
    return sum(int(truth.total("applications", f"{r}.total")) for r in rows)


def _rows_under(truth: Truth, prefix: str) -> list[str]:
    rows = {c.rpartition(".")[0] for c in truth.cells["applications"]}
    return sorted(r for r in rows if r == prefix or r.startswith(prefix + "."))


@dataclass(frozen=True)
class Fact:
    """A number the narrative states, and the table cells it must equal."""

    phrase: str  # the words right before the number
    value: int
    section: int


def facts(truth: Truth) -> list[Fact]:
    """The narrative's numbers, computed from the truth (blank read as 0)."""
    app = "applications"
    out: list[Fact] = []
    if truth.template == "2019":
        out.append(Fact("新制作规范性文件", int(truth.total(
            "active_disclosure", "normative_documents.new_made")), 2))
        out.append(Fact("对外公开规范性文件总数", int(truth.total(
            "active_disclosure", "normative_documents.total_published")), 2))
    else:
        out.append(Fact("制发行政规范性文件", int(truth.total(
            "active_disclosure", "normative_documents.issued")), 2))
        out.append(Fact("现行有效", int(truth.total(
            "active_disclosure", "normative_documents.in_force")), 2))
    out += [
        Fact("新收政府信息公开申请", int(truth.total(app, "new_received.total")), 3),
        Fact("上年结转", int(truth.total(app, "carried_over.total")), 3),
        Fact("办结", int(truth.total(app, "total.total")), 3),
        Fact("予以公开", int(truth.total(app, "granted.total")), 3),
        Fact("部分公开", int(truth.total(app, "partially_granted.total")), 3),
        Fact("不予公开", _sum(truth, _rows_under(truth, "denied")), 3),
        Fact("无法提供", _sum(truth, _rows_under(truth, "unavailable")), 3),
        Fact("不予处理", _sum(truth, _rows_under(truth, "not_processed")), 3),
        Fact("其他处理", _sum(truth, _rows_under(truth, "other")), 3),
        Fact("结转下年度继续办理", int(truth.total(app, "carried_forward.total")), 3),
    ]
    rl = "review_litigation"
    out.append(Fact("行政复议", int(truth.total(rl, "review.total")), 4))
    out.append(Fact("行政诉讼", int(truth.total(rl, "litigation_direct.total"))
                    + int(truth.total(rl, "litigation_after_review.total")), 4))
    return out


def _stated(truth: Truth, section: int) -> str:
    f = {x.phrase: x.value for x in facts(truth) if x.section == section}
    if section == 2:
        if truth.template == "2019":
            return (f"本年度新制作规范性文件{f['新制作规范性文件']}件，"
                    f"对外公开规范性文件总数{f['对外公开规范性文件总数']}件。")
        return f"本年度制发行政规范性文件{f['制发行政规范性文件']}件，现行有效{f['现行有效']}件。"
    if section == 3:
        if not any(f.values()):
            return "本年度未收到政府信息公开申请，无上年结转申请。"
        return (f"本年度新收政府信息公开申请{f['新收政府信息公开申请']}件，"
                f"上年结转{f['上年结转']}件，办结{f['办结']}件。其中予以公开{f['予以公开']}件，"
                f"部分公开{f['部分公开']}件，不予公开{f['不予公开']}件，无法提供{f['无法提供']}件，"
                f"不予处理{f['不予处理']}件，其他处理{f['其他处理']}件；"
                f"结转下年度继续办理{f['结转下年度继续办理']}件。")
    if not f["行政复议"] and not f["行政诉讼"]:
        return "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    return f"本年度因政府信息公开被申请行政复议{f['行政复议']}件，被提起行政诉讼{f['行政诉讼']}件。"


_GENERAL = (
    "坚持以公开为常态、不公开为例外，不断完善工作机制，深入推进决策、执行、管理、服务、结果公开。",
    "及时做好政策解读和回应关切，深化重点领域信息公开，着力提升政务公开质量。",
    "严格执行信息发布审核制度，对待发布信息进行规范性、有效性、保密性审查，确保信息发布质量。",
    "依托政府门户网站和政务新媒体，拓宽公开渠道，方便人民群众查阅和监督。",
    "建立健全政府信息公开工作机制，明确分管领导和具体工作人员，形成分工明确、协同配合的工作格局。",
)
_SUBS = ("（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况",
         "（四）平台建设情况", "（五）监督保障情况")
_PROBLEMS = (
    "一是公开内容不够丰富，政策解读形式较为单一；二是工作人员业务水平有待进一步提高。",
    "下一步，我们将加强业务培训，规范公开流程，进一步拓宽公开渠道，不断提升政府信息公开工作水平。",
    "存在的问题主要是信息更新不够及时，公开的深度和广度仍需加强。",
)


def _heading(number: int, rng_pick: int) -> str:
    spec = SECTIONS[number - 1]
    options = (spec.standard, *spec.variants)
    return options[rng_pick % len(options)]


def render_document(truth: Truth, style: Style, ctx: Ctx) -> tuple[list[Line], list[GTable]]:
    rng = ctx.rng
    agency = truth.agency
    labels = LabelStyle(
        ascii_brackets=ctx.on("ascii_brackets"),
        space_after_number=ctx.on("space_after_number"),
        spaced_rate=0.3 if ctx.on("spaced_labels") else 0.0,
        aliases=ctx.on("aliases"),
        truncated_heads=ctx.on("truncated_heads"),
        amount_unit=rng.choice(("wanyuan", "wanyuan_space", "yuan")) if ctx.on("amount_units")
        else "plain",
        fullwidth_rate=0.5 if ctx.on("fullwidth_digits") else 0.0,
        rng=rng,
        misspell_rate=0.1 if ctx.on("misspelt_labels") else 0.0,
    )
    if ctx.on("misspelt_labels"):
        ctx.choices["misspelt"] = labels.misspelt  # filled as table 3 is laid out
    long2 = truth.template == "2019" and ctx.on("long_table2")
    table2 = active_long(truth, labels) if long2 else active_blocks(truth, labels)
    app_rows = [c.rpartition(".")[0] for c in truth.cells["applications"]][::7]
    break_before = rng.choice(app_rows[3:-1]) if ctx.on("page_break") else None
    table3 = applications(truth, labels, break_before, repeat_group=rng.random() < 0.5)
    table4 = review(truth, labels)
    tables = [table2, table3, table4]

    if ctx.on("lost_label"):
        # seed 001: a row under a group label lost its own label. Only rows whose
        # place alone says which row they are (not the first of their group), and
        # whose first cell is not blank: a line starting with "|" could as well
        # open with a table border.
        candidates = [r for r in app_rows if "." in r and not r.endswith(
            (".state_secret", ".not_held", ".petition", ".no_correction"))
            and truth.value("applications", f"{r}.natural_person") is not None]
        if candidates:
            ctx.choices["lost_label_row"] = ("applications", rng.choice(candidates) + ".total")

    pub = truth.published
    where_pub: set[str] = set()
    if pub is not None:
        if ctx.on("chrome"):
            where_pub.add("chrome")
        if ctx.on("notice"):
            where_pub.add("notice")
        if not where_pub or rng.random() < 0.6:
            where_pub.add("signature")

    title_year = f"{truth.year}年" if rng.random() < 0.6 else f"{truth.year}年度"
    form = rng.randrange(4)
    if form == 3:  # seed 004: '朔州市科技局 2020 年政府信息公开工作 年度报告'
        title_lines = [f"{agency.title_name} {truth.year} 年政府信息公开工作 年度报告"]
    elif form == 2:  # seed 003: agency on a line of its own
        title_lines = [agency.title_name, f"{title_year}政府信息公开工作年度报告"]
    else:
        title_lines = [f"{agency.title_name}{title_year}政府信息公开工作年度报告"]

    ctx.choices["running_title"] = "".join(title_lines)
    if pub is not None and ctx.on("fullwidth_digits") and rng.random() < 0.5:
        def date_text(day: dt.date) -> str:  # a Word document typed in full-width digits
            return fullwidth(cn_date(day))
    else:
        date_text = cn_date

    out: list[Line] = []

    def para(text: str) -> None:
        out.extend(style.paragraph(text, ctx))

    def heading(text: str) -> None:
        out.extend(style.heading(text, ctx))

    if ctx.on("chrome"):
        out.append(plain("当前位置：首页 > 政府信息公开 > 政府信息公开年报"))
        out.append(plain("".join(title_lines)))
        stamp = f"发布时间：{pub.isoformat()} " if "chrome" in where_pub and pub else ""
        out.append(plain(f"{stamp}发布机构：{agency.department} 字体：[大 中 小]"))
        out.append(plain("体裁分类：政府信息公开年报 主题分类：综合政务"))
    if "notice" in where_pub and pub is not None:
        # seed 000: the covering notice, its date being the publication date.
        out += [plain(f" {agency.title_name}关于印发"),
                plain(f"{truth.year}年度政府信息公开工作年度报告的通知"), (),
                plain("局机关各科室，下属事业单位："),
                plain(f"    现将《{agency.title_name}{truth.year}年度政府信息公开工作年度报告》"
                      "印发给你们，并向社会公开发布。"), (), (),
                plain(" " * 21 + agency.signature_name), plain(" " * 21 + date_text(pub)), (),
                plain("（此件主动公开）"), ()]
    if not ctx.on("chrome") or rng.random() < 0.5:
        for text in title_lines:
            out.extend(style.heading(text, ctx) if not ctx.on("md_headings")
                       else [plain("# " + text), ()])
    notice = NOTICE_2019 if truth.template == "2019" else NOTICE_2021
    para("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务"
         f"公开办公室关于政府信息公开工作年度报告有关事项的通知》（{notice}）要求，"
         f"{agency.title_name}编制本报告。")
    if truth.period is not None:
        y = truth.year
        sentence = rng.choice((
            f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
            f"所列政府信息公开数据统计期限自{y}年1月1日至{y}年12月31日。",
            f"所列数据的统计期限自 {y} 年 1 月 1 日起至 {y} 年 12 月 31 日止。",
        ))
        para(sentence + "如对本报告有疑问，请与本机关办公室联系（电话：0631-8480818）。")

    for number in range(1, 7):
        heading(_heading(number, rng.randrange(3)))
        if number == 1:
            para(f"{truth.year}年，{agency.title_name}认真贯彻落实《条例》，" + rng.choice(_GENERAL))
            for text in truth.prose:
                para(text)
            for sub in rng.sample(_SUBS, rng.randint(0, 3)):
                out.extend(style.paragraph(labels.label(sub), ctx))
                para(rng.choice(_GENERAL))
            continue
        if number in (2, 3, 4):
            table = tables[number - 2]
            story = _stated(truth, number)
            if ctx.on("narrative_after_table"):
                out.extend(style.table(table, ctx))
                para(story)
            else:
                para(story)
                out.extend(style.table(table, ctx))
            continue
        if number == 5:
            para(rng.choice(_PROBLEMS))
            if ctx.on("subheading_trap"):
                # seed 002: a numbered line inside section 5 that is not section 3.
                heading("三、下步打算及努力方向")
            para(rng.choice(_PROBLEMS))
            continue
        para(rng.choice((f"本机关{truth.year}年度未收取信息处理费。", "无其他需要报告的事项。",
                         "需要说明的其他事项：无")))

    if "signature" in where_pub or rng.random() < 0.5:
        out.append(plain(agency.signature_name))
        if "signature" in where_pub and pub is not None:
            out.append(plain(rng.choice(("", " " * 37)) + date_text(pub)))
    if ctx.on("chrome"):
        out += [(), plain("扫一扫分享到手机端"), plain("【打印本页】 【关闭窗口】")]
    return out, tables
