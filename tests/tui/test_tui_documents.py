"""The TUI on published originals: a PDF, a Word file and a web page open like text
reports, the source pane shows their rendering, and the status line names the
place in the original in words (``PDF page 4``) beside the line:column.
"""

from __future__ import annotations

from pathlib import Path

from tui_helpers import ROOT, ready

from nianbao.parser.i18n import using_language
from nianbao.tui.app import NianbaoApp
from tests.generator.documents import generate_document

PDF = ROOT / "tests" / "data" / "originals" / "hongze_2023.pdf"


async def _to_table(pilot: object, app: NianbaoApp, table_id: str) -> None:
    await pilot.press("3")  # type: ignore[attr-defined]
    while app.main.table.table != table_id:
        await pilot.press("t")  # type: ignore[attr-defined]
    # To the first cell, and a step there and back: the status line follows the cursor.
    await pilot.press("g", "0", "l", "h")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_pdf_opens_and_the_status_line_names_its_page() -> None:
    app = NianbaoApp(PDF)
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        main = app.main
        report = main.current.report
        assert report is not None and report.source.kind == "pdf"
        # The source pane holds the rendering that was checked.
        assert main.source.document.text == report.text
        await _to_table(pilot, app, "review_litigation")
        cell = main.table.cell(main.table.cursor_cell)
        assert cell is not None
        status = str(main.status.render())
        assert str(report.position(cell.start)) in status
        assert "PDF page 4" in status


async def test_the_status_line_speaks_chinese_for_a_word_file(tmp_path: Path) -> None:
    doc = generate_document(4243, "docx", template="2021")
    path = tmp_path / doc.name
    path.write_bytes(doc.data)
    with using_language("zh"):
        app = NianbaoApp(path)
        async with app.run_test(size=(160, 40)) as pilot:
            await ready(pilot)
            await _to_table(pilot, app, "applications")
            cell_id = app.main.table.cursor_cell
            place = doc.cells[("applications", cell_id)].place
            status = str(app.main.status.render())
            assert f"Word 第{place.table}个表格 第{place.row}行 第{place.cell}格" in status  # type: ignore[union-attr]


async def test_a_text_report_shows_no_origin() -> None:
    app = NianbaoApp(ROOT / "sample_reports" / "005_arithmetic_slip.txt")
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await _to_table(pilot, app, "applications")
        status = str(app.main.status.render())
        assert "PDF" not in status and "Word" not in status and "HTML" not in status


async def test_the_demo_folder_lists_every_kind_nianbao_reads() -> None:
    from nianbao.commands.tui import demo_path

    app = NianbaoApp(demo_path())
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        names = {path.name for path in app.main.files}
    assert {"009_generated.docx", "010_generated_word_pasted.html",
            "011_hongze_2023.pdf", "005_arithmetic_slip.txt"} <= names
