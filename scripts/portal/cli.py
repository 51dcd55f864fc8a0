"""``portal``: the one command behind the Makefile.

Each subcommand is a short function over library code (the style of FastAPI's
``scripts/docs.py``): ``serve``, ``build``, ``check``, ``translations``, ``release``, ``bench``,
``bench-search``, ``bench-web``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from portal.checks.report import FORMATS
from portal.checks.runner import check_built_site, check_sources
from portal.checks.translation_checks import check_translations, stamp
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


def report(findings: list[Finding], fmt: str = "text") -> int:
    text = FORMATS[fmt](findings)
    if text:
        print(text)
    return 1 if any(f.severity == "error" for f in findings) else 0


def site_url() -> str:
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml")).site_url or ""


def cmd_check(args) -> int:
    """Sources first (no build needed), then a strict build, then the built site."""
    findings = check_sources(ROOT / "docs")
    if any(f.severity == "error" for f in findings):
        return report(findings, args.format)
    if not args.no_build and cmd_build(args) != 0:
        return 1
    findings += check_built_site(
        Path(args.site_dir), ROOT / "docs", site_url(), external=not args.no_external,
        offline=args.offline, strict_external=args.strict_external, cache_path=ROOT / ".cache/external-links.json",
    )
    return report(findings, args.format)


def cmd_translations(args) -> int:
    """List what is missing or outdated; with --stamp, record that pages are up to date."""
    docs = ROOT / "docs"
    if args.stamp or args.stamp_all:
        if args.stamp_all:
            pairs, _ = pair_pages(docs)
            targets = [p.english for p in pairs if p.english]
        else:
            targets = [Path(p).relative_to("docs") if Path(p).parts[0] == "docs" else Path(p) for p in args.stamp]
        for rel in targets:
            if stamp(docs, rel):
                print(f"stamped docs/{rel.as_posix()}")
        return 0
    return report(check_translations(docs), args.format)


def cmd_release(args) -> int:
    from portal.numbers import human_size
    from portal.release import ReleaseRefused, release

    try:
        artefacts = release(ROOT, args.version, dry_run=args.dry_run, tagged=args.tagged)
    except ReleaseRefused as exc:
        print(f"release refused: {exc}", file=sys.stderr)
        return 1
    for artefact in artefacts:
        print(f"dist/{artefact.name}  {human_size(artefact.size, 'en')}")
    tag = "no tag created (dry run)" if args.dry_run else f"v{args.version} {'was' if args.tagged else 'now'} tagged"
    print(f"{tag}; verify with: cd dist && sha256sum -c SHA256SUMS")
    return 0


def cmd_bench_search(args) -> int:
    from portal.search_bench import run

    text, ok = run(ROOT, Path(args.queries), verbose=args.verbose)
    print(text)
    return 0 if ok else 1


def cmd_bench_web(args) -> int:
    from portal.bench_web import run

    print(run(ROOT, runs=args.runs))
    return 0


def cmd_bench(args) -> int:
    from portal.bench import run

    print(run(ROOT, pages=args.pages, modules=args.modules, faults=args.faults))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve both languages with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(func=cmd_serve)
    build = sub.add_parser("build", help="strict build of both languages into site/")
    build.add_argument("--site-dir", default=str(ROOT / "site"))
    build.set_defaults(func=cmd_build)
    check = sub.add_parser("check", help="check sources, build strictly, check the built site")
    check.add_argument("--site-dir", default=str(ROOT / "site"))
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.add_argument("--no-build", action="store_true", help="check an existing site/ as it is")
    check.add_argument("--no-external", action="store_true", help="skip external links")
    check.add_argument("--offline", action="store_true", help="external links from the cache only")
    check.add_argument("--strict-external", action="store_true", help="external failures are errors")
    check.set_defaults(func=cmd_check)
    translations = sub.add_parser("translations", help="missing and outdated translations")
    translations.add_argument("--format", choices=sorted(FORMATS), default="text")
    translations.add_argument("--stamp", nargs="+", metavar="PAGE", help="record that these English pages are up to date")
    translations.add_argument("--stamp-all", action="store_true", help="record every English page as up to date")
    translations.set_defaults(func=cmd_translations)
    rel = sub.add_parser("release", help="build dist/ for VERSION and tag it (refuses unless all is well)")
    rel.add_argument("version")
    rel.add_argument("--dry-run", action="store_true", help="do everything but the tag")
    rel.add_argument("--tagged", action="store_true", help="the tag exists and names this commit (release workflow)")
    rel.set_defaults(func=cmd_release)
    bench = sub.add_parser("bench", help="build and link-check figures: real site, synthetic site, lychee")
    bench.add_argument("--pages", type=int, default=1000, help="synthetic ordinary pages per language")
    bench.add_argument("--modules", type=int, default=20, help="synthetic curriculum modules")
    bench.add_argument("--faults", type=int, default=10, help="injected faults of each kind")
    bench.set_defaults(func=cmd_bench)
    bench_search = sub.add_parser("bench-search", help="search top-5 hit rate and index size, with and without Indonesian stemming")
    bench_search.add_argument("--queries", default=str(ROOT / "tests/data/search-queries.yml"))
    bench_search.add_argument("--verbose", action="store_true", help="list every query that misses")
    bench_search.set_defaults(func=cmd_bench_search)
    bench_web = sub.add_parser("bench-web", help="Lighthouse scores and page weight of key pages, both languages")
    bench_web.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is reported (default 3)")
    bench_web.set_defaults(func=cmd_bench_web)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
