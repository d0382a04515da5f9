"""Did-you-mean: the closest name to a misspelt one, within a budget of comparisons per pass.

Shared by the checker (names in a spec), the data loaders (keys in a data file) and the command line (a target
id given to ``explain``), so it lives below all of them.
"""

from __future__ import annotations

MAX_SUGGEST_LENGTH = 64  # a longer word is no misspelling of a name: no did-you-mean (difflib is quadratic in length)


def suggest(name: str, candidates: list[str] | tuple[str, ...], budget: Budget | None = None) -> str | None:
    """The closest candidate, for a did-you-mean; None when ``budget`` has no comparisons left."""
    import difflib

    if len(name) > MAX_SUGGEST_LENGTH:
        return None
    if budget is not None and not budget.spend(len(candidates)):
        return None
    match = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return match[0] if match else None


class Budget:
    """Comparisons did-you-mean may still make in one pass.

    Each suggestion compares a word with every candidate: 3,000 misspelt names
    among 3,000 declared ones took two minutes.  The first misspellings get
    their suggestion; once the budget is spent the rest get none, and a pass
    stays linear.
    """

    def __init__(self, comparisons: int = 100_000) -> None:
        self.left = comparisons

    def spend(self, n: int) -> bool:
        if n > self.left:
            return False
        self.left -= n
        return True
