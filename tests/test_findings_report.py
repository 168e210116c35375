"""``nianbao check --format csv|xlsx|html``: the findings report to send.

CSV and XLSX are read back (csv module, openpyxl) and held to ``check --format
json``; the HTML is opened in headless Chromium: a screenshot, its DOM and its print.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.parser.outputs.findings_report import (
    CSV_COLUMNS,
    Row,
    csv_text,
    html_text,
    xlsx_bytes,
)
from nianbao.parser.review.book import REVIEW_FILE
from tests import chromium
from tests.conftest import SAMPLES, seed
from tests.test_review import accept_code

SLIP = SAMPLES / "005_arithmetic_slip.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def json_findings(capsys: pytest.CaptureFixture[str], *paths: str) -> list[dict[str, object]]:
    _, out, _ = run(capsys, "check", "--no-review", "--format", "json", *paths)
    found: list[dict[str, object]] = json.loads(out)
    return found


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two agencies: the report with two errors (accepting one of them) and seed 000."""
    shutil.copy(SLIP, tmp_path / SLIP.name)
    shutil.copy(seed("000"), tmp_path / seed("000").name)
    accept_code(tmp_path, "A001", note="报告原文如此，已电话核实")
    return tmp_path


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------- CSV


def test_csv_has_one_row_per_finding_of_the_samples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "csv", str(SAMPLES))
    assert out.splitlines()[0].split(",") == list(CSV_COLUMNS)
    rows = read_csv(out)
    findings = json_findings(capsys, str(SAMPLES))
    assert len(rows) == len(findings) > 10
    assert code == 1  # the samples hold errors
    assert sorted((r["file"], r["code"], r["message"]) for r in rows) == \
        sorted((str(f["path"]), str(f["code"]), str(f["message"])) for f in findings)
    for row in rows:
        assert row["review"] == "open" and row["severity"] in ("error", "warning", "info")
        if row["place"].startswith(("pdf:", "docx:", "html:")):  # a published original
            assert row["line"] and row["column"]
        elif row["place"]:
            assert row["place"] == f"{row['line']}:{row['column']}"
    slip = [r for r in rows if r["file"].endswith(SLIP.name)]
    a001 = next(r for r in slip if r["code"] == "A001")
    assert a001["agency"] == "朔州市科技局" and a001["year"] == "2020"
    assert a001["place"] == "63:31"
    assert "applications:new_received.total=4" in a001["cells"]
    assert "applications:new_received.research=2" in a001["cells"]


def test_csv_marks_accepted_findings_and_exits_on_the_rest(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "csv", str(folder))
    rows = read_csv(out)
    assert len(rows) == len(json_findings(capsys, str(folder)))
    accepted = [r for r in rows if r["review"] == "accepted"]
    assert [r["code"] for r in accepted] == ["A001"]
    assert accepted[0]["note"] == "报告原文如此，已电话核实" and accepted[0]["reviewed_by"]
    assert accepted[0]["reviewed_at"]
    assert code == 1  # A002 is still an error no one accepted
    accept_code(folder, "A002")
    code, out, _ = run(capsys, "check", "--format", "csv", str(folder))
    assert code == 0 and sum(r["review"] == "accepted" for r in read_csv(out)) == 2
    code, out, _ = run(capsys, "check", "--no-review", "--format", "csv", str(folder))
    assert code == 1 and {r["review"] for r in read_csv(out)} == {"open"}


