"""``portal``: the one command behind the Makefile.

Each subcommand is a short function over library code (the style of FastAPI's
``scripts/docs.py``): ``serve``, ``build``, ``check``, ``translations``, ``release``, ``bench``,
``bench-search``, ``bench-web``, and ``new narrative|kit|module|page`` (drafts to
fill in, :mod:`portal.scaffold`).

The project is the working directory (or ``-C DIR``, or the nearest parent
holding ``mkdocs.yml``), never the place this package is installed from: one
virtual environment may serve several checkouts (a ``git worktree`` beside
main), and each must check itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from portal import atomic, clock, livestate, mkdocs_run, scaffold, timeline
from portal.bench import build as bench_build, search as search_bench, web as bench_web
from portal.checks.report import FORMATS
from portal.checks.runner import check_built_site, check_sources, draft_pages
from portal.checks.translation_checks import check_translations, stamp
from portal.findings import Finding, PortalError
from portal.numbers import human_size
from portal.release import ReleaseRefused, release
from portal.session import Session
from portal.translations import pair_pages

class NoProject(Exception):
    """The directory is not inside a checkout of the portal."""


def project_root(start: Path) -> Path:
    """``start`` or its nearest parent that holds ``mkdocs.yml`` and ``docs/``."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "docs").is_dir():
            return folder
    raise NoProject(f"{start} is not inside a Portal Bimtek checkout (no mkdocs.yml with docs/ here or above): run portal there, or pass -C DIR")


def cmd_serve(args) -> int:
    try:
        return mkdocs_run.serve(args.root, args.dev_addr, runner=args.runner, inherit=True)
    except mkdocs_run.ServeError as exc:  # a busy port, a malformed address: one line, never a traceback
        print(f"portal serve: {exc}", file=sys.stderr)
        return 2


PREVIEW_DIR = "site-preview"  # PORTAL_NOW builds: never site/, which is what gets deployed


def build_environment(args) -> dict[str, str]:
    """The caller's environment for ``portal build``/``check`` (``--clock live`` for the deploy)."""
    return mkdocs_run.environment(args.root, inherit=True, live_clock=getattr(args, "clock", "commit") == "live")


def site_folder(args, env: dict[str, str]) -> Path:
    """``--site-dir``, else ``site/``; a preview (``PORTAL_NOW``) goes to ``site-preview/``."""
    if args.site_dir:
        return Path(args.site_dir)
    preview = clock.read(env).source == clock.PREVIEW  # a bad PORTAL_NOW stops here, in one line
    return args.root / (PREVIEW_DIR if preview else "site")


def cmd_build(args) -> int:
    """A strict build into a new folder, swapped in for site/ only when it succeeded."""
    env = build_environment(args)
    site = site_folder(args, env)
    moment = clock.read(env)
    built = atomic.replace_folder(site, lambda folder: mkdocs_run.build(
        args.root, folder, capture=False, runner=args.runner, env=env).returncode == 0)
    if not built:
        print(f"portal build: the build failed; {site} is as it was before", file=sys.stderr)
        return 1
    if moment.source == clock.PREVIEW:
        print(f"portal build: a preview of the site at {moment.now.isoformat()} is in {site} "
              "(every page says so; never deploy it)", file=sys.stderr)
    elif moment.source == clock.LIVE:
        print(f"portal build: live build at {moment.now.isoformat()} in {site}", file=sys.stderr)
    return 0


def report(findings: list[Finding], fmt: str = "text") -> int:
    text = FORMATS[fmt](findings)
    if text:
        print(text)
    return 1 if any(f.severity == "error" for f in findings) else 0


def cmd_check(args) -> int:
    """Sources first (every source check, all their findings), then a strict build, then the built site.

    Each stage runs as far as the data allows: the source checks all run
    whatever one of them finds; the build and the built-site checks need
    sources without errors, and the report says when they did not run.
    """
    root = args.root
    findings = check_sources(root / "docs")
    if any(f.severity == "error" for f in findings):
        status = report(findings, args.format)
        print("portal check: the build and the built-site checks did not run: the source errors above would stop the build",
              file=sys.stderr)
        return status
    if not args.no_build and cmd_build(args) != 0:
        report(findings, args.format)
        return 1
    findings += check_built_site(
        site_folder(args, build_environment(args)), root / "docs", mkdocs_run.site_url(root), external=not args.no_external,
        offline=args.offline, strict_external=args.strict_external, cache_path=root / ".cache/external-links.json",
    )
    return report(findings, args.format)


