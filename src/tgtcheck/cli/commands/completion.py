"""`tgtcheck completion bash|zsh|fish`: the shell's completion script, from the argument parser itself.

argcomplete (the ``completion`` extra) completes from the same ``argparse`` parser every command
builds, so a new option completes without anything to keep in step.  The printed script calls
``tgtcheck`` on each TAB with argcomplete's variables set; ``cli.main`` imports argcomplete only
then (``_ARGCOMPLETE`` in the environment), so ordinary runs never pay for it.
"""

from __future__ import annotations

import argparse
import sys

SHELLS = ("bash", "zsh", "fish")
WHERE = {
    "bash": "eval \"$(tgtcheck completion bash)\"   # in ~/.bashrc",
    "zsh": "eval \"$(tgtcheck completion zsh)\"    # in ~/.zshrc",
    "fish": "tgtcheck completion fish > ~/.config/fish/completions/tgtcheck.fish",
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("shell", choices=SHELLS, help="the shell: " + "; ".join(f"{s}: {w}" for s, w in WHERE.items()))


def run(args: argparse.Namespace) -> int:
    try:
        from argcomplete.shell_integration import shellcode
    except ImportError:
        from ...core.install import install_hint

        sys.stderr.write("tgtcheck: error[TGT501]: shell completion needs argcomplete, which is not installed\n"
                         f"  help: {install_hint('completion')}\n")
        return 2
    sys.stdout.write(shellcode(["tgtcheck"], shell=args.shell))
    return 0
