"""A CycloneDX SBOM of the pinned runtime set, so a downloader can tell what built a release.

Made by ``cyclonedx-py requirements`` (cyclonedx-bom) from ``requirements.txt``:
every pinned package with its version, PyPI purl and SHA-256 hashes, and the
portal itself (from ``pyproject.toml``) as the root component at the
release's version. The index lines of the lock file name this machine's
local mirrors, so they are left out and PyPI is named instead; with
``--output-reproducible`` and ``SOURCE_DATE_EPOCH`` (the commit time) as its
timestamp, the same commit gives the same bytes on any machine.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.M)
INDEX_OPTIONS = ("--index-url", "--extra-index-url", "--find-links", "-i ", "-f ")


class SbomError(RuntimeError):
    """cyclonedx-py could not describe the pinned set."""


def pinned(requirements: str) -> dict[str, str]:
    """``{normalised name: version}`` of every ``name==version`` line of a lock file."""
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN.findall(requirements)}


def runtime_sbom(root: Path, version: str, epoch: int) -> bytes:
    """The SBOM (CycloneDX 1.6, JSON) of ``root/requirements.txt`` for release ``version``."""
    lock = (Path(root) / "requirements.txt").read_text(encoding="utf-8")
    pins = "\n".join(line for line in lock.splitlines() if not line.startswith(INDEX_OPTIONS)) + "\n"
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", "cyclonedx_py", "requirements", "-",
         "--pyproject", str(Path(root) / "pyproject.toml"), "--index-url", "https://pypi.org/simple",
         "--output-reproducible", "--output-format", "JSON", "--output-file", "-"],
        input=pins, cwd=root, capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=str(epoch)),
    )
    if result.returncode != 0:
        raise SbomError(f"cyclonedx-py failed: {result.stderr.strip()[-500:]}")
    bom = json.loads(result.stdout)
    bom["metadata"]["component"]["version"] = version
    return (json.dumps(bom, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
