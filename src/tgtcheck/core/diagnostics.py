"""Diagnostics as data: what is wrong, where, and how to fix it.

Detection (parser, checker, data loaders) builds ``Diagnostic`` values and
collects them; nothing is raised for a user's mistake.  Rendering lives in
``render_diagnostic`` here and in the output formats, apart from detection.

Codes are stable and grouped in families, as ruff and mypy do:
``TGT1xx`` syntax, ``TGT2xx`` static checks, ``TGT3xx`` data, ``TGT4xx``
evaluation, ``TGT5xx`` usage and files.  ``CODES`` is the one registry: one
``code(...)`` entry per code, named (``NOT_A_YEAR``), with its title and fix
in English and Japanese, its severity and its usual message; producers use
the named entry, so a code's text is written once (a test keeps it so).
docs/diagnostics.md is generated from the same table and a test keeps the
two in step.  A new code is one entry here.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import FrozenInstanceError, dataclass, field
from enum import Enum
from itertools import accumulate
from typing import Any

from .years import YEAR_HELP  # the forms that work, written once (years.py is pure: no loop)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class LineStarts:
    """Where each line of one text starts: offsets to lines and columns, for all the spans of one parse.

    Lines are split on "\\n" only, as Lark counts them.  The table is made
    on the first question (a run that never shows a position never pays for
    it) and shared by every span of the text.
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        """The offset of each line's first character (and one past the text's end)."""
        if self._starts is None:
            self._starts = list(accumulate((len(line) + 1 for line in self.text.split("\n")), initial=0))
        return self._starts

    def line_column(self, pos: int) -> tuple[int, int]:
        """The line and column (from 1, the column in characters) of offset ``pos``."""
        starts = self._starts if self._starts is not None else self.starts()
        line = bisect_right(starts, pos)
        return line, pos - starts[line - 1] + 1


class Span:
    """A region of a source file: its start and end offsets, and its lines and columns (from 1, columns in characters).

    A parser's span holds its two offsets and the ``LineStarts`` of its text
    (``span_at``): line and column are computed when something reads them
    (a diagnostic, the editor, an output), so the 100,000 spans of a large
    spec cost three slots each and no line counting.  A data loader, which
    knows its lines and columns already (YAML, JSON, CSV), gives them:
    ``Span(line, column, end_line, end_column, start_pos, end_pos)``.  Spans
    are immutable and equal when they name the same region (all six figures).
    """

    __slots__ = ("_where", "end_pos", "start_pos")
    start_pos: int
    end_pos: int
    _where: LineStarts | tuple[int, int, int, int]  # the text's line table, or the four figures as given

    def __init__(self, line: int, column: int, end_line: int, end_column: int, start_pos: int = 0, end_pos: int = 0) -> None:
        _set_start(self, start_pos)
        _set_end(self, end_pos)
        _set_where(self, (line, column, end_line, end_column))

    def position(self) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column)."""
        where = self._where
        if type(where) is tuple:
            return where
        assert isinstance(where, LineStarts)
        return (*where.line_column(self.start_pos), *where.line_column(self.end_pos))

    @property
    def line(self) -> int:
        return self.position()[0]

    @property
    def column(self) -> int:
        return self.position()[1]

    @property
    def end_line(self) -> int:
        return self.position()[2]

    @property
    def end_column(self) -> int:
        return self.position()[3]

    def _key(self) -> tuple[int, int, int, int, int, int]:
        return (*self.position(), self.start_pos, self.end_pos)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        if self._where is other._where:  # the same text: the offsets say it
            return self.start_pos == other.start_pos and self.end_pos == other.end_pos
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        line, column, end_line, end_column = self.position()
        return (f"Span(line={line}, column={column}, end_line={end_line}, end_column={end_column}, "
                f"start_pos={self.start_pos}, end_pos={self.end_pos})")

    def __reduce__(self) -> tuple[type[Span], tuple[int, int, int, int, int, int]]:
        return Span, self._key()  # pickled with its figures, not its text's table

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


_set_start = Span.__dict__["start_pos"].__set__  # the slots' own setters: Span.__setattr__ refuses
_set_end = Span.__dict__["end_pos"].__set__
_set_where = Span.__dict__["_where"].__set__


def span_at(start: int, end: int, lines: LineStarts, _new: Any = object.__new__, _span: type[Span] = Span) -> Span:
    """The span from offset ``start`` to ``end`` of the text of ``lines``: a parser's span, built fast."""
    s = _new(_span)
    _set_start(s, start)
    _set_end(s, end)
    _set_where(s, lines)
    return s  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Location:
    """A span in a named file (spec or data)."""

    file: str
    span: Span | None = None
    path: str | None = None  # a data path such as indicators.patents.values.H14


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    location: Location
    help: str | None = None
    related: tuple[Location, ...] = field(default=())  # e.g. the spec position that uses a data row

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True, slots=True)
class Code:
    """One diagnostic code: title and fix in English and Japanese, an example, its severity, its usual message."""

    code: str
    title: str
    fix: str
    example: str
    title_ja: str
    fix_ja: str
    severity: Severity = Severity.ERROR
    message: str = ""  # the usual message, a template with {fields} (``text``); a producer may word a variant itself

    def text(self, **fields: object) -> str:
        return self.message.format(**fields)


