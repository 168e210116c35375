"""Cells run together when a table lost its separators: ``规范性文件898989``.

A web archive saves a report on one line and a table's cells lose what separated
them: ``一、本年新收政府信息公开申请数量230 000023`` is the row 23, 0, 0, 0, 0, 0, 23.
A row's digits are a *run*: one or more *chunks* (what white space still
separates: a space is always a boundary between cells), to be cut into as many
cells as the template gives the row. A cut is a *reading*; the rules of writing
numbers bound them (a count never starts with 0 unless it is 0, only 本年增/减 has
a minus sign, only an amount has a decimal point or a unit, and the unit ends it),
and so do the template's identities: a row's total is the sum of its applicant
columns, a table-4 group's 总计 the sum of its results (:func:`readings`), and,
across the rows of table 3, 一 + 二 = （七）总计 + 四 and the result rows add up to
（七）总计 in every column (:func:`consistent`). A cell is read only when every
reading that satisfies them all gives it the same value; otherwise it is left out
and the readings are shown. Every search is bounded: past its bound the row's
cells are left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from nianbao.parser.layout.fields import Field

Kind = Literal["count", "signed", "amount"]
# (result piece, addend pieces): the result is the sum of the addends.
Sum = tuple[int, tuple[int, ...]]

# The digits a row's last label field may end with: ``…申请数量230``, ``…采购13575394432.52元``.
# A minus sign may stand inside a run: it starts a 本年增/减 (``166-137 8``).
_RUN = r"-?\d[\d.]*(?:-\d[\d.]*)*(?:万元|元)?"
_GLUED = re.compile(r"^(.*?[^\d.,\s+-])\s*(" + _RUN + ")$")
_VALUE = re.compile("^" + _RUN + "$")
# A list number inside a label (``（四）无法提供1.本机关…``) is no cell.
_LIST_NUMBER = re.compile(r"\d\s*\.")
_NO_DIGITS = str.maketrans("", "", "0123456789")
_COUNT = re.compile(r"0|[1-9]\d*")
_SIGNED = re.compile(r"-?(?:0|[1-9]\d*)")
_AMOUNT = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元)?")
# Steps of one row's search, and states of the search across rows: past them, the
# cells concerned are left out (a finding says so) instead of guessed.
MAX_STEPS = 200_000
MAX_STATES = 50_000
MAX_READINGS = 64


@dataclass(frozen=True, slots=True)
class Chunk:
    """Characters of a run that no white space separates."""

    text: str  # normalised
    raw: str  # as written
    start: int  # offset of ``raw`` in the original text
    line: int


Run = tuple[Chunk, ...]
# A cut: for each cell, (chunk index, first, end) inside that chunk's text.
Reading = tuple[tuple[int, int, int], ...]


def run_text(run: Run) -> str:
    """The run as the text has it, from its first character to its last (the white
    space between chunks written as spaces)."""
    out = run[0].raw
    for before, chunk in zip(run, run[1:], strict=False):
        out += " " * max(1, chunk.start - before.start - len(before.raw)) + chunk.raw
    return out


def _chunk(field: Field, text: str) -> Chunk | None:
    """The end of ``field`` that is ``text``; None when the field's raw text does not
    line up with its normalised text (a cell joined across lines): no place to cut."""
    if len(field.raw) != len(field.text):
        return None
    offset = len(field.text) - len(text)
    return Chunk(text, field.raw[offset:], field.start + offset, field.line)


def is_value_text(text: str) -> bool:
    return bool(_VALUE.match(text.replace(" ", "")))


def split_glued(field: Field) -> tuple[str, str] | None:
    """(label, digits) when a label field ends in a number: ``规范性文件898989``."""
    match = _GLUED.match(field.text)
    if match is None:
        return None
    return match.group(1), match.group(2)


def glued_label(labels: list[Field]) -> tuple[str, Chunk] | None:
    """(label without its digits, the digits) when the last label swallowed them."""
    if len(labels) >= 2 and labels[-1].text in ("万元", "元") and labels[-1].line == labels[-2].line:
        # ``政府集中采购041 万元``: the unit after a space still ends the run.
        before = glued_label(labels[:-1])
        if before is None or not before[1].text[-1].isdigit():
            return None
        label, chunk = before
        unit = labels[-1]
        gap = unit.start - (chunk.start + len(chunk.raw))
        if gap < 0 or len(unit.raw) != len(unit.text):
            return None
        return label, Chunk(chunk.text + unit.text, chunk.raw + " " * gap + unit.raw,
                            chunk.start, chunk.line)
    if not labels:
        return None
    found = split_glued(labels[-1])
    if found is None:
        return None
    digits = _chunk(labels[-1], found[1])
    if digits is None:
        return None
    return "".join(f.text for f in labels[:-1]) + found[0], digits


def run_of(labels: list[Field], values: list[Field]) -> tuple[str, Run] | None:
    """A row's label and its run: the digits glued to its label, then its value fields.

    None when the row holds no number, or a value field is not one (``/``, ``无``).
    """
    chunks: list[Chunk] = []
    # A run too long to be one number (past 18 digits) is not a value to the field
    # reader: it ends the labels. Here it is a run like any other.
    while labels and is_value_text(labels[-1].text):
        values = [labels[-1], *values]
        labels = labels[:-1]
    glued = glued_label(labels)
    label = "".join(f.text for f in labels)
    if glued is not None:
        label, first = glued
        chunks.append(first)
    if _LIST_NUMBER.sub("", label).translate(_NO_DIGITS) != _LIST_NUMBER.sub("", label):
        # Digits inside the label (``…数量15825193416117二、上年结…``): two rows ran
        # together and this is not one row's label; its numbers are no one's.
        return None
    for f in values:
        if f.blank:
            continue
        if not is_value_text(f.text):
            return None
        if len(f.raw) != len(f.text):
            return None
        if " " in f.text:  # ``21.83 万元``: the unit joined to its number
            chunks.append(Chunk(f.text.replace(" ", ""), f.raw, f.start, f.line))
        else:
            chunks.append(Chunk(f.text, f.raw, f.start, f.line))
    if not chunks:
        return None
    return label, tuple(chunks)


def _valid(piece: str, kind: Kind, last: bool) -> bool:
    if kind == "amount":
        return bool(_AMOUNT.fullmatch(piece)) and (last or piece[-1].isdigit())
    if kind == "signed":
        return bool(_SIGNED.fullmatch(piece))
    return bool(_COUNT.fullmatch(piece))


def _forced(texts: list[str], count: int) -> Reading | None:
    if len(texts) == count:
        return tuple((c, 0, len(t)) for c, t in enumerate(texts))
    if sum(len(t) for t in texts) == count:
        return tuple((c, i, i + 1) for c, t in enumerate(texts) for i in range(len(t)))
    return None


def _hopeless(piece: str, kind: Kind) -> bool:
    """Whether no longer piece from the same start can be valid either."""
    if len(piece) > 1 and piece[0] == "0" and piece[1].isdigit():
        return True  # ``07`` is no way to write seven
    if kind == "amount":
        return piece[-1] == "元"
    return piece[-1] in ".元万"


def value_of(piece: str) -> Decimal:
    """A piece's number, an amount in the unit written (元 stays 元 here)."""
    return Decimal(piece.removesuffix("万元").removesuffix("元"))


