"""Write the interface text catalog (geo/text/catalog/) as gettext files for translators' tools, and read them back.

The catalog stays the source: Vietnamese is the source language (``msgid``), English the translation
(``msgstr``), and each entry's key is its ``msgctxt`` (the same Vietnamese words can mean two things on two
screens). Poedit, Lokalize or Weblate open the files; ``--compare`` lists the entries a translator changed, as
catalog lines to copy into geo/text/catalog/<module>.py.

    .venv/bin/python scripts/catalog_po.py OUT_DIR            # OUT_DIR/messages.pot, OUT_DIR/en/LC_MESSAGES/messages.po
    .venv/bin/python scripts/catalog_po.py --compare FILE.po  # the entries whose English differs from the catalog
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script: make `geo` importable

from geo.text.catalog import CATALOG

PROJECT = "thanh-hoa-communes"


def _catalog(locale: str | None, translated: bool) -> Catalog:
    out = Catalog(locale=locale, project=PROJECT, charset="utf-8")
    for key, entry in CATALOG.items():
        module = key.split(".", 1)[0]
        flags = ("python-brace-format",) if "{" in entry["vi"] else ()
        out.add(entry["vi"], entry["en"] if translated else "", context=key,
                locations=[(f"geo/text/catalog/{module}.py", 0)], flags=flags)
    return out


def write(out_dir: Path) -> list[Path]:
    """Write ``messages.pot`` (the Vietnamese to translate) and ``en/LC_MESSAGES/messages.po``; return the paths."""
    pot = out_dir / "messages.pot"
    po = out_dir / "en" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    for path, catalog in ((pot, _catalog(None, translated=False)), (po, _catalog("en", translated=True))):
        with path.open("wb") as handle:
            write_po(handle, catalog, width=120, include_lineno=False)
    return [pot, po]


def compare(po_path: Path) -> list[str]:
    """The entries of ``po_path`` whose English (or Vietnamese source) differs from the catalog, as catalog lines.

    An entry whose key the catalog no longer has is reported as such; an empty translation is not a change.
    """
    with po_path.open("rb") as handle:
        translated = read_po(handle)
    lines = []
    for message in translated:
        key = message.context
        if not key:
            continue
        if key not in CATALOG:
            lines.append(f"# {key}: not in the catalog any more")
            continue
        vi, en = message.id, message.string or CATALOG[key]["en"]
        if (vi, en) != (CATALOG[key]["vi"], CATALOG[key]["en"]):
            vi_text, en_text = (json.dumps(x, ensure_ascii=False) for x in (vi, en))
            lines.append(f'{json.dumps(key, ensure_ascii=False)}: {{"vi": {vi_text}, "en": {en_text}}},')
    return lines


def main(argv: list[str] | None = None) -> int:
    """Write the files, or compare a translated file with the catalog."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path, help="where to write messages.pot and en/LC_MESSAGES/")
    parser.add_argument("--compare", type=Path, metavar="FILE.po", help="list the entries a translator changed")
    args = parser.parse_args(argv)
    if args.compare:
        print("\n".join(compare(args.compare)) or "no change")
        return 0
    if not args.out_dir:
        parser.error("name OUT_DIR or --compare FILE.po")
    for path in write(args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
