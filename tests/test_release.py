"""``portal release``: each refusal, every artefact, byte-identical from two clones, usable offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, copy_project, once_per_run, search_results, watched_page
from portal.release import ReleaseRefused, changelog_section, preflight, release
from portal.sbom import pinned
from portal.sources import load_yaml
from portal.zipbuild import parse_sha256sums, sha256

VERSION = "9.9.9"
# The toolkit's working documents, in both languages: read from their sources, not from the code that names them.
TOOLKIT_FILES = [
    f"{path.stem}-{language}.{load_yaml(path.read_text(encoding='utf-8'), path.name)['format']}"
    for path in sorted((REPO / "docs/perangkat/_templates").glob("*.yml")) for language in ("id", "en")
]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@contoh.example",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@contoh.example",
    "GIT_AUTHOR_DATE": "2026-11-29T10:00:00+07:00", "GIT_COMMITTER_DATE": "2026-11-29T10:00:00+07:00",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True, capture_output=True, text=True).stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture(scope="module")
def origin(request) -> Path:
    """A git repository holding the project, with a CHANGELOG section for the test version.

    One per run (conftest.once_per_run), like ``dry_run``: every clone here is of this one.
    """
    return Path(once_per_run(request, "release-origin", make_origin))


def make_origin(folder: Path) -> str:
    repo = copy_project(folder / "repo")
    for name in ("CHANGELOG.md", ".gitignore", "requirements.txt", "pyproject.toml"):
        shutil.copy2(REPO / name, repo / name)
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    (repo / "CHANGELOG.md").write_text(
        changelog.replace("## [Unreleased]", f"## [Unreleased]\n\n## [{VERSION}] - 2026-11-29\n\n### Added\n- A release made by the tests.\n", 1),
        encoding="utf-8",
    )
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "Release test project")
    return str(repo)


def clone(origin: Path, target: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(origin), str(target)], check=True)
    return target


@pytest.mark.parametrize("version, message", [("1.0", "is not a version"), ("v1.0.0", "is not a version"), ("9.9.7", r"no section '## \[9\.9\.7\]'")])
def test_refuses_bad_or_unlogged_versions(origin, tmp_path, version, message):
    with pytest.raises(ReleaseRefused, match=message):
        preflight(clone(origin, tmp_path / "c"), version)


CLOSED = """# Changelog

## [Unreleased]

## [1.1.0] - 2026-12-01

### Added
- The new thing.

## 1.0.0 - 2026-01-01

### Added
- The first release.

