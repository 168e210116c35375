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

The flattenings learnt from real reports (``real_styles``: pdftotext blocks, centred
``-layout``, converter and OCR markdown, one-line pages) are asked for by name
(``REAL_STYLE_NAMES``, ``real_corpus()``); a style drawn at random is always one of
the seed styles, so the seed corpus stays byte for byte what it was. Their truth
also says which cells the text lost (``truth.absent``) and which glued cells no
identity decides (``truth.undecidable``, ``truth.readings``; see ``readings``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import lru_cache

from .chars import pdf_glyphs
from .document import render_document
from .encodings import ENCODING_NAMES, NEWLINE_NAMES, NEWLINES, encode
from .layout import application_rows
from .readings import resolve
from .real_styles import REAL_STYLE_NAMES, REAL_STYLES
from .styles import STYLE_NAMES, STYLES, Ctx, Line, choose_quirks
from .truth import CellRef, Truth, keep_old_other_row, random_truth

__all__ = [
    "ALL_STYLES", "ENCODING_NAMES", "NEWLINE_NAMES", "REAL_STYLE_NAMES", "STYLE_NAMES",
    "GeneratedReport", "Truth", "corpus", "generate", "generate_with", "real_corpus",
]

# A style is drawn from the seed styles only (``STYLE_NAMES``), so reports made before
# the real styles came stay byte for byte the same; the real styles are asked for by name.
ALL_STYLES = {**STYLES, **REAL_STYLES}


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
    truth: Truth | None = None,
) -> GeneratedReport:
    """One report drawn from ``rng``; ``truth``: render this truth rather than draw one
    (the folders of ``generator.folders`` make their truths to fit each other)."""
    style = style or rng.choice(STYLE_NAMES)
    encoding = encoding or rng.choice(ENCODING_NAMES)
    newline = newline or rng.choice(NEWLINE_NAMES)
    spec = ALL_STYLES[style]
    if truth is None:
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
    if "old_other_row" in chosen:  # a template-2021 quirk (real styles only)
        if truth.template == "2021":
            truth = keep_old_other_row(truth)
        else:
            chosen -= {"old_other_row"}
    ctx = Ctx(rng, chosen)
    lines, tables = render_document(truth, spec, ctx)
    if "lost_label" in chosen and "lost_label_row" not in ctx.choices:
        chosen -= {"lost_label"}  # no row qualified: record only what the text shows
    if spec.finish is not None:
        lines = spec.finish(lines, truth, ctx)
    lines = _disguise(lines, ctx)
    text, positions = _assemble(lines, NEWLINES[newline], rng.random() < 0.9)
    ambiguous: set[CellRef] = set()
    if not spec.can_blank:
        for table in tables:
            for row in table.rows:
                if any(c.blank for c in row.values):
                    ambiguous.update(c.ref for c in row.values if c.ref)
    truth = replace(truth, positions=positions, ambiguous=frozenset(ambiguous))
    truth, chosen = _damage(truth, ctx, chosen)
    return GeneratedReport(encode(text, encoding), text, truth, style, encoding, newline,
                           chosen, seed)


def _damage(truth: Truth, ctx: Ctx, chosen: frozenset[str]) -> tuple[Truth, frozenset[str]]:
    """What a real style's rendering did to the text, recorded in the truth: labels
    misspelt, cells lost, digits glued (only real styles leave these in ``ctx``)."""
    if "misspelt" in ctx.choices:
        rows = frozenset(ctx.choices["misspelt"])  # type: ignore[arg-type]
        truth = replace(truth, misspelt=rows)
        if not rows:
            chosen -= {"misspelt_labels"}
    if "absent" in ctx.choices:
        truth = replace(truth, absent=frozenset(ctx.choices["absent"]))  # type: ignore[arg-type]
    if "glued_runs" in ctx.choices:
        results = [r.id for r in application_rows(truth)
                   if r.id not in ("new_received", "carried_over", "total", "carried_forward")]
        found = resolve(ctx.choices["glued_runs"], results)  # type: ignore[arg-type]
        truth = replace(truth, undecidable=found.undecidable, readings=found.readings)
    return truth, chosen


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


@lru_cache(maxsize=4)
def real_corpus(per_style: int = 24, base_seed: int = 20_250_000) -> tuple[GeneratedReport, ...]:
    """``per_style`` reports of every real style, both templates, the encodings and
    line ends taken in turn (the real styles' subject is layout, not bytes)."""
    reports = []
    n = 0
    for style in REAL_STYLE_NAMES:
        for k in range(per_style):
            reports.append(generate(base_seed + n, style=style,
                                    encoding=ENCODING_NAMES[k % len(ENCODING_NAMES)],
                                    newline=NEWLINE_NAMES[k % 2],
                                    template=("2019", "2021")[k % 2]))
            n += 1
    return tuple(reports)
