"""The validation toolkit behind ``make check``.

Each module checks one thing and returns :class:`portal.findings.Finding`
objects with stable codes; :mod:`portal.checks.runner` runs them together and
:mod:`portal.checks.report` prints them like a linter. Codes:

- ``L0xx`` links and anchors in the built site (:mod:`.site_links`)
- ``X0xx`` external links (:mod:`.external`)
- ``TR0xx`` translations (:mod:`.translation_checks`)
- ``R0xx`` content rules on the Markdown sources (:mod:`.content_rules`)
- the content models' own codes (``C``, ``S``, ``G``, ``P``, ``N``, ``K``, ``T``)
"""
