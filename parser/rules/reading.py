"""E — reading the file: undecodable files, and text damaged by a lossy re-encoding."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.parser.model.findings import Finding
from nianbao.parser.rules.context import Context

# E001 is decided while reading the file (see the core); this is its explanation.
E001_EXPLANATION = """
    ## What it does
    Reports a file that cannot be read as a report at all: empty, binary (a .doc, .pdf
    or image saved with a .txt name), or in an encoding that none of UTF-8, UTF-16 and
    GB18030 decodes. Nothing else is checked in it.

    ## Why is this bad?
    The report's text is not there to check. Usually the file is the wrong one (the
    original Word or PDF rather than its text), or it was cut short.

    ## Example
    ```
    report.txt: not a text file (binary data or an unknown encoding)
    ```

    ## How to fix
    Extract the report's text (save as plain text, UTF-8) and check that file.
    """

# Characters a lossy GBK/ANSI save leaves in place of what it could not encode.
_QUESTION_RUN = re.compile(r"\?{2,}")


def lossy_text(ctx: Context) -> Iterator[Finding]:
    """
    ## What it does
    Reports text that lost characters: bytes the decoder had to replace, U+FFFD
    replacement characters already in the file, or runs of ``?`` where characters a
    legacy encoding (GBK, "ANSI") could not hold were replaced.

    ## Why is this bad?
    Lost characters may be digits or the words of a row label, so numbers and rows may
    be misread; the published report is damaged the same way.

    ## Example
    ```
    ??????????? 0 0 0
    ```
    (a Kangxi-radical label saved as GBK).

    ## How to fix
    Get the text again from the original document, saved as UTF-8.
    """
    report = ctx.report
    text = report.text
    marks = [m.start() for m in re.finditer("\ufffd", text)]
    runs = list(_QUESTION_RUN.finditer(text))
    parts: list[str] = []
    if report.source.replacements:
        parts.append(f"decoding replaced {report.source.replacements} invalid byte sequence(s) "
                     f"of this {report.source.encoding} file with U+FFFD")
    elif marks:
        parts.append(f"the text contains {len(marks)} U+FFFD replacement character(s)")
    if runs:
        parts.append(f"{len(runs)} run(s) of '?' where characters were lost")
    if not parts:
        return
    starts = sorted([*marks[:1], *(m.start() for m in runs[:1])])
    start = starts[0] if starts else None
    end = None
    if start is not None:
        run = next((m for m in runs if m.start() == start), None)
        end = run.end() if run else start + 1
    yield ctx.finding("E002", "; ".join(parts), start, end)