[Unreleased]: https://github.com/contoh/portal/compare/v1.1.0...HEAD
[1.1.0]: https://github.com/contoh/portal/compare/v1.0.0...v1.1.0
"""


def test_release_notes_are_the_version_section_only(tmp_path):
    (tmp_path / "CHANGELOG.md").write_text(CLOSED, encoding="utf-8")
    assert changelog_section(tmp_path, "1.1.0") == "### Added\n- The new thing.\n"  # stops at '## 1.0.0' too
    assert changelog_section(tmp_path, "1.0.0") == "### Added\n- The first release.\n"  # not the link definitions


def test_refuses_while_unreleased_still_lists_changes(tmp_path):
    (tmp_path / "CHANGELOG.md").write_text(CLOSED.replace("## [Unreleased]\n", "## [Unreleased]\n\n- Forgotten.\n"), encoding="utf-8")
    with pytest.raises(ReleaseRefused, match=r"'## \[Unreleased\]' still lists changes.*rename '## \[Unreleased\]' to '## \[1\.1\.0\] - YYYY-MM-DD'"):
        changelog_section(tmp_path, "1.1.0")


def test_refuses_a_dirty_work_tree(origin, tmp_path):
    repo = clone(origin, tmp_path / "c")
    (repo / "docs/tentang.md").write_text("changed\n", encoding="utf-8")
    with pytest.raises(ReleaseRefused, match="uncommitted changes"):
        preflight(repo, VERSION)


def test_refuses_a_version_already_tagged(origin, tmp_path):
    repo = clone(origin, tmp_path / "c")
    git(repo, "tag", "-a", f"v{VERSION}", "-m", "earlier")
    with pytest.raises(ReleaseRefused, match="already tagged"):
        preflight(repo, VERSION)


def test_refuses_when_a_check_fails(origin, tmp_path):
    repo = clone(origin, tmp_path / "c")
    (repo / "docs/tentang.en.md").unlink()
    commit_all(repo, "drop a translation")
    with pytest.raises(ReleaseRefused, match=r"source checks\) failed with 1 error\(s\):\n  docs/tentang.md:1: T001"):
        preflight(repo, VERSION)


def test_refuses_placeholders_unless_the_kit_allows_them(origin, tmp_path):
    repo = clone(origin, tmp_path / "c")
    manifest = repo / "docs/kit-media/_kits/ktt-43/kit.yml"
    text = manifest.read_text(encoding="utf-8")
    start = text.index("placeholders_allowed:")
    end = text.index("\n", text.index("en:", text.index("placeholders_reason:"))) + 1
    manifest.write_text(text[:start] + text[end:], encoding="utf-8")
    commit_all(repo, "kit without its allowance")
    with pytest.raises(ReleaseRefused, match=r"(?s)source checks\) failed .*K015 placeholder"):
        preflight(repo, VERSION)


@pytest.mark.build  # release() runs the strict build (with PDFs) that fails
def test_a_failed_build_leaves_no_dist_and_no_tag(origin, tmp_path):
    repo = clone(origin, tmp_path / "c")
    # In the English page: a change to the Indonesian one would make its translation outdated (TR005),
    # an error the source checks refuse before the build is reached.
    page = repo / "docs/tentang.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Broken](tidak-ada.md)\n", encoding="utf-8")
    commit_all(repo, "broken link")
    with pytest.raises(ReleaseRefused, match="strict build failed"):
        release(repo, VERSION)
    assert not (repo / "dist").exists()
    assert not git(repo, "tag", "--list")
    assert not list(repo.glob(".release-*"))


@pytest.fixture(scope="module")
def dry_run(origin, request) -> Path:
    def make(folder: Path) -> str:
        repo = clone(origin, folder / "clone")
        release(repo, VERSION, dry_run=True)
        return str(repo)

    return Path(once_per_run(request, "release-dry-run", make))


def test_dry_run_writes_every_artefact_and_no_tag(dry_run):
    dist = dry_run / "dist"
    names = sorted(p.name for p in dist.iterdir())
    assert names == sorted([
        f"portal-{VERSION}-site.zip", "RELEASE-NOTES.md", "SHA256SUMS", f"portal-{VERSION}-sbom.cdx.json",
        "kurikulum-bimtek-id.pdf", "kurikulum-bimtek-en.pdf",
        "kit-media-ktt-42-id.zip", "kit-media-ktt-42-en.zip", "kit-media-ktt-43-id.zip", "kit-media-ktt-43-en.zip",
        *TOOLKIT_FILES,
    ]), names
    sums = parse_sha256sums((dist / "SHA256SUMS").read_text())
    assert set(sums) == set(names) - {"SHA256SUMS"}
    assert all(sha256((dist / name).read_bytes()) == digest for name, digest in sums.items())
    assert subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True).returncode == 0
    assert "A release made by the tests." in (dist / "RELEASE-NOTES.md").read_text()
    assert not git(dry_run, "tag", "--list")
    assert not git(dry_run, "status", "--porcelain")


def test_the_offline_bundle_carries_the_share_images(dry_run):
    """The preview cards and the narratives' platform images travel with the site, linked as the pages link them."""
    with zipfile.ZipFile(dry_run / f"dist/portal-{VERSION}-site.zip") as archive:
        names = set(archive.namelist())
        cards = {n for n in names if "/assets/share/" in f"/{n}" and n.endswith(".png")}
        stories = {n for n in names if n.endswith("-1080x1920.png")}
        assert len(cards) > 25 and stories, (len(cards), stories)
        for story in stories:
            page = story.rsplit("/", 1)[0] + ".html"
            assert page in names and story.rsplit("/", 2)[-2] + "/" + story.rsplit("/", 1)[-1] in archive.read(page).decode(), story

def test_the_offline_bundle_holds_every_toolkit_file_as_the_release_ships_it(dry_run):
    dist = dry_run / "dist"
    with zipfile.ZipFile(dist / f"portal-{VERSION}-site.zip") as archive:
        for name in TOOLKIT_FILES:
            folder = "perangkat/unduhan" if name.rsplit(".", 1)[0].endswith("-id") else "en/perangkat/unduhan"
            assert archive.read(f"{folder}/{name}") == (dist / name).read_bytes(), name


def test_the_sbom_lists_exactly_the_pinned_runtime_set(dry_run):
    bom = json.loads((dry_run / f"dist/portal-{VERSION}-sbom.cdx.json").read_text(encoding="utf-8"))
    assert bom["bomFormat"] == "CycloneDX" and bom["metadata"]["component"]["name"] == "portal-bimtek"
    assert bom["metadata"]["component"]["version"] == VERSION
    listed = {re.sub(r"[-_.]+", "-", c["name"]).lower(): c["version"] for c in bom["components"]}
    assert listed == pinned((REPO / "requirements.txt").read_text(encoding="utf-8"))
    assert listed["mkdocs"].startswith("1.") and "weasyprint" in listed
    assert all(c["purl"] == f"pkg:pypi/{c['name'].lower()}@{c['version']}" for c in bom["components"])
    text = json.dumps(bom)
    assert "file://" not in text and "/opt/" not in text  # nothing of the machine it was made on


