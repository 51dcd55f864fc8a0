"""The browser harness itself (conftest.watched_page): which failed requests are page faults.

A tiny server on 127.0.0.1 holds one image back until the test lets it go, so each case
is set up by waiting for the state it needs (the image requested, the abort reported),
never for a fixed time.
"""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from conftest import watched_page

pytestmark = pytest.mark.browser


class Handler(http.server.BaseHTTPRequestHandler):
    requested = threading.Event()  # the held-back image has been asked for
    release = threading.Event()  # let it go

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/slow.svg":
            Handler.requested.set()
            Handler.release.wait(10)
            try:
                self._send(200, b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml")
            except OSError:
                pass  # the browser gave up on it: that is the point
        elif path == "/page":
            self._send(200, b'<!doctype html><title>p</title><img src="/slow.svg" alt="">', "text/html")
        elif path == "/fetching":
            script = b"window.controller = new AbortController(); fetch('/slow.svg?fetch', {signal: controller.signal}).catch(() => {});"
            self._send(200, b"<!doctype html><title>f</title><script>" + script + b"</script>", "text/html")
        elif path == "/next":
            self._send(200, b"<!doctype html><title>n</title><p>next</p>", "text/html")
        else:
            self._send(404, b"missing", "text/plain")


def until(condition, page) -> bool:
    """Wait for a condition on this side (the server's state); Playwright dispatches the page's
    events, its route handlers among them, only inside its own calls, so poll through one."""
    for _ in range(500):
        if condition():
            return True
        page.wait_for_timeout(20)  # a poll interval, not a guess at how long anything takes
    return condition()


@pytest.fixture
def server():
    Handler.requested.clear()
    Handler.release.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()


def test_a_load_cut_short_by_the_tests_own_navigation_is_no_fault(server, browser):
    context = browser.new_context()
    page, watch = watched_page(context)
    page.goto(server + "/page", wait_until="commit")
    assert until(Handler.requested.is_set, page), "the image was never requested"
    with page.expect_event("requestfailed", lambda r: r.url.endswith("/slow.svg")):
        page.goto(server + "/next", wait_until="load")
    aborted = [url for url, _ in watch.aborted]
    # It did happen... (on a busy machine the page's own document, still loading, may be cut short too)
    assert server + "/slow.svg" in aborted and set(aborted) <= {server + "/slow.svg", server + "/page"}, aborted
    assert not watch.problems(), watch.problems()  # ...and is not the page's fault
    context.close()


def test_an_aborted_load_of_the_current_page_is_a_fault(server, browser):
    context = browser.new_context()
    page, watch = watched_page(context)
    page.goto(server + "/fetching", wait_until="load")
    assert until(Handler.requested.is_set, page), "the fetch was never sent"
    with page.expect_event("requestfailed"):
        page.evaluate("controller.abort()")
    assert watch.problems() == [f"failed: {server}/slow.svg?fetch (net::ERR_ABORTED)"]
    context.close()


def test_missing_and_refused_requests_are_faults(server, browser):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    context = browser.new_context()
    page, watch = watched_page(context)
    page.goto(server + "/next", wait_until="load")
    with page.expect_event("requestfailed", lambda r: f":{closed}/" in r.url), page.expect_response(lambda r: r.url.endswith("/missing")):
        page.evaluate(f"fetch('http://127.0.0.1:{closed}/x').catch(() => {{}}); fetch('/missing')")
    problems = watch.problems()
    assert f"failed: {server}/missing (404)" in problems, problems
    assert f"failed: http://127.0.0.1:{closed}/x (net::ERR_CONNECTION_REFUSED)" in problems, problems
    context.close()
