"""Matching keys for Vietnamese commune and district names.

District staff write the same place in many ways: with or without the unit prefix ("Xã", "TT.", "TP"),
in NFC or NFD, in any case, and with the old or the new tone-mark placement ("Hoà" / "Hòa",
"Thuỷ" / "Thủy"). :func:`name_key` maps all of these to one key; :func:`fold` drops every diacritic for
loose search ("Quang Chiểu" -> "quang chieu").
"""

from __future__ import annotations

import unicodedata
from typing import Final

# The five Vietnamese tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters. Vowel marks
# (circumflex, breve, horn) are kept in the key: they change the letter, not the tone.
_TONES: Final = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}

# Unit prefixes, as casefolded word tuples, longest first so "thị xã" wins over "xã".
_PREFIXES: Final = tuple(
    sorted(
        (
            tuple(unicodedata.normalize("NFC", p).split())
            for p in (
                "thành phố",
                "thị trấn",
                "thị xã",
                "phường",
                "huyện",
                "xã",
                "tp.",
                "tp",
                "tt.",
                "tt",
                "tx.",
                "tx",
                "p.",
                "x.",
            )
        ),
        key=len,
        reverse=True,
    )
)
# Abbreviations that may be glued to the name: "TT.Rừng Thông", "P.Hàm Rồng".
_DOTTED: Final = ("tp.", "tt.", "tx.", "p.", "x.")


def _words(text: str) -> list[str]:
    """NFC, casefolded, whitespace-split words of ``text``."""
    return unicodedata.normalize("NFC", str(text)).casefold().split()


def _strip_words(words: list[str], *, loose: bool) -> list[str]:
    """Drop a leading unit prefix from ``words`` when something is left after it."""
    if words:
        first = words[0]
        for dotted in _DOTTED:
            if first.startswith(dotted) and len(first) > len(dotted):
                return [first[len(dotted) :], *words[1:]]
    cmp = [fold(w) for w in words] if loose else words
    for prefix in _PREFIXES:
        p = [fold(w) for w in prefix] if loose else list(prefix)
        if len(cmp) > len(p) and cmp[: len(p)] == p:
            return words[len(p) :]
    return words


def strip_prefix(name: str, *, loose: bool = False) -> str:
    """Return ``name`` (NFC, casefolded, spaces collapsed) without its unit prefix.

    With ``loose=True`` prefixes are also recognised without diacritics ("Xa Quang Chau").
    """
    return " ".join(_strip_words(_words(name), loose=loose))


def _syllable_key(syllable: str) -> str:
    """One syllable without its tone mark, followed by the tone as a digit token (if any)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def name_key(name: str) -> str:
    """Return the matching key of a commune or district name.

    NFC, casefolded, whitespace collapsed, the unit prefix ("Xã", "Phường", "Thị trấn", "TT.", "Huyện",
    "Thành phố", "TP", "Thị xã", "TX", ...) stripped, and independent of where the tone mark sits
    ("Hoà" == "Hòa", "Thuỷ" == "Thủy").

    Examples
    --------
    >>> name_key("Xã  Thiệu Hoà") == name_key("thiệu hòa")
    True
    """
    if name is None:
        return ""
    return " ".join(_syllable_key(w) for w in _strip_words(_words(name), loose=False))


def fold(text: str) -> str:
    """Return a search key without any diacritics: đ -> d, lowercase, spaces collapsed.

    >>> fold("  Quang  Chiểu ")
    'quang chieu'
    """
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("đ", "d").replace("Đ", "D")
    return " ".join(bare.casefold().split())
