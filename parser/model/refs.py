"""A reference to one table cell: which table, which template row, which column."""

from __future__ import annotations

from typing import NamedTuple

from nianbao.parser.template import TABLE_IDS, TableId


class CellRef(NamedTuple):
    """``applications`` / ``denied.state_secret`` / ``natural_person``.

    The cell's id within its table is ``row.column`` (row ids may hold dots; the
    column id is the last part); ``str()`` gives ``table:row.column``, the form
    people and tests write.
    """

    table: TableId
    row: str
    column: str

    @property
    def id(self) -> str:
        return f"{self.row}.{self.column}"

    def __str__(self) -> str:
        return f"{self.table}:{self.row}.{self.column}"

    @classmethod
    def of(cls, table: TableId, cell_id: str) -> CellRef:
        row, _, column = cell_id.rpartition(".")
        return cls(table, row, column)

    @classmethod
    def parse(cls, text: str) -> CellRef:
        """``table:row.column`` back into a reference; ValueError when it is not one."""
        table, _, cell_id = text.partition(":")
        row, _, column = cell_id.rpartition(".")
        if table not in TABLE_IDS or not row or not column:
            raise ValueError(f"not a cell reference: {text!r}")
        return cls(table, row, column)
