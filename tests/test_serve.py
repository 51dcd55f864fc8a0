"""``make serve``: what it caches between rebuilds, and that it never serves a stale download.

The cache (:mod:`portal.buildcache`) is checked at unit level first: the same
inputs give a hit with the same bytes, any changed input gives a miss. Then a
real ``portal serve`` on a copy of the project: a kit document's edit must
reach its page, its PDF and the kit's ZIP together, and a page's edit must
not make any PDF or ZIP again. No timing is asserted here (``make bench``
prints the figures); every wait polls for the condition it needs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import pytest

from conftest import COMMIT_EPOCH, REPO, copy_project
from portal import indonesian
from portal.bench.serve import Server, free_port, save, wait_for
from portal.buildcache import ContentCache, TemplateCodeCache, digest
from portal.pdf import render_pdf
from portal.presskits.bundle import PdfRenderer, build_kit
from portal.presskits.load import load_catalogue
from portal.slim import UsedNames, prune_key, prune_stylesheet
from portal.sources import load_yaml


# --- The cache itself ---------------------------------------------------------------------------


def test_a_key_changes_with_any_part_and_with_how_parts_are_split():
    key = digest("pdf", b"bytes", "text", 1, None)
    assert key == digest("pdf", b"bytes", "text", 1, None)
    assert key != digest("pdf", b"bytes", "text", 2, None)
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(b"x") != digest("x")  # bytes and text are told apart
    assert digest(None) != digest("")


def test_the_same_key_hits_in_memory_and_on_disk_and_a_torn_file_misses(tmp_path):
    cache = ContentCache(tmp_path / "cache")
    key = digest("thing", b"input")
    assert cache.get("thing", key) is None
    cache.put(key, b"made", {"pages": 3})
    assert cache.get("thing", key).data == b"made"
    assert cache.get("thing", digest("thing", b"other input")) is None

    again = ContentCache(tmp_path / "cache")  # the next serve process
    entry = again.get("thing", key)
    assert (entry.data, entry.meta) == (b"made", {"pages": 3})

    data_file = next((tmp_path / "cache").glob("??/*.bin"))
    data_file.write_bytes(b"torn")
    assert ContentCache(tmp_path / "cache").get("thing", key) is None
    assert (cache.hits["thing"], cache.misses["thing"]) == (1, 2)


def test_an_entry_is_a_hit_only_while_the_files_it_read_are_unchanged(tmp_path):
    (tmp_path / "picture.png").write_bytes(b"first")
    cache = ContentCache()
    cache.put("k", b"pdf", depends={"picture.png": hashlib.sha256(b"first").hexdigest()})
    assert cache.get("pdf", "k", tmp_path) is not None
    (tmp_path / "picture.png").write_bytes(b"second")
    assert cache.get("pdf", "k", tmp_path) is None
    (tmp_path / "picture.png").unlink()
    assert cache.get("pdf", "k", tmp_path) is None


PAGE = """<!doctype html><html><head><title>T</title></head><body>
<article class="md-content__inner md-typeset"><h1>{title}</h1><p>{text}</p><img src="pic.svg" alt=""></article></body></html>"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="{colour}"/></svg>'


def _page(site: Path, title="Judul", text="Isi.", colour="red") -> Path:
    site.mkdir(exist_ok=True)
    (site / "pic.svg").write_text(SVG.format(colour=colour), encoding="utf-8")
    page = site / "page.html"
    page.write_text(PAGE.format(title=title, text=text), encoding="utf-8")
    return page


def test_a_pdf_is_rendered_once_per_content_and_again_when_any_input_changes(tmp_path):
    site = tmp_path / "site"
    page = _page(site)
    plain = tmp_path / "plain.pdf"
    render_pdf(page, plain, site, "id")  # no cache: what a production build writes
    cache = ContentCache()
    out = tmp_path / "out.pdf"

    def made(**changes) -> int:
        before = cache.misses["pdf"]
        render_pdf(page, out, site, changes.get("language", "id"), changes.get("public_base"), cache=cache,
                   inputs=changes.get("inputs", ()))
        return cache.misses["pdf"] - before

    assert made() == 1
    assert out.read_bytes() == plain.read_bytes()
    assert made() == 0 and out.read_bytes() == plain.read_bytes()  # a hit writes the same bytes
    assert made(language="en") == 1
    assert made(public_base="https://portal-bimtek.example/") == 1
    assert made(inputs=(b"the document's bytes",)) == 1
    _page(site, text="Isi yang lain.")
    assert made() == 1
    _page(site, text="Isi yang lain.", colour="blue")  # only an image WeasyPrint fetched changed
    assert made() == 1
    assert made() == 0