CODES: dict[str, Code] = {}


def register(code: str, title: str, fix: str, example: str, title_ja: str, fix_ja: str,
             severity: Severity = Severity.ERROR, message: str = "") -> Code:
    """Register one code; its producers use the returned entry, never the code's text."""
    assert code not in CODES, f"{code} is registered twice"
    entry = CODES[code] = Code(code, title, fix, example, title_ja, fix_ja, severity, message)
    return entry


# One entry per code, in the order of docs/diagnostics.md: the code's text is written here and nowhere else.
# -- syntax ----------------------------------------------------------------------------------------
FILE_UNREADABLE = register("TGT100", "file cannot be read", "check the path; a spec is a UTF-8 text file", "tgtcheck run missing.tgt",
                           "ファイルを読み込めません", "パスを確認してください。仕様ファイルは UTF-8 のテキストファイルです")
UNEXPECTED_CHARACTER = register("TGT101", "unexpected character", "remove the character or put text inside quotes", 'target "1" "t" value(x) >= 10 $',
                                "使えない文字があります", 'その文字を削除するか、文字列として "…" で囲んでください')
UNEXPECTED_TOKEN = register("TGT102", "unexpected token", "follow the hint for what may come at this point", "target 6-2-1 ...",
                            "書き方が正しくありません", "示された位置に書ける語句（help を参照）に直してください")
UNEXPECTED_END = register("TGT103", "unexpected end of file", "finish the last declaration", 'target "1" "t" value(x) >=',
                          "ファイルが途中で終わっています", "最後の宣言を最後まで書いてください")
UNCLOSED_STRING = register("TGT104", "unclosed string", 'close the string with " on the same line', 'policy "6-2 "title"',
                           "文字列が閉じられていません", '同じ行の中で " （または 」）で閉じてください')
NOT_A_YEAR = register("TGT105", "not a year", YEAR_HELP, "by H0",
                      "年度として読めません", "H18・平成18年度・R元 のような和暦、2006・2006年度 のような西暦、または FY2006 と書いてください")
HEISEI_AFTER_ITS_END = register("TGT106", "Heisei year after the era's end", "write the Reiwa year the message names", "by H32",
                                "平成32年以降の年度です", "メッセージが示す令和の年度で書いてください", severity=Severity.WARNING)
NOT_TEXT = register("TGT107", "not text", "save the file as UTF-8 text", "a file in Shift_JIS or binary data",
                    "テキストファイルではありません", "UTF-8 で保存し直してください（Shift_JIS などはメッセージの変換方法を参照）")
TOO_DEEP = register("TGT108", "nesting too deep", "simplify the expression", "((((((…))))))",
                    "入れ子が深すぎます", "式を簡単にしてください",
                    message="{what} is nested more than {depth} levels deep")
EMPTY_SPEC = register("TGT109", "empty spec", 'start the file with a policy header: policy "ID" "TITLE" base H13 due H18', "(an empty file)",
                      "仕様が空です", 'ファイルの先頭に policy "施策ID" "施策名" base H13 due H18 を書いてください')
NOT_A_NUMBER = register("TGT110", "not a number", "write digits, optionally with , between thousands (1,234)", "value(x) >= 1,23",
                        "数値として読めません", "数字で書いてください（3桁区切りのカンマは 1,234 のように使えます）")
FOREIGN_DIGIT = register("TGT111", "digit of another script", "write digits as 0-9 (or full-width ０-９)", "value(x) >= 1৪",
                         "ASCII・全角以外の数字です", "数字は 0-9（または全角の ０-９）で書いてください（別の数字に見えることがあります）")
# -- static checks ---------------------------------------------------------------------------------
UNKNOWN_NAME = register("TGT201", "unknown indicator or constant", "declare it, or fix the name (see the suggestion)", "value(patent)",
                        "未定義の指標または定数です", "indicator / constant で宣言するか、名前を直してください（候補を参照）",
                        message="unknown indicator or constant '{name}'")
