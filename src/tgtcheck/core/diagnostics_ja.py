"""Japanese titles and fixes of the diagnostic codes, for `--lang ja`.

Policy staff who write specs read Japanese first.  The first line of a
diagnostic stays as it is in every language (``FILE:LINE:COL:
error[CODE]: message``: tools and editors parse it); with ``--lang ja`` a
line in Japanese follows, saying what the code means and how to fix it in
the words of the evaluation sheets.  The words live in each code's entry in
``diagnostics.CODES``, beside the English (``render_diagnostic`` reads them
there); this module is the Japanese view of them, by code.
"""

from __future__ import annotations

from .diagnostics import CODES

# code: (title, fix)
JA: dict[str, tuple[str, str]] = {code: (entry.title_ja, entry.fix_ja) for code, entry in CODES.items()}