def test_two_clones_release_identical_bytes_and_the_real_run_tags(origin, dry_run, tmp_path):
    other = clone(origin, tmp_path / "b")
    release(other, VERSION)
    assert (other / "dist/SHA256SUMS").read_bytes() == (dry_run / "dist/SHA256SUMS").read_bytes()
    assert git(other, "cat-file", "-t", f"v{VERSION}").strip() == "tag"  # annotated


@pytest.mark.browser
def test_unzipped_site_works_from_file_urls(dry_run, tmp_path, browser):
    folder = tmp_path / "offline"
    with zipfile.ZipFile(dry_run / f"dist/portal-{VERSION}-site.zip") as archive:
        archive.extractall(folder)
    context = browser.new_context()
    page, watch = watched_page(context, allow_file=True)
    page.goto((folder / "index.html").as_uri(), wait_until="load")
    page.click(".md-nav--primary a[href$='kurikulum/index.html']")
    page.wait_for_url("**/kurikulum/index.html")
    switch = page.get_attribute("a.md-select__link[hreflang=en]", "href")
    page.goto(page.url.rsplit("/", 1)[0] + "/" + switch)
    assert page.url.endswith("/en/kurikulum/index.html") and page.evaluate("document.documentElement.lang") == "en"
    # "menetapkan": an affixed form, found through the lunr.id plugin (issue 9) from file:// too
    for start, query, expected in (("index.html", "menetapkan agenda", "/kurikulum/penetapan-agenda.html"),
                                   ("en/index.html", "agenda setting", "/en/kurikulum/penetapan-agenda.html")):
        page.goto((folder / start).as_uri(), wait_until="load")
        hrefs = search_results(page, query, timeout=15_000)
        assert hrefs[0].split("?")[0].endswith(expected), hrefs[:3]
        assert all(("/en/" in h) == start.startswith("en/") for h in hrefs)
    assert not watch.foreign, watch.foreign
    assert not watch.csp_violations, watch.csp_violations  # search's worker frame too (vendor/iframe-worker)
    # A sample of pages, both languages, each under its Content-Security-Policy (portal.csp) from file://.
    # (not the 404 pages: a server answers them for any path, so their links start at the site's root)
    pages = sorted(p for p in folder.rglob("*.html") if "assets" not in p.parts and p.name != "404.html")
    for path in pages[::7]:
        page.goto(path.as_uri(), wait_until="load")
        assert "Content-Security-Policy" in page.content()
    assert len(pages[::7]) > 10 and any("/en/" in p.as_uri() for p in pages[::7])
    assert not watch.problems(), watch.problems()
    context.close()


def test_tagged_mode_needs_the_tag_on_this_commit(origin, tmp_path):
    repo = clone(origin, tmp_path / "c")
    with pytest.raises(ReleaseRefused, match="must exist and name the checked-out commit"):
        preflight(repo, VERSION, tagged=True)
    git(repo, "tag", "-a", f"v{VERSION}", "-m", "pushed tag")
    assert preflight(repo, VERSION, tagged=True).startswith("### Added")


@pytest.mark.parametrize("workflow", ["ci.yml", "release.yml"])
def test_workflows_are_valid_and_only_call_the_makefile(workflow):
    path = REPO / ".github/workflows" / workflow
    result = subprocess.run(
        [str(Path(os.sys.executable).with_name("check-jsonschema")), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    import yaml

    runs = [step["run"] for job in yaml.safe_load(path.read_text())["jobs"].values() for step in job["steps"] if "run" in step]
    build_steps = [r for r in runs if "make " in r]
    assert build_steps and all("make " in r or "apt-get" in r or "gh release" in r for r in runs), runs


def test_the_release_workflow_attests_the_provenance_of_every_file_it_ships():
    import yaml

    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text())
    assert workflow["permissions"]["id-token"] == "write" and workflow["permissions"]["attestations"] == "write"
    steps = workflow["jobs"]["release"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    attest = next(i for i, u in enumerate(uses) if u.startswith("actions/attest-build-provenance@"))
    build = next(i for i, s in enumerate(steps) if "make release" in s.get("run", ""))
    upload = next(i for i, s in enumerate(steps) if "gh release create" in s.get("run", ""))
    assert build < attest < upload and steps[attest]["with"]["subject-path"] == "dist/*"
