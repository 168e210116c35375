"""Y rules: one agency's consecutive years checked together."""

from __future__ import annotations

import datetime as dt

from nianbao.parser.core.check import check_across
from nianbao.parser.model.findings import Finding
from nianbao.parser.model.report import Report
from nianbao.parser.rules.catalog import enabled_rules
from nianbao.parser.rules.context import agency_groups, agency_key, city_parts, year_view
from tests.report_builder import ReportBuilder

PROSE_2020 = ["2020年，我局认真贯彻落实《条例》精神，紧紧围绕全市科技工作，完善制度体系，规范信息发布，"
              "强化平台建设，深化重点领域信息公开，及时回应社会关切，全面推动政府信息公开向纵深推进。"
              "一是加强组织领导，完善工作机构，实行专人负责制，明确职责任务，推进工作常态化运行。"]
PROSE_OTHER = ["本年度我们重点建设了新的政务公开平台，上线了惠企政策专区，组织了三次政府开放日活动，"
               "并对全部存量文件进行了公开属性复核，编制了新的公开目录和办事指南，群众满意度明显提升。"
               "同时围绕重大建设项目、公共资源配置等重点领域，专门发布了四十余条解读材料和图解。"]


def pair(**changes: object) -> tuple[ReportBuilder, ReportBuilder]:
    last = ReportBuilder(year=2020, path="2020.txt", prose={1: PROSE_2020},
                         published=dt.date(2021, 1, 20))
    this = ReportBuilder(year=2021, template="2019", path="2021.txt", prose={1: PROSE_OTHER},
                         published=dt.date(2022, 1, 20))
    for key, value in changes.items():
        setattr(this, key, value)
    return last, this


def run(reports: list[Report], code: str) -> list[Finding]:
    codes = tuple(rule.code for rule in enabled_rules([code]))
    found = check_across([year_view(report) for report in reports], codes)
    return [f for findings in found.values() for f in findings if f.code == code]


def test_y001_carried_over_equals_last_years_carried_forward() -> None:
    last, this = pair()
    last.set_apps("carried_forward", [0, 2, 0, 0, 0, 0, 2])
    last.set_apps("new_received", [0, 2, 0, 0, 0, 0, 2])
    this.set_apps("carried_over", [0, 2, 0, 0, 0, 0, 2])
    this.set_apps("total", [0, 2, 0, 0, 0, 0, 2])
    assert run([last.build(), this.build()], "Y001") == []
    this.set_apps("carried_over", [0, 1, 0, 0, 0, 0, 1])
    this.set_apps("total", [0, 1, 0, 0, 0, 0, 1])
    reports = [last.build(), this.build()]
    found = run(reports, "Y001")
    assert len(found) == 2  # 商业企业 and 总计
    total = next(f for f in found if "column 总计" in f.message)
    assert total.path == "2021.txt"
    assert "二、上年结转 = 1 in column 总计, but the 2020 report carried 2 forward" in total.message
    [related] = total.related
    assert related.path == "2020.txt"
    assert related.start == reports[0].tables["applications"].cells["carried_forward.total"].start


def test_y001_applicant_columns_compared_only_when_both_are_numbers() -> None:
    last, this = pair()
    last.set_apps("carried_forward", [0, 2, 0, 0, 0, 0, 2])
    last.set_apps("new_received", [0, 2, 0, 0, 0, 0, 2])
    this.set_apps("carried_over", [None] * 6 + [2])
    this.set_apps("total", [0, 0, 0, 0, 0, 0, 2])
    assert run([last.build(), this.build()], "Y001") == []


def test_y_rules_need_the_same_agency_and_consecutive_years() -> None:
    last, this = pair()
    last.set_apps("carried_forward", [0, 0, 0, 0, 0, 0, 2])
    last.set_apps("new_received", [0, 0, 0, 0, 0, 0, 2])
    this.agency = "朔州市教育局"
    assert run([last.build(), this.build()], "Y001") == []
    this.agency = "朔州市科学技术局"  # the same agency spelled out
    assert len(run([last.build(), this.build()], "Y001")) == 1
    this.year = 2022
    assert run([last.build(), this.build()], "Y001") == []


