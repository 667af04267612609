"""Benchmark: the briefing PDF against one PDF map sheet, both from the command line, in one run.

    .venv/bin/python bench/briefing.py [--reps N] [--period P ...]

One seeded illustrative SQLite database (the bundled records). For each period, ``--reps`` rounds, each
alternating the two commands as a person runs them (a fresh process each: imports, database, layers, drawing,
writing the file):

- one sheet: ``python -m geo export --theme healthy --format pdf --period P --out sheet.pdf``
- the briefing: ``python -m geo briefing --period P --out briefing.pdf``

Printed per period: the medians (wall-clock seconds, and CPU seconds), their ratios (the issue's bound: at most
2.5), the
briefing's size (at most 3 MB) and pages, and the peak resident memory of each process (``ru_maxrss`` of the
finished child). Timings stay out of the tests (the house rule); this prints figures for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.records.store import get_engine  # noqa: E402


def timed(args: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Run ``python -m geo ARGS``; return its wall-clock seconds, peak RSS in MB and CPU seconds (exit 0 required).

    The CPU time (user + system) is the steadier figure on a machine whose cores others share.
    """
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "geo", *args], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"python -m geo {' '.join(args)} failed: {child.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--period", action="append", default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    periods = args.period or ["2025-Q3"]
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        get_engine(db, seed=True).dispose()  # the bundled illustrative records
        env = {**os.environ, "GEO_LANG": "vi"}
        results = {}
        for period in periods:
            sheet_s, brief_s, sheet_mb, brief_mb, sheet_cpu, brief_cpu = [], [], [], [], [], []
            out_sheet, out_brief = Path(tmp) / "one-sheet.pdf", Path(tmp) / "the-briefing.pdf"
            for _ in range(args.reps):
                s, m, c = timed(["export", "--theme", "healthy", "--format", "pdf", "--period", period,
                                 "--out", str(out_sheet), "--db", db], env)
                sheet_s.append(s)
                sheet_mb.append(m)
                sheet_cpu.append(c)
                s, m, c = timed(["briefing", "--period", period, "--out", str(out_brief), "--db", db], env)
                brief_s.append(s)
                brief_mb.append(m)
                brief_cpu.append(c)
            from pypdf import PdfReader

            figures = {
                "sheet_s": round(statistics.median(sheet_s), 2), "briefing_s": round(statistics.median(brief_s), 2),
                "ratio": round(statistics.median(brief_s) / statistics.median(sheet_s), 2),
                "sheet_cpu_s": round(statistics.median(sheet_cpu), 2),
                "briefing_cpu_s": round(statistics.median(brief_cpu), 2),
                "cpu_ratio": round(statistics.median(brief_cpu) / statistics.median(sheet_cpu), 2),
                "sheet_runs": [round(x, 2) for x in sheet_s], "briefing_runs": [round(x, 2) for x in brief_s],
                "briefing_bytes": out_brief.stat().st_size, "sheet_bytes": out_sheet.stat().st_size,
                "briefing_pages": len(PdfReader(out_brief).pages),
                "sheet_peak_mb": max(sheet_mb), "briefing_peak_mb": max(brief_mb),
            }
            results[period] = figures
            print(period, json.dumps(figures), flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
