"""The curriculum model: bad input named by file and line; the real modules consistent."""

from __future__ import annotations

import textwrap

import pytest

from conftest import REPO
from portal.curriculum.load import load_curriculum
from portal.curriculum.pages import exercise_handout, key_points, print_book, schedule_table
from portal.curriculum.schedule import build_schedule
from portal.findings import PortalError


def module_source(
    module_id="satu", order=1, teaching=30, exercise=15, title="Satu", extra_meta="", body_extra="",
    solution=True, heading="## Materi {#lesson}",
):
    solution_block = '\n    ??? solution "Pembahasan"\n\n        Jawaban.\n' if solution else ""
    return textwrap.dedent(
        f"""\
        ---
        title: {title}
        module:
          id: {module_id}
          order: {order}
          level: dasar
          minutes:
            teaching: {teaching}
            exercise: {exercise}
          prerequisites: []{extra_meta}
          exercises:
            - objectives: [1]
        ---

        # {title}

        ## Pertanyaan {{#questions}}

        - Apa?

        ## Tujuan {{#objectives}}

        - Bisa.

        {heading}

        Isi.

        ??? trainer "Catatan fasilitator"

            Catatan.

        ## Contoh kerja {{#worked-example}}

        Contoh.

        ## Latihan {{#exercises}}

        """
    ) + '!!! exercise "Latihan 1: Tugas"\n\n    Kerjakan.\n' + solution_block + textwrap.dedent(
        f"""
        ## Daftar periksa {{#checklist}}

        - [ ] Periksa.

        ## Poin kunci {{#key-points}}

        - Poin satu.
        - Poin dua.

        ## Sumber {{#sources}}

        - Sumber.
        {body_extra}"""
    )


def english_of(source: str) -> str:
    """The English twin: same body, front matter with the title only."""
    body = source.split("---\n", 2)[2]
    return "---\ntitle: One\n---\n" + body


def make(tmp_path, modules: dict[str, str], english: dict[str, str] | None = None):
    docs = tmp_path / "docs"
    (docs / "kurikulum").mkdir(parents=True)
    for name, text in modules.items():
        (docs / "kurikulum" / f"{name}.md").write_text(text, encoding="utf-8")
        en = (english or {}).get(name, english_of(text))
        if en is not None:
            (docs / "kurikulum" / f"{name}.en.md").write_text(en, encoding="utf-8")
    return docs


def findings(tmp_path, modules, english=None):
    with pytest.raises(PortalError) as exc:
        load_curriculum(make(tmp_path, modules, english))
    return [(f.path.split("/", 1)[1], f.line, f.code) for f in exc.value.findings]


def test_a_valid_fixture_loads(tmp_path):
    curriculum = load_curriculum(make(tmp_path, {"satu": module_source()}))
    (module,) = curriculum.modules
    assert module.minutes == 45 and module.text["en"].title == "One"
    assert module.text["id"].key_points == ["Poin satu.", "Poin dua."]
    assert module.text["id"].exercises[0].solution == "Jawaban."


def test_missing_required_metadata(tmp_path):
    source = module_source().replace("  level: dasar\n", "")
    assert findings(tmp_path, {"satu": source}) == [("kurikulum/satu.md", 4, "C001")]


def test_non_numeric_minutes(tmp_path):
    assert findings(tmp_path, {"satu": module_source(teaching="setengah jam")}) == [("kurikulum/satu.md", 8, "C002")]


def test_duplicate_order(tmp_path):
    got = findings(tmp_path, {"satu": module_source(), "dua": module_source(module_id="dua", order=1)})
    assert got == [("kurikulum/satu.md", 1, "C003")]


def test_id_must_match_the_file(tmp_path):
    assert findings(tmp_path, {"satu": module_source(module_id="dua")}) == [("kurikulum/satu.md", 4, "C008")]


def test_module_in_one_language_only(tmp_path):
    assert findings(tmp_path, {"satu": module_source()}, english={"satu": None}) == [("kurikulum/satu.md", 1, "C004")]


def test_exercise_without_solution(tmp_path):
    got = findings(tmp_path, {"satu": module_source(solution=False)})
    assert got == [("kurikulum/satu.en.md", 29, "C005"), ("kurikulum/satu.md", 39, "C005")]