def test_y002_in_force_continuity_template_2021() -> None:
    last = ReportBuilder(template="2021", year=2021, path="a.txt")
    this = ReportBuilder(template="2021", year=2022, path="b.txt")
    last.active["normative_documents.in_force"] = 10
    this.active.update({"normative_documents.issued": 2, "normative_documents.repealed": 1,
                        "normative_documents.in_force": 11})
    assert run([last.build(), this.build()], "Y002") == []
    this.active["normative_documents.in_force"] = 9
    [finding] = run([last.build(), this.build()], "Y002")
    assert "现行有效 = 9, but 2021's 现行有效 + 本年制发 − 本年废止 = 10+2−1 = 11" in finding.message
    assert [r.path for r in finding.related] == [None, None, "a.txt"]


def test_y003_item_counts_template_2019() -> None:
    last = ReportBuilder(year=2019, path="a.txt")
    this = ReportBuilder(year=2020, path="b.txt")
    last.active.update({"licensing.prev_count": 12, "licensing.change": -2})
    this.active["licensing.prev_count"] = 10
    assert run([last.build(), this.build()], "Y003") == []
    this.active["licensing.prev_count"] = 12
    [finding] = run([last.build(), this.build()], "Y003")
    assert "12+(-2) = 10" in finding.message


def test_y004_repeated_text() -> None:
    last, this = pair()
    assert run([last.build(), this.build()], "Y004") == []
    this.prose = {1: [p.replace("2020", "2021") for p in PROSE_2020]}
    [finding] = run([last.build(), this.build()], "Y004")
    assert finding.severity == "info"
    assert "repeats the 2020 report" in finding.message
    assert finding.related[0].path == "2020.txt"


def test_single_reports_get_no_year_findings() -> None:
    last, _ = pair()
    assert run([last.build()], "Y") == []


def test_agency_groups_join_a_name_with_its_city_only_when_one_city_fits() -> None:
    def groups(*names: str) -> dict[str, str]:
        return agency_groups(agency_key(n) for n in names)

    assert groups("洪泽区人民政府", "淮安市洪泽区人民政府") == {
        "洪泽区人民政府": "淮安市洪泽区人民政府", "淮安市洪泽区人民政府": "淮安市洪泽区人民政府"}
    # The spelling variants of agency_key still count as one (科学技术局 = 科技局).
    assert groups("文登区科技局", "威海市文登区科学技术局")["文登区科技局"] == "威海市文登区科技局"
    # Two cities' districts of one name: never one agency, and a bare one is neither's.
    assert groups("南京市鼓楼区人民政府", "福州市鼓楼区人民政府", "鼓楼区人民政府") == {
        k: k for k in ("南京市鼓楼区人民政府", "福州市鼓楼区人民政府", "鼓楼区人民政府")}
    assert groups("南京市鼓楼区人民政府", "福州市鼓楼区人民政府") == {
        k: k for k in ("南京市鼓楼区人民政府", "福州市鼓楼区人民政府")}
    # Only a city before a district, county or banner: 城市管理局 is no county.
    assert city_parts("淮安市城市管理局") is None
    assert city_parts("淮安市盱眙县人民政府") == ("淮安市", "盱眙县人民政府")
    assert city_parts("呼伦贝尔市鄂温克族自治旗人民政府") == ("呼伦贝尔市", "鄂温克族自治旗人民政府")
    assert city_parts("江苏省淮安市洪泽区人民政府") is None  # a province: left whole
    assert groups("城市管理局", "淮安市城市管理局")["城市管理局"] == "城市管理局"


def test_y_rules_pair_one_agency_written_with_and_without_its_city() -> None:
    last, this = pair()
    last.agency, this.agency = "洪泽区人民政府", "淮安市洪泽区人民政府"
    last.set_apps("carried_forward", [0, 0, 0, 0, 0, 0, 2])
    last.set_apps("new_received", [0, 0, 0, 0, 0, 0, 2])
    assert len(run([last.build(), this.build()], "Y001")) == 1
    this.agency = "福州市洪泽区人民政府"
    other = ReportBuilder(year=2021, path="other.txt", agency="淮安市洪泽区人民政府")
    assert run([last.build(), this.build(), other.build()], "Y001") == []
