"""Static analysis of specs: the checker (TGT2xx, spec against data) and the semantic differ.

They sit above ``judging`` because they read its records: the checker holds a call to its function's signature and a
``method`` clause to the method table; the differ names a changed function or method in its own words.

May import: ``core``, ``language``, ``data``, ``judging``.
"""