DUPLICATE_TARGET = register("TGT202", "duplicate target id", "give each target its own id", 'target "6-2-1" … target "6-2-1"',
                            "達成目標の番号が重複しています", "達成目標ごとに別の番号を付けてください",
                            message='target id "{id}" is already used by the target on line {line}')
DEADLINE_BEFORE_BASE = register("TGT203", "deadline before the base year", "move the deadline after the base year", "by H12 with base H13",
                                "期限が基準年度より前です", "期限（達成年度）を基準年度以降にしてください",
                                message="the deadline {deadline} is before the base year {base}")
PERCENT_AND_COUNT = register("TGT204", "percent compared with a count", "write both sides as percents (30%) or both as numbers", "growth(x, H13) >= 30",
                             "割合（％）と件数などを比べています", "両辺を割合（30%）にするか、両辺を数値にしてください",
                             message="a percent is compared with a count or amount ({percent} side is a percent, {other} side is not)")
UNKNOWN_FUNCTION = register("TGT205", "unknown function", "use one of the functions the message lists", "grow(x, H13)",
                            "未定義の関数です", "メッセージに挙げた関数を使ってください",
                            message="unknown function '{name}'; known: {known}")
WRONG_ARGUMENT_COUNT = register("TGT206", "wrong number of arguments", "give the function the arguments its signature lists", "growth(x)",
                                "関数の引数の数が違います", "関数の書式どおりに引数を書いてください",
                                message="{name} takes {n} argument{s}, got {got}")
WRONG_ARGUMENT_KIND = register("TGT207", "wrong kind of argument", "pass what the signature asks for: an indicator, a year or a number", "growth(x, 10)",
                               "関数の引数の種類が違います", "書式どおりに、指標・年度・数値を渡してください",
                               message="the {param} of {name}() must be {kind}")
DUPLICATE_DECLARATION = register("TGT208", "duplicate declaration", "declare each indicator and constant once", "indicator x … indicator x",
                                 "宣言が重複しています", "指標と定数は一度だけ宣言してください",
                                 message="'{name}' is already declared on line {line}")
DUPLICATE_CLAUSE = register("TGT209", "duplicate clause", "give each clause once", "base H13 base H14",
                            "同じ項目が二度書かれています", "項目（base, due など）は一度だけ書いてください",
                            message="`{clause}` is given twice; the first one counts")
UNKNOWN_METHOD = register("TGT210", "unknown evaluation method", "use one of the methods the message lists", "method fancy",
                          "未定義の評価方法です", "メッセージに挙げた評価方法を使ってください",
                          message="unknown evaluation method '{name}'; known: {known}")
TREND_AS_NUMBER = register("TGT211", "a trend is not a number", "use increasing(x) / decreasing(x) as a whole condition", "increasing(x) >= 1",
                           "増減の条件は数値ではありません", "increasing(x) / decreasing(x) は条件全体として書いてください",
                           message="{name}(…) is a condition on its own, not a number")
YEAR_AS_NUMBER = register("TGT212", "a year is not a number", "use a year only where a function asks for one", "value(x) >= H18",
                          "年度を数値として使っています", "年度は関数が求める位置（value(x, H13) など）にだけ書いてください",
                          message="the year {year} is used as a number")
TOLERANCE_KIND = register("TGT213", "tolerance of the wrong kind", "give the tolerance in the threshold's kind (30% ± 3%, 10 ± 1)", "about 30% ± 3",
                          "許容幅の種類が目標値と違います", "許容幅は目標値と同じ種類で書いてください（30% ± 3%、10 ± 1）",
                          message="the tolerance is a {kind} but the threshold is a {threshold}")
REVERSED_RANGE = register("TGT214", "empty or reversed range", "write the lower bound first", "between 20 and 15",
                          "範囲の上限と下限が逆です", "between の後には小さい方の値を先に書いてください",
                          message="the range is reversed: its lower bound is above its upper bound")
REVERSED_PERIOD = register("TGT215", "every-year period ends before it starts", "swap the years", "every year from H18 to H14",
                           "毎年度の期間が逆です", "every year from 開始年度 to 終了年度 の順に書いてください",
                           message="the period ends ({end}) before it starts ({start})")
INDICATOR_AS_NUMBER = register("TGT216", "indicator used as a number", "wrap it in value(x) or count(x)", "patents >= 10",
                               "指標をそのまま数値として使っています", "value(x) または count(x) で指標の値にしてください",
                               message="'{name}' is an indicator, not a number")
UNUSED = register("TGT217", "unused indicator or constant", "remove it or use it in a target (reported with --strict)", "indicator unused …",
                  "使われていない指標・定数です", "削除するか、達成目標で使ってください（--strict で報告）", severity=Severity.WARNING,
                  message="{what} '{name}' is never used")
