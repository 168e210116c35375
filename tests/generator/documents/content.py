"""A report's content as blocks (title lines, headings, paragraphs, tables), taken
from the text generator's own ``render_document`` so documents tell the same story
(narrative numbers that agree with the tables, notice, signature) in the same order.

``render_document`` lays a report out through a ``Style``'s callbacks; here the
callbacks record blocks instead of writing text, and hand back a marker line that
says which block goes where among the lines it writes itself (notice, signature).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..document import render_document
from ..layout import GTable
from ..styles import Ctx, Line, Style
from ..truth import Truth, random_truth

# Quirks of the text generator that make sense in a Word, web or PDF document, with
# how often a document gets each. Page breaks, chrome and every text-only disguise
# are left to the document formats themselves.
CONTENT_QUIRKS: dict[str, float] = {
    "notice": 0.2, "spaced_labels": 0.2, "ascii_brackets": 0.2, "space_after_number": 0.15,
    "fullwidth_digits": 0.1, "amount_units": 0.6, "aliases": 0.3, "subheading_trap": 0.2,
    "narrative_after_table": 0.3, "long_table2": 0.3,
}

_MARK = "\x00block:"


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    role: str  # title | heading | body | line (a short line as written: notice, signature)
    align: str = "left"  # left | right (signature lines pushed right with spaces)


@dataclass(frozen=True, slots=True)
class TableBlock:
    table: GTable
    number: int  # 2, 3 or 4: 表二 主动公开, 表三 依申请, 表四 复议诉讼


Block = Para | TableBlock


@dataclass(frozen=True)
class Content:
    truth: Truth
    blocks: tuple[Block, ...]
    quirks: frozenset[str]

    @property
    def title(self) -> str:
        return "".join(b.text for b in self.blocks if isinstance(b, Para) and b.role == "title")

    @property
    def tables(self) -> list[TableBlock]:
        return [b for b in self.blocks if isinstance(b, TableBlock)]


def _capture(kind: str):  # type: ignore[no-untyped-def]
    def record(item: object, ctx: Ctx) -> list[Line]:
        blocks: list[object] = ctx.choices.setdefault("blocks", [])  # type: ignore[assignment]
        blocks.append((kind, item))
        return [((f"{_MARK}{len(blocks) - 1}", None),)]
    return record


_STYLE = Style("document", True, _capture("table"), _capture("body"), _capture("heading"),
               CONTENT_QUIRKS)


def random_content(rng: random.Random, template: str | None = None) -> Content:
    truth = random_truth(rng, template=template)
    quirks = frozenset(q for q, p in CONTENT_QUIRKS.items() if rng.random() < p)
    if truth.template != "2019":
        quirks -= {"long_table2"}
    if truth.published is None:
        quirks -= {"notice"}
    ctx = Ctx(rng, quirks)
    lines, tables = render_document(truth, _STYLE, ctx)
    recorded: list[tuple[str, object]] = ctx.choices.get("blocks", [])  # type: ignore[assignment]
    blocks: list[Block] = []
    seen_body = False
    for line in lines:
        text = "".join(t for t, _ in line)
        if not text.strip():
            continue
        if text.startswith(_MARK):
            kind, item = recorded[int(text[len(_MARK):])]
            if kind == "table":
                assert isinstance(item, GTable)
                blocks.append(TableBlock(item, 2 + [t.id for t in tables].index(item.id)))
            elif kind == "heading":
                # Headings before the first paragraph are the title's lines.
                blocks.append(Para(str(item), "heading" if seen_body else "title"))
            else:
                seen_body = True
                blocks.append(Para(str(item), "body"))
            continue
        pushed = len(text) - len(text.lstrip(" ")) >= 10
        blocks.append(Para(text.strip(), "line", "right" if pushed else "left"))
    # The signature and date close the report, set flush right as documents set them.
    end = len(blocks)
    while end and isinstance(blocks[end - 1], Para) and blocks[end - 1].role == "line":
        end -= 1
    blocks[end:] = [Para(b.text, b.role, "right") for b in blocks[end:] if isinstance(b, Para)]
    return Content(truth, tuple(blocks), quirks)
