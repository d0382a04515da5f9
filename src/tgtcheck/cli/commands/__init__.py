"""One module per subcommand; options shared by several commands live in ``common``."""
