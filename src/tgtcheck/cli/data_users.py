"""Which specs use a data file: `tgtcheck check DATA_FILE` checks every one of them.

The yearly update of a policy changes only its data file; a pre-commit hook (or CI step) that is
handed that file must still check the specs that read it.  The candidates are the repository's
tracked ``.tgt`` files (``git ls-files``), or, outside a git repository, the ``.tgt`` files under
the working directory (hidden folders, virtual environments and node_modules skipped).  A spec
uses a data file when its ``data "…"`` clause, resolved beside the spec as every command resolves
it, is the same file.  Only the policy header matters, but the spec is parsed whole: the fast path
makes that cheap; a spec that does not parse is listed when its text names the file, so its
errors are reported rather than hidden.
"""

from __future__ import annotations

import os
import subprocess

SKIPPED_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache", "build", "dist"})


def candidate_specs(start: str = ".") -> list[str]:
    """The .tgt files of the repository around ``start`` (tracked ones), else those under ``start``."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=start, capture_output=True, text=True, timeout=30, check=False)
        if top.returncode == 0:
            root = top.stdout.strip()
            listed = subprocess.run(["git", "ls-files", "-z", "--", "*.tgt"], cwd=root, capture_output=True, timeout=60, check=False)
            if listed.returncode == 0:
                names = [n for n in listed.stdout.decode("utf-8", "replace").split("\0") if n]
                return sorted(os.path.relpath(os.path.join(root, n), start) for n in names)
    except (OSError, subprocess.SubprocessError):
        pass
    found: list[str] = []
    for folder, dirs, files in os.walk(start):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        found.extend(os.path.normpath(os.path.join(folder, f)) for f in sorted(files) if f.endswith(".tgt"))
    return found


def specs_using(data_file: str, candidates: list[str]) -> list[str]:
    """The specs among ``candidates`` whose ``data "…"`` is ``data_file`` (and those that do not parse)."""
    from ..language.parser import parse_file
    from ..pipeline import data_path

    target = os.path.realpath(data_file)
    users: list[str] = []
    for spec_file in candidates:
        spec, _, text = parse_file(spec_file)
        if spec is None:  # it cannot say which data it reads: listed when it names the file, so its errors show
            if text is not None and os.path.basename(data_file) in text:
                users.append(spec_file)
            continue
        path = data_path(spec_file, spec, None)
        if path is not None and os.path.realpath(path) == target:
            users.append(spec_file)
    return users
