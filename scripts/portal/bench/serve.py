"""``portal bench`` (serve part): seconds from saving an edit to ``make serve`` showing it.

Starts ``portal serve`` (the command behind ``make serve``) on a free
127.0.0.1 port against a temporary copy of the project (its own git
repository, so the git dates plugin works as in a checkout, and an empty
``.cache/``), waits until it serves, then:

- **page edit**: writes a unique marker into ``docs/tentang.md`` and
  ``docs/tentang.en.md`` and times how long until a GET of ``/tentang/`` and
  one of ``/en/tentang/`` both hold it;
- **kit document edit**: writes a marker into a kit document's Indonesian
  Markdown and times how long until its page holds it and the PDF its page
  links to is served with bytes other than before (a stale download would
  never end the wait: the measurement times out instead).

Each is repeated; the median and the maximum are printed, with what the
serve cache reported for the last rebuild. Also printed: seconds until the
first serve with an empty cache (every PDF rendered) and with the cache that
first session left behind (the next ``make serve`` on the same address: the
curriculum PDF links to the address it is served from, so its key holds it).

MkDocs' server holds every request while a rebuild runs, so a GET that holds
the marker means the rebuild that put it there has finished. Every wait polls
a condition under a generous overall timeout; between two edits the server
must be idle (the same site version served before and after a quiet
second). Figures, never pass/fail.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin

from portal import mkdocs_run

PAGE = ("docs/tentang.md", "/tentang/"), ("docs/tentang.en.md", "/en/tentang/")
KIT_DOCUMENT = "docs/kit-media/_kits/ktt-43/lembar-fakta.md", "/kit-media/ktt-43/lembar-fakta/"
COPIED = ("docs", "overrides", "scripts", "mkdocs.yml", "pyproject.toml")
START_TIMEOUT = 900.0  # a cold start renders every PDF; a busy 2-core machine is slow
EDIT_TIMEOUT = 300.0
LIVERELOAD = re.compile(rb"livereload\((\d+), \d+\);")
PDF_LINK = re.compile(r'href="([^"]+\.pdf)"')


class Timeout(Exception):
    pass


def wait_for(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.05):
    """Poll ``condition`` until it returns something true; its value, or :class:`Timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Timeout(f"waited {timeout:.0f} s for {what}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(root: Path, dest: Path, names=COPIED, git: bool = True) -> Path:
    """What ``make serve`` reads, copied; with ``git``, committed once in a repository of its own."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = Path(root) / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif source.is_file():
            shutil.copy2(source, dest / name)
    if git:
        identity = ["-c", "user.name=portal bench", "-c", "user.email=bench@portal-bimtek.example", "-c", "commit.gpgsign=false"]
        for args in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-q", "-m", "bench copy"]):
            subprocess.run(["git", *args], cwd=dest, check=True, capture_output=True)
    return dest


def _own_group() -> None:
    """In the child: a process group of its own, where Ctrl-C works even if our shell ignores it.

    A shell without job control starts background commands with SIGINT
    ignored, and children inherit that: MkDocs would never see the Ctrl-C
    that lets it remove its scratch site.
    """
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@dataclass
class Server:
    """``portal serve`` on ``127.0.0.1:port`` for the project at ``root``, its log in ``log``."""

    root: Path
    epoch: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> float:
        """Start it; seconds until ``/`` is served (the first build done)."""
        self.log = Path(tempfile.mkstemp(prefix="portal-serve-", suffix=".log")[1])
        env = mkdocs_run.environment(self.root, epoch=self.epoch)
        started = time.perf_counter()
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "portal.cli", "-C", str(self.root), "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_own_group,
            )

        def up():
            if self.process.poll() is not None:
                raise RuntimeError(f"portal serve exited with {self.process.returncode}:\n{self.log_text()[-3000:]}")
            return self.get("/") is not None

        wait_for(up, START_TIMEOUT, f"portal serve to answer on {self.base}", interval=0.2)
        return time.perf_counter() - started

    def get(self, path: str, timeout: float = 120) -> bytes | None:
        """The body of a 200 answer, or ``None`` (refused, an error status)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return response.read() if response.status == 200 else None
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return None

    def version(self, path: str = "/") -> int | None:
        """The site version MkDocs put into the page's live-reload script (its build's timestamp)."""
        body = self.get(path)
        found = LIVERELOAD.search(body or b"")
        return int(found.group(1)) if found else None

    def wait_idle(self, timeout: float = EDIT_TIMEOUT, quiet: float = 1.0) -> None:
        """Until the same site version is served before and after ``quiet`` seconds without a rebuild."""
        def idle():
            before = self.version()
            if before is None:
                return False
            try:  # returns at once if a newer build finishes meanwhile
                urllib.request.urlopen(f"{self.base}/livereload/{before}/0", timeout=quiet).read()
            except (urllib.error.URLError, TimeoutError, OSError):
                pass
            return self.version() == before

        wait_for(idle, timeout, "the server to be idle")

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log and self.log.exists() else ""

    def cache_reports(self) -> list[str]:
        return re.findall(r"serve cache: [^\n]*", self.log_text())

    def stop(self) -> None:
        """Ctrl-C, as a terminal sends it to the whole group: MkDocs stops and removes its folder."""
        if self.process is None or self.process.poll() is not None:
            return
        for sig, grace in ((signal.SIGINT, 60), (signal.SIGTERM, 15), (signal.SIGKILL, 15)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                continue

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
        if self.log is not None:
            self.log.unlink(missing_ok=True)


def save(root: Path, rel: str, text: str) -> None:
    """Write ``root/rel`` the way editors save: a whole new file put in place at once.

    The new file is written beside ``docs/`` (never watched), so the server
    sees one change, never a half-written file or a stray temporary page.
    """
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".portal-edit-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, Path(root) / rel)


def with_marker(original: str, marker: str) -> str:
    return original.rstrip("\n") + f"\n\n{marker}\n"


def page_edit(server: Server, originals: dict[str, str]) -> float:
    """Seconds from writing a marker into both languages of a page until both pages hold it."""
    marker = f"bench-{uuid.uuid4().hex}"
    started = time.perf_counter()
    for rel, original in originals.items():
        save(server.root, rel, with_marker(original, marker))
    for _, url in PAGE:
        wait_for(lambda: marker.encode() in (server.get(url) or b""), EDIT_TIMEOUT, f"{url} to show the edit")
    return time.perf_counter() - started


def pdf_of(server: Server, url: str) -> tuple[str, bytes]:
    """(the PDF link on the page at ``url``, the bytes served there)."""
    page = (server.get(url) or b"").decode("utf-8", errors="replace")
    href = PDF_LINK.search(page)
    if not href:
        raise RuntimeError(f"no PDF link on {url}")
    link = urljoin(url, href.group(1))
    return link, server.get(link) or b""


def kit_edit(server: Server, rel: str, original: str, url: str, before: bytes) -> tuple[float, bytes]:
    """Seconds until the document's page holds a new marker and its PDF link serves new bytes."""
    marker = f"bench-{uuid.uuid4().hex}"
    started = time.perf_counter()
    save(server.root, rel, with_marker(original, marker))

    def changed():
        if marker.encode() not in (server.get(url) or b""):
            return None
        _, data = pdf_of(server, url)
        return data if data.startswith(b"%PDF") and hashlib.sha256(data).digest() != hashlib.sha256(before).digest() else None

    data = wait_for(changed, EDIT_TIMEOUT, f"{url} and its PDF to show the edit")
    return time.perf_counter() - started, data


def _figures(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} | {max(values):.2f} | {len(values)}"


def run(root: Path, repeats: int = 5) -> str:
    """The serve figures as a Markdown table (``repeats`` edits of each kind)."""
    epoch = mkdocs_run.commit_epoch(root)
    with tempfile.TemporaryDirectory(prefix="portal-bench-serve-") as tmp:
        project = copy_project(root, Path(tmp) / "project")
        originals = {rel: (project / rel).read_text(encoding="utf-8") for rel, _ in PAGE}
        kit_rel, kit_url = KIT_DOCUMENT
        kit_original = (project / kit_rel).read_text(encoding="utf-8")
        pages, kits, reports = [], [], {}
        with Server(project, epoch) as server:
            cold = server.start()
            server.wait_idle()
            for _ in range(repeats):
                pages.append(page_edit(server, originals))
                server.wait_idle()
            reports["page"] = (server.cache_reports() or ["(no cache report)"])[-1]
            _, pdf = pdf_of(server, kit_url)
            for _ in range(repeats):
                seconds, pdf = kit_edit(server, kit_rel, kit_original, kit_url, pdf)
                kits.append(seconds)
                server.wait_idle()
            reports["kit"] = (server.cache_reports() or ["(no cache report)"])[-1]
        with Server(project, epoch, port=server.port) as server:  # the same address, as make serve's default
            warm = server.start()
    return "\n".join([
        "| make serve | median s | max s | runs |",
        "|---|---|---|---|",
        f"| page edit -> visible (/tentang/ and /en/tentang/) | {_figures(pages)} |",
        f"| kit document edit -> page and new PDF served ({KIT_DOCUMENT[1]}) | {_figures(kits)} |",
        f"| start -> serving, empty .cache/serve (every PDF rendered) | {cold:.2f} | {cold:.2f} | 1 |",
        f"| start -> serving, .cache/serve of the session before | {warm:.2f} | {warm:.2f} | 1 |",
        "",
        f"Last rebuild after a page edit: {reports['page']}",
        f"Last rebuild after a kit document edit: {reports['kit']}",
    ])
