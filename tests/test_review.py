"""Review marks: a finding accepted in the review file, and how ``check`` honours it.

A mark is keyed by what the finding is about (agency and year, rule, cells and their
values; or the quoted text of a finding without cells), so it must survive
reformatting and unrelated edits and let go when a number it rests on changes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.parser.core.check import check_file
from nianbao.parser.model.findings import Finding
from nianbao.parser.review.book import (
    REVIEW_FILE,
    ReviewBook,
    ReviewFileError,
    accept,
    read_marks,
    withdraw,
)
from nianbao.parser.review.subject import Facts, Subject, subject_of, value_text
from nianbao.parser.rules.context import year_view
from tests.conftest import SAMPLES, seed

SLIP = SAMPLES / "005_arithmetic_slip.txt"
NEW_ROW = "一、本年新收政府信息公开申请数量\t\t0\t3\t2\t0\t0\t0\t4\t"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding the report with two errors (A001 and A002)."""
    shutil.copy(SLIP, tmp_path / SLIP.name)
    return tmp_path


def findings_of(path: Path) -> list[Finding]:
    return list(check_file(path).findings)


def subject(path: Path, code: str) -> tuple[Finding, Subject]:
    outcome = check_file(path)
    assert outcome.report is not None
    finding = next(f for f in outcome.findings if f.code == code)
    return finding, subject_of(finding, Facts.of_report(outcome.report))


def accept_code(folder: Path, code: str, note: str = "报告原文如此，已电话核实",
                review: Path | None = None) -> Finding:
    finding, about = subject(folder / SLIP.name, code)
    accept(review or folder / REVIEW_FILE, about, note=note, message=finding.message)
    return finding


def codes_in(out: str) -> list[str]:
    return [item["code"] for item in json.loads(out)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- the file


def test_the_review_file_is_plain_json_with_note_who_and_when(folder: Path) -> None:
    finding = accept_code(folder, "A001")
    data = json.loads((folder / REVIEW_FILE).read_text(encoding="utf-8"))
    assert data["schema"] == "nianbao.review/1"
    [mark] = data["marks"]
    assert mark["agency"] == "朔州市科技局" and mark["year"] == 2020
    assert mark["code"] == "A001" and mark["file"] == SLIP.name
    assert mark["cells"]["applications:new_received.total"] == "4"
    assert mark["cells"]["applications:new_received.research"] == "2"
    assert mark["note"] == "报告原文如此，已电话核实"
    assert mark["state"] == "accepted" and mark["message"] == finding.message
    assert mark["by"] and mark["at"][:2] == "20" and "T" in mark["at"]
    # Human-readable: Chinese as written, one key per line.
    assert "报告原文如此" in (folder / REVIEW_FILE).read_text(encoding="utf-8")


def test_accepting_again_replaces_and_withdraw_removes(folder: Path) -> None:
    accept_code(folder, "A001", note="first")
    accept_code(folder, "A001", note="second")
    accept_code(folder, "A002", note="other")
    marks = read_marks(folder / REVIEW_FILE)
    assert sorted(m.note for m in marks) == ["other", "second"]
    _, about = subject(folder / SLIP.name, "A001")
    book = withdraw(folder / REVIEW_FILE, about)
    assert [m.code for m in book.marks] == ["A002"]
    assert book.match(about) is None


def test_marks_written_by_someone_else_meanwhile_are_kept(folder: Path) -> None:
    review = folder / REVIEW_FILE
    accept_code(folder, "A001")
    other = json.loads(review.read_text(encoding="utf-8"))
    other["marks"][0]["note"] = "edited by hand"
    review.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    accept_code(folder, "A002")
    assert sorted(m.note for m in read_marks(review))[0] == "edited by hand"


@pytest.mark.parametrize(("text", "reason"), [
    ("{", "bad JSON at line 1"),
    ('{"marks": []}', '"schema": "nianbao.review/1"'),
    ('{"schema": "nianbao.review/1", "marks": [{"code": "A001"}]}', "marks.0.agency is missing"),
    (b"\xff\xfe\x00", "not UTF-8"),
])
def test_a_bad_review_file_is_one_line_naming_it(folder: Path, capsys: pytest.CaptureFixture[str],
                                                 text: str | bytes, reason: str) -> None:
    review = folder / REVIEW_FILE
    if isinstance(text, bytes):
        review.write_bytes(text)
    else:
        review.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewFileError) as caught:
        read_marks(review)
    assert reason in str(caught.value) and str(review) in str(caught.value)
    code, out, err = run(capsys, "check", str(folder))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(review) in err and "Traceback" not in err
    # --no-review does not even read it.
    assert run(capsys, "check", "--no-review", str(folder))[0] == 1


