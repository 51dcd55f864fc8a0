"""The one way to run MkDocs for this project: the CLI, benches, release and tests all come here.

One set of environment rules, so a build means the same thing wherever it is
started from:

- ``SOURCE_DATE_EPOCH`` is the commit time of the project being built (unless
  the caller names one), so the same commit gives the same bytes;
- ``PORTAL_NOW``, ``PORTAL_CLOCK``, ``PORTAL_SKIP_PDF``, ``PORTAL_OFFLINE`` and
  ``PORTAL_SEARCH_STEMMING`` come from the caller's arguments only. A
  maintainer's preview (``PORTAL_NOW=... make build``) is honoured only when
  the caller says ``inherit=True`` (``portal build``/``serve``); a release, a
  bench or a test never picks up a variable left in someone's shell;
- Material's end-of-life banner is silenced (``NO_MKDOCS_2_WARNING``): it is
  not a warning of this site.

Two runners read the same ``mkdocs.yml`` with the same plugins and hooks:
MkDocs 1.6.1 (the default: what Material 9.8 is made and tested for) and
ProperDocs (:data:`RUNNERS`), the maintained fork of MkDocs 1.x, pinned in
``requirements-properdocs.txt``; a test proves they build the same site,
their ``generator`` tag aside.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Mapping

RUNNERS = ("mkdocs", "properdocs")
PORTAL_VARIABLES = ("PORTAL_NOW", "PORTAL_CLOCK", "PORTAL_SKIP_PDF", "PORTAL_OFFLINE", "PORTAL_SEARCH_STEMMING")


def commit_epoch(root: Path) -> str:
    """The commit time of ``root`` in Unix seconds ("0" outside a git checkout)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
        return out.stdout.strip() or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def commit_id(root: Path) -> str:
    """The commit ``root`` is checked out at ("" outside a git checkout): recorded in ``build.json``."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def environment(
    root: Path, *, inherit: bool = False, now: str | None = None, epoch: str | None = None,
    site_url: str | None = None, skip_pdf: bool = False, offline: bool = False, stemming: bool = True, live_clock: bool = False,
    base: Mapping[str, str] | None = None, extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The environment of a build of ``root``; see the module docstring for the rules.

    ``extra`` is set last, as it is: a test's own variables (``PORTAL_NOW`` for another moment).
    """
    env = dict(os.environ if base is None else base)
    if not inherit:
        for name in PORTAL_VARIABLES:
            env.pop(name, None)
        env.pop("SOURCE_DATE_EPOCH", None)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env["SOURCE_DATE_EPOCH"] = epoch or env.get("SOURCE_DATE_EPOCH") or commit_epoch(root)
    if now is not None:
        env["PORTAL_NOW"] = now
    if site_url is not None:
        env["SITE_URL"] = site_url
    if live_clock:  # the deploy build: narratives and embargoes follow the real time (portal.clock)
        env["PORTAL_CLOCK"] = "live"
    if skip_pdf:
        env["PORTAL_SKIP_PDF"] = "1"
    if offline:
        env["PORTAL_OFFLINE"] = "1"
    if not stemming:
        env["PORTAL_SEARCH_STEMMING"] = "0"
    env.update(extra or {})
    return env


def command(root: Path, *args: str, runner: str = "mkdocs") -> list[str]:
    if runner not in RUNNERS:
        raise ValueError(f"unknown runner {runner!r} (one of {', '.join(RUNNERS)})")
    return [sys.executable, "-m", runner, *args, "-f", str(Path(root) / "mkdocs.yml")]


def build(
    root: Path, site_dir: Path, *, strict: bool = True, quiet: bool = False, capture: bool = True,
    env: Mapping[str, str] | None = None, runner: str = "mkdocs", **settings,
) -> subprocess.CompletedProcess:
    """A ``mkdocs build`` of ``root`` into ``site_dir``; ``settings`` go to :func:`environment`."""
    args = ["build", *(["--strict"] if strict else []), *(["--quiet"] if quiet else []), "--site-dir", str(Path(site_dir).resolve())]
    return subprocess.run(
        command(root, *args, runner=runner), cwd=root, env=dict(env) if env is not None else environment(root, **settings),
        capture_output=capture, text=True,
    )


def serve(root: Path, dev_addr: str, runner: str = "mkdocs", **settings) -> int:
    """``mkdocs serve`` with live reload, also when the portal's own code changes.

    Ctrl-C reaches MkDocs too (the terminal signals the whole group): it is
    given time to stop its server and remove its scratch site, rather than
    being killed at once as :func:`subprocess.call` would.
    """
    args = ["serve", "--dev-addr", dev_addr]
    if (Path(root) / "scripts").is_dir():  # a copy of the docs alone (tests) has no code of its own
        args += ["--watch", str(Path(root) / "scripts")]
    process = subprocess.Popen(command(root, *args, runner=runner), cwd=root, env=environment(root, **settings))
    try:
        return process.wait()
    except KeyboardInterrupt:
        try:
            return process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.terminate()
            return process.wait()


def site_url(root: Path) -> str:
    """The configured ``site_url`` (``SITE_URL`` or the reserved example address)."""
    from mkdocs.config import load_config  # MkDocs' config machinery: only when asked

    return load_config(str(Path(root) / "mkdocs.yml")).site_url or ""