def pieces(run: Run, reading: Reading) -> list[str]:
    return [run[c].text[a:b] for c, a, b in reading]


def readings(run: Run, kinds: Sequence[Kind], sums: Sequence[Sum] = (),
             check: Callable[[list[Decimal]], bool] | None = None,
             limit: int = MAX_STEPS) -> list[Reading] | None:
    """Every cut of ``run`` into ``len(kinds)`` cells that obeys the writing rules,
    the ``sums`` and ``check``; None when the search ran past ``limit`` steps."""
    count = len(kinds)
    texts = [chunk.text for chunk in run]
    forced = _forced(texts, count)
    if forced is not None:
        # As many chunks, or characters, as cells: one way to cut, whatever the sums
        # say (a sum that does not hold is the report's error, for the A rules).
        return [forced] if all(_valid(run[c].text[a:b], kind, i == count - 1)
                               for i, ((c, a, b), kind) in enumerate(zip(forced, kinds, strict=True))
                               ) else []
    after = [0] * (len(texts) + 1)  # characters in the chunks after each one
    for index in range(len(texts) - 1, -1, -1):
        after[index] = after[index + 1] + len(texts[index])
    result_of = {result: addends for result, addends in sums}
    groups_of: dict[int, list[int]] = {}
    for result, addends in sums:
        for addend in addends:
            groups_of.setdefault(addend, []).append(result)
    found: list[Reading] = []
    cut: list[tuple[int, int, int]] = []
    values: list[Decimal] = []
    steps = 0

    def search(chunk: int, at: int) -> None:
        nonlocal steps
        steps += 1
        if steps > limit:
            raise OverflowError
        k = len(cut)
        if k == count:
            if chunk == len(texts) and (check is None or check(values)):
                found.append(tuple(cut))
            return
        if chunk == len(texts):
            return
        text = texts[chunk]
        left = len(text) - at + after[chunk + 1]
        if count - k < len(texts) - chunk or left < count - k:
            return  # every chunk needs a cell, every cell a character
        if k in result_of:
            want = str(sum(values[i] for i in result_of[k]))
            ends: Iterable[int] = (at + len(want),) if text.startswith(want, at) else ()
        else:
            ends = range(at + 1, len(text) + 1)
        for end in ends:
            piece = text[at:end]
            is_last = chunk == len(texts) - 1 and end == len(text)
            if not _valid(piece, kinds[k], is_last):
                if _hopeless(piece, kinds[k]):
                    break  # longer pieces stay invalid
                continue
            value = value_of(piece)
            if any(len(str(sum(values[i] for i in result_of[r] if i < k) + value))
                   > left - len(piece) - (count - k - 2) for r in groups_of.get(k, ())):
                break  # the sum could no longer be written in what is left; longer pieces are larger
            cut.append((chunk, at, end))
            values.append(value)
            if end == len(text):
                search(chunk + 1, 0)
            else:
                search(chunk, end)
            cut.pop()
            values.pop()

    try:
        search(0, 0)
    except OverflowError:
        return None
    return found


