"""Which glued cells a careful reader can still tell: the truth of the one-line pages.

A web page flattened to one line writes a row's cells with nothing between them
(``规范性文件898989`` is 89 / 89 / 89). Here every cut of each run into the row's cells
is tried, and the identities of the template keep the cuts that can be right:

* every row has as many cells as the template gives it;
* table 3: each row's 总计 is the sum of its six applicant columns; in each column,
  一 + 二 = （七）总计 + 四, and the result rows add up to （七）总计;
* table 4: in each group, 总计 = 维持 + 纠正 + 其他 + 尚未审结.

A cell is *undecidable* when the cuts that satisfy all of them give it different
values. The rules of writing numbers bound the cuts too: a space in a run is always
a boundary (pages put them only between cells), a number never starts with 0 unless
it is 0, a minus sign only starts a 本年增/减, a decimal point only sits in an amount,
and a unit (元, 万元) ends the amount. Kept apart from the parser's own reading of
glued digits (``parser/glued.py``) on purpose: a shared bug would hide itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from nianbao.parser.template import APPLICATION_COLUMN_IDS

from .truth import CellRef

_UNIT = re.compile(r"\s*(万元|元)$")
_INT = re.compile(r"0|[1-9]\d*")
_SIGNED = re.compile(r"-?(?:0|[1-9]\d*)")
_AMOUNT = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
# Past this many steps of the cross-row search, every reading that survived its own
# row's checks is kept: the truth then says "undecidable" where a cleverer search
# might decide (lenient, never wrong). The generator's tables stay far below it.
_MAX_STEPS = 2_000_000


@dataclass(frozen=True, slots=True)
class Run:
    """One row's cells as a one-line page writes them."""

    table: str
    row: str  # table-2 item id, table-3 row id, or "review" for table 4's line
    refs: tuple[CellRef, ...]
    texts: tuple[str, ...]  # each cell as written, unit included
    spaced: tuple[bool, ...]  # a space written after the cell

    def fields(self) -> list[str]:
        return [ref[1].rpartition(".")[2] for ref in self.refs]


def value_of(text: str) -> Decimal:
    unit = _UNIT.search(text)
    number = Decimal(_UNIT.sub("", text))
    return number / 10000 if unit and unit.group(1) == "元" else number


def _valid(piece: str, field: str) -> bool:
    if field == "amount":
        return bool(_AMOUNT.fullmatch(_UNIT.sub("", piece)))
    if field == "change":
        return bool(_SIGNED.fullmatch(piece))
    return bool(_INT.fullmatch(piece))


def _sum_pieces(table: str, count: int) -> dict[int, range]:
    """Piece index → the pieces it is the sum of, for the run's own identities."""
    if table == "applications":
        return {count - 1: range(0, count - 1)}
    if table == "review_litigation":
        return {g + 4: range(g, g + 4) for g in range(0, count, 5)}
    return {}


