"""Bytes of a CSV data file to text: UTF-8, else Shift_JIS (CP932) with a notice, else refused with the byte position.

Excel on a Japanese Windows PC saves "CSV (comma delimited)" in CP932, and its staff have no
``iconv``; so a CSV that is not UTF-8 is read as CP932 when that reading is plausible, and the
command prints a notice naming the encoding (``Dataset.notices``).  Never a silent mis-decode:

- UTF-8 first (strict, BOM and CRLF accepted): every UTF-8 file is read as UTF-8.
- Else CP932, only when it decodes strictly AND at least 90 % of the non-ASCII characters it
  gives are the ones Japanese tables are made of (kana, kanji, full-width forms, CJK
  punctuation).  EUC-JP bytes often decode "successfully" as CP932, but into half-width katakana
  and user-defined characters, and fail that test; such a file, and one that decodes as neither,
  is refused with the offset, line and column of its first bad byte and the fix.
- ``--data-encoding NAME`` (any codec Python knows: ``utf-8``, ``cp932``, ``euc_jp``) reads the
  file in that encoding only, without guessing and without a notice.

The same rules as ``sources.decode`` (spec files stay UTF-8 only) otherwise: NUL bytes and
control characters are binary data.
"""

from __future__ import annotations

import codecs

from ..core.diagnostics import DATA_UNREADABLE, Diagnostic, Location, Severity, Span

CP932_LABEL = "Shift_JIS (CP932)"
_PLAUSIBLE = 0.9


def known_encoding(name: str) -> str | None:
    """Python's name for an encoding, or None when Python knows no such codec."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_csv(raw: bytes, path: str, encoding: str | None = None) -> tuple[str | None, str | None, Diagnostic | None]:
    """(text with LF line endings, a notice or None, None) or (None, None, a TGT300 diagnostic)."""
    if encoding is not None:
        return _explicit(raw, path, encoding)
    from ..core.sources import decode

    text, diag = decode(raw, path)
    if diag is None:
        return text, None, None
    try:
        guess = raw.decode("cp932")
    except UnicodeDecodeError:
        guess = None
    if guess is not None and _plausible(guess) and b"\x00" not in raw:
        notice = (f"{path} is not UTF-8: read as {CP932_LABEL}, the encoding of Excel's CSV on Japanese Windows "
                  "(--data-encoding NAME reads another; save as 'CSV UTF-8' to silence this)")
        return _lf(guess), notice, None
    return None, None, _refused(raw, path, diag)


def _explicit(raw: bytes, path: str, encoding: str) -> tuple[str | None, str | None, Diagnostic | None]:
    codec = known_encoding(encoding) or encoding
    if codec in ("utf-8", "utf_8"):
        codec = "utf-8-sig"
    try:
        return _lf(raw.decode(codec)), None, None
    except UnicodeDecodeError as exc:
        message = f"{path} is not {encoding}: {_where(raw, exc.start)}, byte {raw[exc.start]:#04x} cannot be decoded"
        return None, None, Diagnostic(
            DATA_UNREADABLE.code, Severity.ERROR, message, Location(path, _span(raw, exc.start)),
            "check --data-encoding (Excel on Japanese Windows writes cp932; 'CSV UTF-8' writes utf-8), or save the file again as 'CSV UTF-8'",
        )


def _refused(raw: bytes, path: str, diag: Diagnostic) -> Diagnostic:
    try:
        raw.decode("utf-8-sig")
        return diag  # valid UTF-8 refused for another reason (binary data): keep decode's message
    except UnicodeDecodeError as exc:
        start = exc.start
    euc = _decodes(raw, "euc_jp")
    looks = " It looks like EUC-JP." if euc is not None and _plausible(euc) else ""
    return Diagnostic(DATA_UNREADABLE.code, Severity.ERROR,
        f"{path} is neither UTF-8 nor {CP932_LABEL}: {_where(raw, start)}, byte {raw[start]:#04x} is not UTF-8.{looks}",
        Location(path, _span(raw, start)),
        "save it from Excel as 'CSV UTF-8 (comma delimited)', or name its encoding with --data-encoding"
        + (" euc_jp" if looks else " NAME (cp932, euc_jp, utf-16 …)"),
    )


def _decodes(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _plausible(text: str) -> bool:
    """Most non-ASCII characters are those of Japanese text (not half-width katakana or private use)."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return True
    good = sum(1 for c in wide if "\u3000" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uff01" <= c <= "\uff5e"
               or c in "※〇－―‐・ー①②③④⑤⑥⑦⑧⑨⑩")
    return good >= _PLAUSIBLE * len(wide)


def _where(raw: bytes, offset: int) -> str:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return f"at byte offset {offset} (line {line}, byte {column} of the line)"


def _span(raw: bytes, offset: int) -> Span:
    line = raw.count(b"\n", 0, offset) + 1
    return Span(line, 1, line, 1)


def _lf(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")