NO_DEADLINE = register("TGT218", "target without a deadline", "add `by YEAR` or `every year from YEAR` (reported with --strict)", "value(x) >= 10",
                       "期限のない達成目標です", "by 年度 または every year from 年度 を書いてください（--strict で報告）", severity=Severity.WARNING,
                       message='target "{id}" has no deadline')
ABOUT_WITHOUT_TOLERANCE = register("TGT219", "approximation without a tolerance", "add ± D after the threshold (reported with --strict)", "about 10",
                                   "「程度」に許容幅がありません", "目標値の後に ± 幅 を書いてください（--strict で報告）", severity=Severity.WARNING,
                                   message="`about` without a tolerance is judged exactly")
HEADER_INCOMPLETE = register("TGT220", "policy header incomplete", "give the policy header base and due years", 'policy "6-2" "t" base H13',
                             "施策の基準年度・達成年度がありません", "policy の行に base（基準年度）と due（達成年度）を書いてください",
                             message="the policy header has no {clause} year")
CONSTANT_CYCLE = register("TGT221", "constant depends on itself", "define constants from numbers and earlier constants", "constant a = b  constant b = a",
                          "定数が自分自身に依存しています", "定数は数値と他の定数から循環しないように定義してください",
                          message="constant '{name}' depends on itself ({cycle})")
COUNT_OF_PERCENT = register("TGT222", "count of a percent indicator", "use value(x) for an indicator measured in %", "count(share)",
                            "割合（％）の指標を count() で数えています", "％の指標には value(x) を使ってください",
                            message="{name}() of '{indicator}', which is measured in %")
UNKNOWN_DIRECTION = register("TGT223", "unknown direction", "write `better higher`, `better lower` or `better within`", "better up",
                             "望ましい方向（better）が不明です",
                             "better higher（高いほど良い）、better lower（低いほど良い）、better within（範囲内に保つ）のいずれかを書いてください")
UNKNOWN_JUDGE = register("TGT224", "unknown value to judge", "write `judge latest` (直近値) or `judge year` (the year's own value)", "judge last",
                         "判定に用いる値（judge）が不明です", "judge latest（直近値）か judge year（その年度の値）を書いてください")
UNKNOWN_YEAR_KIND = register("TGT225", "unknown kind of year", "write `years fiscal` (年度) or `years calendar`", "years fisc",
                             "年度の種類（years）が不明です", "years fiscal（年度）か years calendar（暦年）を書いてください")
DIRECTION_CONTRADICTS = register(
    "TGT230", "direction contradicts the condition", "reverse the comparison, or declare the target's own `better` direction",
    'indicator wait "w" better lower … value(wait) >= 10',
    "望ましい方向が条件と矛盾しています", "比較の向きを直すか、達成目標に正しい better を書いてください",
    message="{where} declares `better {declared}`, but the condition's {stated} asks for {wants}")
TARGET_ID_HIDDEN = register("TGT226", "target id empty or with hidden characters",
                            "write the id with visible characters only, without spaces around it", 'target "" "t" …',
                            "達成目標の番号が空か、見えない文字を含んでいます", "番号は見える文字だけで、前後に空白を入れずに書いてください")
MILESTONES_NEED_COMPARISON = register(
    "TGT231", "milestones after a range or a trend", "write the target as a comparison to give it milestones",
    "value(x) between 5 and 10 by R3, 20 by R4", "中間目標は比較の条件にだけ付けられます", "比較（>=、<= など）の条件にして中間目標を書いてください")
MILESTONES_OUT_OF_ORDER = register(
    "TGT232", "milestones out of order", "write each milestone after the one before", "value(x) >= 10 by R4, 5 by R3",
    "中間目標の年度の順序が逆です", "中間目標は年度の早い順に書いてください")
MILESTONES_AGAINST_DIRECTION = register(
    "TGT233", "milestones against the condition's direction", "check the milestone: a path to `>=` does not fall, one to `<=` does not rise",
    "value(x) >= 163 by H18, 49 by H19", "中間目標の値が条件の向きと逆に動いています",
    "中間目標の値を確認してください（>= の目標への道筋は下がらず、<= の目標への道筋は上がりません）", severity=Severity.WARNING,
    message="the milestone {value} for {year} is {relation} the {previous} before it, but `{op}` aims {way}")
UNKNOWN_JUDGED_STATUS = register(
    "TGT260", "unknown status in a recorded judgement",
    "write `judged met`, `judged exceeded`, `judged on_track`, `judged behind` or `judged not_met`",
    'judged achieved in H18 by "課" because "…"',
    "記録された判断の状況が不明です", "judged の後に met・exceeded・on_track・behind・not_met のいずれかを書いてください",
    message="unknown status '{word}' in `judged {word}`; known: {known}")