@pytest.fixture
def kit_copy(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    return docs


def _builds(docs: Path, cache: ContentCache, workdir: Path, epoch=int(COMMIT_EPOCH), configs=None):
    now = dt.datetime.fromtimestamp(int(COMMIT_EPOCH), dt.timezone.utc)
    kit = load_catalogue(docs, now).by_id()["ktt-43"]
    renderer = PdfRenderer(workdir, ["tables", "admonition", "attr_list", "toc"], configs or {}, cache=cache)
    return build_kit(kit, "id", epoch, renderer, cache=cache)


def test_a_kit_document_edit_makes_its_pdf_and_the_zip_again_and_nothing_else(kit_copy, tmp_path):
    cache = ContentCache()
    first = _builds(kit_copy, cache, tmp_path / "w1")
    documents = sum(1 for d in first.items if d.format == "pdf")
    assert (cache.misses["pdf"], cache.misses["zip"]) == (documents, 1)

    cache.reset_counts()
    again = _builds(kit_copy, cache, tmp_path / "w2")  # the next rebuild: a new session, a new scratch folder
    assert (cache.hits["pdf"], cache.misses["pdf"], cache.hits["zip"], cache.misses["zip"]) == (documents, 0, 1, 0)
    assert [d.data for d in again.files()] == [d.data for d in first.files()]

    source = kit_copy / "kit-media/_kits/ktt-43/lembar-fakta.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nParagraf baru.\n", encoding="utf-8")
    cache.reset_counts()
    edited = _builds(kit_copy, cache, tmp_path / "w3")
    assert (cache.misses["pdf"], cache.misses["zip"]) == (1, 1)
    assert edited.download("lembar-fakta").data != first.download("lembar-fakta").data
    assert edited.download("latar-belakang").data == first.download("latar-belakang").data
    assert edited.archive.data != first.archive.data
    assert edited.sums.data != first.sums.data

    cache.reset_counts()
    _builds(kit_copy, cache, tmp_path / "w4", epoch=int(COMMIT_EPOCH) + 86400)  # another commit time
    assert (cache.misses["pdf"], cache.misses["zip"]) == (0, 1)

    cache.reset_counts()
    _builds(kit_copy, cache, tmp_path / "w5", configs={"toc": {"permalink": True}})  # another Markdown config
    assert cache.misses["pdf"] == documents

    manifest = kit_copy / "kit-media/_kits/ktt-43/kit.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "# A comment: the documents' text is the same.\n",
                        encoding="utf-8")
    cache.reset_counts()
    _builds(kit_copy, cache, tmp_path / "w6", configs={"toc": {"permalink": True}})
    assert cache.misses["pdf"] == documents  # the manifest is an input of every document's PDF


CSS = ".md-used{color:red}.md-unused{color:blue}[data-md-color-primary=indigo]{color:green}"


def test_a_slimmed_stylesheet_is_kept_until_an_answer_pruning_needs_changes():
    used = UsedNames(classes={"md-used", "words", "of", "a", "script"})
    key = prune_key(CSS, used)
    assert prune_stylesheet(CSS, used) == ".md-used{color:red}"
    # A new word somewhere (the search plugin holds every word of the site) changes nothing pruning asks about.
    assert prune_key(CSS, UsedNames(classes=used.classes | {"bench"})) == key
    assert prune_key(CSS, UsedNames(classes=used.classes | {"md-unused"})) != key
    assert prune_key(CSS, UsedNames(classes=used.classes, palette={("primary", "indigo")})) != key
    assert prune_key(CSS + ".md-used{margin:0}", used) != key


def test_the_root_memo_gives_the_plugin_pysastrawi_gives_and_keeps_it_on_disk(tmp_path):
    docs = [{"title": "Kolaborasi", "text": "<p>Berkolaborasi dan pengelolaan akun warganet diamplifikasi.</p>"}]
    memo = indonesian.RootMemo(tmp_path / "roots.json")
    assert indonesian.plugin_source(docs, memo) == indonesian.plugin_source(docs)
    assert memo.stemmed > 0
    memo.save()
    again = indonesian.RootMemo(tmp_path / "roots.json")
    assert indonesian.plugin_source(docs, again) == indonesian.plugin_source(docs)
    assert again.stemmed == 0  # every word came from the file
    record = json.loads((tmp_path / "roots.json").read_text(encoding="utf-8"))
    record["pysastrawi"] = "0.0"  # another PySastrawi: its verdicts are not reused
    (tmp_path / "roots.json").write_text(json.dumps(record), encoding="utf-8")
    assert indonesian.RootMemo(tmp_path / "roots.json").words == {}


