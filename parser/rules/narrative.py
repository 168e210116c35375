"""X — what the text says against what the tables say.

The prose is read as sentences inside one section at a time (never across a
section heading or a table), normalised (full-width digits, PDF radicals) and with
line breaks inside a paragraph removed, so a sentence wrapped over lines still
reads as one. Each pattern looks for a keyword followed closely by a number and
its unit, in the same clause; the finding points at the number in the sentence
and lists the table cells it was compared with.

False alarms are worse than misses here: a pattern only fires when the clause
leaves no doubt which figure it states (收到…申请 N 件, not 收到…提案 N 件), and a
figure that can honestly mean two things (收到 may count carried-over
applications) is accepted when either matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from nianbao.parser.document.sentences import Sentence
from nianbao.parser.i18n import N_, _, pgettext, quote
from nianbao.parser.model.findings import Finding, Related
from nianbao.parser.model.report import Cell
from nianbao.parser.rules.common import (
    arithmetic_value,
    cell_name,
    chinese_number,
    column_label,
    fmt,
)
from nianbao.parser.rules.context import Context
from nianbao.parser.template import APPLICATION_ROW_SHORT, RESULT_ROW_IDS, TemplateId

# ---------------------------------------------------------------- claims

NUM = r"(?P<n>\d+|[零〇一二两三四五六七八九十百]+)"
_GAP = r"[^。;,\d]"


def _aside(text: str, match: re.Match[str]) -> bool:
    """Whether the keyword sits in a parenthesis the number is outside of.

    ``予以公开（含部分公开）5件``: the 5 is not a count of 部分公开.
    """
    before = text[:match.start()]
    opened = before.rfind("(") > before.rfind(")")
    closed_in_gap = ")" in text[match.start():match.start("n")]
    return opened and closed_in_gap


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return chinese_number(text)


def _phrase(sentence: Sentence, start: int, end: int) -> str:
    text = sentence.text[start:end]
    if len(text) > 32:
        text = f"{text[:14]}…{text[-14:]}"
    return text


@dataclass(frozen=True, slots=True)
class Target:
    """What a stated figure is compared with: the sum of some cells."""

    label: str
    cells: tuple[Cell, ...]

    def value(self) -> Decimal | None:
        total = Decimal(0)
        for cell in self.cells:
            value = arithmetic_value(cell)
            if value is None:
                return None
            total += value
        return total


def _target(ctx: Context, label: str, table: str, ids: Sequence[str]) -> Target | None:
    cells: list[Cell] = []
    for cell_id in ids:
        cell = ctx.cell(table, cell_id)  # type: ignore[arg-type]
        if cell is None:
            return None
        cells.append(cell)
    return Target(label, tuple(cells))


def _related(ctx: Context, target: Target) -> list[Related]:
    if len(target.cells) == 1:
        return [ctx.related(target.cells[0], target.label)]
    return [ctx.related(c) for c in target.cells if (arithmetic_value(c) or 0) != 0] or \
        [ctx.related(target.cells[0])]


# What a comparison counted, and the table it compared with: translated where shown.
_WHAT = {"applications": N_("applications"),
         "carried-over applications": N_("carried-over applications"),
         "cases": N_("cases"), "documents": N_("documents"),
         "repealed documents": N_("repealed documents"),
         "documents in force": N_("documents in force"), "decisions": N_("decisions"),
         "procurements": N_("procurements")}
_TABLES = {"table 2": N_("table 2"), "table 3": N_("table 3"), "table 4": N_("table 4")}


def _compare(
    ctx: Context,
    code: str,
    sentence: Sentence,
    match: re.Match[str],
    stated: Decimal,
    what: str,
    targets: Sequence[Target],
    table_name: str,
) -> Finding | None:
    """A finding when ``stated`` matches none of the ``targets`` (the first is the main one)."""
    known = [(t, t.value()) for t in targets]
    known = [(t, v) for t, v in known if v is not None]
    if not known or any(v == stated for _t, v in known):
        return None
    main, value = known[0]
    others = "".join(_(" (and {label} = {value})").format(label=t.label, value=fmt(v))
                     for t, v in known[1:] if v != value)
    start, end = sentence.span(match.start("n"), match.end("n"))
    phrase = quote(_phrase(sentence, match.start(), match.end()))
    if what:
        message = _("the text says {stated} {what} ({phrase}), but {table} says {label} = "
                    "{value}{others}").format(stated=fmt(stated), what=_(_WHAT[what]),
                                              phrase=phrase, table=_(_TABLES[table_name]),
                                              label=main.label, value=fmt(value), others=others)
    else:
        message = _("the text says {stated} ({phrase}), but {table} says {label} = "
                    "{value}{others}").format(stated=fmt(stated), phrase=phrase,
                                              table=_(_TABLES[table_name]), label=main.label,
                                              value=fmt(value), others=others)
    related = _related(ctx, main)
    for t, _v in known[1:]:
        related.extend(r for r in _related(ctx, t) if r not in related)
    cells = [c for t, _v in known for c in t.cells]
    return ctx.finding(code, message, start, end, related=related, cells=cells)


# ---------------------------------------------------------------- X001

_APPLICANT_WORDS = {"自然人": "natural_person"}
_ORG_WORDS = ("法人", "企业", "组织", "机构", "律师")
_NOT_DISCLOSURE = ("复议", "诉讼", "投诉", "举报", "提案", "建议", "来信", "信访", "咨询", "意见",
                   "留言", "许可", "审批", "项目", "资金", "专利", "奖励", "费")

_X001_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("new", re.compile(rf"新收(?:到)?(?P<gap>{_GAP}{{0,20}}?){NUM}件")),
    ("received", re.compile(rf"(?:收到|接收|接到)(?P<gap>[^。;\d]{{0,25}}?){NUM}件")),
    ("received_after", re.compile(rf"申请(?P<gap>{_GAP}{{0,10}}?)(?:共|合计|总计)?(?:收到|接收)"
                                  rf"{_GAP}{{0,6}}?{NUM}件")),
    ("accepted", re.compile(rf"受理(?P<gap>[^。;\d]{{0,25}}?){NUM}件")),
    ("handled", re.compile(rf"办理(?P<gap>[^。;\d]{{0,25}}?){NUM}件")),
    ("carried_over", re.compile(rf"上一?年度?结转(?P<gap>{_GAP}{{0,15}}?){NUM}件")),
)
# Words just before 办理 that make its count the carried-forward one.
_CARRIED_ON = re.compile(r"(?:转|结转|转入|转到|转至)(?:下一?年度?|次年)(?:继续)?$")
# After 未发生…申请: what did not happen is something else (纠错, a complaint).
_NOT_A_COUNT = re.compile(r"纠错|被纠正|被撤销|被确认违法|投诉|举报|复议|诉讼|错误|违法|泄密|超期|逾期")


def _clause_after(text: str, at: int) -> str:
    """The rest of the clause that starts before ``at``: up to the next 。；，."""
    stop = re.search(r"[。;；,，]", text[at:])
    return text[at:at + stop.start()] if stop else text[at:]


_NONE = re.compile(r"(?:未|没有|暂未|尚未|未曾)(?:收到|受理|接到|接收|发生|出现|有)"
                   r"(?P<gap>[^。;,]{0,25}?)(?P<what>依申请|申请)(?!人)")


def _applications_context(sentence: Sentence) -> bool:
    return "申请" in sentence.text or "申请" in sentence.previous


def _t3(ctx: Context, row: str, column: str = "total") -> Target | None:
    return _target(ctx, f"{APPLICATION_ROW_SHORT[row]}·{column_label(column)}", "applications",
                   [f"{row}.{column}"])


def _t3_sum(ctx: Context, label: str, rows: Sequence[str], column: str = "total") -> Target | None:
    return _target(ctx, label, "applications", [f"{r}.{column}" for r in rows])


def text_applications(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Finds the number of applications the text states (本年新收 N 件, 共收到/受理…申请 N 件,
    办理…申请 N 件, 上年结转 N 件, 未收到…申请) and compares it with table 3:
    一、本年新收 总计 (收到 may also count 二、上年结转; 办理 is (七)总计).

    ## Why is this bad?
    The text and the table of one report state two different counts of the same
    applications; at least one is wrong, and readers quote the text.

    ## Example
    ```
    本年度共收到政府信息公开申请5件 …   (table 3: 一、本年新收 总计 = 4)
    ```

    ## How to fix
    Make the sentence and table 3 agree: recount, then correct whichever is wrong.
    """
    if ctx.table("applications") is None:
        return
    new = _t3(ctx, "new_received")
    over = _t3(ctx, "carried_over")
    total = _t3(ctx, "total")
    both = _t3_sum(ctx, "一+二·总计", ("new_received", "carried_over"))
    for sentence in ctx.sentences:
        if not _applications_context(sentence):
            continue
        # Every count pattern ends in 件; only 未收到…申请 does without.
        for kind, pattern in _X001_PATTERNS if "件" in sentence.text else ():
            for match in pattern.finditer(sentence.text):
                gap = match.group("gap")
                if any(w in gap for w in _NOT_DISCLOSURE) or _aside(sentence.text, match) \
                        or "其中" in gap or "中有" in gap:
                    continue
                # 收到/受理/办理 count applications only when the clause says 申请.
                if kind in ("received", "accepted", "handled") and "申请" not in gap:
                    continue
                if kind == "handled" and _CARRIED_ON.search(
                        sentence.text, max(0, match.start() - 8), match.start()):
                    continue  # 转下一年度(继续)办理…1件 counts what is carried forward (X002)
                value = _number(match.group("n"))
                if value is None:
                    continue
                column = next((c for w, c in _APPLICANT_WORDS.items() if w in gap), None)
                if column is None and any(w in gap for w in _ORG_WORDS):
                    continue
                targets: list[Target | None]
                if column is not None:
                    targets = [_t3(ctx, "new_received", column),
                               _t3_sum(ctx, f"一+二·{column_label(column)}",
                                       ("new_received", "carried_over"), column)]
                elif kind == "new":
                    targets = [new]
                elif kind in ("received", "received_after"):
                    targets = [new, both]
                elif kind == "accepted":
                    targets = [new, both, total]
                elif kind == "handled":
                    targets = [total, both]
                else:
                    targets = [over]
                found = _compare(ctx, "X001", sentence, match, Decimal(value),
                                 "applications" if kind != "carried_over"
                                 else "carried-over applications",
                                 [t for t in targets if t is not None], "table 3")
                if found is not None:
                    yield found
        for match in _NONE.finditer(sentence.text):
            gap = match.group("gap")
            if any(w in gap for w in _NOT_DISCLOSURE) or re.search(r"\d", gap):
                continue
            if _NOT_A_COUNT.search(_clause_after(sentence.text, match.end())):
                continue  # 未发生因依申请公开被纠错的情况: nothing about how many came
            if match.group("what") == "申请" and gap and not any(w in gap for w in ("公开",
                                                                                  "信息")):
                continue
            if new is None:
                continue
            received = new.value()
            if received is None or received == 0:
                continue
            start, end = sentence.span(match.start(), match.end())
            phrase = quote(_phrase(sentence, match.start(), match.end()))
            yield ctx.finding(
                "X001", _("the text says no applications were received ({phrase}), but table 3 "
                          "says {label} = {value}").format(phrase=phrase, label=new.label,
                                                           value=fmt(received)), start, end,
                related=_related(ctx, new), cells=new.cells,
            )


