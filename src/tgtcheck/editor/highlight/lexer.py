"""A Pygments lexer for .tgt specs, for the documentation and the HTML report.

Registered as the entry point ``pygments.lexers: tgt`` (extra ``highlight``),
so ``pygmentize -l tgt``, Sphinx and MkDocs code blocks marked ``tgt`` find it.

Shape and reasons:
- The token rules follow grammar/tgt.lark's terminals (keywords, NUMBER,
  PERCENT, ERA_YEAR, FY_YEAR, COMPARE, PLUSMINUS, STRING, COMMENT), so the
  highlighting agrees with what the parser accepts.
- Full-width forms (ｔａｒｇｅｔ, ３０％, ＞＝) are handled the parser's way:
  the text is first mapped one character for one with ``parser.normalize``,
  lexed, and every token's value is cut back out of the original text at
  the same offsets, so the tokens concatenate to the input exactly.
- Built-in function names come from ``functions.FUNCTIONS``; a name is
  highlighted as one only before "(", as the grammar reads a call.
- ``stripnl`` defaults to off, so leading blank lines survive.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Error, Keyword, Literal, Name, Number, Operator, Punctuation, String, Whitespace, _TokenType

from ...judging.functions import FUNCTIONS

_END = r"(?![A-Za-z0-9_])"  # the grammar's boundary: no letter, digit or _ follows
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"

DECLARATIONS = ("policy", "indicator", "constant", "target", "scale")
CLAUSES = ("base", "due", "data", "goal", "method", "unit", "note", "better", "judged", "judge", "years", "in", "because")
SCHEDULE = ("by", "every", "year", "from", "to")
CONDITION = ("between", "and", "about")
RATING = ("rated", "on", "rollup", "main", "grade", "when", "score")  # rating scales and roll-ups
BREAKDOWN = ("for", "each", "at", "least", "of")  # for each region, for at least 10 of region


class TgtLexer(RegexLexer):
    """Policy target specs (tgtcheck)."""

    name = "tgt"
    aliases: ClassVar[list[str]] = ["tgt", "tgtcheck"]
    filenames: ClassVar[list[str]] = ["*.tgt"]
    mimetypes: ClassVar[list[str]] = ["text/x-tgt"]

    tokens: ClassVar[dict[str, list[Any]]] = {
        "root": [
            (r"\s+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"[^"\n]*"?', String.Double),
            (r"「[^」\n]*」?", String.Other),
            # a declaration's name
            (rf"(indicator|constant)(\s+)({_NAME})", bygroups(Keyword.Declaration, Whitespace, Name.Variable)),
            (words(DECLARATIONS, prefix=r"(?<![A-Za-z0-9_])", suffix=_END), Keyword.Declaration),
            # a western or lower-case year where the grammar reads a year: by 2006, from 2002 to 2006, by h18
            (rf"(?<![A-Za-z0-9_])(by|base|due|from|to|in)(\s+)([0-9]+(?:年度)?|[mtshr](?:[0-9]+|元)(?:年度)?|fy[0-9]+){_END}",
             bygroups(Keyword, Whitespace, Literal.Date)),
            (words(CLAUSES + SCHEDULE + CONDITION + RATING + BREAKDOWN, prefix=r"(?<![A-Za-z0-9_])", suffix=_END), Keyword),
            (r"程度|主要", Keyword),
            (rf"(?:[MTSHR]|明治|大正|昭和|平成|令和)(?:[0-9]+|元)(?:年度)?{_END}", Literal.Date),
            (rf"FY[0-9]+{_END}|[0-9]+年度{_END}", Literal.Date),
            (rf"(?:{'|'.join(FUNCTIONS)})(?=\s*\()", Name.Builtin),
            (rf"{_NAME}(?=\s*\()", Name.Function),
            (rf"{_NUMBER}(?:%|割)", Number),
            (rf"{_NUMBER}{_END}", Number),
            (r">=|<=|==|!=|[><≧≥≦≤≠]", Operator),
            (r"±|\+-", Operator),
            (r"[-+*/=]", Operator),
            (_NAME, Name),
            (r"[(),\[\]]", Punctuation),  # employment[region=DE]
            (r".", Error),
        ],
    }

    def __init__(self, **options: Any) -> None:
        options.setdefault("stripnl", False)
        super().__init__(**options)

    def get_tokens_unprocessed(self, text: str, stack: tuple[str, ...] = ("root",)) -> Iterator[tuple[int, _TokenType, str]]:
        from ...language.lexical import normalize

        lexed = normalize(text)[0]
        for index, token, value in super().get_tokens_unprocessed(lexed, stack):
            yield index, token, text[index : index + len(value)]


def html(text: str, **formatter_options: Any) -> str:
    """A spec excerpt as HTML (``<div class="highlight">…``); pair it with ``css()``."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter

    return str(highlight(text, TgtLexer(), HtmlFormatter(**formatter_options)))


def css(selector: str = ".highlight", style: str = "default") -> str:
    """The style sheet for ``html()``."""
    from pygments.formatters import HtmlFormatter

    return str(HtmlFormatter(style=style).get_style_defs(selector))