def _moment_arg(text: str | None) -> dt.datetime:
    return clock.parse_aware(text) if text else dt.datetime.now(clock.WIB).replace(microsecond=0)


def cmd_schedule(args) -> int:
    """The coming changes (narratives and kits appearing, expiring, archived), as a table or JSON."""
    start = _moment_arg(args.start)
    current = Session(args.root / "docs", start, skip_pdf=True)
    try:
        changes = timeline.between(timeline.changes(current.narratives, current.presskits), start, args.days)
    except PortalError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(timeline.as_json(changes, start, args.days) if args.format == "json" else timeline.table(changes, start, args.days))
    return 0


def cmd_due(args) -> int:
    """For the scheduled deploy (:mod:`portal.livestate`, which the workflow runs without installing anything)."""
    return livestate.main(["--state", args.state, *(["--now", args.now] if args.now else [])])


def cmd_translations(args) -> int:
    """List what is missing or outdated; with --stamp, record that pages are up to date."""
    docs = args.root / "docs"
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
    return report(check_translations(docs, draft_pages(Session(docs, skip_pdf=True))), args.format)


def cmd_release(args) -> int:
    try:
        artefacts = release(args.root, args.version, dry_run=args.dry_run, tagged=args.tagged)
    except ReleaseRefused as exc:
        print(f"release refused: {exc}", file=sys.stderr)
        return 1
    for artefact in artefacts:
        print(f"dist/{artefact.name}  {human_size(artefact.size, 'en')}")
    tag = "no tag created (dry run)" if args.dry_run else f"v{args.version} {'was' if args.tagged else 'now'} tagged"
    print(f"{tag}; verify with: cd dist && sha256sum -c SHA256SUMS")
    return 0


def cmd_new(args) -> int:
    """Write a draft in both languages; refuse (exit 2, nothing written) when the request is wrong."""
    try:
        written = args.scaffold(args)
    except scaffold.Refused as exc:
        print(f"portal new {args.kind}: {exc}", file=sys.stderr)
        return 2
    print(written.report())
    return 0


def cmd_bench_search(args) -> int:
    text, ok = search_bench.run(args.root, Path(args.queries or args.root / "tests/data/search-queries.yml"), verbose=args.verbose)
    print(text)
    return 0 if ok else 1


def cmd_bench_web(args) -> int:
    only = [name.strip() for name in args.pages.split(",") if name.strip()] if args.pages else None
    print(bench_web.run(args.root, runs=args.runs, only=only))
    return 0


