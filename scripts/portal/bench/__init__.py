"""Benchmarks that print figures, never pass or fail: ``build`` (build time, memory, catalogue
reads, the link check beside lychee), ``web`` (Lighthouse), ``search`` (hit rate, index size)."""