def test_english_heading_ids_must_match(tmp_path):
    source = module_source()
    english = english_of(source).replace("{#lesson}", "{#the-lesson}")
    got = findings(tmp_path, {"satu": source}, english={"satu": english})
    assert got == [("kurikulum/satu.en.md", 15, "C006")]


def test_heading_without_id_and_missing_section(tmp_path):
    source = module_source(heading="## Materi tanpa id").replace("## Daftar periksa {#checklist}", "## Daftar periksa {#check}")
    got = findings(tmp_path, {"satu": source}, english={"satu": english_of(source)})
    assert ("kurikulum/satu.md", 25, "C009") in got
    assert ("kurikulum/satu.md", 15, "C010") in got  # {#checklist} missing, reported at the title


def test_english_file_must_not_repeat_the_metadata(tmp_path):
    source = module_source()
    assert findings(tmp_path, {"satu": source}, english={"satu": source}) == [("kurikulum/satu.en.md", 3, "C012")]


def test_unknown_prerequisite(tmp_path):
    source = module_source().replace("prerequisites: []", "prerequisites: [tidak-ada]")
    assert findings(tmp_path, {"satu": source}) == [("kurikulum/satu.md", 1, "C007")]


# The real curriculum -------------------------------------------------------

CURRICULUM = load_curriculum(REPO / "docs")


def test_real_curriculum_has_eight_ordered_modules():
    assert [m.order for m in CURRICULUM.modules] == list(range(1, 9))
    assert {"penciptaan-ide", "penetapan-agenda", "komunikasi-krisis", "etika-aturan"} <= set(CURRICULUM.by_id())


def test_both_languages_have_the_same_modules_ids_and_exercise_counts():
    for module in CURRICULUM.modules:
        assert set(module.text) == {"id", "en"}, module.id
        assert module.text["id"].heading_ids == module.text["en"].heading_ids, module.id
        assert len(module.text["id"].exercises) == len(module.text["en"].exercises), module.id
        assert all(e.solution for lang in ("id", "en") for e in module.text[lang].exercises), module.id


def test_schedule_totals_equal_the_modules_minutes():
    schedule = build_schedule(REPO / "docs", CURRICULUM)
    module_slots = [s for s in schedule.slots if s.kind == "module"]
    assert [s.module_id for s in module_slots] == [m.id for m in CURRICULUM.modules]
    assert schedule.total("module") == CURRICULUM.teaching_minutes + CURRICULUM.exercise_minutes
    for earlier, later in zip(schedule.slots, schedule.slots[1:]):
        assert earlier.end == later.start
    assert (schedule.slots[-1].end - schedule.slots[0].start).total_seconds() / 60 == schedule.total()
    table = schedule_table(schedule, "id")
    hours, minutes = divmod(schedule.total(), 60)
    assert f"**{hours} jam" in table and table.count("](") == len(CURRICULUM.modules)


def test_schedule_errors_name_the_line(tmp_path):
    docs = make(tmp_path, {"satu": module_source()})
    (docs / "_data").mkdir()
    (docs / "_data/schedule.yml").write_text(
        'start: "8 pagi"\nopening: {minutes: 30, title: {id: Buka, en: Open}}\n'
        "breaks:\n  - after_module: 9\n    minutes: 15\n    title: {id: Rehat, en: Break}\n"
        "closing: {minutes: 0, title: {id: Tutup, en: Close}}\n",
        encoding="utf-8",
    )
    with pytest.raises(PortalError) as exc:
        build_schedule(docs, load_curriculum(docs))
    assert [(f.line, f.code) for f in exc.value.findings] == [(1, "S002"), (4, "S003"), (7, "S002")]


def test_generated_pages_cover_every_module():
    for language in ("id", "en"):
        points = key_points(CURRICULUM, language)
        handout = exercise_handout(CURRICULUM, language)
        book = print_book(CURRICULUM, language)
        for module in CURRICULUM.modules:
            assert f"{{#{module.id}}}" in points and f"{{#{module.id}}}" in handout
            assert f"{{#{module.id} .portal-module}}" in book
            for exercise in module.text[language].exercises:
                assert exercise.task in handout and exercise.solution not in handout
        # Anchors inside the book are namespaced by module, so none collide.
        assert "{#questions}" not in book and f"{{#{CURRICULUM.modules[0].id}-questions}}" in book
