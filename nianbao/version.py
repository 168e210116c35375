"""The installed version, for ``--version`` and the SARIF tool record."""

from __future__ import annotations


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("nianbao")
    except PackageNotFoundError:
        return "0+unknown"
