"""`tgtcheck completion SHELL` (argcomplete, from the parser itself) and `tgtcheck schema NAME`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_cli, tgtcheck_command


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str) -> None:
    pytest.importorskip("argcomplete")
    r = run_cli("completion", shell)
    assert r.returncode == 0 and "tgtcheck" in r.stdout and "_ARGCOMPLETE" in r.stdout, r.stderr


def _complete(tmp_path: Path, line: str) -> list[str]:
    out = tmp_path / "completions"
    r = run_cli(env={"_ARGCOMPLETE": "1", "COMP_LINE": line, "COMP_POINT": str(len(line)), "_ARGCOMPLETE_IFS": "\n",
                     "_ARGCOMPLETE_STDOUT_FILENAME": str(out)})
    assert r.returncode == 0, r.stderr
    return out.read_text(encoding="utf-8").split()


def test_completion_completes_commands_and_options(tmp_path: Path) -> None:
    pytest.importorskip("argcomplete")
    assert _complete(tmp_path, "tgtcheck ru") == ["run"]
    assert "--fail-on" in _complete(tmp_path, "tgtcheck run --fa")
    assert set(_complete(tmp_path, "tgtcheck run --lang ")) == {"en", "ja"}
    assert {"bash", "zsh", "fish"} <= set(_complete(tmp_path, "tgtcheck completion "))


def test_completion_in_bash_itself(tmp_path: Path) -> None:
    pytest.importorskip("argcomplete")
    script = run_cli("completion", "bash").stdout
    folder = Path(tgtcheck_command()[0]).parent
    test = (f'export PATH="{folder}:$PATH"\n{script}\n'
            'COMP_WORDS=(tgtcheck expl); COMP_CWORD=1; COMP_LINE="tgtcheck expl"; COMP_POINT=${#COMP_LINE}\n'
            '_python_argcomplete tgtcheck expl tgtcheck; echo "${COMPREPLY[@]}"\n')
    r = subprocess.run(["bash", "-c", test], capture_output=True, text=True, timeout=60)
    assert r.stdout.split() == ["explain"], r.stdout + r.stderr


def test_argcomplete_is_not_imported_by_a_run() -> None:
    from .conftest import SPEC_6_2

    code = ("import sys, io, contextlib; from tgtcheck.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['run', {str(SPEC_6_2)!r}])\n"
            "print('argcomplete' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "False"


@pytest.mark.parametrize("name", ["data", "run", "check", "diff"])
def test_schema_prints_the_shipped_schema(name: str) -> None:
    r = run_cli("schema", name)
    assert r.returncode == 0 and json.loads(r.stdout)["$schema"].startswith("https://json-schema.org/")


def test_schema_written_next_to_the_data_validates_it(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from .conftest import SPEC_6_2

    r = run_cli("schema", "data", "-o", str(tmp_path / "data.schema.json"))
    assert r.returncode == 0 and "$schema=data.schema.json" in r.stderr
    schema = json.loads((tmp_path / "data.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(SPEC_6_2.with_suffix(".yaml").read_text(encoding="utf-8")), schema)
    r = run_cli("schema", "data", "-o", str(tmp_path / "no" / "such" / "s.json"))
    assert r.returncode == 2 and "error[TGT502]" in r.stderr and "mkdir -p" in r.stderr
