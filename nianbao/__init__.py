"""nianbao: an inspector for 政府信息公开工作年度报告.

This package is the shell (the command line and its commands). The core lives in
:mod:`nianbao.parser` and the terminal UI in :mod:`nianbao.tui`; in the source
repository they are the top-level folders ``parser/`` and ``tui/``, mounted here
(see ARCHITECTURE.md).
"""
