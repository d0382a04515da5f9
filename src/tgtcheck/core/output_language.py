"""The language of the output when ``--lang`` is not given: one rule for every command and the language server.

``--lang`` (or the language server's ``initializationOptions.lang``), else the ``TGTCHECK_LANG``
environment variable (``ja`` or ``en``), else the locale: the first of ``LC_ALL``, ``LC_MESSAGES``
and ``LANG`` that is set (POSIX's order) decides, ``ja…`` (``ja_JP.UTF-8``) meaning Japanese; on
Windows, where those are rarely set, the user's locale (``Japanese_Japan``).  Anything else is English.

A ``TGTCHECK_LANG`` that is neither is an error (``UsageError``) rather than a silent English: a
typo (``jp``) would otherwise look like the variable is ignored.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

LANGS: tuple[str, ...] = ("en", "ja")
ENV = "TGTCHECK_LANG"
RULE = f"default: {ENV} (ja or en), else ja when LC_ALL, LC_MESSAGES or LANG is ja_*, else en"


class UsageError(ValueError):
    """A setting that names no language."""


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language when no flag chose one: the environment variable, else the locale, else English."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV, "").strip()
    if chosen:
        code = chosen.lower().replace("-", "_").split("_")[0].split(".")[0]
        if code not in LANGS:
            raise UsageError(f"{ENV}={chosen!r} is not a language tgtcheck speaks: write {ENV}=ja or {ENV}=en")
        return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    if sys.platform == "win32" and environ is None:  # pragma: no cover - Windows keeps the locale elsewhere
        import locale

        name = (locale.getlocale()[0] or "").lower()
        return "ja" if name.startswith(("ja", "japanese")) else "en"
    return "en"


def resolve(flag: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` when given, else ``default_lang``."""
    return flag if flag in LANGS else default_lang(environ)
