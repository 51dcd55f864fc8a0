"""Where a reader reports a mistake: one address, set once, on every page.

``extra.report_url`` in ``mkdocs.yml`` is the project's "new issue" page
(deployments set it through ``REPORT_URL``: the Pages workflow passes the
repository it runs in). Every page ends with a line in its own language
linking there, with the page's title and address filled into the issue; a
build without it links to the About page's "report an error" section instead,
so no page is left without a way to report.
"""

from __future__ import annotations

from urllib.parse import urlencode

ABOUT = "tentang.md"  # the About page (its English twin: tentang.en.md)
ABOUT_SECTION = "report-an-error"


def issue_link(report_url: str, title: str, page_address: str, words: dict[str, str]) -> str:
    """The new-issue address with the page named in the issue's title and body."""
    query = urlencode({
        "title": words["report_issue_title"].format(title=title),
        "body": words["report_issue_body"].format(address=page_address),
    })
    return f"{report_url}{'&' if '?' in report_url else '?'}{query}"