def test_value_text_spells_each_number_once() -> None:
    from decimal import Decimal

    assert value_text("number", Decimal("100"), "100") == "100"
    assert value_text("number", Decimal("21.830"), "21.83") == "21.83"
    assert value_text("blank", None, "") == ""
    assert value_text("text", None, "无 ") == "无"


# ---------------------------------------------------------------- check honours it


def test_check_leaves_accepted_findings_out_and_exits_on_the_rest(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", str(folder))
    assert code == 1 and sorted(codes_in(out)) == ["A001", "A002", "M004"]
    accept_code(folder, "A001")
    code, out, _ = run(capsys, "check", "--format", "json", str(folder))
    assert code == 1 and sorted(codes_in(out)) == ["A002", "M004"]
    code, out, _ = run(capsys, "check", str(folder))
    assert "A001" not in out and "1 finding accepted in the review file is left out" in out
    code, out, _ = run(capsys, "check", "--format", "github", str(folder))
    assert "A001" not in out and "A002" in out
    code, out, _ = run(capsys, "check", "--statistics", str(folder))
    assert "A001" not in out
    accept_code(folder, "A002")
    # Only errors no one accepted count for the exit status.
    code, out, _ = run(capsys, "check", "--format", "json", str(folder))
    assert code == 0 and codes_in(out) == ["M004"]
    # A file checked alone finds the review file in its folder too.
    code, out, _ = run(capsys, "check", "--format", "json", str(folder / SLIP.name))
    assert code == 0 and codes_in(out) == ["M004"]
    code, out, _ = run(capsys, "check", "--no-review", "--format", "json", str(folder))
    assert code == 1 and sorted(codes_in(out)) == ["A001", "A002", "M004"]


def test_sarif_lists_accepted_findings_as_suppressions(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accept_code(folder, "A001", note="已核实")
    code, out, _ = run(capsys, "check", "--format", "sarif", str(folder))
    assert code == 1
    results = json.loads(out)["runs"][0]["results"]
    by_code = {r["ruleId"]: r for r in results}
    assert set(by_code) == {"A001", "A002", "M004"}
    [suppression] = by_code["A001"]["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"] == "已核实"
    assert suppression["properties"]["by"]
    # Only the properties SARIF 2.1.0 gives a suppression (§3.35).
    assert set(suppression) <= {"kind", "status", "location", "guid", "justification",
                                "properties"}
    assert "suppressions" not in by_code["A002"]
    code, out, _ = run(capsys, "check", "--no-review", "--format", "sarif", str(folder))
    assert all("suppressions" not in r for r in json.loads(out)["runs"][0]["results"])


def test_review_file_elsewhere_for_a_read_only_folder(
        folder: Path, tmp_path_factory: pytest.TempPathFactory,
        capsys: pytest.CaptureFixture[str]) -> None:
    review = tmp_path_factory.mktemp("mine") / "review.json"
    accept_code(folder, "A001", review=review)
    before = sorted(p.name for p in folder.iterdir())
    assert REVIEW_FILE not in before
    code, out, _ = run(capsys, "check", "--format", "json", str(folder))
    assert "A001" in codes_in(out)  # not beside the reports: not found by itself
    code, out, _ = run(capsys, "check", "--review-file", str(review), "--format", "json",
                       str(folder))
    assert sorted(codes_in(out)) == ["A002", "M004"]
    assert sorted(p.name for p in folder.iterdir()) == before
    code, _, err = run(capsys, "check", "--review-file", str(folder / "nope.json"), str(folder))
    assert code == 2 and "nope.json" in err and "no such review file" in err


# ---------------------------------------------------------------- what a mark is keyed by


def accepted_codes(capsys: pytest.CaptureFixture[str], folder: Path) -> list[str]:
    """The codes of the findings the review file accepts (shown only with --no-review)."""
    _, shown, _ = run(capsys, "check", "--format", "json", str(folder))
    _, every, _ = run(capsys, "check", "--no-review", "--format", "json", str(folder))
    left = codes_in(shown)
    out = []
    for code in codes_in(every):
        if code in left:
            left.remove(code)
        else:
            out.append(code)
    return sorted(out)


def test_a_mark_survives_reformatting(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accept_code(folder, "A001")
    report = folder / SLIP.name
    text = report.read_text(encoding="utf-8")
    # Another line ending, lines added above, a paragraph wrapped anew.
    reformatted = "\n\n\n" + text.replace("紧紧围绕全\n\n市科技工作", "紧紧围绕全市科技工作") \
        .replace("完善制度体系，", "完善制度体系，\n")
    report.write_bytes(reformatted.replace("\n", "\r\n").encode("utf-8"))
    assert findings_of(report)[0].start != findings_of(SLIP)[0].start
    assert accepted_codes(capsys, folder) == ["A001"]


def test_a_mark_survives_an_edit_elsewhere(folder: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    accept_code(folder, "A001")
    accept_code(folder, "M004")  # about the whole file: agency, year and rule
    edit(folder / SLIP.name, "完善制度体系，规范信息发布", "健全制度体系，规范发布流程")
    assert accepted_codes(capsys, folder) == ["A001", "M004"]


def test_a_changed_number_brings_the_finding_back(folder: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    accept_code(folder, "A001")
    accept_code(folder, "A002")
    # 总计 of 一、本年新收 from 4 to 6: A001 is still wrong, but about other numbers.
    edit(folder / SLIP.name, NEW_ROW, NEW_ROW.replace("\t4\t", "\t6\t"))
    found = {f.code for f in findings_of(folder / SLIP.name)}
    assert "A001" in found
    assert "A001" not in accepted_codes(capsys, folder)


HEADING = "六、其他需要报告的情况"  # seed 001's variant of 六's heading (S002)


def accept_heading(folder: Path) -> Path:
    """Seed 001 in ``folder`` with the S002 on its 六 heading accepted: a finding without
    cells, keyed by the text it points at."""
    report = folder / seed("001").name
    shutil.copy(seed("001"), report)
    outcome = check_file(report)
    assert outcome.report is not None
    finding = next(f for f in outcome.findings
                   if f.code == "S002" and f.start is not None
                   and HEADING in outcome.report.text[f.start:f.end])
    about = subject_of(finding, Facts.of_report(outcome.report))
    assert about.cells == () and about.quote == "六其他需要报告的情况"
    accept(folder / REVIEW_FILE, about, note="沿用旧模板标题", message=finding.message)
    return report


def test_a_mark_on_quoted_text_survives_an_edit_elsewhere(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = accept_heading(tmp_path)
    assert accepted_codes(capsys, tmp_path) == ["S002"]
    edit(report, "我局成立了政务公开工作领导小组", "我局设立了政务公开工作领导小组")
    assert accepted_codes(capsys, tmp_path) == ["S002"]


def test_changed_quoted_text_brings_a_cellless_finding_back(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = accept_heading(tmp_path)
    edit(report, HEADING, "六、其他需要报告的有关情况")
    assert [f.code for f in findings_of(report)].count("S002") == 3  # still a variant
    assert accepted_codes(capsys, tmp_path) == []


def test_a_mark_follows_the_report_not_the_file_name(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accept_code(folder, "A001")
    (folder / SLIP.name).rename(folder / "renamed.txt")
    assert accepted_codes(capsys, folder) == ["A001"]


def test_a_report_without_agency_or_year_is_known_by_its_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    [finding] = findings_of(binary)
    about = subject_of(finding, Facts.unread(str(binary)))
    assert about.by_file
    accept(tmp_path / REVIEW_FILE, about, note="not a report", message=finding.message)
    assert json.loads((tmp_path / REVIEW_FILE).read_text())["marks"][0]["file"] == "broken.txt"
    code, out, _ = run(capsys, "check", "--format", "json", str(tmp_path))
    assert code == 0 and codes_in(out) == []
    # Another file with the same problem is another report.
    shutil.copy(binary, tmp_path / "other.txt")
    code, out, _ = run(capsys, "check", "--format", "json", str(tmp_path))
    assert codes_in(out) == ["E001"]


def test_a_cross_year_mark_rests_on_both_years_numbers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_rules_years import pair

    last, this = pair()
    last.set_apps("carried_forward", [0, 2, 0, 0, 0, 0, 2])
    last.set_apps("new_received", [0, 2, 0, 0, 0, 0, 2])
    this.set_apps("carried_over", [0, 1, 0, 0, 0, 0, 1])
    this.set_apps("total", [0, 1, 0, 0, 0, 0, 1])
    (tmp_path / "2020.txt").write_text(last.build().text, encoding="utf-8")
    (tmp_path / "2021.txt").write_text(this.build().text, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--select", "Y", "--format", "json", str(tmp_path))
    assert codes_in(out) == ["Y001", "Y001"]
    findings = json.loads(out)
    total = next(f for f in findings if "总计" in f["message"])
    # The finding as check makes it, keyed from the reports' cross-year views.
    views = {str(p): year_view(r) for p in (tmp_path / "2020.txt", tmp_path / "2021.txt")
             if (r := check_file(p).report) is not None}
    from nianbao.parser.core.check import check_across

    found = check_across(list(views.values()), ("Y001",))[str(tmp_path / "2021.txt")]
    finding = next(f for f in found if f.message == total["message"])
    facts = {path: Facts.of_view(view) for path, view in views.items()}
    about = subject_of(finding, facts[str(tmp_path / "2021.txt")], facts)
    assert ("applications:carried_forward.total@2020", "2") in about.cells
    accept(tmp_path / REVIEW_FILE, about, note="上年报告有误", message=finding.message)
    code, out, _ = run(capsys, "check", "--select", "Y", "--format", "json", str(tmp_path))
    assert codes_in(out) == ["Y001"]
    # Last year's report corrected to 1 carried forward in 总计: the finding goes; to 3,
    # it comes back about other numbers, and the mark no longer holds.
    last.set_apps("carried_forward", [0, 2, 0, 0, 0, 0, 3])
    last.set_apps("new_received", [0, 2, 0, 0, 0, 0, 3])
    (tmp_path / "2020.txt").write_text(last.build().text, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--select", "Y", "--format", "json", str(tmp_path))
    assert codes_in(out) == ["Y001", "Y001"]


def test_marks_are_matched_whatever_the_current_folder(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    accept_code(folder, "A001")
    book = ReviewBook.read(folder / REVIEW_FILE)
    monkeypatch.chdir(folder)
    finding, about = subject(Path(SLIP.name), "A001")
    assert about.file == SLIP.name and book.match(about) is not None


def test_same_report_another_file_shares_its_marks(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Seeds 004 and 005 are both 朔州市科技局 2020: one report to a reviewer."""
    shutil.copy(seed("004"), folder / seed("004").name)
    accept_code(folder, "M004")
    assert accepted_codes(capsys, folder) == ["M004", "M004"]


def test_the_review_file_can_go_to_a_folder_not_made_yet(folder: Path, tmp_path: Path) -> None:
    review = tmp_path / "new" / "folder" / "review.json"
    accept_code(folder, "A001", review=review)
    assert [m.code for m in read_marks(review)] == ["A001"]


def test_a_review_file_that_cannot_be_written_is_one_line(folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ReviewFileError) as caught:
        accept_code(folder, "A001", review=blocker / "review.json")
    assert "cannot read the review file (Not a directory)" in str(caught.value)
    assert "\n" not in str(caught.value)


def _mark_agency(review: Path, agency: str, file: str | None = None) -> None:
    """The mark as an older reading of the report wrote it (another agency name)."""
    data = json.loads(review.read_text(encoding="utf-8"))
    data["marks"][0]["agency"] = agency
    if file is not None:
        data["marks"][0]["file"] = file
    review.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_mark_holds_when_the_agency_is_read_with_its_city(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The parser now reads 淮安市洪泽区科技局 where it read 洪泽区科技局 (the city taken
    from the opening): the file's marks written under the bare name still hold; not
    another city's, nor the bare name's on another file (鼓楼区 is two cities')."""
    edit_all = (folder / SLIP.name).read_text(encoding="utf-8").replace("朔州市科技局",
                                                                       "淮安市洪泽区科技局")
    (folder / SLIP.name).write_text(edit_all, encoding="utf-8")
    finding, about = subject(folder / SLIP.name, "A001")
    assert about.agency == "淮安市洪泽区科技局"
    review = folder / REVIEW_FILE
    accept(review, about, note="已核实", message=finding.message)
    _mark_agency(review, "洪泽区科技局")
    assert accepted_codes(capsys, folder) == ["A001"]
    assert ReviewBook.read(review).match(about) is not None
    _mark_agency(review, "宿迁市洪泽区科技局")  # another city's: another agency
    assert accepted_codes(capsys, folder) == []
    _mark_agency(review, "洪泽区科技局", "another.txt")
    assert accepted_codes(capsys, folder) == []
    # Withdrawing under the new name takes the old mark out; accepting again replaces it.
    _mark_agency(review, "洪泽区科技局", SLIP.name)
    accept(review, about, note="再次核实", message=finding.message)
    assert [(m.agency, m.note) for m in read_marks(review)] == [("淮安市洪泽区科技局", "再次核实")]
    _mark_agency(review, "洪泽区科技局")
    assert withdraw(review, about).marks == ()