def cuts(run: Run) -> Iterator[tuple[str, ...]]:
    """Every cut of ``run`` into its cells that obeys the writing rules and the row's
    own identities (table 3's row sum, table 4's group sums)."""
    written = "".join(t + (" " if s else "") for t, s in zip(run.texts, run.spaced, strict=True))
    written = written.rstrip()
    unit = _UNIT.search(written)
    tail = unit.group(0) if unit else ""  # the amount's unit, as written, stays on it
    chars = written[:len(written) - len(tail)]
    # A boundary is forced after a space and before a minus sign; the spaces go.
    text = ""
    forced: set[int] = set()
    for ch in chars:
        if ch == " ":
            forced.add(len(text))
            continue
        if ch == "-" and text:
            forced.add(len(text))
        text += ch
    forced.discard(0)
    fields = run.fields()
    n = len(text)
    # the first forced boundary after each position (n when none)
    next_forced = [min([f for f in forced if f > at] + [n]) for at in range(n + 1)]

    def crosses(start: int, end: int) -> bool:  # a forced boundary strictly inside
        return any(start < f < end for f in forced)

    def free(at: int, count: int, pieces: list[str]) -> Iterator[list[str]]:
        """``count`` pieces filling text[at:] exactly, each a valid number of its field."""
        if count == 0:
            if at == n:
                yield pieces
            return
        stop = min([f for f in forced if at < f <= n] + [n])
        for cut in range(at + 1, stop + 1):
            if n - cut < count - 1:
                break
            piece = text[at:cut]
            check = piece + tail if cut == n else piece
            if _valid(check, fields[len(pieces)]):
                yield from free(cut, count - 1, [*pieces, piece])

    def reachable(length: int, count: int, target: int) -> bool:
        """Can ``count`` integers written in ``length`` digits add up to ``target``?
        The longest has at most length-count+1 digits; the longest has at least
        ceil(length/count), and unless it is a lone 0 it does not start with 0."""
        if count == 0:
            return length == 0 and target == 0
        if length < count or target >= count * 10 ** (length - count + 1):
            return False
        return target >= 10 ** (-(-length // count) - 1) or -(-length // count) == 1

    @cache
    def summing(at: int, count: int, end: int, target: int) -> tuple[tuple[str, ...], ...]:
        """The cuts of text[at:end] into ``count`` integers adding up to ``target``."""
        if not reachable(end - at, count, target):
            return ()
        if count == 0:
            return ((),)
        found: list[tuple[str, ...]] = []
        stop = min(next_forced[at], end)
        if text[at] == "0":  # 0 is written alone
            stop = at + 1
        for cut in range(at + 1, stop + 1):
            if end - cut < count - 1:
                break
            value = int(text[at:cut])
            if value > target:
                break  # longer pieces only grow
            if reachable(end - cut, count - 1, target - value):
                found += [(text[at:cut], *rest)
                          for rest in summing(cut, count - 1, end, target - value)]
        return tuple(found)

    def finish(pieces: list[str]) -> tuple[str, ...]:
        out = list(pieces)
        out[-1] += tail
        return tuple(out)

    if run.table == "applications":  # the last cell is the sum of the others
        for start in range(len(fields) - 1, n):
            total = text[start:]
            if crosses(start, n) or not _INT.fullmatch(total):
                continue
            for pieces in summing(0, len(fields) - 1, start, int(total)):
                yield finish([*pieces, total])
        return
    if run.table == "review_litigation":  # each group of five ends in its total
        def groups(at: int, done: list[str]) -> Iterator[list[str]]:
            if len(done) == len(fields):
                if at == n:
                    yield done
                return
            for parts in free_prefix(at, 4):
                end = at + sum(len(p) for p in parts)
                want = str(sum(int(p) for p in parts))
                stop = end + len(want)
                if text[end:stop] == want and not crosses(end, stop):
                    yield from groups(stop, [*done, *parts, want])

        def free_prefix(at: int, count: int) -> Iterator[list[str]]:
            if count == 0:
                yield []
                return
            # no count of table 4 runs to seven digits: it bounds the search
            stop = min([f for f in forced if f > at] + [n, at + 6])
            for cut in range(at + 1, stop + 1):
                piece = text[at:cut]
                if not _INT.fullmatch(piece):
                    continue
                for rest in free_prefix(cut, count - 1):
                    yield [piece, *rest]

        for pieces in groups(0, []):
            yield finish(pieces)
        return
    for pieces in free(0, len(fields), []):
        yield finish(pieces)


def _table3(runs: Sequence[Run], options: dict[str, list[tuple[str, ...]]],
            results: Sequence[str]) -> dict[str, set[int]] | None:
    """Which of each row's readings take part in a table that obeys the column
    identities; None when the search ran past ``_MAX_STEPS``."""
    rows = [r.row for r in runs]
    values = {row: [tuple(int(p) for p in o) for o in options[row]] for row in rows}
    heads = [r for r in ("total", "carried_forward", "new_received", "carried_over") if r in values]
    order = heads + [r for r in rows if r in results]
    width = len(APPLICATION_COLUMN_IDS)
    used: dict[str, set[int]] = {row: set() for row in order}
    steps = 0

    def rec(i: int, chosen: dict[str, int], sums: list[int]) -> bool:
        nonlocal steps
        steps += 1
        if steps > _MAX_STEPS:
            raise OverflowError
        if i == len(order):
            if all(sums[c] == values["total"][chosen["total"]][c] for c in range(width)):
                for row, k in chosen.items():
                    used[row].add(k)
            return True
        row = order[i]
        for k, v in enumerate(values[row]):
            chosen[row] = k
            if row == "carried_over" and {"total", "carried_forward", "new_received"} <= chosen.keys():
                t, f, nr = (values[r][chosen[r]] for r in ("total", "carried_forward", "new_received"))
                if any(nr[c] + v[c] != t[c] + f[c] for c in range(width)):
                    continue
            if row in results:
                total = values["total"][chosen["total"]]
                new = [s + x for s, x in zip(sums, v, strict=True)]
                if any(new[c] > total[c] for c in range(width)):
                    continue
                rec(i + 1, chosen, new)
            else:
                rec(i + 1, chosen, sums)
        del chosen[row]
        return True

    if "total" not in values:
        return {row: set(range(len(values[row]))) for row in rows}
    try:
        rec(0, {}, [0] * width)
    except OverflowError:
        return None
    return {row: used.get(row, set(range(len(values[row])))) for row in rows}


@dataclass(frozen=True)
class Resolved:
    undecidable: frozenset[CellRef]
    readings: dict[tuple[str, str], tuple[tuple[str, ...], ...]]


def resolve(runs: Sequence[Run], results: Sequence[str]) -> Resolved:
    """The undecidable cells of a page's glued runs, and the readings of each run that
    has more than one. ``results`` are table 3's result rows (A003)."""
    options = {(r.table, r.row): list(dict.fromkeys(cuts(r))) for r in runs}
    for r in runs:  # the true cut must be among them, or this module is wrong
        assert r.texts in options[(r.table, r.row)], (r, options[(r.table, r.row)][:5])
    table3 = [r for r in runs if r.table == "applications"]
    if table3:
        kept = _table3(table3, {r.row: options[(r.table, r.row)] for r in table3}, results)
        if kept is not None:
            for r in table3:
                options[(r.table, r.row)] = [o for k, o in enumerate(options[(r.table, r.row)])
                                             if k in kept[r.row]]
    undecidable: set[CellRef] = set()
    readings: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
    for r in runs:
        found = options[(r.table, r.row)]
        assert r.texts in found
        if len(found) < 2:
            continue
        readings[(r.table, r.row)] = tuple(found)
        for i, ref in enumerate(r.refs):
            if len({value_of(o[i]) for o in found}) > 1:
                undecidable.add(ref)
    return Resolved(frozenset(undecidable), readings)