def cmd_bench(args) -> int:
    print(bench_build.run(args.root, pages=args.pages, modules=args.modules, faults=args.faults, serve_repeats=args.serve_repeats))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description=__doc__.splitlines()[0])
    parser.add_argument("-C", dest="directory", default=".", metavar="DIR", help="run in the checkout at DIR (default: here)")
    parser.add_argument("--runner", choices=mkdocs_run.RUNNERS, default="mkdocs",
                        help="what builds the site: MkDocs 1.6 (default) or its maintained fork ProperDocs")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve both languages with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port (make serve DEV_ADDR=...)")
    serve.set_defaults(func=cmd_serve)
    build = sub.add_parser("build", help="strict build of both languages into site/")
    build.add_argument("--site-dir", help="default: site/ of the project (site-preview/ when PORTAL_NOW is set)")
    build.add_argument("--clock", choices=clock.CLOCKS, default="commit",
                       help="'now' of the publishing gate: the commit time (default, reproducible) or the real time (live, the deploy)")
    build.set_defaults(func=cmd_build)
    check = sub.add_parser("check", help="check sources, build strictly, check the built site")
    check.add_argument("--site-dir", help="default: site/ of the project")
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.add_argument("--no-build", action="store_true", help="check an existing site/ as it is")
    check.add_argument("--no-external", action="store_true", help="skip external links")
    check.add_argument("--offline", action="store_true", help="external links from the cache only")
    check.add_argument("--strict-external", action="store_true", help="external failures are errors")
    check.set_defaults(func=cmd_check)
    schedule = sub.add_parser("schedule", help="coming changes: narratives and kits appearing, expiring, archived")
    schedule.add_argument("--from", dest="start", metavar="MOMENT", help="ISO 8601 with offset (default: now)")
    schedule.add_argument("--days", type=float, default=30, help="span after --from (default 30)")
    schedule.add_argument("--format", choices=("table", "json"), default="table")
    schedule.set_defaults(func=cmd_schedule)
    due = sub.add_parser("due", help="scheduled deploy: is a change due on the live site? (reads its build.json)")
    due.add_argument("--state", required=True, metavar="FILE", help="the live site's build.json, as fetched")
    due.add_argument("--now", metavar="MOMENT", help="ISO 8601 with offset (default: the real time)")
    due.set_defaults(func=cmd_due)
    translations = sub.add_parser("translations", help="missing and outdated translations")
    translations.add_argument("--format", choices=sorted(FORMATS), default="text")
    translations.add_argument("--stamp", nargs="+", metavar="PAGE", help="record that these English pages are up to date")
    translations.add_argument("--stamp-all", action="store_true", help="record every English page as up to date")
    translations.set_defaults(func=cmd_translations)
    new = sub.add_parser("new", help="write a draft narrative, press kit, module or page in both languages").add_subparsers(dest="kind", required=True)
    narrative = new.add_parser("narrative", help="a draft narrative: docs/narasi/<event folder>/SLUG.md and SLUG.en.md")
    narrative.add_argument("slug")
    narrative.add_argument("--event", required=True, help="an event id of docs/narasi/_data/taxonomy.yml ('none': all year)")
    narrative.add_argument("--topic", action="append", help="a topic id of the taxonomy (repeat for more); default: a gap to choose")
    narrative.set_defaults(func=cmd_new, scaffold=lambda a: scaffold.new_narrative(a.root, a.slug, a.event, a.topic))
    kit = new.add_parser("kit", help="a draft press kit: docs/kit-media/_kits/SLUG/ and its page pair")
    kit.add_argument("slug")
    kit.set_defaults(func=cmd_new, scaffold=lambda a: scaffold.new_kit(a.root, a.slug))
    module = new.add_parser("module", help="a draft curriculum module: docs/kurikulum/SLUG.md and SLUG.en.md")
    module.add_argument("slug")
    module.set_defaults(func=cmd_new, scaffold=lambda a: scaffold.new_module(a.root, a.slug))
    page = new.add_parser("page", help="a draft page and its English twin, added to nav")
    page.add_argument("path", help="the Indonesian page, e.g. docs/acara/contoh.md")
    page.set_defaults(func=cmd_new, scaffold=lambda a: scaffold.new_page(a.root, a.path))
    rel = sub.add_parser("release", help="build dist/ for VERSION and tag it (refuses unless all is well)")
    rel.add_argument("version")
    rel.add_argument("--dry-run", action="store_true", help="do everything but the tag")
    rel.add_argument("--tagged", action="store_true", help="the tag exists and names this commit (release workflow)")
    rel.set_defaults(func=cmd_release)
    bench = sub.add_parser("bench", help="build and link-check figures: real site, synthetic site, lychee")
    bench.add_argument("--pages", type=int, default=1000, help="synthetic ordinary pages per language")
    bench.add_argument("--modules", type=int, default=20, help="synthetic curriculum modules")
    bench.add_argument("--faults", type=int, default=10, help="injected faults of each kind")
    bench.add_argument("--serve-repeats", type=int, default=5, help="edits of each kind timed under portal serve (0: none)")
    bench.set_defaults(func=cmd_bench)
    bench_search = sub.add_parser("bench-search", help="search top-5 hit rate and index size, with and without Indonesian stemming")
    bench_search.add_argument("--queries", help="default: tests/data/search-queries.yml of the project")
    bench_search.add_argument("--verbose", action="store_true", help="list every query that misses")
    bench_search.set_defaults(func=cmd_bench_search)
    bench_web = sub.add_parser("bench-web", help="Lighthouse scores and page weight of key pages, both languages")
    bench_web.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is reported (default 3)")
    bench_web.add_argument("--pages", default="", help="only these kinds of page, comma-separated (home, module, narrative, press kit, glossary, workbench)")
    bench_web.set_defaults(func=cmd_bench_web)
    args = parser.parse_args(argv)
    try:
        args.root = project_root(Path(args.directory))
    except NoProject as exc:
        print(f"portal: {exc}", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except clock.ClockError as exc:  # a bad PORTAL_NOW or SOURCE_DATE_EPOCH: one line, never a traceback
        print(f"portal: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
