"""Why a number is undefined, in both languages: a division by zero, a growth from a base of 0, a method that needs
positive values.

Such a reason travels inside ``Unknown`` from the computation that found it to the sentence that shows it, and the
sentence is in the reader's language: a Japanese explanation must not quote an English reason. So a reason is made
once, where it is found, with both texts (``Why(en, ja)``); English is its ``str`` (JSON and logs keep English).
Years inside a reason are written in each language's form (H13 / 平成13年度) by ``years.label``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Why:
    en: str
    ja: str

    def __str__(self) -> str:
        return self.en

    def text(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


def refused(en: str) -> Why:
    """A reason for a tree the checker has refused (TGT1xx/TGT2xx): `run` never judges such a spec, so this text
    reaches only a program that evaluates an unchecked tree; the Japanese points to the checker's message."""
    return Why(en, f"仕様の誤りのため計算できない（tgtcheck check の指摘を参照）: {en}")
