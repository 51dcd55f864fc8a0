"""Portal Bimtek: the site's own rules, shared by MkDocs hooks, the CLI and the tests.

MkDocs hooks in ``overrides/hooks/`` are thin adapters onto this package; every
rule the portal enforces (translations, content models, publishing gates)
lives here once.
"""

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
