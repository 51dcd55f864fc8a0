"""The nginx example of the maintainer guide, run: Debian's nginx serving the built site on 127.0.0.1.

The guide includes ``docs/_snippets/nginx.conf`` as it is; this test serves the
real build with those same bytes, changing only what a test must: the
``listen`` line (a free port on 127.0.0.1, no TLS), the certificate lines, and
the site's folder. nginx runs as the current user with its pid, logs and
temporary folders in a temporary prefix, and is waited for by polling its port.
"""

from __future__ import annotations

import getpass
import gzip
import http.client
import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO
from portal import csp

NGINX = os.environ.get("PORTAL_NGINX", "/usr/sbin/nginx")
EXAMPLE = REPO / "docs/_snippets/nginx.conf"
DOCUMENTED_ROOT = "/var/www/portal-bimtek"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def example_for(site: Path, port: int) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert f"root {DOCUMENTED_ROOT};" in text and f"include {DOCUMENTED_ROOT}/{csp.HEADER_SNIPPET};" in text
    text, listens = re.subn(r"^\s*listen [^;]*;", f"    listen 127.0.0.1:{port};", text, flags=re.M)
    text, certificates = re.subn(r"^\s*ssl_certificate(_key)? [^;]*;.*$", "", text, flags=re.M)
    assert listens == 1 and certificates == 2
    return text.replace(DOCUMENTED_ROOT, str(site))


@pytest.fixture(scope="session")  # session, as built_site is: so it is set up (and can fail) first
def nginx(request, tmp_path_factory):
    if not Path(NGINX).exists():  # a failure, never a skip; said before the site is built
        pytest.fail(f"nginx not found at {NGINX}: install Debian's nginx (apt-get install -y nginx; .ci/run does)", pytrace=False)
    built_site = request.getfixturevalue("built_site")
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (prefix / "portal.conf").write_text(example_for(built_site, port), encoding="utf-8")
    temp = "\n".join(f"  {name}_temp_path {prefix / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""  # root's workers would run as nobody
    (prefix / "nginx.conf").write_text(
        f"{user}daemon off;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n{temp}\n"
        f"  include {prefix / 'portal.conf'};\n}}\n",
        encoding="utf-8",
    )
    command = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            pytest.fail(f"nginx stopped at once:\n{process.stdout.read()}\n{(prefix / 'error.log').read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("nginx did not listen within 30 s")
            time.sleep(0.02)  # the interval between two polls of the port
    yield port
    process.terminate()  # SIGTERM: nginx's fast shutdown, workers included
    process.wait(timeout=30)


def get(port: int, path: str, gzipped: bool = False) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzipped else {})
    response = connection.getresponse()
    body = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    connection.close()
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, headers, body


def hashed_asset(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return "/" + found[0].relative_to(site).as_posix()


SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def test_every_answer_carries_the_security_headers_and_the_builds_policy(nginx, built_site):
    header = re.search(r'"([^"]+)"', (built_site / csp.HEADER_SNIPPET).read_text(encoding="utf-8")).group(1)
    for path in ("/", "/en/kurikulum/", "/no-such", hashed_asset(built_site, "assets/javascripts/bundle.*.min.js")):
        status, headers, body = get(nginx, path)
        assert status in (200, 404), path
        for name, value in SECURITY.items():
            assert headers.get(name) == value, (path, name, headers)
        assert headers["content-security-policy"] == header, path
        assert "frame-ancestors 'none'" in header and "'unsafe-inline'" not in header
    # The header allows every hash the page's own <meta> allows.
    status, headers, body = get(nginx, "/kurikulum/")
    meta = csp.page_policy(body.decode("utf-8"))
    allowed = set(headers["content-security-policy"].split("; ")[1].split())
    assert set(meta.split("; ")[1].split()) <= allowed


@pytest.mark.parametrize("pattern, kind", [
    ("index.html", "text/html"),
    ("assets/stylesheets/main.*.min.css", "text/css"),
    ("assets/javascripts/bundle.*.min.js", "javascript"),
    ("search/search_index.json", "application/json"),
])
def test_text_is_gzipped(nginx, built_site, pattern, kind):
    path = hashed_asset(built_site, pattern).removesuffix("index.html")
    status, headers, body = get(nginx, path, gzipped=True)
    assert status == 200 and kind in headers["content-type"]
    assert headers.get("content-encoding") == "gzip", headers
    assert body == (built_site / (path.lstrip("/") or "index.html")).read_bytes()
    assert "accept-encoding" in headers.get("vary", "").lower()


@pytest.mark.parametrize("path, lang", [("/no-such", "id"), ("/en/no-such", "en"), ("/kurikulum/no-such/", "id"), ("/en/kurikulum/x", "en")])
def test_each_language_has_its_own_404_page(nginx, built_site, path, lang):
    status, headers, body = get(nginx, path)
    assert status == 404 and "text/html" in headers["content-type"]
    assert f'<html lang="{lang}"' in body.decode("utf-8")
    assert body == (built_site / ("en/404.html" if lang == "en" else "404.html")).read_bytes()


def test_pages_are_asked_again_and_hashed_assets_kept_for_a_year(nginx, built_site):
    for path in ("/", "/en/", "/kurikulum/", "/search/search_index.json", "/assets/javascripts/portal.js", "/no-such"):
        assert get(nginx, path)[1]["cache-control"] == "no-cache", path
    for pattern in ("assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js",
                    "assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css"):
        status, headers, _ = get(nginx, hashed_asset(built_site, pattern))
        assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable", pattern


def test_the_builds_header_lines_are_not_served(nginx, built_site):
    assert (built_site / csp.HEADER_SNIPPET).is_file()
    status, _, body = get(nginx, "/" + csp.HEADER_SNIPPET)
    assert status == 404 and body == (built_site / "404.html").read_bytes()


def test_the_guide_shows_this_very_file():
    for page in ("docs/panduan/rilis.md", "docs/panduan/rilis.en.md"):
        assert '--8<-- "nginx.conf"' in (REPO / page).read_text(encoding="utf-8")
