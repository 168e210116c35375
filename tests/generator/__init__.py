"""Reports with known truth, in every flattening style and encoding the seeds show.

    report = generate(7, style="pdf", encoding="gb18030")
    report.data      # the file's bytes
    report.text      # the text a correct decoder yields (no BOM)
    report.truth     # template, meta and every cell value, with positions

Deterministic from a seed (``random.Random(seed)``); ``generate_with`` takes any
``random.Random``, which is how ``generator.strategies`` feeds hypothesis in.
Style, encoding and line end are parameters so tests can report per style; the
quirks a report shows (web chrome, page breaks, radicals …) are drawn per report
and recorded in ``report.quirks``. See ``styles`` for what each style models and
how blank cells are handled where a style cannot write them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import lru_cache

from .chars import pdf_glyphs
from .document import render_document
from .encodings import ENCODING_NAMES, NEWLINE_NAMES, NEWLINES, encode
from .styles import STYLE_NAMES, STYLES, Ctx, Line, choose_quirks
from .truth import CellRef, Truth, random_truth

__all__ = [
    "ENCODING_NAMES", "NEWLINE_NAMES", "STYLE_NAMES", "GeneratedReport", "Truth",
    "corpus", "generate", "generate_with",
]


@dataclass(frozen=True)
class GeneratedReport:
    data: bytes
    text: str
    truth: Truth
    style: str
    encoding: str
    newline: str
    quirks: frozenset[str]
    seed: int | None = None

    @property
    def name(self) -> str:
        tag = "h" if self.seed is None else f"{self.seed:06d}"
        return f"gen_{tag}_{self.style}_{self.encoding}_{self.newline}.txt"


def _assemble(lines: list[Line], newline: str, final_newline: bool) -> tuple[str, dict]:
    positions: dict[CellRef, tuple[int, int]] = {}
    texts = []
    for number, line in enumerate(lines, 1):
        column = 1
        for text, ref in line:
            if ref is not None:
                positions[ref] = (number, column)
            column += len(text)
        texts.append("".join(text for text, _ in line))
    text = newline.join(texts) + (newline if final_newline else "")
    return text, positions


def _disguise(lines: list[Line], ctx: Ctx) -> list[Line]:
    """Style-wide text disguises, all 1:1 per character or whole lines."""
    rng = ctx.rng
    if ctx.on("radicals"):
        rate = rng.uniform(0.6, 1.0)
        lines = [tuple((t if ref else pdf_glyphs(t, rng, rate), ref) for t, ref in line)
                 for line in lines]
    if ctx.on("blank_lines"):
        # seed 002: a blank line after every line, now and then two or three.
        spread: list[Line] = []
        for line in lines:
            spread.append(line)
            spread += [()] * (1 if rng.random() < 0.95 else rng.randint(2, 3))
        lines = spread
    return lines


def generate_with(
    rng: random.Random,
    *,
    style: str | None = None,
    encoding: str | None = None,
    newline: str | None = None,
    template: str | None = None,
    quirks: frozenset[str] | set[str] | None = None,
    seed: int | None = None,
) -> GeneratedReport:
    style = style or rng.choice(STYLE_NAMES)
    encoding = encoding or rng.choice(ENCODING_NAMES)
    newline = newline or rng.choice(NEWLINE_NAMES)
    spec = STYLES[style]
    truth = random_truth(rng, template=template)
    chosen = choose_quirks(rng, spec) if quirks is None else frozenset(quirks)
    if not truth.has_blanks:
        chosen -= {"omitted_blanks"}
    if not spec.can_blank and "omitted_blanks" not in chosen:
        truth = truth.blanks_as_zero()  # the text says 0, and so does the truth
    if spec.adjust is not None:
        truth = spec.adjust(truth)
    # Record only quirks that show in the text: these act at page breaks alone.
    if "page_break" not in chosen:
        chosen -= {"running_header", "formfeed"}
    if truth.template != "2019":
        chosen -= {"long_table2"}
    ctx = Ctx(rng, chosen)
    lines, tables = render_document(truth, spec, ctx)
    if "lost_label" in chosen and "lost_label_row" not in ctx.choices:
        chosen -= {"lost_label"}  # no row qualified: record only what the text shows
    lines = _disguise(lines, ctx)
    text, positions = _assemble(lines, NEWLINES[newline], rng.random() < 0.9)
    ambiguous: set[CellRef] = set()
    if not spec.can_blank:
        for table in tables:
            for row in table.rows:
                if any(c.blank for c in row.values):
                    ambiguous.update(c.ref for c in row.values if c.ref)
    truth = replace(truth, positions=positions, ambiguous=frozenset(ambiguous))
    return GeneratedReport(encode(text, encoding), text, truth, style, encoding, newline,
                           chosen, seed)


def generate(seed: int, **options: object) -> GeneratedReport:
    """One report, the same for the same seed and options."""
    return generate_with(random.Random(seed), seed=seed, **options)  # type: ignore[arg-type]


@lru_cache(maxsize=4)
def corpus(per_combination: int = 4, base_seed: int = 20_240_000) -> tuple[GeneratedReport, ...]:
    """Every style × encoding × line end, ``per_combination`` reports each.

    The defaults give 6 × 7 × 2 × 4 = 336 reports.
    """
    reports = []
    n = 0
    for style in STYLE_NAMES:
        for encoding in ENCODING_NAMES:
            for newline in NEWLINE_NAMES:
                for _ in range(per_combination):
                    reports.append(generate(base_seed + n, style=style, encoding=encoding,
                                            newline=newline))
                    n += 1
    return tuple(reports)