def test_parsed_yaml_is_kept_but_every_caller_gets_its_own_copy():
    text = "title: Satu\nitems:\n  - a: 1\n"
    first = load_yaml(text, "x.yml")
    first["items"][0]["a"] = 99
    first["title"] = "changed"
    second = load_yaml(text, "x.yml")
    assert second == {"title": "Satu", "items": [{"a": 1}]}
    assert second.line_of("items") == 2
    assert load_yaml(text, "x.yml", line_offset=1).line_of("items") == 3


class CountingEnvironment(jinja2.Environment):
    compiled = 0

    def compile(self, *args, **kwargs):
        CountingEnvironment.compiled += 1
        return super().compile(*args, **kwargs)


def test_compiled_templates_are_reused_only_for_the_same_source():
    codes = TemplateCodeCache()

    def render(source: str) -> tuple[str, int]:  # a new environment each time, as each rebuild makes one
        env = CountingEnvironment(loader=jinja2.DictLoader({"t.html": source}), bytecode_cache=codes)
        return env.get_template("t.html").render(x="X"), CountingEnvironment.compiled

    assert render("a {{ x }}") == ("a X", 1)
    assert render("a {{ x }}") == ("a X", 1)  # not compiled again
    assert render("b {{ x }}") == ("b X", 2)  # an edited template is


