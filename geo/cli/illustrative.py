"""``python -m geo generate-illustrative``: rewrite the bundled illustrative records (seeded, reproducible)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from geo.cli.common import communes


def cmd_generate(args: argparse.Namespace) -> int:
    """Regenerate the bundled illustrative records (seeded: the same seed writes the same file)."""
    from geo.records.illustrative import generate, write_csv

    path = write_csv(generate(communes(), seed=args.seed), args.out)
    print(f"{path}: illustrative records written (seed {args.seed})")
    return 0


def add_commands(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``generate-illustrative`` on the ``python -m geo`` parser (it has no ``--lang``)."""
    from geo.contract import ILLUSTRATIVE_PATH
    from geo.records.illustrative import SEED

    p = sub.add_parser("generate-illustrative", help="rewrite the bundled illustrative records")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--out", default=str(ILLUSTRATIVE_PATH))
    p.set_defaults(func=cmd_generate)
