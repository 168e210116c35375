"""E — reading the file: undecodable files, and text damaged by a lossy re-encoding."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.parser.i18n import _, pgettext
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.context import Context

# E001 is decided while reading the file (see the core); this is its explanation.
E001_EXPLANATION = """
    ## What it does
    Reports a file that cannot be read as a report at all: empty, binary (an image, an
    archive), text in an encoding that none of UTF-8, UTF-16 and GB18030 decodes, a PDF
    with no text layer (a scan), damaged or needing a password to open, or a kind of
    file nianbao does not read (OFD, a spreadsheet, a presentation). Nothing else is
    checked in it.

    ## Why is this bad?
    The report's text is not there to check. Usually the file is the wrong one, was cut
    short, or keeps its text where no program can read it without help (a scan needs
    text recognition first).

    ## Example
    ```
    report.ofd: an OFD file (China's fixed-layout format), which nianbao cannot read
    ```

    ## How to fix
    Get the report as text, PDF, Word (.docx) or a web page: print an OFD to PDF, run
    text recognition (OCR) on a scan, save a copy without the password.
    """

# E003 is decided by the core once the file is parsed (:func:`is_report`).
E003_EXPLANATION = """
    ## What it does
    Reports a file that was read but is not a government information disclosure annual
    report: no title naming one (…政府信息公开工作年度报告), none of the six sections and
    none of the three tables of the national template. It is one finding instead of a
    missing section, table and year each; nothing else is checked in it.

    ## Why is this bad?
    A folder of downloads holds notices, attachments and spreadsheets of other things
    beside the reports: listing everything a notice lacks as a report would bury the
    real findings, and checking it as a report says nothing about it.

    ## Example
    ```
    关于做好政务公开工作的通知.pdf: not a government information disclosure annual report
    ```

    ## How to fix
    Nothing, if the file is not a report: leave it out of the folder or ignore E003. If
    it is the report, its text may be lost (a scan, a page saved as images): check the
    original.
    """


# E004 is decided by the core from the reader's notes (:func:`reading_notes`).
E004_EXPLANATION = """
    ## What it does
    Reports what the reader of a PDF, Word file or web page could not read as it is:
    pages or text beyond nianbao's limits (a PDF of hundreds of pages is read up to its
    first 200), a table whose lines do not settle its cells, characters whose font has
    no Unicode map, a page in an unknown charset, a Word document whose tables are
    pictures. One finding per note.

    ## Why is this bad?
    What was not read is not checked, and a value read from a damaged part may be
    wrong: the other findings cover only what was read.

    ## Example
    ```
    big.pdf: only the first 200 of 500 pages were read
    ```

    ## How to fix
    Check the part that was not read by hand, or get a cleaner copy of the report (the
    PDF exported from the original document rather than printed or scanned).
    """


def reading_notes(report: Report) -> tuple[str, ...]:
    """What the reader noted on this file (one line each), for E004."""
    return report.source.notes


def is_report(report: Report) -> bool:
    """Whether ``report`` shows anything of an annual report: a title naming one, a
    section of the six, or a table of the template (a damaged report still has one;
    a report of the pre-2019 structure still has its title)."""
    if report.sections or report.meta.title is not None:
        return True
    return any(table.found for table in report.tables.values())


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
        parts.append(_("decoding replaced {n} invalid byte sequence(s) of this {encoding} file "
                       "with U+FFFD").format(n=report.source.replacements,
                                             encoding=report.source.encoding))
    elif marks:
        parts.append(_("the text contains {n} U+FFFD replacement character(s)").format(
            n=len(marks)))
    if runs:
        parts.append(_("{n} run(s) of '?' where characters were lost").format(n=len(runs)))
    if not parts:
        return
    starts = sorted([*marks[:1], *(m.start() for m in runs[:1])])
    start = starts[0] if starts else None
    end = None
    if start is not None:
        run = next((m for m in runs if m.start() == start), None)
        end = run.end() if run else start + 1
    # Translators: between the parts of one message ("…; …"); ； in Chinese.
    yield ctx.finding("E002", pgettext("clauses", "; ").join(parts), start, end)
