"""Syntax highlighting of .tgt specs with Pygments (the ``highlight`` extra).

``lexer.TgtLexer`` is registered as the Pygments lexer ``tgt``; ``lexer.html``
and ``lexer.css`` give highlighted HTML for the report and the docs.  The
editors' TextMate grammar lives apart, in editors/vscode/syntaxes/.
"""
