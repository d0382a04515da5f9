"""The terminals of grammar/tgt.lark, as the fast path (``descent.py``) scans them.

GENERATED from Lark's lexer configuration of the grammar by ``parser.terminals_source``:
do not edit; regenerate with ``python -m tests.test_descent`` (a test fails while this is stale).
The fast path is used only while GRAMMAR_CRC32 is the installed grammar's.
"""

GRAMMAR_CRC32 = 1359252662

# (name, regex) of each terminal, in Lark's order of preference (priority, longest, name)
TERMINALS = (
    ('LOWER_YEAR', '[mtshr]([0-9]+|元)(年度)?(?![A-Za-z0-9_])|fy[0-9]+(?![A-Za-z0-9_])'),
    ('ERA_YEAR', '([MTSHR]|明治|大正|昭和|平成|令和)([0-9]+|元)(年度)?(?![A-Za-z0-9_])'),
    ('FY_YEAR', 'FY[0-9]+(?![A-Za-z0-9_])|[0-9]+年度(?![A-Za-z0-9_])'),
    ('NUMBER', '[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?(?![A-Za-z0-9_])|[0-9]+(\\.[0-9]+)?(?![A-Za-z0-9_])'),
    ('NAME', '[A-Za-z_][A-Za-z0-9_]*'),
    ('STRING', '(?:"[^"\n]*"|「[^」\n]*」)'),
    ('COMPARE', '(?:>=|<=|==|!=|>|<|≧|≥|≦|≤|≠)'),
    ('PLUSMINUS', '(?:\\+\\-|±)'),
    ('主要', '主要'),
    ('程度', '程度'),
    ('PERCENT', '(?:%|割)'),
    ('COMMA', ','),
    ('EQUAL', '='),
    ('LPAR', '\\('),
    ('LSQB', '\\['),
    ('MINUS', '\\-'),
    ('PLUS', '\\+'),
    ('RPAR', '\\)'),
    ('RSQB', '\\]'),
    ('SLASH', '/'),
    ('STAR', '\\*'),
)

# what is ignored between tokens (spaces, comments)
SKIP = '(?:[ \t\x0c\r\n])+|#[^\n]*'

FLAGS = 0

# keywords: a NAME match with this text is this terminal (Lark's rule for strings a pattern matches whole)
KEYWORDS = {
    'about': 'ABOUT',
    'and': 'AND',
    'at': 'AT',
    'base': 'BASE',
    'because': 'BECAUSE',
    'better': 'BETTER',
    'between': 'BETWEEN',
    'by': 'BY',
    'constant': 'CONSTANT',
    'data': 'DATA',
    'due': 'DUE',
    'each': 'EACH',
    'every': 'EVERY',
    'for': 'FOR',
    'from': 'FROM',
    'goal': 'GOAL',
    'grade': 'GRADE',
    'in': 'IN',
    'indicator': 'INDICATOR',
    'judge': 'JUDGE',
    'judged': 'JUDGED',
    'least': 'LEAST',
    'main': 'MAIN',
    'method': 'METHOD',
    'note': 'NOTE',
    'of': 'OF',
    'on': 'ON',
    'policy': 'POLICY',
    'rated': 'RATED',
    'rollup': 'ROLLUP',
    'scale': 'SCALE',
    'score': 'SCORE',
    'target': 'TARGET',
    'to': 'TO',
    'unit': 'UNIT',
    'when': 'WHEN',
    'year': 'YEAR',
    'years': 'YEARS',
}
