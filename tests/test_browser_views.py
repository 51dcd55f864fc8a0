"""Learner and trainer views of the curriculum's module pages, with and without JavaScript.

The learner (the default) sees objectives, content, exercises and key points,
with the solutions closed; the trainer view adds the timings and trainer notes
and opens the solutions at once. Two plain links switch: without JavaScript
they set ``#trainer-view`` / ``#learner-view``, which the stylesheet reads;
with it the choice is remembered in the browser for the next module page.
The print book, which has no switch, keeps everything.
"""

from __future__ import annotations

import pytest

from conftest import watched_page

pytestmark = pytest.mark.browser
MODULE, OTHER = "kurikulum/penetapan-agenda/", "kurikulum/komunikasi-krisis/"


def view_of(page) -> dict[str, bool]:
    return {
        "trainer_notes": page.locator("details.trainer").first.is_visible(),
        "timings": page.locator(".portal-module-meta .portal-trainer-only").is_visible(),
        "solution_text": page.locator("details.solution > :not(summary)").first.is_visible(),
        "exercise": page.locator(".admonition.exercise, details.exercise").first.is_visible(),
    }


LEARNER = {"trainer_notes": False, "timings": False, "solution_text": False, "exercise": True}
TRAINER = {"trainer_notes": True, "timings": True, "solution_text": True, "exercise": True}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_two_plain_links_switch_the_view_without_javascript(site_url, browser, prefix):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(site_url + prefix + MODULE, wait_until="load")
    assert view_of(page) == LEARNER
    page.click(".portal-view__link[data-portal-view=trainer]")
    page.wait_for_function("() => location.hash === '#trainer-view'")
    assert view_of(page) == TRAINER
    page.click(".portal-view__link[data-portal-view=learner]")
    page.wait_for_function("() => location.hash === '#learner-view'")
    assert view_of(page) == LEARNER
    context.close()


def test_the_chosen_view_is_remembered_for_the_next_module(site_url, context):
    page, watch = watched_page(context)
    page.goto(site_url + MODULE, wait_until="load")
    assert view_of(page) == LEARNER
    page.click(".portal-view__link[data-portal-view=trainer]")
    page.wait_for_function("() => document.documentElement.dataset.portalView === 'trainer'")
    assert view_of(page) == TRAINER
    assert page.evaluate("[...document.querySelectorAll('details.solution')].every(d => d.open)")
    assert page.get_attribute(".portal-view__link[data-portal-view=trainer]", "aria-current") == "true"
    page.goto(site_url + "en/" + OTHER, wait_until="load")  # another module, the other language, no fragment
    page.wait_for_function("() => document.documentElement.dataset.portalView === 'trainer'")
    assert view_of(page) == TRAINER
    page.click(".portal-view__link[data-portal-view=learner]")
    page.wait_for_function("() => document.documentElement.dataset.portalView === 'learner'")
    page.goto(site_url + MODULE, wait_until="load")  # the learner view is the page as served: <html> is left alone
    page.wait_for_function("() => document.querySelector('.portal-view__link[data-portal-view=learner]').getAttribute('aria-current') === 'true'")
    assert page.evaluate("document.documentElement.hasAttribute('data-portal-view')") is False
    assert view_of(page) == LEARNER
    assert not watch.problems()


def test_the_print_book_keeps_the_trainer_notes(site_url, context):
    page = context.new_page()
    page.goto(site_url + "kurikulum/cetak/", wait_until="load")
    assert page.locator(".portal-view").count() == 0
    assert page.locator("details.trainer").first.is_visible()
