"""Reading spec files as text, with the encodings policy staff actually save.

UTF-8 (with or without a BOM) and CRLF line endings are accepted.  A file
that is not UTF-8 is refused with a message that names the encoding it
looks like (Shift_JIS/CP932 and EUC-JP are common for Japanese files saved
by older Windows tools) and the command that converts it; binary data is
refused as such.  Nothing is guessed silently: a wrong guess would change
titles without anyone noticing.  A file larger than ``MAX_SPEC_BYTES`` is
refused from its size, with the limit in the message.
"""

from __future__ import annotations

import os
import re
from typing import BinaryIO

from .diagnostics import Diagnostic, Location, Severity, Span

# A spec of 100,000 targets (the largest benchmark) is 19 MB; a file past the limit is refused from
# its size, before anything is read, so a wrong path (a data dump, a log) costs nothing.
MAX_SPEC_BYTES = 32 * 1024 * 1024


def decode(raw: bytes, name: str) -> tuple[str | None, Diagnostic | None]:
    """Bytes of a spec file to text with LF line endings, or a TGT107 diagnostic."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or (b"\x00" in raw[:4096] and _looks_utf16(raw[:65536])):  # Notepad's "Unicode"
        label, iconv_name = _UTF16
        return None, _not_text(name, f"the file is not UTF-8; it looks like {label}",
                               f"convert it to UTF-8, e.g. `iconv -f {iconv_name} -t UTF-8 {name} > fixed.tgt`, "
                               "or save it as 'UTF-8' in your editor")
    if b"\x00" in raw[:4096] and _control_ratio(raw[:4096].decode("latin-1")) > 0.05:
        return None, _not_text(name, "it contains NUL bytes: it looks like a binary file, not a text file", None)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(raw)
        line = raw[: exc.start].count(b"\n") + 1
        if guess:
            label, iconv_name = guess
            return None, _not_text(
                name,
                f"the file is not UTF-8; it looks like {label}",
                f"convert it to UTF-8, e.g. `iconv -f {iconv_name} -t UTF-8 {name} > fixed.tgt`, "
                "or save it as 'UTF-8' in your editor",
                line,
            )
        return None, _not_text(name, f"the file is not UTF-8 text (bad byte at offset {exc.start})", None, line)
    if _control_ratio(text) > 0.05:
        return None, _not_text(name, "it contains many control characters: it looks like a binary file", None)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control is not None:  # anywhere in the file, not only in the first 4 KB: a NUL or an ESC would reach the output
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - text.rfind("\n", 0, control.start())
        from .digits import named

        return None, _not_text(name, f"it contains the control character {named(control.group(0))} at line {line}, column {column}",
                               "remove the character (a text editor shows it as a box or ^@); "
                               "a file cut off or written by a binary tool often has one", line, column)
    return text, None


# control characters no spec or data file needs: all but tab and the line breaks, and the C1 set (U+009B is a
# terminal's CSI, as ESC [ is)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte order mark: NULs in one byte position of each pair only, and the pairs decode to text."""
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    if (even and odd) or (even + odd) * 8 < len(raw):  # NULs on both sides, or too few: a stray NUL, not UTF-16
        return False
    try:
        text = raw[: len(raw) // 2 * 2].decode("utf-16-le" if odd else "utf-16-be")
    except UnicodeDecodeError:
        return False
    return _control_ratio(text) < 0.01


def read_spec(path: str) -> tuple[str | None, Diagnostic | None]:
    """The text of a spec file, or a TGT100/TGT107 diagnostic; never more than MAX_SPEC_BYTES read."""
    raw, problem = read_spec_bytes(path)
    if raw is None:
        return None, problem
    return decode(raw, path)


def read_spec_bytes(path: str, stream: BinaryIO | None = None) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of a spec file (or of ``stream``, standard input), or TGT100: every command applies the same size limit."""
    try:
        if stream is not None:
            raw = stream.read(MAX_SPEC_BYTES + 1)
        else:
            if os.path.isdir(path):
                return None, Diagnostic("TGT100", Severity.ERROR, f"{path} is a directory, not a spec file", Location(path),
                                        "give the path of a .tgt file")
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size  # 0 for a pipe: then the read below is the bound
                if size > MAX_SPEC_BYTES:
                    return None, too_large(path, size)
                raw = f.read(MAX_SPEC_BYTES + 1)
        if len(raw) > MAX_SPEC_BYTES:
            return None, too_large(path, None)
    except (OSError, ValueError) as exc:
        return None, Diagnostic("TGT100", Severity.ERROR, f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}", Location(path), "check the path")
    return raw, None


def too_large(path: str, size: int | None) -> Diagnostic:
    limit = MAX_SPEC_BYTES // 2**20
    found = f"{size / 2**20:.1f} MB" if size is not None else f"more than {limit} MB"
    return Diagnostic("TGT100", Severity.ERROR, f"{path} is {found}; a spec may be at most {limit} MB", Location(path),
                      "split it into several specs (one per policy), each with its own data file")


_UTF16 = ("UTF-16", "UTF-16")


def _guess_encoding(raw: bytes) -> tuple[str, str] | None:
    """(name for people, name for iconv) of the Japanese encoding the bytes decode as."""
    for enc, label, iconv_name in (("cp932", "Shift_JIS (CP932)", "CP932"), ("euc_jp", "EUC-JP", "EUC-JP"), ("utf-16", "UTF-16", "UTF-16")):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) < 0.01 and any("\u3040" <= c <= "\u9fff" for c in text):
            return label, iconv_name
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:4096]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t") or c == "\ufffd")
    return bad / len(sample)


def _not_text(name: str, message: str, help: str | None, line: int | None = None, column: int = 1) -> Diagnostic:
    span = Span(line, column, line, column + 1) if line else None
    return Diagnostic(
        "TGT107", Severity.ERROR, message, Location(name, span),
        help or "a spec must be a UTF-8 text file; open it in a text editor and save it as UTF-8",
    )