JUDGED_TWICE = register(
    "TGT261", "judgement recorded twice for one year", "keep one judgement per target and year",
    'judged met in H18 by "a" because "…"  judged not_met in H18 by "b" because "…"',
    "同じ年度の判断が二つ記録されています", "一つの達成目標・年度につき判断は一つにしてください",
    message='target "{id}" has a second judgement for {year} (the first is on line {line})')
JUDGED_WITHOUT_REASON = register(
    "TGT263", "recorded judgement without who or why", 'write who judged and why: `by "評価担当課" because "…"`, neither empty',
    'judged met in H19 by "" because " "', "記録された判断に判断者または理由がありません",
    "判断した者と理由を空でなく書いてください（by \"評価担当課\" because \"…\"）",
    message='the judgement of target "{id}" for {year} says nothing {what}: a judgement that overrides the rule must say who and why')
JUDGED_OTHER_YEAR = register(
    "TGT262", "recorded judgement for another year than the as-of year",
    "a recorded judgement counts only as of its own year: update it for the as-of year, or remove it (reported with --strict)",
    'judged met in H17 … (the data ends in H18)',
    "記録された判断の年度が評価年度と異なります",
    "記録された判断はその年度の評価にだけ用いられます。評価年度の判断に改めるか削除してください（--strict で報告）",
    severity=Severity.WARNING,
    message='the judgement of target "{id}" is recorded for {year}, but the as-of year is {as_of}: it is not used')
# rating scales and roll-ups (scales.py, check_scales.py)
UNKNOWN_SCALE = register(
    "TGT240", "unknown rating scale", "declare the scale with `scale NAME …`, or name a shipped one (eurostat, mic)", "rated on eurostst",
    "評価区分（scale）が不明です", "scale で宣言するか、組み込みの区分（eurostat、mic）の名前を書いてください",
    message="unknown rating scale '{name}' in `rated on {name}`; known: {known}")
UNKNOWN_MEASURE = register(
    "TGT241", "unknown band measure", "write `achievement`, `progress`, `pace` or `status` after `when`", "when achivement >= 80%",
    "区分の基準が不明です", "when の後に achievement（達成率）、progress（進捗率）、pace（進捗の速さ）、status（判定）のいずれかを書いてください",
    message="unknown measure '{name}' in grade {grade}; known: achievement, progress, pace, status")
UNKNOWN_STATUS = register(
    "TGT242", "unknown status in a band", "list statuses as met, exceeded, on_track, behind, not_met, pending, insufficient_data",
    "when status done", "区分に書かれた判定が不明です",
    "met、exceeded、on_track、behind、not_met、pending、insufficient_data の中から書いてください",
    message="unknown status '{name}' in grade {grade}; known: {known}")
BAD_BAND = register(
    "TGT243", "band cannot be read", "give a band one lower limit (>= or >) and one upper limit (<= or <), each a number",
    "when achievement >= 80% and >= 60%", "区分の範囲が読めません",
    "下限（>= か >）と上限（<= か <）をそれぞれ一つまで、数値で書いてください")
BANDS_OVERLAP = register(
    "TGT244", "bands overlap", "make each value fall in one band: one of two bands meeting at an edge includes it, the other not",
    "when achievement >= 80% … when achievement <= 80%", "区分の範囲が重なっています",
    "どの値も一つの区分に入るようにしてください（境目の値は片方の区分だけに含めます）")
BANDS_GAP = register(
    "TGT245", "gap between bands", "extend a band so that every value gets a grade", "when achievement >= 80% … when achievement < 60%",
    "区分の範囲に隙間があります", "どの値もいずれかの区分に入るよう、範囲を広げてください")
SCALE_MIXES_RATIOS = register(
    "TGT246", "scale grades on two ratios", "band every grade of a scale on one ratio (statuses may be added)",
    "when achievement >= 100% … when progress < 50%", "一つの区分表で二つの比率を使っています",
    "区分表の範囲は一つの比率で書いてください（判定による区分は併用できます）")
GRADES_OUT_OF_ORDER = register(
    "TGT247", "grades out of order", "list the grades best first: the band of higher values before the lower", "grade C … >= 80% before grade B … >= 90%",
    "区分の順序が逆です", "区分は良い順（高い範囲から）に書いてください")
DUPLICATE_GRADE = register(
    "TGT248", "grade or scale declared twice", "give each grade of a scale, and each scale, its own name", "grade A … grade A",
    "区分または区分表の名前が重複しています", "区分表の中の区分、区分表それぞれに別の名前を付けてください")