# ---------------------------------------------------------------- X002

_PERCENT = re.compile(r"[,:]?(?:[^。;\d]{0,4}?)占(?:比)?[^。;,\d]{0,10}?(?P<p>\d+(?:\.\d+)?)%")


def _result_patterns(template: TemplateId) -> list[tuple[re.Pattern[str], str, tuple[str, ...]]]:
    rows = RESULT_ROW_IDS[template]
    denied = tuple(r for r in rows if r.startswith("denied."))
    unavailable = tuple(r for r in rows if r.startswith("unavailable."))
    not_processed = tuple(r for r in rows if r.startswith("not_processed."))
    other = tuple(r for r in rows if r == "other" or r.startswith("other."))
    g = rf"(?P<gap>{_GAP}{{0,6}}?)"
    return [
        (re.compile(rf"予以公开(?:及|和|与|、)部分公开{g}{NUM}件"), "(一)+(二)",
         ("granted", "partially_granted")),
        (re.compile(rf"(?<![不未])(?:予以公开|同意公开|全部公开){g}{NUM}件"), APPLICATION_ROW_SHORT["granted"],
         ("granted",)),
        (re.compile(rf"部分公开{g}{NUM}件"), APPLICATION_ROW_SHORT["partially_granted"],
         ("partially_granted",)),
        (re.compile(rf"不予(?:以)?公开{g}{NUM}件"), "(三)不予公开", denied),
        (re.compile(rf"无法提供{g}{NUM}件"), "(四)无法提供", unavailable),
        (re.compile(rf"(?:本机关)?不掌握(?P<gap>{_GAP}{{0,12}}?){NUM}件"),
         APPLICATION_ROW_SHORT["unavailable.not_held"], ("unavailable.not_held",)),
        (re.compile(rf"不予处理{g}{NUM}件"), "(五)不予处理", not_processed),
        (re.compile(rf"其他处理{g}{NUM}件"), "(六)其他处理", other),
        # Before 答复 and 办结: 转下一年度办理答复的有1件 counts what is carried forward.
        (re.compile(rf"结转(?:到|至)?下一?年度?(?P<gap>{_GAP}{{0,10}}?){NUM}件"),
         APPLICATION_ROW_SHORT["carried_forward"], ("carried_forward",)),
        (re.compile(rf"(?<!结)转(?:入|到|至)?下一?年度?(?:继续)?办理(?P<gap>{_GAP}{{0,10}}?){NUM}件"),
         APPLICATION_ROW_SHORT["carried_forward"], ("carried_forward",)),
        (re.compile(rf"办结(?P<gap>{_GAP}{{0,10}}?){NUM}件"), APPLICATION_ROW_SHORT["total"], ("total",)),
        (re.compile(rf"(?<!延期)(?<!逾期)答复(?P<gap>{_GAP}{{0,10}}?){NUM}件"), APPLICATION_ROW_SHORT["total"],
         ("total",)),
    ]


