"""Approved narratives (*narasi tunggal*): ``model`` (records, the publishing rule),
``load`` (files -> records, N-codes) and ``pages`` (what the site shows)."""
