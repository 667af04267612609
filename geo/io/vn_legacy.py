"""Vietnamese text in the pre-Unicode encodings that GIS files still carry: TCVN3 (ABC) and VNI-Windows.

Attribute tables made in the 1990s-2000s (MapInfo, ArcView 3 with the ``.VnTime`` or ``VNI-Times`` fonts) store
Vietnamese in one of two font encodings, and a shapefile seldom says which: its ``.cpg``, when there is one,
says "1252" or nothing. Read as Windows-1252 the names come out as the familiar mojibake:

- TCVN3 (TCVN 5712:1993, table VN3, the "ABC" fonts): one byte per letter; "Xã Quảng Châu" reads
  ``X· Qu¶ng Ch©u``. The VN3 table has no capital letters with a tone mark (the ``.VnTimeH`` fonts draw the
  small-letter codes as capitals), so a converted name keeps the small letter.
- VNI-Windows (VNI Software's fonts): a base letter followed by a mark byte; "Xã Quảng Châu" reads
  ``Xaõ Quaûng Chaâu``.

The tables below are written from the published encodings (TCVN 5712:1993 table VN3; the VNI-Windows font
chart). Every function here is pure: bytes or text in, text out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Final

# ---------------------------------------------------------------------------------------------- TCVN3
# TCVN 5712:1993, table VN3: byte -> letter. Bytes not listed are read as Windows-1252 (ASCII is unchanged).
_TCVN3: Final[dict[int, str]] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3_ENCODE: Final = {ch: byte for byte, ch in _TCVN3.items()}

# ------------------------------------------------------------------------------------------ VNI-Windows
# Letters written as a base letter plus one mark byte (shown here as the Windows-1252 character of that byte).
# Tone marks: ù sắc, ø huyền, û hỏi, õ ngã, ï nặng. Circumflex (a, e, o): â alone, then á ấ, à ầ, å ẩ, ã ẫ, ä ậ.
# Breve (a): ê alone, then é ắ, è ằ, ú ẳ, ü ẵ, ë ặ. The capital forms use the capital mark characters.
_VNI_TONE: Final = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT: Final = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE: Final = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# One-byte letters: ơ ư đ and the i-vowels (i takes no combining mark byte in VNI), ỵ.
_VNI_SINGLE: Final = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for base in "aeouy":
        for mark, tone in _VNI_TONE.items():
            pairs[base + mark] = unicodedata.normalize("NFC", base + tone)
    for base in ("ơ", "ư"):  # written as the one-byte ô / ö followed by a tone mark
        for mark, tone in _VNI_TONE.items():
            pairs[{"ơ": "ô", "ư": "ö"}[base] + mark] = unicodedata.normalize("NFC", base + tone)
    for base in "aeo":
        for mark, tone in _VNI_HAT.items():
            pairs[base + mark] = unicodedata.normalize("NFC", base + "\u0302" + tone)
    for mark, tone in _VNI_BREVE.items():
        pairs["a" + mark] = unicodedata.normalize("NFC", "a\u0306" + tone)
    capitals = {k.upper(): v.upper() for k, v in pairs.items()}
    return {**pairs, **capitals}


_VNI_PAIRS: Final = _vni_pairs()
_VNI_SINGLES: Final = {**_VNI_SINGLE, **{k.upper(): v.upper() for k, v in _VNI_SINGLE.items()}}
_VNI_ENCODE: Final = {v: k for k, v in _VNI_SINGLES.items()} | {v: k for k, v in _VNI_PAIRS.items()}

# Every Vietnamese letter that is not ASCII, small and capital (NFC): the yardstick of "reads as Vietnamese".
_VIET_LETTERS: Final = frozenset(
    unicodedata.normalize("NFC", base + hat + tone).lower()
    for base, hats in (("a", ("", "\u0302", "\u0306")), ("e", ("", "\u0302")), ("o", ("", "\u0302", "\u031b")),
                       ("u", ("", "\u031b")), ("i", ("",)), ("y", ("",)))
    for hat in hats
    for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
) | {"đ"}
_VIET_LETTERS_ALL: Final = frozenset(_VIET_LETTERS | {c.upper() for c in _VIET_LETTERS}) - frozenset(
    "aeiouyAEIOUY")

ENCODINGS: Final = ("tcvn3", "vni")
ENCODING_NAMES: Final = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows"}


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return chr(byte)


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 (ABC) bytes to Unicode (NFC).

    >>> decode_tcvn3("X· Qu¶ng Ch©u".encode("cp1252"))
    'Xã Quảng Châu'
    """
    return unicodedata.normalize("NFC", "".join(_TCVN3.get(b) or _cp1252_char(b) for b in data))


def decode_vni(data: bytes) -> str:
    """Decode VNI-Windows bytes to Unicode (NFC).

    >>> decode_vni("Xaõ Quaûng Chaâu".encode("cp1252"))
    'Xã Quảng Châu'
    """
    text = "".join(_cp1252_char(b) for b in data)
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        # A capital base letter with a small mark happens in hand-typed data ("Thanh Hoùa" is all small
        # marks; "THANH HOÙA" all capitals): the mark's case does not decide the letter's case.
        hit = _VNI_PAIRS.get(pair) or _VNI_PAIRS.get(pair[:1] + pair[1:].lower())
        if len(pair) == 2 and hit:
            out.append(hit.upper() if pair[0].isupper() else hit.lower())
            i += 2
            continue
        out.append(_VNI_SINGLES.get(text[i], text[i]))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def encode_tcvn3(text: str) -> bytes:
    """Encode Unicode text as TCVN3 (for tests and fixtures). Capitals with a tone mark become small letters."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 128:
            out.append(ord(ch))
        elif ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif ch.lower() in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch.lower()])
        else:
            raise ValueError(f"{ch!r} has no TCVN3 code")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """Encode Unicode text as VNI-Windows (for tests and fixtures)."""
    return "".join(_VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text)).encode("cp1252")


def decode(data: bytes, encoding: str) -> str:
    """Decode ``data`` with ``encoding``: ``tcvn3``, ``vni`` or any Python codec name."""
    if encoding == "tcvn3":
        return decode_tcvn3(data)
    if encoding == "vni":
        return decode_vni(data)
    return unicodedata.normalize("NFC", data.decode(encoding))


def vietnamese_score(texts: Iterable[str]) -> float:
    """The share of non-ASCII characters in ``texts`` that are Vietnamese letters (1.0 if all ASCII).

    Mojibake scores low: ``X· Qu¶ng Ch©u`` has three non-ASCII characters and none is a Vietnamese letter.
    """
    total = viet = 0
    for text in texts:
        for ch in unicodedata.normalize("NFC", text):
            if ord(ch) >= 128:
                total += 1
                viet += ch in _VIET_LETTERS_ALL
    return 1.0 if total == 0 else viet / total