UNKNOWN_ROLLUP = register(
    "TGT249", "unknown roll-up", "write `rollup sheet`, `rollup main` or `rollup score`", "rollup mean",
    "総合判定の方法（rollup）が不明です", "rollup sheet（評価書の規則）、rollup main（主要な測定指標）、rollup score（区分の平均点）のいずれかを書いてください")
ROLLUP_INCOMPLETE = register(
    "TGT250", "roll-up lacks what it needs", "mark main targets (`main`), or rate on a scale whose every grade has a score",
    "rollup main without a `main` target", "総合判定の方法に必要な指定がありません",
    "主要な測定指標に main を付けるか、全ての区分に score を付けた区分表を rated on で指定してください")
KEY_NOT_ON_INDICATOR = register(
    "TGT270", "breakdown key on something that is not an indicator", "write [dimension=key] after an indicator's name, each dimension once",
    "value(limit[region=DE]) with a constant limit", "区分の指定が指標以外に付いています",
    "[区分=キー] は指標名の後に、区分ごとに一度だけ書いてください")
KEY_COUNT_NOT_WHOLE = register(
    "TGT271", "count of keys not a whole number from 1", "write how many keys must meet the condition as a whole number, 1 or more",
    "for at least 2.5 of region", "区分の数が1以上の整数ではありません", "条件を満たすべき区分の数を1以上の整数で書いてください")
# -- data ------------------------------------------------------------------------------------------
DATA_UNREADABLE = register("TGT300", "data file cannot be read", "check the data path given in the spec or with --data", 'data "missing.yaml"',
                           "データファイルを読み込めません", "仕様の data 項目または --data のパスを確認してください")
DATA_SYNTAX = register("TGT301", "data syntax error", "fix the YAML/JSON/CSV syntax at the position shown", "values: {H13: 208",
                       "データファイルの書式の誤りです", "示された位置の YAML / JSON / CSV の書き方を直してください")
DUPLICATE_KEY = register("TGT302", "duplicate key in data", "keep one entry: a second one would silently replace the first", "H13: 208 … H13: 210",
                         "データのキーが重複しています", "一つにまとめてください（後の値が前の値を黙って上書きするため）")
VALUE_NOT_A_NUMBER = register("TGT303", "value is not a number", "write a number, 集計中/pending, －/n/a, or leave it empty (null)", "H13: 多数",
                              "値が数値ではありません", "数値、集計中、－、または空欄（null）で書いてください")
NEGATIVE_COUNT = register("TGT304", "negative count", "a count cannot be below zero: check the number", "H13: -5",
                          "件数が負の値です", "件数は0以上です。数値を確認してください")
NOT_FINITE = register("TGT305", "not a finite number", "write a finite number", "H13: .nan",
                      "有限の数値ではありません", "有限の数値を書いてください")
NOT_A_YEAR_KEY = register("TGT306", "not a year key", "write the year as H13, 2001 or FY2001", "values: {13: 208}",
                          "年度のキーとして読めません", "年度は H13、2001、FY2001 のように書いてください")
DATA_SHAPE = register("TGT307", "data shape does not match the schema", "follow the data file schema (the message names the field)", "indicators: [patents]",
                      "データの構造がスキーマと違います", "データファイルのスキーマに合わせてください（メッセージが項目を示します）")
UNKNOWN_FIELD = register("TGT308", "unknown field in data", "remove or rename the field; it would otherwise be ignored", "valeus: {…}",
                         "データに未知の項目があります", "項目名を直すか削除してください（無視されずに報告します）")
DATA_TOO_LARGE = register("TGT309", "data too large or too deeply nested", "split the file, remove YAML aliases", "a YAML alias bomb",
                          "データが大きすぎるか入れ子が深すぎます", "ファイルを分けるか、YAML のエイリアスを使わずに書いてください")
NO_DATA = register("TGT310", "indicator has no data", "add the indicator's values to the data file", "a spec indicator missing from the data",
                   "指標のデータがありません", "データファイルにその指標の値を追加してください",
                   message="indicator '{indicator}' has no row in {file}")
PERCENT_MISMATCH = register(
    "TGT312",
    "percent in the spec but not in the data, or the other way",
    'give both `unit "%"` (spec) and `kind: percent` (data), or neither',
    'indicator share "s" unit "%" with kind: count in the data',
    "％の指標かどうかが仕様とデータで食い違っています",
    '仕様の unit "%" とデータの kind: percent をそろえてください（％を件数として読むと100倍ずれます）',
)
UNKNOWN_DIMENSION = register(
    "TGT330", "unknown breakdown dimension", "use a dimension the data breaks the indicator down by (see the suggestion)",
    "for each regoin", "データにない区分です", "データで指標を分けている区分の名前にしてください（候補を参照）")
