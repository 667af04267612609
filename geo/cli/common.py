"""What several commands of ``python -m geo`` share: the ``--lang`` option, messages, a progress bar."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TextIO

import pandas as pd

MESSAGES = {
    "no_file": {"vi": "Không tìm thấy tệp: {path}", "en": "File not found: {path}"},
    "illustrative": {"vi": "DỮ LIỆU MINH HỌA, không phải số liệu thật của các xã.",
                     "en": "ILLUSTRATIVE DATA, not the real figures of the communes."},
}


def lang_option(p: argparse.ArgumentParser) -> None:
    """``--lang`` after the command too (``python -m geo import F --lang en``), defaulting to the main option."""
    p.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS)


def communes(period: str | None = None) -> pd.DataFrame:
    """The units a period is shown on (its version's list; the 2019 list without a period)."""
    from geo.units.versions import period_table

    return period_table(period)


def progress_printer(stream: TextIO | None = None) -> Callable[[int, int, str], None]:
    """A progress callback that draws ``[12/112] ████░░ name`` on stderr (one line, redrawn on a terminal)."""
    stream = stream or sys.stderr
    tty = bool(getattr(stream, "isatty", lambda: False)())

    def show(done: int, total: int, name: str) -> None:
        width = 24
        filled = round(width * done / total) if total else width
        bar = "█" * filled + "░" * (width - filled)
        line = f"[{done}/{total}] {bar} {name}"
        if tty:
            end = "\n" if done == total else ""
            stream.write(f"\r\033[K{line}{end}")
        else:
            stream.write(line + "\n")
        stream.flush()

    return show
