"""Tables 2, 3 and 4: template-driven alignment of the rows found in each region.

Generic table detection cannot work on flattened text (the geometry is gone), but
the tables come from a fixed national template, so rows are recognised by their
labels in template order (see :mod:`nianbao.parser.tables.table2`, :mod:`nianbao.parser.tables.table3`,
:mod:`nianbao.parser.tables.table4`), and columns are assigned only when the number of cells
leaves no doubt (S007 otherwise).
"""

from __future__ import annotations

from nianbao.parser.layout.regions import Regions
from nianbao.parser.model.report import Table
from nianbao.parser.tables.table2 import read_active
from nianbao.parser.tables.table3 import read_applications
from nianbao.parser.tables.table4 import read_review
from nianbao.parser.template import TableId, TemplateId


def template_of_cells(tables: dict[TableId, Table]) -> TemplateId | None:
    """The template whose own cell ids the tables hold, when the text named none."""
    ids = {cid for table in tables.values() for cid in table.cells}
    if any(cid.startswith(("other.no_correction.", "other.no_fee.", "other.other.",
                           "regulations.issued", "normative_documents.in_force"))
           for cid in ids):
        return "2021"
    if any(cid.startswith(("regulations.new_made", "procurement.", "licensing.prev_count"))
           or (cid.startswith("other.") and cid.count(".") == 1) for cid in ids):
        return "2019"
    return None


def read_tables(regions: Regions, template: TemplateId) -> dict[TableId, Table]:
    return {
        "active_disclosure": read_active(regions["active_disclosure"], template),
        "applications": read_applications(regions["applications"], template),
        "review_litigation": read_review(regions["review_litigation"]),
    }