UNKNOWN_KEY = register(
    "TGT331", "breakdown key not in the data", "use a key the data has for the indicator (see the suggestion), or add its values",
    "value(employment[region=XX])", "データにない区分のキーです", "データにあるキーにするか、そのキーの値をデータに追加してください（候補を参照）")
MORE_KEYS_THAN_DATA = register(
    "TGT332", "more keys needed than the data has", "lower the count, or add the missing keys' values to the data",
    "for at least 5 of region, with 4 regions in the data", "必要な区分の数がデータの区分の数を超えています",
    "数を減らすか、足りない区分の値をデータに加えてください", severity=Severity.WARNING,
    message="target '{id}' needs at least {needed} keys of '{dimension}', but {file} has only {have}: it can never be met")
UNDECLARED_DATA = register("TGT311", "data for an undeclared indicator", "declare the indicator in the spec or remove its data (reported with --strict)", "",
                           "仕様にない指標のデータです", "仕様で指標を宣言するか、データを削除してください（--strict で報告）", severity=Severity.WARNING,
                           message="{file} has data for '{indicator}', which the spec does not declare")
DATA_HEISEI_AFTER_ITS_END = register(
    "TGT313", "Heisei year after the era's end in data", "write the Reiwa year the message names (H32 is R2)", "values: {H40: 150}",
    "データに平成32年以降の年度があります", "メッセージが示す令和の年度で書いてください（平成32年は令和2年）",
    severity=Severity.WARNING,
    message="{key} is after the Heisei era (it ended in H31): read as {reading}; a typo for another year would be judged as this one")
# -- evaluation ------------------------------------------------------------------------------------
DIVISION_BY_ZERO = register(
    "TGT401",
    "division by zero",
    "the target cannot be judged from a zero base or denominator; see its explanation",
    "growth(x, H13) with x(H13) = 0",
    "ゼロで割っています",
    "基準値や分母が0のため判定できません。説明を確認してください",
)
AS_OF_TOO_EARLY = register(
    "TGT402", "as-of year before the evaluation starts",
    "pass an as-of year from the policy's base year (or the data's first year) on", "tgtcheck run --as-of 1990 spec.tgt with base H13",
    "評価年度が評価の始まりより前です", "施策の基準年度（またはデータの最初の年度）以降の評価年度を --as-of に指定してください")
AS_OF_AFTER_DATA = register(
    "TGT403", "as-of year after the latest data",
    "the targets are judged on the latest values; add the newer values to the data, or pass an earlier --as-of",
    "tgtcheck run --as-of H20 spec.tgt with data up to H14",
    "評価年度がデータの最新年度より後です", "直近値で判定します。新しい年度の値をデータに追加するか、より前の --as-of を指定してください",
    severity=Severity.WARNING)
# -- usage and files -------------------------------------------------------------------------------
USAGE = register("TGT501", "bad command-line usage", "see tgtcheck --help", "tgtcheck run --as-of H0 spec.tgt",
                 "コマンドの使い方の誤りです", "tgtcheck --help を参照してください")
OUTPUT_UNWRITABLE = register(
    "TGT502",
    "output cannot be written",
    "check the disk space and that the output file or pipe is still open",
    "tgtcheck run spec.tgt --format json > /dev/full",
    "出力を書き込めません",
    "ディスクの空き容量と、出力先のファイルやパイプが開いたままかを確認してください",
)
NO_SPEC_IN_FOLDER = register(
    "TGT503", "no spec in a folder",
    "give the folder that holds the .tgt files (every .tgt under it is read, hidden folders skipped), or the files themselves",
    "tgtcheck run specs/ with no .tgt file under specs/",
    "フォルダに仕様がありません",
    "仕様（.tgt ファイル）のあるフォルダか、ファイルそのものを指定してください（フォルダの下の .tgt をすべて読みます。隠しフォルダは除きます）",
    message="no .tgt file under {folder}")
FOLDER_UNREADABLE = register(
    "TGT504", "folder cannot be read",
    "check the folder's permissions (the specs in it were not judged), or leave it out",
    "tgtcheck run specs/ with specs/2024 not readable (chmod 000)",
    "フォルダを読めません",
    "フォルダの権限を確認してください（その中の仕様は判定されていません）。または指定から外してください",
    message="cannot read the folder {folder}: {why}")
LINK_LOOP = register(
    "TGT505", "symbolic link loop in a folder",
    "the folder the link leads back to is read once; remove the link if it is a mistake",
    "specs/all -> .. (a link to the folder above)",
    "フォルダのシンボリックリンクが循環しています",
    "リンク先のフォルダは一度だけ読みます。誤りであればリンクを削除してください",
    severity=Severity.WARNING, message="{link} leads back to {target}, which is already read: not read again")