def consistent(options: Sequence[Sequence[tuple[int, ...]]],
               weights: Sequence[tuple[int, ...]],
               limit: int = MAX_STATES) -> list[set[int]] | None:
    """Which options of each row take part in a table whose identities all hold.

    ``options[i]`` are row i's possible value vectors (one per column), ``weights[i]``
    its coefficient in each identity: identity e holds in column c when
    Σᵢ weights[i][e] · options[i][c] = 0. Returns, per row, the indexes of the options
    that belong to at least one choice (one option per row) satisfying every
    identity; empty sets when none does; None when the search would pass ``limit``
    states.
    """
    if not options:
        return []
    width = len(options[0][0]) if options[0] else 0
    idents = len(weights[0]) if weights else 0

    def contribution(row: int, option: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(weights[row][e] * option[c] for e in range(idents) for c in range(width))

    def add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(x + y for x, y in zip(a, b, strict=True))

    contributions = [[contribution(i, o) for o in row] for i, row in enumerate(options)]
    zero = (0,) * (idents * width)
    forward: list[set[tuple[int, ...]]] = [{zero}]
    for row in contributions:
        states = {add(s, c) for s in forward[-1] for c in set(row)}
        if len(states) > limit:
            return None
        forward.append(states)
    backward: list[set[tuple[int, ...]]] = [{zero}]
    for row in reversed(contributions):
        states = {add(s, c) for s in backward[-1] for c in set(row)}
        if len(states) > limit:
            return None
        backward.append(states)
    backward.reverse()  # backward[i]: what rows i… can add up to
    out: list[set[int]] = []
    for i, row in enumerate(contributions):
        after = backward[i + 1]
        kept = set()
        for k, c in enumerate(row):
            if any(tuple(-x for x in add(s, c)) in after for s in forward[i]):
                kept.add(k)
        out.append(kept)
    return out


def agreed(run: Run, found: Sequence[Reading], count: int) -> list[Field | None]:
    """Each cell that every reading gives the same value, as a field; None elsewhere."""
    out: list[Field | None] = []
    for index in range(count):
        values = {value_of(run[r[index][0]].text[r[index][1]:r[index][2]]) for r in found}
        if len(values) != 1 or not found:
            out.append(None)
            continue
        chunk_index, first, end = found[0][index]
        out.append(piece_field(run[chunk_index], first, end))
    return out


def piece_field(chunk: Chunk, first: int, end: int) -> Field:
    """The field of ``chunk.text[first:end]``, at its own offset in the original."""
    text = chunk.text[first:end]
    if len(chunk.raw) == len(chunk.text):
        return Field(text, chunk.raw[first:end], chunk.start + first, chunk.line)
    # ``21.83 万元`` joined: only the unit moved, and the unit ends the run.
    if end == len(chunk.text):
        return Field(text, chunk.raw[first:], chunk.start + first, chunk.line)
    return Field(text, chunk.raw[first:end], chunk.start + first, chunk.line)


def shown(run: Run, found: Sequence[Reading]) -> tuple[str, ...]:
    """The readings as a reader writes them, ``89|89|89``, at most ``MAX_READINGS``."""
    return tuple("|".join(pieces(run, r)) for r in found[:MAX_READINGS])


def row_sum(cells: int) -> tuple[Sum, ...]:
    """Table 3: the last cell (总计) is the sum of the others."""
    return ((cells - 1, tuple(range(cells - 1))),)


def group_sums(cells: int, size: int = 5) -> tuple[Sum, ...]:
    """Table 4: in each group of five, 总计 is the sum of the four results."""
    return tuple((g + size - 1, tuple(range(g, g + size - 1))) for g in range(0, cells, size))