def test_a_cache_that_cannot_write_to_disk_keeps_working_in_memory(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    cache = ContentCache(blocked / "serve")
    cache.put("k", b"made")
    assert cache.get("thing", "k").data == b"made"
    memo = indonesian.RootMemo(blocked / "roots.json")
    memo.verdict("berkolaborasi")
    memo.save()
    assert memo.words["berkolaborasi"][0] == "kolaborasi"


# --- A real portal serve ------------------------------------------------------------------------

KIT_SOURCE = "docs/kit-media/_kits/ktt-43/lembar-fakta.md"
KIT_PAGE = "/kit-media/ktt-43/"
DOCUMENT_PAGE = "/kit-media/ktt-43/lembar-fakta/"
ZIP_BLOCK = re.compile(r'<div class="portal-kit-all">.*?href="([^"]+\.zip)".*?<code class="portal-sha256">([0-9a-f]{64})</code>', re.S)
DOC_BLOCK = re.compile(r'<div class="portal-kit-doc">.*?href="([^"]+\.pdf)".*?<code class="portal-sha256">([0-9a-f]{64})</code>', re.S)


def _text(server: Server, url: str) -> str:
    body = server.get(url)
    assert body is not None, url
    return body.decode("utf-8")


def _download(server: Server, page_url: str, block: re.Pattern) -> tuple[bytes, str]:
    """(the bytes served at the link in ``block`` of the page, the SHA-256 the page prints beside it)."""
    found = block.search(_text(server, page_url))
    assert found, page_url
    data = server.get(urljoin(page_url, found.group(1)))
    assert data is not None, found.group(1)
    return data, found.group(2)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _reports_after(server: Server, count: int) -> list[str]:
    return server.cache_reports()[count:]


@pytest.mark.build
def test_serve_shows_real_pdfs_and_never_a_stale_download(tmp_path):
    project = copy_project(tmp_path / "project")
    with Server(project, COMMIT_EPOCH) as server:
        server.start()
        server.wait_idle()
        pdf_before, printed = _download(server, DOCUMENT_PAGE, DOC_BLOCK)
        assert pdf_before.startswith(b"%PDF") and _sha(pdf_before) == printed  # a real PDF, not "not built"
        zip_before, printed = _download(server, KIT_PAGE, ZIP_BLOCK)
        assert _sha(zip_before) == printed

        # An ordinary page, both languages: shown, and no PDF or ZIP made again.
        reports = len(server.cache_reports())
        for rel, url in (("docs/tentang.md", "/tentang/"), ("docs/tentang.en.md", "/en/tentang/")):
            save(project, rel, (project / rel).read_text(encoding="utf-8") + "\n\nserve-test-page-edit\n")
        for url in ("/tentang/", "/en/tentang/"):
            wait_for(lambda: b"serve-test-page-edit" in (server.get(url) or b""), 300, f"{url} to show the edit")
        server.wait_idle()
        after_page = _reports_after(server, reports)
        assert after_page and all(re.search(r"pdf \d+ hit/0 made", r) and re.search(r"zip \d+ hit/0 made", r)
                                  for r in after_page), after_page
        assert _sha(_download(server, DOCUMENT_PAGE, DOC_BLOCK)[0]) == _sha(pdf_before)

        # A kit document: its page, its PDF and the kit's ZIP change together.
        reports = len(server.cache_reports())
        source = (project / KIT_SOURCE).read_text(encoding="utf-8")
        save(project, KIT_SOURCE, source + "\n\nParagraf uji serve-test-kit-edit.\n")
        wait_for(lambda: b"serve-test-kit-edit" in (server.get(DOCUMENT_PAGE) or b""), 300, "the document page to change")
        pdf_after, printed = _download(server, DOCUMENT_PAGE, DOC_BLOCK)
        assert pdf_after.startswith(b"%PDF")
        assert _sha(pdf_after) != _sha(pdf_before), "the served PDF is the one from before the edit"
        assert _sha(pdf_after) == printed
        zip_after, printed = _download(server, KIT_PAGE, ZIP_BLOCK)
        assert _sha(zip_after) != _sha(zip_before), "the served ZIP is the one from before the edit"
        assert _sha(zip_after) == printed
        with zipfile.ZipFile(io.BytesIO(zip_after)) as archive:
            assert _sha(archive.read("kit-media-ktt-43-id/ktt-43-lembar-fakta-id.pdf")) == _sha(pdf_after)
        server.wait_idle()
        after_kit = _reports_after(server, reports)
        assert any(re.search(r"pdf \d+ hit/1 made", r) and re.search(r"zip \d+ hit/1 made", r) for r in after_kit), after_kit
    assert server.process.returncode is not None



# --- Stopping make serve / portal serve -----------------------------------------------------------
# A signal to make serve or to portal serve ends the whole tree (make, portal, MkDocs) and frees the
# port; a busy port is one line and exit status 2. GNU make passes SIGTERM on to its recipe; a Ctrl-C
# reaches the whole foreground process group (make and portal; MkDocs runs in a session of its own
# and gets it from portal). `kill -INT` to make alone is not passed on by make (it waits for its
# recipe), so the SIGINT cases here send it as a terminal does: to the process group.

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def _tree(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


def _start_serve(how: str, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, PORTAL_SKIP_PDF="1", NO_MKDOCS_2_WARNING="1")
    env.pop("PORTAL_NOW", None)
    if how == "make":
        command = ["make", "-s", "-C", str(REPO), "serve", f"DEV_ADDR=127.0.0.1:{port}"]
    else:
        command = [sys.executable, "-m", "portal.cli", "-C", str(REPO), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    # A process group of its own, SIGINT at its default: as a shell with job control starts it.
    # Output to a file, not a pipe: a child left behind would hold a pipe open, and reading it would never end.
    with log.open("w") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, text=True,
                                preexec_fn=lambda: (os.setpgid(0, 0), signal.signal(signal.SIGINT, signal.SIG_DFL)))


@pytest.mark.build
@pytest.mark.parametrize("how, sig, to_group", [
    ("make", signal.SIGTERM, False),  # kill PID-of-make
    ("make", signal.SIGINT, True),    # Ctrl-C in the terminal running make serve
    ("portal", signal.SIGTERM, False),
    ("portal", signal.SIGINT, False),  # kill -INT PID-of-portal: MkDocs gets it from portal
])
def test_a_signal_stops_serve_with_its_children_and_frees_the_port(how, sig, to_group, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    process = _start_serve(how, port, log)
    seen: set[int] = set()

    def serving():
        if process.poll() is not None:
            raise AssertionError(f"serve ended on its own ({process.returncode}):\n{log.read_text()}")
        seen.update(_tree(process.pid))
        return _listening(port)

    try:
        wait_for(serving, 600, f"serve to answer on port {port}", interval=0.2)
        seen.update(_tree(process.pid))
        assert any("mkdocs" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
                   for pid in seen if _alive(pid)), "MkDocs is not among the children"
        (os.killpg if to_group else os.kill)(process.pid, sig)
        process.wait(timeout=120)
        output = log.read_text()
        wait_for(lambda: not any(_alive(pid) for pid in seen), 30, "every child to end")
        assert not _listening(port), f"port {port} is still served"
        assert "Traceback" not in output, output[-3000:]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        for pid in seen:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("how", ["portal", "make"])
def test_a_busy_port_is_one_line_and_exit_status_2(how, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        process = _start_serve(how, port, tmp_path / "serve.log")
        process.wait(timeout=120)
        output = (tmp_path / "serve.log").read_text()
    lines = [line for line in output.splitlines() if line.strip()]
    ours = [line for line in lines if line.startswith("portal serve:")]
    assert len(ours) == 1 and f"127.0.0.1:{port} is already in use" in ours[0] and "DEV_ADDR=" in ours[0], output
    assert "Traceback" not in output
    if how == "portal":
        assert process.returncode == 2 and lines == ours
    else:  # make adds its own line naming the recipe's status
        assert process.returncode == 2 and len(lines) == 2 and "Error 2" in lines[1], output


def test_an_address_that_is_not_host_port_is_one_line():
    result = subprocess.run([sys.executable, "-m", "portal.cli", "-C", str(REPO), "serve", "--dev-addr", "8000"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "host:port" in result.stderr, result.stderr
