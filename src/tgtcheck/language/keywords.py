"""What every keyword and clause word of the language means, in English and Japanese: one record each.

The language server's hover reads these records (``lsp/constructs.py``), and
``tests/test_keywords.py`` holds them to the grammar: a keyword of
grammar/tgt.lark without a record here fails there.  The words a clause
takes (``better higher``, ``judge latest``, ``years fiscal``, ``judged met``)
have a record each too; a rating method's words are its ``methods.Method``
record, and a status's name is ``wording.status_word``'s, so neither is
written twice.  The sheet sentence each construct encodes is quoted where
there is one, as docs/language.md does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    """One keyword or clause word: its form, and what it means in English and in Japanese."""

    usage: str  # how it is written: `base YEAR`
    en: str
    ja: str

    def text(self, lang: str = "en") -> str:
        return self.ja if lang == "ja" else self.en


KEYWORDS: dict[str, Word] = {
    "policy": Word('policy "ID" "TITLE" base YEAR due YEAR …',
                   "The policy header (施策目標): its id, title, base and due years, data file and defaults for its targets.",
                   "施策目標の見出し。番号・名称・基準年度・達成年度・データファイル、達成目標に共通の既定値を書く。"),
    "indicator": Word('indicator NAME "LABEL" [unit "…"] [better …] [note "…"]',
                      "An indicator: a row of the sheet's table of measured values; its yearly values come from the data file.",
                      "測定指標。評価書の表の一行で、年度ごとの値はデータファイルから読む。"),
    "constant": Word("constant NAME = EXPRESSION [note \"…\"]",
                     "A named fixed number (「全ての都道府県、政令指定都市」 = 60); no indicator, no function.",
                     "名前付きの定数（「全ての都道府県、政令指定都市」= 60 など）。指標や関数は使えない。"),
    "target": Word('target "ID" "TITLE" CONDITION [SCHEDULE] [clauses]',
                   "A target (達成目標): a condition on the indicators, when it is judged, and its own clauses.",
                   "達成目標。指標についての条件、判定の時期、個別の指定を書く。"),
    "base": Word("base YEAR",
                 "The base year (基準年度): progress is measured from its value; a target's own overrides the policy's.",
                 "基準年度。進捗はこの年度の値から測る。達成目標に書けば施策の指定より優先。"),
    "due": Word("due YEAR", "The due year (達成年度) of the policy's targets; the policy's judgement is final from it.",
                "施策の達成年度。この年度以降、施策の評価は確定する。"),
    "data": Word('data "FILE"', "The data file of the indicators' yearly values, relative to the spec (--data overrides it).",
                 "指標の年度ごとの値を収めたデータファイル（仕様ファイルからの相対パス。--data で上書き）。"),
    "goal": Word('goal "TEXT"', "The basic goal's text (基本目標), shown in reports.", "基本目標の文。レポートに表示する。"),
    "method": Word("method linear | trend | cagr",
                   "How a target not met yet is judged before its deadline (default linear); a target's own overrides the policy's.",
                   "期限前でまだ達成していない達成目標の進捗の判定方法（既定は linear）。達成目標に書けば施策の指定より優先。"),
    "unit": Word('unit "UNIT"', 'The indicator\'s unit; "%" makes its values percents (25.5 is 25.5 %).',
                 "指標の単位。\"%\" なら値は百分率（25.5 は 25.5 %）。"),
    "note": Word('note "TEXT"', "A footnote (※), shown with the values.", "注記（※）。値とともに表示する。"),
    "better": Word("better higher | lower | within",
                   "The desirable direction: more is better, less is better, or a range to keep within (「8～10分に保つ」).",
                   "望ましい方向。多いほどよい・少ないほどよい・範囲内に保つ（「8～10分に保つ」）。"),
    "judge": Word("judge latest | year",
                  "Which value is judged: the latest value at or before the year (直近値, the default) or the year's own.",
                  "判定に用いる値。その年度以前の直近値（既定）か、その年度の値だけか。"),
    "years": Word("years fiscal | calendar",
                  "What the policy's years are: Japanese fiscal years (printed as eras) or calendar years.",
                  "施策の年度の種類。会計年度（和暦で表示）か暦年か。"),
    "by": Word("by YEAR [, T by YEAR …]",
               "The deadline (「平成18年度までに」); with `, T by YEAR` after it, yearly milestones, the last one the deadline.",
               "期限（「平成18年度までに」）。`, 値 by 年度` を続けると年度ごとの中間目標になり、最後が期限。"),
    "every": Word("every year from YEAR [to YEAR]", "The condition must hold in every year of the period (「毎年」).",
                  "期間の毎年度、条件を満たす必要がある（「毎年」）。"),
    "year": Word("every year from YEAR [to YEAR]", "Part of `every year from …`: every year of the period.",
                 "`every year from …` の一部。期間の各年度。"),
    "from": Word("every year from YEAR", "The first year of an `every year` period.", "毎年の条件の開始年度。"),
    "to": Word("every year from YEAR to YEAR", "The last year of an `every year` period.", "毎年の条件の終了年度。"),
    "between": Word("E between A and B", "A range: the value must lie from A to B (「15～20ヶ所」).",
                    "範囲。値が A 以上 B 以下であること（「15～20ヶ所」）。"),
    "and": Word("E between A and B", "Separates a range's two bounds.", "範囲の下限と上限を区切る。"),
    "about": Word("about T ± D", "「程度」: the threshold is approximate, and ± D is how far from it still counts.",
                  "「程度」。目標値はおおよそで、± 幅 までは達成とみなす。"),
    "程度": Word("程度 T ± D", "The same as `about`: the threshold is approximate, ± D is the tolerance.",
               "about と同じ。目標値はおおよそで、± 幅 が許容幅。"),
    "judged": Word('judged STATUS in YEAR by "WHO" because "WHY"',
                   "A recorded judgement (「当初の目的は達成されている」): the sheet's author judged the target otherwise "
                   "than the rule for one year. As of that year it is shown beside the rule's status, and the policy's "
                   "judgement and the exit code count it; a judgement of another year is not used.",
                   "記録された判断（「当初の目的は達成されている」）。評価書の作成者がその年度について規則と異なる判断をしたもの。"
                   "その年度を評価年度とするとき規則による判定と並べて示し、施策の評価と終了コードはこの判断を用いる。"
                   "他の年度の判断は用いない。"),
    "scale": Word('scale NAME "表題" "TITLE" grade…',
                  "A rating scale (「評価は次の区分による」): grades, best first, each with its labels and band; a target gets "
                  "the first grade whose band holds, reported beside its status.",
                  "評価区分表（「評価は次の区分による」）。区分を良い順に、名称と範囲とともに書く。達成目標には範囲に当てはまる"
                  "最初の区分が付き、判定と並べて示す。"),
    "grade": Word('grade NAME "区分名" "LABEL" when MEASURE LIMIT [and LIMIT] [score N]',
                  "One grade of a scale: its labels, the band of a ratio (achievement, progress, pace) or of statuses, and "
                  "its score for `rollup score`.",
                  "評価区分表の一つの区分。名称、比率（達成率・進捗率・進捗の速さ）または判定による範囲、rollup score の点。"),
    "when": Word("grade … when achievement >= 80% and < 100%", "The band of a grade: the ratio and its limits, or `status …`.",
                 "区分の範囲。比率とその上下限、または status による判定。"),
    "score": Word("grade … score N", "A grade's score: `rollup score` judges the policy by the mean score of its targets.",
                  "区分の点。rollup score では達成目標の点の平均で施策を評価する。"),
    "rated": Word("rated on NAME", "The scale every target of the policy is graded on (declared, or shipped: eurostat, mic).",
                  "施策の達成目標を評価する区分表（宣言したもの、または組み込みの eurostat、mic）。"),
    "on": Word("rated on NAME", "Part of `rated on NAME`: the scale's name follows.", "`rated on 区分表名` の一部。"),
    "rollup": Word("rollup sheet | main | score",
                   "How the targets' verdicts become the policy's judgement: the sheet's rule (default), over the targets "
                   "marked main only, or the mean score of their grades.",
                   "達成目標の判定から施策の評価を導く方法。評価書の規則（既定）、主要な測定指標だけ、区分の点の平均。"),
    "main": Word("main | 主要", "Marks a main target (主要な測定指標): `rollup main` judges the policy by these only.",
                 "主要な測定指標の印。rollup main ではこれらだけで施策を評価する。"),
    "for": Word("… for each DIMENSION | … for at least N of DIMENSION",
                "A breakdown target (「加盟国ごとに」「10か国以上で」): the condition is judged for every key of a dimension of "
                "the data (region, sex, …), each key with its own status; the target's status comes from their count.",
                "区分ごとの達成目標（「加盟国ごとに」「10か国以上で」）。データの区分（地域、性別など）の各キーについて条件を判定し、"
                "達成目標の判定はその数で決まる。"),
    "each": Word("for each DIMENSION", "Every key of the dimension must meet the condition (each judged on its own).",
                 "区分の全てのキーが条件を満たす必要がある（キーごとに判定）。"),
    "at": Word("for at least N of DIMENSION", "Part of `for at least N of`: a count of keys.", "`for at least N of` の一部。キーの数。"),
    "least": Word("for at least N of DIMENSION", "At least N keys of the dimension must meet the condition (「10か国以上」).",
                  "区分のうち N 以上のキーが条件を満たす必要がある（「10か国以上」）。"),
    "of": Word("for at least N of DIMENSION", "Names the dimension whose keys are counted.", "数えるキーの区分を示す。"),
    "in": Word('judged STATUS in YEAR …', "The year a recorded judgement is for.", "記録された判断の年度。"),
    "because": Word('judged … because "WHY"', "The reason the sheet gives for a recorded judgement.",
                    "記録された判断について評価書が述べる理由。"),
}

# the words a clause takes (nodes.CLAUSE_WORDS), except `method`'s (methods.METHODS) and `judged`'s (STATUS_MEANINGS)
CLAUSE_WORD_MEANINGS: dict[str, Word] = {
    "higher": Word("better higher", "More is better: a range is exceeded above its upper bound.",
                   "多いほどよい。範囲の上限を上回れば目標超過達成。"),
    "lower": Word("better lower", "Less is better: a range is exceeded below its lower bound.",
                  "少ないほどよい。範囲の下限を下回れば目標超過達成。"),
    "within": Word("better within", "A range to keep within: outside it on either side is a failure.",
                   "範囲内に保つ。どちら側に外れても未達成。"),
    "latest": Word("judge latest", "Judge the latest value at or before the year when the year has none (直近値).",
                   "その年度に値がなければ、それ以前の直近値で判定する。"),
    "year": Word("judge year", "Judge only the year's own value.", "その年度の値だけで判定する。"),
    "fiscal": Word("years fiscal", "Japanese fiscal years, April to March, printed as eras (H18).",
                   "4月始まりの会計年度。和暦（H18 など）で表示する。"),
    "sheet": Word("rollup sheet", "The sheet's rule over every target (the default).", "全ての達成目標について評価書の規則で評価する（既定）。"),
    "main": Word("rollup main", "The sheet's rule over the targets marked main (主要な測定指標) only.",
                 "主要な測定指標とした達成目標だけについて評価書の規則で評価する。"),
    "score": Word("rollup score", "The mean score of the targets' grades on the scale, rounded to the nearest grade's score.",
                  "区分表での各達成目標の区分の点を平均し、最も近い区分の点に丸める。"),
    "calendar": Word("years calendar", "Calendar years, printed as 2020 (Eurostat, WHO targets).",
                     "暦年。2020 のように表示する（Eurostat、WHO の目標など）。"),
}

# what each status a recorded judgement may state means (its name is wording.status_word's)
STATUS_MEANINGS: dict[str, tuple[str, str]] = {
    "met": ("the target is achieved", "目標を達成した"),
    "exceeded": ("achieved beyond the range on its better side (目標超過達成)", "望ましい方向に範囲を超えて達成した（目標超過達成）"),
    "on_track": ("progressing as planned before the deadline", "期限前で、想定どおりに進捗している"),
    "behind": ("progress is behind the plan before the deadline", "期限前で、進捗が想定より遅れている"),
    "not_met": ("the deadline is reached and the target is not achieved", "期限に至り、目標に達していない"),
}

# the milestone clause `, T by YEAR` has no keyword of its own: its record, for the hover over it
MILESTONE = Word(", T by YEAR",
                 "A yearly milestone (「平成17年度49件、平成18年度163件」): in its year the target is judged against it "
                 "(on track when met, behind when missed); between milestones the progress line runs from the previous "
                 "milestone; the last milestone is the deadline.",
                 "年度ごとの中間目標（「平成17年度49件、平成18年度163件」）。その年度はこの値で判定し（満たせば順調、"
                 "満たさなければ遅れ）、中間目標の間は前の中間目標からの直線で進捗を判定する。最後の中間目標が期限。")
