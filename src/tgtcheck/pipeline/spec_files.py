"""The spec files named on a command line: files as given, folders as every ``.tgt`` under them.

A ministry keeps one spec per policy measure in a folder tree (``specs/2024/…``) and checks them
together: ``tgtcheck run specs/``.  The order is fixed by the paths, never by the file system's
listing (which differs between machines): the files of a folder come sorted by their path's parts,
so ``a/x.tgt`` stays before ``a-b/x.tgt`` and the same folder gives the same output everywhere.

What could go wrong in a tree is said, not skipped silently (``diagnostics``): a folder with no
spec (TGT503), one that cannot be read (TGT504, its specs not judged, so an error), a symbolic link
that leads back to a folder already being read (TGT505, a warning: that folder is read once).
Hidden folders (``.git``, ``.venv``) are skipped, as ruff and pytest skip them.  A file named
twice, or reached twice through links, is judged once, at its first place.  A file that cannot
be read is the parser's TGT100 when it is judged, as for a single spec.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..core.diagnostics import FOLDER_UNREADABLE, LINK_LOOP, NO_SPEC_IN_FOLDER, Diagnostic, Location

SUFFIX = ".tgt"


@dataclass(frozen=True)
class SpecFiles:
    """The spec files to judge, in order, and the problems met while finding them."""

    files: list[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    folders: bool = False  # a folder was named: the output is a portfolio's even for one file


def expand(paths: list[str]) -> SpecFiles:
    """The spec files of ``paths``: a file as given, a folder as every ``.tgt`` under it."""
    files: dict[str, None] = {}
    seen_real: set[str] = set()
    diags: list[Diagnostic] = []
    folders = False
    for path in paths:
        if not os.path.isdir(path):
            real = os.path.realpath(path)
            if path not in files and real not in seen_real:
                files[path] = None
                seen_real.add(real)
            continue
        folders = True
        found = _walk(path, diags)
        if not found:
            if not any(d.location.file.startswith(path) for d in diags):
                diags.append(Diagnostic(NO_SPEC_IN_FOLDER.code, NO_SPEC_IN_FOLDER.severity, NO_SPEC_IN_FOLDER.text(folder=path),
                                        Location(path), NO_SPEC_IN_FOLDER.fix))
            continue
        for file in found:
            real = os.path.realpath(file)
            if file not in files and real not in seen_real:
                files[file] = None
                seen_real.add(real)
    return SpecFiles(list(files), diags, folders)


def _walk(top: str, diags: list[Diagnostic]) -> list[str]:
    """The ``.tgt`` files under ``top``, sorted by their paths' parts; links followed, each real folder read once."""
    found: list[str] = []
    visited: set[tuple[int, int]] = set()

    def unreadable(exc: OSError) -> None:
        folder = exc.filename if isinstance(exc.filename, str) else top
        diags.append(Diagnostic(FOLDER_UNREADABLE.code, FOLDER_UNREADABLE.severity,
                                FOLDER_UNREADABLE.text(folder=folder, why=exc.strerror or str(exc)), Location(folder), FOLDER_UNREADABLE.fix))

    for folder, subfolders, names in os.walk(top, onerror=unreadable, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError as exc:
            unreadable(exc)
            subfolders[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:  # reached again through a link: a loop, or two links to one folder
            subfolders[:] = []
            continue
        visited.add(key)
        keep = []
        for name in sorted(subfolders):  # the walk's order, and so which of two ways to a folder counts, fixed
            if name.startswith("."):
                continue
            sub = os.path.join(folder, name)
            if os.path.islink(sub):
                try:
                    sst = os.stat(sub)
                except OSError:  # a dangling link: nothing under it
                    continue
                if (sst.st_dev, sst.st_ino) in visited:
                    diags.append(Diagnostic(LINK_LOOP.code, LINK_LOOP.severity,
                                            LINK_LOOP.text(link=sub, target=os.path.realpath(sub)), Location(sub), LINK_LOOP.fix))
                    continue
            keep.append(name)
        subfolders[:] = keep
        found.extend(os.path.normpath(os.path.join(folder, n)) for n in names if n.lower().endswith(SUFFIX) and not n.startswith("."))
    return sorted(found, key=lambda p: p.split(os.sep))  # by parts: a/x.tgt before a-b/x.tgt
