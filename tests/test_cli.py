"""``portal`` works on the checkout it is run in, whatever checkout its package was installed from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_project


def portal(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The CLI of this checkout's environment (the package is installed from REPO), run in ``cwd``."""
    return subprocess.run([sys.executable, "-m", "portal.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_a_second_checkout_is_checked_not_the_one_the_package_came_from(tmp_path):
    other = copy_project(tmp_path / "second-checkout")
    (other / "docs/tentang.en.md").unlink()  # a fault only the second checkout has
    result = portal("check", "--no-build", "--no-external", cwd=other / "docs" / "kurikulum")  # from a subfolder too
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/tentang.md:1: T001 no English translation docs/tentang.en.md" in result.stdout

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    named = portal("-C", str(other), "check", "--no-build", "--no-external", cwd=elsewhere)
    assert named.returncode == 1 and "T001" in named.stdout


def test_outside_a_checkout_the_cli_says_so(tmp_path):
    result = portal("check", "--no-build", cwd=tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path.resolve()} is not inside a Portal Bimtek checkout" in result.stderr


def test_the_first_checkout_still_checks_clean():
    result = portal("translations", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
