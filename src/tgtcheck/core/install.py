"""Install hints that work from where the user is: the command that adds an optional extra to THIS tgtcheck.

tgtcheck is not on a package index yet; a hint such as ``pip install 'tgtcheck[report]'`` would fail.
The hint is built from how this copy was installed (PEP 610's ``direct_url.json``): from a checkout
(``pip install -e .``) it names that folder, from a wheel or sdist file that file, and from an index
the package's name; always with this Python's own pip (``/path/.venv/bin/python -m pip``), so the
extra lands in the environment that runs tgtcheck.
"""

from __future__ import annotations

import json
import shlex
import sys
from urllib.parse import unquote, urlparse


def install_hint(extra: str) -> str:
    """``install it: /…/python -m pip install -e '/…/tgtcheck[report]'`` or the like."""
    return f"install it: {shlex.quote(sys.executable)} -m pip install {_requirement(extra)}"


def _requirement(extra: str) -> str:
    origin = _origin()
    if origin is None:
        return shlex.quote(f"tgtcheck[{extra}]")
    url, editable, is_dir = origin
    if is_dir:
        path = unquote(urlparse(url).path)
        return ("-e " if editable else "") + shlex.quote(f"{path}[{extra}]")
    return shlex.quote(f"tgtcheck[{extra}] @ {url}")


def _origin() -> tuple[str, bool, bool] | None:
    """(url, editable, a local folder) of a direct install, or None for an index install."""
    from importlib import metadata

    try:
        text = metadata.distribution("tgtcheck").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    try:
        info = json.loads(text)
    except ValueError:
        return None
    url = str(info.get("url", ""))
    dir_info = info.get("dir_info")
    if url.startswith("file://") and isinstance(dir_info, dict):
        return url, bool(dir_info.get("editable")), True
    return (url, False, False) if url else None
