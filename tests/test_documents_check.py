"""Published documents through the one core: ``check``, ``export``, the file collector
and the TUI's loader read a PDF, a Word file, a web page and a saved page as they
read a text file; a file that is no report is one E003; OFD and scans are one line.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.parser.core.check import Options, check_file
from nianbao.parser.core.files import collect
from nianbao.tui.loader import load
from tests.conftest import ROOT
from tests.generator.documents import generate_document
from tests.reading.builders import docx_of, p

ORIGINALS = ROOT / "tests" / "data" / "originals"
PDF = ORIGINALS / "hongze_2023.pdf"
BLANK_DOCX = ORIGINALS / "template_2021_30hao_blank.docx"
WEB_EXCERPT = ORIGINALS / "shuyang_fgj_2023_table3_excerpt.html"

NOTICE = ("关于召开2024年政务公开工作会议的通知\n各科室、各直属单位：\n"
          "经研究，定于3月5日上午9时在三楼会议室召开会议，请准时参加。\n"
          "特此通知。\n某某县人民政府办公室\n2024年3月1日\n")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("path", "kind"), [(PDF, "pdf"), (BLANK_DOCX, "docx"),
                                            (WEB_EXCERPT, "html")], ids=lambda v: str(v)[-9:])
def test_the_core_reads_each_published_kind(path: Path, kind: str) -> None:
    outcome = check_file(path)
    assert outcome.error is None and outcome.unreadable is None
    assert outcome.report is not None and outcome.report.source.kind == kind
    assert outcome.report.rendering is not None
    assert not {f.code for f in outcome.findings} & {"E001", "E003"}


def test_check_on_the_real_pdf_finds_its_two_table4_errors(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check", "--format", "json", str(PDF))
    findings = json.loads(out)
    assert code == 1 and err == ""
    a004 = [f for f in findings if f["code"] == "A004"]
    assert len(a004) == 2
    assert all("复议" in f["message"] or "诉讼" in f["message"] for f in a004)


@pytest.mark.parametrize("kind", ["docx", "html", "html_word", "mht", "pdf_ruled",
                                  "pdf_unruled"])
def test_generated_documents_export_their_cells(kind: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    doc = generate_document(4242, kind, template="2021")
    path = tmp_path / doc.name
    path.write_bytes(doc.data)
    code, out, err = run_cli(capsys, "export", "--format", "json", str(path))
    assert code == 0 and err == ""
    exported = json.loads(out)[0]
    got = {f"{table}:{cell}": data["value"] for table, body in exported["tables"].items()
           for cell, data in body["cells"].items()}
    truth = {f"{table}:{cell}": value for table, cell, value in doc.truth.checked()}
    wrong = {key: (got[key], want) for key, want in truth.items()
             if key in got and float(got[key] or 0) != float(want or 0)}
    assert wrong == {}
    assert len([key for key in truth if key in got]) >= 0.999 * len(truth)


def _notice_docx() -> bytes:
    return docx_of("".join(p(line) for line in NOTICE.splitlines()))


def _notice_pdf() -> bytes:
    from tests.reading.pdf_drawing import Sheet

    sheet = Sheet()
    for number, line in enumerate(NOTICE.splitlines()):
        sheet.text(72, 90 + 24 * number, line)
    return sheet.pdf()


@pytest.mark.parametrize(("name", "build"), [
    ("notice.txt", lambda: NOTICE.encode()),
    ("notice.docx", _notice_docx),
    ("notice.html", lambda: f"<html><body><p>{'</p><p>'.join(NOTICE.splitlines())}</p>"
                            "</body></html>".encode()),
    ("notice.pdf", _notice_pdf),
])
def test_a_file_that_is_no_report_is_one_e003(name: str, build: object, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(build())  # type: ignore[operator]
    code, out, err = run_cli(capsys, "check", "--format", "json", str(path))
    findings = json.loads(out)
    assert [f["code"] for f in findings] == ["E003"], findings
    assert findings[0]["severity"] == "warning" and code == 0 and err == ""
    # Selected away, it is not reported, and nothing else is either.
    code, out, _ = run_cli(capsys, "check", "--format", "json", "--ignore", "E003", str(path))
    assert json.loads(out) == [] and code == 0


def test_a_report_without_sections_or_tables_but_with_its_title_is_no_e003(
        tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_text("某某县人民政府2017年政府信息公开工作年度报告\n根据条例，现公布本年度报告。\n",
                    encoding="utf-8")
    codes = {f.code for f in check_file(path).findings}
    assert "E003" not in codes and "S001" in codes


def _ofd() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
        archive.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    return buffer.getvalue()


def test_an_ofd_file_is_one_line_naming_ofd(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.ofd"
    path.write_bytes(_ofd())
    code, out, err = run_cli(capsys, "check", "--format", "json", str(path))
    findings = json.loads(out)
    assert [f["code"] for f in findings] == ["E001"] and code == 1
    assert "OFD" in findings[0]["message"] and "\n" not in findings[0]["message"]
    code, out, err = run_cli(capsys, "export", str(path))
    assert code == 2 and out == "[]\n" and err.count("\n") == 1
    assert err.startswith(f"nianbao: {path}: ") and "OFD" in err


def test_a_scanned_pdf_says_it_has_no_text_layer(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from tests.reading.test_pdf_hostile import _scan

    path = tmp_path / "scan.pdf"
    path.write_bytes(_scan())
    code, out, _ = run_cli(capsys, "check", str(path))
    assert code == 1 and "E001" in out and "no text layer (a scan?)" in out
    assert "Traceback" not in out


def test_a_folder_of_downloads_lists_every_kind(tmp_path: Path) -> None:
    names = ["a.txt", "b.md", "c.pdf", "d.docx", "e.doc", "f.wps", "g.rtf", "h.html",
             "i.htm", "j.mht", "k.mhtml", "l.ofd", "m.PDF"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    for other in ("photo.jpg", "sheet.xlsx", "data.zip"):
        (tmp_path / other).write_bytes(b"x")
    assert [path.name for path in collect([tmp_path]).files] == names


def test_the_tuis_loader_reads_a_pdf() -> None:
    loaded = load(PDF)
    assert loaded.error is None and loaded.report is not None
    assert loaded.report.source.kind == "pdf"
    assert sum(1 for f in loaded.findings if f.code == "A004") == 2


def test_reading_only_and_the_same_outcome_twice() -> None:
    before = PDF.read_bytes()
    first = check_file(PDF, Options())
    second = check_file(PDF, Options())
    assert [f.message for f in first.findings] == [f.message for f in second.findings]
    assert PDF.read_bytes() == before


def test_a_word_report_whose_tables_are_pictures_says_so(tmp_path: Path) -> None:
    path = tmp_path / "pictures.docx"
    path.write_bytes(docx_of(p("某某局2023年政府信息公开工作年度报告") + p("一、总体情况")
                             + p("本机关……") + p("二、主动公开政府信息情况")))
    findings = check_file(path).findings
    codes = [f.code for f in findings]
    assert "E003" not in codes and codes.count("S004") == 3
    [note] = [f for f in findings if f.code == "E004"]
    assert note.message == ("reading the file: the Word document has no tables: the report's "
                            "tables are missing or are pictures")
    assert note.severity == "warning" and note.start is None


@pytest.mark.parametrize(("name", "kind"), [("009_generated.docx", "docx"),
                                            ("010_generated_word_pasted.html", "html"),
                                            ("011_hongze_2023.pdf", "pdf")])
def test_the_samples_of_every_kind_are_read_as_reports(name: str, kind: str) -> None:
    outcome = check_file(ROOT / "sample_reports" / name)
    assert outcome.report is not None and outcome.report.source.kind == kind
    assert not {f.code for f in outcome.findings} & {"E001", "E003", "E004"}
    assert len(outcome.report.cells()) > 150