_RESULT_PATTERNS: dict[TemplateId, list[tuple[re.Pattern[str], str, tuple[str, ...]]]] = {
    t: _result_patterns(t) for t in ("2019", "2021")
}


def text_results(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Finds the result counts the text states for applications (予以公开 N 件, 部分公开,
    不予公开, 无法提供, 不予处理, 其他处理, 办结, 结转下年度) and compares each with the
    group's sum in the 总计 column of table 3. A share stated with it (占xx.xx%) is
    recomputed against (七)总计.

    ## Why is this bad?
    The text is what most readers see. A figure that differs from the table, or a
    share that does not follow from the figures, publishes two versions of the year's
    results.

    ## Example
    ```
    其中予以公开3件，不予公开1件 …   (table 3: (一)予以公开 总计 = 2)
    ```

    ## How to fix
    Make the sentence and table 3 agree: recount, then correct whichever is wrong.
    """
    if ctx.table("applications") is None or ctx.rows_template is None:
        return
    total = _t3(ctx, "total")
    for sentence in ctx.sentences:
        if "件" not in sentence.text or not _applications_context(sentence):
            continue
        claimed: set[int] = set()
        for pattern, label, rows in _RESULT_PATTERNS[ctx.rows_template]:
            for match in pattern.finditer(sentence.text):
                if match.start("n") in claimed:
                    continue
                gap = match.group("gap")
                if any(w in gap for w in _NOT_DISCLOSURE) or any(w in gap for w in _ORG_WORDS) \
                        or "自然人" in gap or _aside(sentence.text, match):
                    continue
                value = _number(match.group("n"))
                if value is None:
                    continue
                claimed.add(match.start("n"))
                target = _t3_sum(ctx, f"{label}·总计", rows)
                if target is None:
                    continue
                found = _compare(ctx, "X002", sentence, match, Decimal(value), "", [target],
                                 "table 3")
                if found is not None:
                    yield found
                    continue
                if total is not None and rows != ("total",):
                    share = _check_share(ctx, sentence, match, Decimal(value), total)
                    if share is not None:
                        yield share


def _check_share(ctx: Context, sentence: Sentence, match: re.Match[str], count: Decimal,
                 total: Target) -> Finding | None:
    after = _PERCENT.match(sentence.text, match.end())
    if after is None:
        return None
    base = total.value()
    if base is None or base == 0:
        return None
    printed = Decimal(after.group("p"))
    exponent = printed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    exact = count / base * 100
    if abs(printed - exact) < Decimal(1).scaleb(-max(places, 0)):
        return None
    start, end = sentence.span(after.start("p"), after.end("p") + 1)
    shown = exact.quantize(Decimal(1).scaleb(-max(places, 2)))
    return ctx.finding(
        "X002", _("the text says {count} is {percent}% of the year's applications, but {count} "
                  "of (七)总计 {base} is {exact}%").format(count=fmt(count),
                                                        percent=after.group("p"),
                                                        base=fmt(base), exact=fmt(shown)),
        start, end, related=_related(ctx, total), cells=total.cells,
        hint=_("Recompute the share against (七)总计 of table 3."),
    )


# ---------------------------------------------------------------- X003

_CASE_UNIT = r"(?:件|起|次|宗|例|个)"
_SUBCOUNT = ("维持", "纠正", "撤销", "确认违法", "审结", "结案", "败诉", "胜诉", "驳回", "终止", "决定",
             "尚未", "中")
_X003_COUNTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("litigation_direct", re.compile(
        rf"直接(?:向法院)?(?:提起)?(?:行政)?(?:起诉|诉讼)(?P<gap>{_GAP}{{0,8}}?){NUM}{_CASE_UNIT}")),
    ("litigation_after_review", re.compile(
        rf"复议后(?:提起)?(?:行政)?(?:起诉|诉讼)(?P<gap>{_GAP}{{0,8}}?){NUM}{_CASE_UNIT}")),
    ("review", re.compile(rf"行政复议(?P<gap>[^。;,\d]{{0,15}}?){NUM}{_CASE_UNIT}")),
    ("litigation", re.compile(rf"行政诉讼(?P<gap>[^。;,\d]{{0,15}}?){NUM}{_CASE_UNIT}")),
)
_ALL_UPHELD = re.compile(r"(?:均|全部|都)(?:获|被|予以|得到|已)?(?:维持)")
_ALL_CLOSED = re.compile(r"(?:均|全部|都)(?:已)?(?:审结|结案)")
_NO_CASES = re.compile(r"(?:未发生|未出现|未收到|未接到|未涉及|没有发生|没有|未有|不存在|无)(?![法正需论关])"
                       r"(?P<gap>[^。;,\d]{0,20}?)(?P<what>行政复议|行政诉讼)(?P<rest>[^。;,]*)")
_GROUPS = ("review", "litigation_direct", "litigation_after_review")


def _t4(ctx: Context, groups: Sequence[str], field_id: str = "total") -> Target | None:
    names = {"review": "行政复议", "litigation_direct": "直接起诉",
             "litigation_after_review": "复议后起诉"}
    label = "+".join(names[g] for g in groups) + f"·{'总计' if field_id == 'total' else field_id}"
    return _target(ctx, label, "review_litigation", [f"{g}.{field_id}" for g in groups])


def _mentioned(text: str) -> tuple[str, ...]:
    groups: list[str] = []
    if "复议" in text.replace("复议后", ""):
        groups.append("review")
    if "诉讼" in text or "起诉" in text:
        groups.extend(("litigation_direct", "litigation_after_review"))
    return tuple(groups) or _GROUPS


def text_review(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Finds what the text says about administrative reconsideration and litigation over
    disclosure (行政复议 N 件, 行政诉讼 N 起, 未发生…行政复议、行政诉讼, 均获维持, 均已审结)
    and compares it with table 4: 行政复议 总计, the two 行政诉讼 totals, and the 结果纠正 /
    其他结果 / 尚未审结 cells.

    ## Why is this bad?
    "均获维持" while a case was corrected or is still pending, or "未发生行政复议" beside a
    table that counts one, misinforms readers about the legality of the agency's answers.

    ## Example
    ```
    本年度发生政府信息公开行政复议2起，均获维持。   (table 4: 行政复议 结果纠正 = 1)
    ```

    ## How to fix
    Make the sentence and table 4 agree: recount, then correct whichever is wrong.
    """
    if ctx.table("review_litigation") is None:
        return
    for sentence in ctx.sentences:
        text = sentence.text
        if "复议" not in text and "诉讼" not in text and "起诉" not in text:
            continue
        claimed: set[int] = set()
        for kind, pattern in _X003_COUNTS:
            for match in pattern.finditer(text):
                if match.start("n") in claimed:
                    continue
                gap = match.group("gap")
                if any(w in gap for w in _SUBCOUNT) or any(w in gap for w in _NOT_DISCLOSURE[2:]) \
                        or _aside(text, match):
                    continue
                value = _number(match.group("n"))
                if value is None:
                    continue
                claimed.add(match.start("n"))
                targets: list[Target | None]
                if kind == "review" and "诉讼" in gap:
                    if "各" in gap:
                        targets = [_t4(ctx, ("review",))]
                        litigation = _t4(ctx, _GROUPS[1:])
                        for target in (targets[0], litigation):
                            if target is None:
                                continue
                            found = _compare(ctx, "X003", sentence, match, Decimal(value),
                                             "cases", [target], "table 4")
                            if found is not None:
                                yield found
                        continue
                    targets = [_t4(ctx, _GROUPS)]
                elif kind == "review":
                    if "后" in gap:
                        continue
                    targets = [_t4(ctx, ("review",))]
                elif kind == "litigation":
                    if "复议" in gap:
                        continue
                    targets = [_t4(ctx, _GROUPS[1:])]
                else:
                    targets = [_t4(ctx, (kind,))]
                found = _compare(ctx, "X003", sentence, match, Decimal(value), "cases",
                                 [t for t in targets if t is not None], "table 4")
                if found is not None:
                    yield found
        if "复议" in text or "诉讼" in text:
            yield from _qualifier(ctx, sentence, _ALL_UPHELD, ("corrected", "other", "pending"),
                                  _("all cases were upheld"))
            yield from _qualifier(ctx, sentence, _ALL_CLOSED, ("pending",),
                                  _("all cases were closed"))
        for match in _NO_CASES.finditer(text):
            groups = ["review"] if match.group("what") == "行政复议" else list(_GROUPS[1:])
            rest = match.group("rest")
            if match.group("what") == "行政复议" and "诉讼" in rest:
                groups.extend(_GROUPS[1:])
            elif match.group("what") == "行政诉讼" and "复议" in rest:
                groups.insert(0, "review")
            if any(w in match.group("gap") for w in ("但", "除", "外")):
                continue
            target = _t4(ctx, groups)
            cases = target.value() if target is not None else None
            if target is None or cases is None or cases == 0:
                continue
            start, end = sentence.span(match.start(), match.end("what"))
            yield ctx.finding(
                "X003", _("the text says there were no such cases ({phrase}), but table 4 says "
                          "{label} = {value}").format(
                    phrase=quote(_phrase(sentence, match.start(), match.end("what"))),
                    label=target.label, value=fmt(cases)), start, end,
                related=_related(ctx, target), cells=target.cells,
            )


def _qualifier(ctx: Context, sentence: Sentence, pattern: re.Pattern[str],
               fields: Sequence[str], said: str) -> Iterator[Finding]:
    for match in pattern.finditer(sentence.text):
        clause_start = max(sentence.text.rfind(";", 0, match.start()), 0)
        groups = _mentioned(sentence.text[clause_start:match.end()])
        offending: list[Cell] = []
        for group in groups:
            total = ctx.cell("review_litigation", f"{group}.total")
            if total is not None and (arithmetic_value(total) or 0) == 0:
                continue
            for field_id in fields:
                cell = ctx.cell("review_litigation", f"{group}.{field_id}")
                if cell is not None and (arithmetic_value(cell) or 0) != 0:
                    offending.append(cell)
        if not offending:
            continue
        start, end = sentence.span(match.start(), match.end())
        listed = pgettext("list", ", ").join(
            _("{label} = {raw}").format(label=ctx.name(c), raw=c.raw) for c in offending)
        yield ctx.finding(
            "X003", _("the text says {said} ({phrase}), but table 4 has {cells}").format(
                said=said, phrase=quote(match.group(0)), cells=listed),
            start, end, related=[ctx.related(c) for c in offending], cells=offending,
        )


# ---------------------------------------------------------------- X004

_DOC_KIND = r"(?P<kind>行政规范性文件|规范性文件|规章)"
_ISSUE = re.compile(rf"(?:制发|出台|制定|印发|发布|新制作)(?P<gap>{_GAP}{{0,12}}?){_DOC_KIND}"
                    rf"(?P<gap2>{_GAP}{{0,4}}?){NUM}件")
_ISSUE_COUNT = re.compile(rf"{_DOC_KIND}(?:制定|制发)(?:数|数量|件数)(?P<gap>[为是:]?){NUM}")
_REPEAL = re.compile(rf"废止(?P<gap>{_GAP}{{0,12}}?){_DOC_KIND}(?P<gap2>{_GAP}{{0,4}}?){NUM}件")
_IN_FORCE = re.compile(rf"现行有效(?P<gap>{_GAP}{{0,12}}?){NUM}件")
_DECISIONS = re.compile(rf"行政(?P<kind>许可|处罚|强制)(?P<gap>{_GAP}{{0,6}}?)决定"
                        rf"(?P<gap2>{_GAP}{{0,4}}?){NUM}(?:件|个|起|宗)")
_PROCUREMENT_COUNT = re.compile(rf"集中采购(?P<gap>{_GAP}{{0,8}}?){NUM}(?:项|笔|次|个|批)")
_PROCUREMENT_AMOUNT = re.compile(r"采购(?:总)?金额(?P<gap>[^。;,\d]{0,4}?)(?P<n>\d+(?:\.\d+)?)"
                                 r"(?P<unit>万元|元)")
# Every X004 pattern needs one of these; most sentences have none.
_X004_WORDS = ("规章", "规范性文件", "现行有效", "决定", "采购")
_NOT_OWN = ("转发", "上级", "清理", "修订", "解读", "备案", "审核", "审查", "废止", "失效", "宣传")


def _kind(name: str) -> str:
    return "regulations" if name == "规章" else "normative_documents"


def _t2(ctx: Context, item: str, fields: Sequence[str]) -> list[Target]:
    out: list[Target] = []
    for field_id in fields:
        target = _target(ctx, cell_name("active_disclosure", f"{item}.{field_id}", ctx.template),
                         "active_disclosure", [f"{item}.{field_id}"])
        if target is not None:
            out.append(target)
    return out


def text_active(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Finds the table-2 figures the text states and compares them with table 2: the
    规章 and 规范性文件 issued (制发/出台/制定…N 件), repealed (废止) and in force (现行有效),
    the 行政许可 / 行政处罚 / 行政强制 decisions (…决定 N 件), and under template 2019 the
    government procurement count and amount (集中采购 N 项, 采购总金额 N 万元).

    ## Why is this bad?
    The text and the table then publish two different figures for the same documents
    or decisions; at least one is wrong.

    ## Example
    ```
    本年度共出台行政规范性文件2件 …   (table 2: 行政规范性文件 本年制发件数 = 1)
    ```
    Documents forwarded from higher levels (转发上级规范性文件) are not counted as the
    agency's own and are not compared.

    ## How to fix
    Make the sentence and table 2 agree: recount, then correct whichever is wrong.
    """
    if ctx.table("active_disclosure") is None or ctx.template is None:
        return
    template = ctx.template
    issued = ("issued",) if template == "2021" else ("new_made", "new_published")
    for sentence in ctx.sentences:
        text = sentence.text
        if not any(word in text for word in _X004_WORDS):
            continue
        checks: list[tuple[re.Match[str], list[Target], str]] = []
        for pattern in (_ISSUE, _ISSUE_COUNT):
            for match in pattern.finditer(text):
                gaps = match.group("gap") + (match.groupdict().get("gap2") or "")
                before = text[max(0, match.start() - 4):match.start()]
                if any(w in gaps or w in before for w in _NOT_OWN):
                    continue
                checks.append((match, _t2(ctx, _kind(match.group("kind")), issued), "documents"))
        if template == "2021":
            for match in _REPEAL.finditer(text):
                if any(w in match.group("gap") + match.group("gap2") for w in ("转发", "上级")):
                    continue
                checks.append((match, _t2(ctx, _kind(match.group("kind")), ("repealed",)),
                               "repealed documents"))
            for match in _IN_FORCE.finditer(text):
                clause_start = max(text.rfind(",", 0, match.start()), 0)
                clause = text[clause_start:match.end()]
                regs, docs = "规章" in clause, "规范性文件" in clause
                if any(w in clause for w in ("转发", "上级")) or (regs and docs):
                    continue
                if not regs and not docs:
                    # 制发行政规范性文件2件，现行有效5件: the kind named earlier in the sentence.
                    before = text[:match.start()]
                    last_regs, last_docs = before.rfind("规章"), before.rfind("规范性文件")
                    if last_regs == last_docs:
                        continue
                    regs = last_regs > last_docs
                item = "regulations" if regs else "normative_documents"
                checks.append((match, _t2(ctx, item, ("in_force",)), "documents in force"))
        for match in _DECISIONS.finditer(text):
            item = {"许可": "licensing", "处罚": "penalty", "强制": "enforcement"}[
                match.group("kind")]
            checks.append((match, _t2(ctx, item, ("decisions",)), "decisions"))
        if template == "2019":
            for match in _PROCUREMENT_COUNT.finditer(text):
                checks.append((match, _t2(ctx, "procurement", ("count",)), "procurements"))
        for match, targets, what in checks:
            value = _number(match.group("n"))
            if value is None or not targets:
                continue
            found = _compare(ctx, "X004", sentence, match, Decimal(value), what, targets,
                             "table 2")
            if found is not None:
                yield found
        if template == "2019":
            for match in _PROCUREMENT_AMOUNT.finditer(text):
                yield from _amount(ctx, sentence, match)


def _amount(ctx: Context, sentence: Sentence, match: re.Match[str]) -> Iterator[Finding]:
    targets = _t2(ctx, "procurement", ("amount",))
    if not targets:
        return
    stated = Decimal(match.group("n"))
    if match.group("unit") == "元":
        stated = stated / Decimal(10000)
    value = targets[0].value()
    if value is None or abs(value - stated) < Decimal("0.01"):
        return
    start, end = sentence.span(match.start("n"), match.end("unit"))
    yield ctx.finding(
        "X004", _("the text says the procurement amount is {stated} 万元 ({phrase}), but table 2 "
                  "says {label} = {value} 万元").format(
            stated=fmt(stated), phrase=quote(_phrase(sentence, match.start(), match.end())),
            label=targets[0].label, value=fmt(value)), start, end,
        related=_related(ctx, targets[0]), cells=targets[0].cells,
    )
