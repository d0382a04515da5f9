"""The two sides of `tgtcheck diff`: a spec file, or a spec at a git revision (``REV:path``).

A working file goes through ``pipeline.load`` like every other command.  A
revision is read with ``git cat-file blob REV:path`` in the current
directory's repository (paths are relative to the repository root, or to the
current directory when written ``REV:./path``, as git reads them), then
decoded, parsed and checked like a file.  Its ``data "…"`` clause is read
from the same revision, relative to the spec's directory there; when that
fails the working file at the same place is used, with a note.  Git's own
complaints (bad revision, no such path, not a repository) become a TGT520
diagnostic, so the command reports them like any other problem: no traceback.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import tempfile
from dataclasses import dataclass, field, replace

from ...core.diagnostics import DATA_UNREADABLE, GIT_REVISION_UNREADABLE, Diagnostic, Location, Severity
from ...data.dataset import Dataset
from ...pipeline import Loaded, load

GIT_TIMEOUT = 60


@dataclass
class Side:
    name: str  # as the user wrote it: a path or REV:path
    loaded: Loaded
    notes: list[str] = field(default_factory=list)


def is_revision(arg: str) -> bool:
    """``REV:path`` that is not an existing file (an existing file wins)."""
    return ":" in arg and not os.path.exists(arg)


def read_new_side(arg: str, data_override: str | None, with_data: bool, old: Side) -> Side:
    """NEW, whose data file falls back to OLD's when NEW is an edited copy kept elsewhere.

    ``tgtcheck diff spec/p.tgt /tmp/p.tgt --as-of H14``: the copy's ``data "p.yaml"`` resolves to
    /tmp/p.yaml, which does not exist.  When NEW names the same data clause as OLD and that file is
    missing beside NEW, OLD's data file is used, and a note says so (never silently).
    """
    side = read_side(arg, data_override, with_data)
    spec, old_spec = side.loaded.spec, old.loaded.spec
    if (data_override is not None or not with_data or is_revision(arg) or spec is None or old_spec is None
            or spec.policy.data is None or spec.policy.data != old_spec.policy.data
            or side.loaded.data_file is None or os.path.exists(side.loaded.data_file)
            or old.loaded.data_file is None or not os.path.isfile(old.loaded.data_file)):
        return side
    fallback = Side(arg, load(arg, old.loaded.data_file, with_data=True))
    fallback.notes.append(f"{side.loaded.data_file} (NEW's data \"{spec.policy.data}\") does not exist; "
                          f"using OLD's {old.loaded.data_file} (--new-data FILE chooses another)")
    return fallback


def read_side(arg: str, data_override: str | None, with_data: bool) -> Side:
    if not is_revision(arg):
        return Side(arg, load(arg, data_override, with_data=with_data))
    from ...core.sources import MAX_SPEC_BYTES, decode, too_large

    rev, path = arg.split(":", 1)
    side = Side(arg, Loaded(arg))
    raw, problem = git("cat-file", "blob", f"{rev}:{path}")
    if raw is None:
        side.loaded.diagnostics.append(_git_trouble(arg, problem))
        return side
    if len(raw) > MAX_SPEC_BYTES:  # the limit every command applies to a spec
        side.loaded.diagnostics.append(too_large(arg, len(raw)))
        return side
    text, bad = decode(raw, arg)
    if bad is not None or text is None:
        side.loaded.diagnostics.extend([bad] if bad else [])
        return side
    # parse and check as every command does; the data is read here, from the revision
    # (pipeline.data_path joins with os.path, which a `REV:` prefix and `..` would confuse)
    side.loaded = load(arg, with_data=False, text=text)
    if with_data and side.loaded.spec is not None:
        _git_data(side, rev, path, data_override)
    return side


def _git_data(side: Side, rev: str, path: str, override: str | None) -> None:
    from ...analysis.check import check_data
    from ...data.load import load_data

    loaded = side.loaded
    assert loaded.spec is not None
    if override is None and loaded.spec.policy.data is None:
        loaded.diagnostics.append(Diagnostic(DATA_UNREADABLE.code, Severity.ERROR, "the spec names no data file",
                                             Location(side.name, loaded.spec.policy.span),
                                             'add `data "FILE.yaml"` to the policy header, or pass --data FILE'))
        return
    if override is not None:
        data, diags = load_data(override)
        loaded.data_file = override
    else:
        data, diags = _data_at_revision(side, rev, path, loaded.spec.policy.data or "")
    loaded.diagnostics.extend(diags)
    if data is not None:
        loaded.data = data
        loaded.diagnostics.extend(check_data(loaded.spec, side.name, data, False))


def _data_at_revision(side: Side, rev: str, path: str, data: str) -> tuple[Dataset | None, list[Diagnostic]]:
    from ...data.load import load_data

    repo_path = path
    if path.startswith(("./", "../")):
        prefix, _ = git("rev-parse", "--show-prefix")
        repo_path = posixpath.join((prefix or b"").decode("utf-8").strip(), path)
    data_path = posixpath.normpath(posixpath.join(posixpath.dirname(posixpath.normpath(repo_path)), data))
    label = f"{rev}:{data_path}"
    raw, problem = git("cat-file", "blob", label)
    if raw is None:
        top, _ = git("rev-parse", "--show-toplevel")
        working = os.path.relpath(os.path.join(top.decode("utf-8").strip(), data_path)) if top else data_path
        side.notes.append(f"{label} cannot be read from git ({_first_line(problem)}); using the working file {working}")
        side.loaded.data_file = working
        return load_data(working)
    side.loaded.data_file = label
    with tempfile.TemporaryDirectory(prefix="tgtcheck-diff-") as tmp:
        local = os.path.join(tmp, posixpath.basename(data_path))  # the loader goes by the suffix
        with open(local, "wb") as fh:
            fh.write(raw)
        dataset, diags = load_data(local)
    relabel = {local: label}
    if dataset is not None:
        dataset = replace(dataset, file=label)
    return dataset, [_relabel(d, relabel) for d in diags]


def _relabel(d: Diagnostic, names: dict[str, str]) -> Diagnostic:
    loc = replace(d.location, file=names.get(d.location.file, d.location.file))
    related = tuple(replace(r, file=names.get(r.file, r.file)) for r in d.related)
    return replace(d, location=loc, related=related)


def git(*args: str) -> tuple[bytes | None, str]:
    """Run git in the current directory: (stdout, "") or (None, what went wrong)."""
    try:
        proc = subprocess.run(["git", *args], capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        return None, "git is not installed or not on PATH"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, str(exc)
    if proc.returncode != 0:
        return None, proc.stderr.decode("utf-8", "replace").strip() or f"git exited with {proc.returncode}"
    return proc.stdout, ""


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return line.removeprefix("fatal: ")


def _git_trouble(arg: str, problem: str) -> Diagnostic:
    return Diagnostic(GIT_REVISION_UNREADABLE.code, Severity.ERROR, f"cannot read {arg} from git: {_first_line(problem)}", Location(arg),
                      "check the revision (git log --oneline) and the path in it (git ls-tree -r --name-only REV); "
                      "paths are relative to the repository root, or write REV:./path")