GIT_REVISION_UNREADABLE = register(
    "TGT520",
    "spec revision cannot be read from git",
    "check the revision and the path in it; paths are relative to the repository root, or write REV:./path",
    "tgtcheck diff HEAD~9:spec/x.tgt spec/x.tgt",
    "git のリビジョンから仕様を読めません",
    "リビジョンとパスを確認してください（パスはリポジトリの最上位から、または REV:./パス）",
)



def render_diagnostic(d: Diagnostic, source_lines: list[str] | None = None, color: bool = False, lang: str = "en") -> str:
    """``FILE:LINE:COL: error[CODE]: message``, then the source line with a caret, then help.

    With ``lang="ja"`` a Japanese line (the code's title and fix in Japanese) follows; the first line stays the same
    in every language, because tools and editors parse it.
    """
    loc = d.location
    where = loc.file
    if loc.span is not None:
        where += f":{loc.span.line}:{loc.span.column}"
    if loc.path:
        where += f": {loc.path}"
    sev = d.severity.value
    if color:
        sev = ("\x1b[1;31m" if d.is_error else "\x1b[1;33m") + sev + "\x1b[0m"
    out = [f"{_clip_runs(visible(where))}: {sev}[{d.code}]: {_clip_runs(visible(d.message))}"]
    if loc.span is not None and source_lines is not None and 0 < loc.span.line <= len(source_lines):
        text = visible(source_lines[loc.span.line - 1].rstrip("\r\n"))
        prefix = f"{loc.span.line:>5} | "
        start = loc.span.column - 1
        width = max(1, (loc.span.end_column - loc.span.column) if loc.span.end_line == loc.span.line else len(text) - start)
        text, start, width = _around(text, start, width)
        out.append(prefix + text)
        pad = "".join("\t" if c == "\t" else (" " * _width(c)) for c in text[:start])
        caret = "^" * display_width(text[start : start + width]) or "^"
        out.append(" " * (len(prefix) - 2) + "| " + pad + caret)
    for rel in d.related:
        where_rel = rel.file + (f":{rel.span.line}:{rel.span.column}" if rel.span else "") + (f": {rel.path}" if rel.path else "")
        out.append(f"  note: see {visible(where_rel)}")
    if d.help:
        out.append(f"  help: {visible(d.help)}")
    if lang == "ja":
        entry = CODES.get(d.code)
        if entry is not None:
            out.append(f"  説明: {entry.title_ja}。{entry.fix_ja}。")
    return "\n".join(out)


def visible(text: str) -> str:
    """Control characters (but tab and line feed) as their visible symbols (NUL as ␀, ESC as ␛): never sent to a terminal."""
    return text.translate(_VISIBLE) if not text.isprintable() else text


_VISIBLE = {c: 0x2400 + c for c in (*range(0x00, 0x09), *range(0x0B, 0x20))} | {0x7F: 0x2421} | dict.fromkeys(range(0x80, 0xA0), 0xFFFD)


MAX_SHOWN_LINE = 120  # characters of a source line shown under a diagnostic; a longer one is cut around the column
_CONTEXT = 40  # characters kept before the column when a line is cut


def _clip_runs(text: str) -> str:
    """Words of the file quoted in a message (a 5,000-digit key, a 1 MB text) cut to their first characters."""
    if len(text) < _LONG_RUN:
        return text
    import re

    return re.sub(rf"\S{{{_LONG_RUN},}}", lambda m: f"{m.group(0)[:_CONTEXT]}…({len(m.group(0)):,} characters)", text)


_LONG_RUN = 100


def _around(text: str, start: int, width: int) -> tuple[str, int, int]:
    """A long line cut around ``start`` (a 10 KB one-line JSON file): (text shown, caret start, caret width) within it."""
    if len(text) <= MAX_SHOWN_LINE:
        return text, start, width
    width = min(width, MAX_SHOWN_LINE - _CONTEXT)
    begin = max(0, min(start - _CONTEXT, len(text) - MAX_SHOWN_LINE))
    end = begin + MAX_SHOWN_LINE
    head = "…" if begin > 0 else ""
    tail = "…" if end < len(text) else ""
    return head + text[begin:end] + tail, start - begin + len(head), width


def _width(ch: str) -> int:
    """Terminal cells of one character: East Asian wide and full-width take two."""
    import unicodedata

    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal cells of a text (Japanese characters take two), for carets and aligned columns."""
    return sum(_width(c) for c in text)
