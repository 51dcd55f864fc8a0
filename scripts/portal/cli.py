"""``portal``: the one command behind the Makefile.

Each subcommand is a short function over library code (the style of FastAPI's
``scripts/docs.py``): ``serve``, ``build``, ``check``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from portal.findings import Finding
from portal.translations import pair_pages

ROOT = Path(__file__).resolve().parents[2]


def source_date_epoch(root: Path = ROOT) -> str:
    """The commit time, so two builds of one commit give the same bytes (sitemap dates, PDFs)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
        return out.stdout.strip() or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def build_env(root: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, not a warning
    env["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    return env


def mkdocs(*args: str, root: Path = ROOT) -> int:
    cmd = [sys.executable, "-m", "mkdocs", *args, "-f", str(root / "mkdocs.yml")]
    return subprocess.call(cmd, cwd=root, env=build_env(root))


def cmd_serve(args) -> int:
    return mkdocs("serve", "--dev-addr", args.dev_addr, "--watch", str(ROOT / "scripts"))


def cmd_build(args) -> int:
    return mkdocs("build", "--strict", "--site-dir", str(Path(args.site_dir).resolve()))


def report(findings: list[Finding]) -> int:
    for finding in findings:
        print(finding)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if findings:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def cmd_check(args) -> int:
    _, findings = pair_pages(ROOT / "docs")
    if report(findings):
        return 1
    return cmd_build(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve both languages with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(func=cmd_serve)
    for name, func, help_ in (
        ("build", cmd_build, "strict build of both languages into site/"),
        ("check", cmd_check, "validate the sources, then build strictly"),
    ):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--site-dir", default=str(ROOT / "site"))
        p.set_defaults(func=func)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