def test_the_report_is_written_as_export_writes(folder: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = folder.parent / "report.csv"
    code, out, _ = run(capsys, "check", "--format", "csv", "-o", str(target), str(folder))
    assert out == "" and code == 1 and read_csv(target.read_text(encoding="utf-8"))
    code, _, err = run(capsys, "check", "--format", "csv", "-o", str(target), str(folder))
    assert code == 2 and "already exists" in err
    code, _, _ = run(capsys, "check", "--format", "csv", "-o", str(target), "--force", str(folder))
    assert code == 1
    before = (folder / SLIP.name).read_bytes()
    for victim in (folder / SLIP.name, folder / REVIEW_FILE):
        code, _, err = run(capsys, "check", "--format", "html", "-o", str(victim), "--force",
                           str(folder))
        assert code == 2 and err.count("\n") == 1
    assert (folder / SLIP.name).read_bytes() == before
    assert json.loads((folder / REVIEW_FILE).read_text(encoding="utf-8"))["marks"]
    # Every format writes to -o the way it prints.
    code, _, _ = run(capsys, "check", "--format", "json", "-o", str(folder.parent / "f.json"),
                     str(folder))
    assert json.loads((folder.parent / "f.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- XLSX


def test_xlsx_reads_back_one_row_per_finding(folder: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    target = folder.parent / "report.xlsx"
    code, _, _ = run(capsys, "check", "--format", "xlsx", "-o", str(target), str(folder))
    assert code == 1
    sheet = load_workbook(target).active
    assert sheet is not None
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header, body = table[0], table[1:]
    assert header == ["Agency", "Year", "File", "Place", "Code", "Severity", "Finding",
                      "Cells and values", "Review", "Note", "Reviewed by", "Reviewed at",
                      "How to fix"]
    findings = json_findings(capsys, str(folder))
    assert len(body) == len(findings)
    rows = [dict(zip(header, values, strict=True)) for values in body]
    assert sorted((r["Code"], r["Finding"]) for r in rows) == \
        sorted((f["code"], f["message"]) for f in findings)
    a001 = next(r for r in rows if r["Code"] == "A001")
    assert a001["Agency"] == "朔州市科技局" and a001["Year"] == 2020 and a001["Place"] == "63:31"
    assert a001["Review"] == "accepted" and a001["Note"] == "报告原文如此，已电话核实"
    assert "一、本年新收·总计 = 4" in str(a001["Cells and values"])
    assert {r["Review"] for r in rows if r["Code"] != "A001"} == {"open"}


def test_xlsx_keeps_text_as_text() -> None:
    """A report's text starting with = is not a formula in the workbook."""
    from openpyxl import load_workbook

    row = Row(agency="=HYPERLINK(\"http://x\")", year=2020, file="a.txt", line=1, column=1,
              code="M004", severity="info", message="=1+2\x1b[31m", help="", cells=())
    sheet = load_workbook(io.BytesIO(xlsx_bytes([row]))).active
    assert sheet is not None
    agency, message = sheet["A2"], sheet["G2"]
    assert agency.data_type == "s" and agency.value == "=HYPERLINK(\"http://x\")"
    assert message.data_type == "s" and message.value == "=1+2␛[31m"


def test_csv_defuses_formulas_in_text_but_not_numbers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A file named like a formula is written with a ' before it (OWASP), so Excel or
    WPS opening the CSV shows it as text; numbers stay numbers."""
    name = '=HYPERLINK("http:evil","x")+1.txt'
    shutil.copy(SLIP, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "check", "--no-review", "--format", "csv", name)
    rows = read_csv(out)
    assert rows and {r["file"] for r in rows} == {"'" + name}
    a001 = next(r for r in rows if r["code"] == "A001")
    assert (a001["year"], a001["line"], a001["column"]) == ("2020", "63", "31")
    row = Row(agency="@SUM(A1)", year=2020, file="+1.txt", line=1, column=1, code="M004",
              severity="info", message="-2+3", help="\tx", cells=(), review="accepted",
              note="=1", by="\rcmd", at="a=b")
    (read,) = read_csv(csv_text([row]))
    assert [read[k] for k in ("agency", "file", "message", "note", "reviewed_at")] == \
        ["'@SUM(A1)", "'+1.txt", "'-2+3", "'=1", "a=b"]
    # Tabs and line breaks are already written as escapes (\x09): nothing to defuse.
    assert read["help"] == "\\x09x" and read["reviewed_by"] == "\\x0dcmd"
    assert (read["year"], read["line"], read["column"]) == ("2020", "1", "1")


def test_xlsx_text_like_a_formula_keeps_its_quote_prefix() -> None:
    """In the workbook such text is a text cell with Excel's quote prefix (what typing
    '=… gives), so editing the cell does not make it a formula; the value is unchanged."""
    from openpyxl import load_workbook

    row = Row(agency="=HYPERLINK(\"http://x\")", year=2020, file="-1.txt", line=1,
              column=1, code="M004", severity="info", message="@x", help="", cells=())
    sheet = load_workbook(io.BytesIO(xlsx_bytes([row]))).active
    assert sheet is not None
    for ref, value in (("A2", row.agency), ("C2", "-1.txt"), ("G2", "@x")):
        assert sheet[ref].data_type == "s" and sheet[ref].value == value
        assert sheet[ref].quotePrefix
    assert sheet["B2"].value == 2020 and not sheet["B2"].quotePrefix
    assert not sheet["E2"].quotePrefix  # M004: nothing to defuse


def test_xlsx_without_openpyxl_is_one_line(folder: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, out, err = run(capsys, "check", "--format", "xlsx", "-o",
                         str(folder.parent / "r.xlsx"), str(folder))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "openpyxl" in err and "nianbao[xlsx]" in err
    assert not (folder.parent / "r.xlsx").exists()


# ---------------------------------------------------------------- HTML


def test_html_is_one_self_contained_page_grouped_by_agency(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, page, _ = run(capsys, "check", "--format", "html", str(folder))
    assert code == 1 and page.startswith("<!DOCTYPE html>")
    lowered = page.lower()
    for outside in ("<script", "src=", "href=", "url(", "@import"):
        assert outside not in lowered
    agencies = [line for line in page.splitlines() if line.startswith("<h2>")]
    assert len(agencies) == 2 and any("朔州市科技局" in a for a in agencies)
    assert page.count('<div class="finding') == len(json_findings(capsys, str(folder)))
    # Each finding with its source line, the place marked.
    assert "<mark>4</mark>" in page
    assert "报告原文如此，已电话核实" in page


def test_html_escapes_the_report(tmp_path: Path) -> None:
    row = Row(agency="<b>局</b>", year=2020, file="<x>.txt", line=1, column=1, code="M004",
              severity="info", message="<script>alert(1)</script>\u202e", help="", cells=())
    page = html_text([row])
    assert "<script>" not in page and "&lt;script&gt;" in page and "\u202e" not in page
    assert "<b>局</b>" not in page


def test_html_in_headless_chromium_shows_the_findings(
        folder: Path, tmp_path_factory: pytest.TempPathFactory,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path_factory.mktemp("html")
    page = out / "report.html"
    assert run(capsys, "check", "--format", "html", "-o", str(page), str(folder))[0] == 1
    url = page.as_uri()
    png = chromium.screenshot(url, out / "shot.png", out / "profile", size=(1000, 2400))
    counts = chromium.colours(png)
    white = counts.get((255, 255, 255), 0)
    assert white < sum(counts.values()) * 0.97  # not a blank page
    assert chromium.has_colour_near(counts, (0xB3, 0x26, 0x1E))  # an error's red badge
    dom = chromium.dump_dom(url, out / "profile")
    findings = json_findings(capsys, str(folder))
    for finding in findings:
        assert str(finding["code"]) in dom
    assert "一、本年新收" in dom and "报告原文如此" in dom
    # Printed, each agency starts a page of its own.
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(chromium.print_pdf(url, out / "report.pdf", out / "profile"))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    agency_pages = [i for i, text in enumerate(texts) if "朔州市科技局" in text]
    assert len(pdf) >= 2 and agency_pages and agency_pages[0] > 0
    assert not any("朔州市科技局" in text for text in texts[:agency_pages[0]])


def test_the_report_for_people_speaks_the_chosen_language() -> None:
    from openpyxl import load_workbook

    from nianbao.parser.i18n import using_language

    row = Row(agency="朔州市科技局", year=2020, file="a.txt", line=63, column=31, code="A001",
              severity="error", message="…", help="…", cells=(), review="accepted",
              note="已核实", by="zhang", at="2026-03-02T10:31:00+08:00")
    with using_language("zh"):
        page = html_text([row])
        sheet = load_workbook(io.BytesIO(xlsx_bytes([row]))).active
    assert '<html lang="zh-CN">' in page and "<h1>问题清单</h1>" in page
    assert "zhang 于 2026-03-02T10:31:00+08:00 认可：已核实" in page and ">错误<" in page
    assert sheet is not None
    assert [c.value for c in sheet[1]][:3] == ["发布机关", "年度", "文件"]
    assert sheet["I2"].value == "已认可"


def test_a_published_original_is_placed_by_its_origin(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A PDF's findings say the page (the text's line:column stays in its columns)."""
    pdf = Path(__file__).parent / "data" / "originals" / "hongze_2023.pdf"
    _, out, _ = run(capsys, "check", "--format", "csv", str(pdf))
    rows = read_csv(out)
    a004 = [r for r in rows if r["code"] == "A004"]
    assert a004 and all(r["place"] == "pdf:page=4" and r["line"] for r in a004)
    _, page, _ = run(capsys, "check", "--format", "html", str(pdf))
    assert "PDF page 4" in page
