"""Origins: every cell and finding of a PDF, Word file or web page keeps its
line:column in the text that was checked and gains its place in the original, in
``export`` JSON, ``check --format json|sarif|github|text`` and in words.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nianbao.cli import main
from nianbao.parser.i18n import using_language
from nianbao.parser.model.refs import CellRef
from nianbao.parser.outputs.origins import logical_name, origin_words
from nianbao.parser.reading.origin import DocxPlace, HtmlPlace, PdfPlace
from nianbao.parser.reading.positions import LineIndex
from tests.conftest import ROOT, seed
from tests.generator.documents import GeneratedDocument, generate_document
from tests.generator.documents.places import DocxCell, HtmlCell, PdfCell

PDF = ROOT / "tests" / "data" / "originals" / "hongze_2023.pdf"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _export(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    code, out, err = run_cli(capsys, "export", "--format", "json", str(path))
    assert code == 0 and err == "", err
    exported: dict[str, Any] = json.loads(out)[0]
    return exported


def _written(tmp_path: Path, doc: GeneratedDocument) -> Path:
    path = tmp_path / doc.name
    path.write_bytes(doc.data)
    return path


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


@pytest.mark.parametrize("kind", ["docx", "html", "html_word", "mht", "pdf_ruled",
                                  "pdf_unruled"])
def test_every_exported_cell_has_the_origin_the_generator_drew(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = generate_document(777, kind, template=("2019", "2021")[kind.startswith("pdf")])
    exported = _export(capsys, _written(tmp_path, doc))
    assert exported["schema"] == "nianbao.report/2"
    assert exported["source"]["kind"] == {"html_word": "html", "pdf_ruled": "pdf",
                                          "pdf_unruled": "pdf"}.get(kind, kind)
    source = LineIndex(doc.html) if doc.html is not None else None
    checked = 0
    for (table, cell_id), truth in doc.cells.items():
        cell = exported["tables"][table]["cells"].get(cell_id)
        if cell is None:  # not read: the corpus tests count those
            continue
        origin = cell["origin"]
        place = truth.place
        if isinstance(place, PdfCell):
            x0, top, x1, bottom = origin["bbox"]
            assert origin["page"] == place.page
            assert _inside(((x0 + x1) / 2, (top + bottom) / 2), place.bbox), (cell_id, origin)
        elif isinstance(place, DocxCell):
            assert origin == {"table": place.table, "row": place.row, "cell": place.cell,
                              "paragraph": place.paragraph}, cell_id
        else:
            assert isinstance(place, HtmlCell) and source is not None
            # The cell's text where it is written; a blank cell at its <td> tag.
            at = source.offset(origin["line"], origin["column"])
            td = source.offset(place.line, place.column)
            if truth.text:
                assert doc.html[at:at + len(truth.text)] == truth.text, cell_id
                assert td < at and "<td" not in doc.html[td + 1:at].lower(), cell_id
            else:
                assert at == td, cell_id
        checked += 1
    assert checked >= 150


def test_a_text_report_has_no_origin(capsys: pytest.CaptureFixture[str]) -> None:
    exported = _export(capsys, seed("005"))
    assert exported["source"]["kind"] == "text"
    cells = [c for body in exported["tables"].values() for c in body["cells"].values()]
    assert cells and not any("origin" in c for c in cells)
    _, out, _ = run_cli(capsys, "check", "--format", "json", str(seed("005")))
    assert "origin" not in out


def _a004(findings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {"review.total" if "行政复议:" in f["message"] else "after_review": f
            for f in findings if f["code"] == "A004"}


def test_check_json_on_the_real_pdf_gives_each_finding_its_page_and_box(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", "--format", "json", str(PDF))
    findings = json.loads(out)
    a004 = _a004(findings)
    assert set(a004) == {"review.total", "after_review"}
    for finding in a004.values():
        assert finding["origin"]["page"] == 4 and len(finding["origin"]["bbox"]) == 4
        assert finding["line"] == 58  # still counted in the rendering
        assert all(r["origin"]["page"] == 4 for r in finding["related"])


def test_sarif_points_at_the_original_pdf_with_page_box_and_cell_name(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", "--format", "sarif", str(PDF))
    log = json.loads(out)
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "A004"]
    assert len(results) == 2
    names = set()
    for result in results:
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("hongze_2023.pdf")
        assert "region" not in physical
        assert physical["properties"]["page"] == 4 and len(physical["properties"]["bbox"]) == 4
        assert physical["properties"]["renderingRegion"]["startLine"] == 58
        names.add(location["logicalLocations"][0]["fullyQualifiedName"])
        related = result["relatedLocations"][0]
        assert related["physicalLocation"]["properties"]["page"] == 4
        assert related["logicalLocations"][0]["fullyQualifiedName"].endswith("/结果维持")
    assert names == {"表四/行政复议/总计", "表四/行政诉讼/复议后起诉/总计"}


def test_sarif_and_github_point_into_a_web_pages_source(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = generate_document(778, "html_word", template="2021")
    path = _written(tmp_path, doc)
    exported = _export(capsys, path)
    _, out, _ = run_cli(capsys, "check", "--format", "json", str(path))
    findings = [f for f in json.loads(out) if "origin" in f]
    _, sarif, _ = run_cli(capsys, "check", "--format", "sarif", str(path))
    results = [r for r in json.loads(sarif)["runs"][0]["results"]
               if "properties" in r["locations"][0]["physicalLocation"]]
    _, github, _ = run_cli(capsys, "check", "--format", "github", str(path))
    assert findings and len(results) == len(findings)
    for finding, result in zip(findings, results, strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        origin = finding["origin"]
        assert (region["startLine"], region["startColumn"]) == (origin["line"], origin["column"])
        assert f"line={origin['line']},col={origin['column']}," in github
        assert f"(HTML line {origin['line']} column {origin['column']})" in github
    assert exported["source"]["kind"] == "html"


def test_text_and_github_name_the_origin_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    _, text, _ = run_cli(capsys, "check", "--format", "text", "--color", "never", str(PDF))
    assert text.count("= origin: PDF page 4\n") >= 2
    _, github, _ = run_cli(capsys, "check", "--format", "github", str(PDF))
    lines = [ln for ln in github.splitlines() if "A004" in ln]
    assert len(lines) == 2
    # A PDF has no lines: the annotation is on the file, the page in words.
    assert all(",line=" not in ln and "(PDF page 4)" in ln for ln in lines)


def test_origin_words_count_from_one_in_both_languages() -> None:
    places = [PdfPlace(4, (1.0, 2.0, 3.0, 4.0)), DocxPlace(3, 7, 2, 0), DocxPlace(None, None,
                                                                                   None, 4),
              HtmlPlace(1, 5130)]
    assert [origin_words(p) for p in places] == [
        "PDF page 4", "Word table 3 row 7 cell 2", "Word paragraph 5", "HTML line 1 column 5130"]
    with using_language("zh"):
        assert [origin_words(p) for p in places] == [
            "PDF 第4页", "Word 第3个表格 第7行 第2格", "Word 第5段", "HTML 第1行 第5130列"]


def test_logical_names_follow_the_template() -> None:
    assert logical_name(CellRef("applications", "denied.state_secret", "natural_person"),
                        "2021") == "表三/（三）不予公开/1.属于国家秘密/自然人"
    assert logical_name(CellRef("applications", "new_received", "total"), "2019") == \
        "表三/一、本年新收政府信息公开申请数量/总计"
    assert logical_name(CellRef("active_disclosure", "fees", "change"), "2019") == \
        "表二/行政事业性收费/本年增／减"
    assert logical_name(CellRef("active_disclosure", "normative_documents", "in_force"),
                        "2021") == "表二/行政规范性文件/现行有效件数"


@pytest.mark.parametrize("kind", ["docx", "html_word", "pdf_ruled"])
def test_export_text_prints_the_rendering_the_positions_count_in(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _written(tmp_path, generate_document(779, kind, template="2021"))
    exported = _export(capsys, path)
    code, text, err = run_cli(capsys, "export", "--format", "text", str(path))
    assert code == 0 and err == ""
    lines = text.split("\n")
    for body in exported["tables"].values():
        for cell in body["cells"].values():
            if cell["raw"]:
                line = lines[cell["line"] - 1]
                assert line[cell["column"] - 1:].startswith(cell["raw"]), cell


def test_export_text_of_several_files_heads_each(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = seed("005")
    second = _written(tmp_path, generate_document(780, "docx"))
    code, text, _ = run_cli(capsys, "export", "--format", "text", str(first), str(second))
    assert code == 0
    assert text.startswith(f"==> {first} <==\n")
    assert f"\n==> {second} <==\n" in text
