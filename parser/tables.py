"""Tables 2, 3 and 4: template-driven alignment of the rows found in each region.

Generic table detection cannot work on flattened text (the geometry is gone), but
the tables come from a fixed national template, so rows are recognised by their
labels in template order (see :mod:`parser.table2`, :mod:`parser.table3`,
:mod:`parser.table4`), and columns are assigned only when the number of cells
leaves no doubt (S007 otherwise).
"""

from __future__ import annotations

from parser.model import Table
from parser.regions import Regions, detect_template, find_regions
from parser.table2 import read_active
from parser.table3 import read_applications
from parser.table4 import read_review
from parser.template import TableId, TemplateId

__all__ = ["detect_template", "find_regions", "read_tables"]


def read_tables(regions: Regions, template: TemplateId) -> dict[TableId, Table]:
    return {
        "active_disclosure": read_active(regions["active_disclosure"], template),
        "applications": read_applications(regions["applications"], template),
        "review_litigation": read_review(regions["review_litigation"]),
    }
