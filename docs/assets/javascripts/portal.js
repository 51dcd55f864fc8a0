/* Portal Bimtek: small accessibility fixes on top of Material's bundle.
 * Material wraps wide tables in a scrolling container at run time; a region
 * that scrolls must be reachable by keyboard (WCAG 2.1.1), so it gets
 * tabindex and a name while it scrolls (a phone turned sideways may make it
 * fit). A ResizeObserver reads the widths after the browser's own layout
 * instead of forcing one during start-up. Runs after every page load
 * (document$ is Material's). */
document$.subscribe(function () {
  var name = document.documentElement.lang === "en" ? "Table (scrolls sideways)" : "Tabel (dapat digeser ke samping)";
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var wrap = entry.target;
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name);
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  });
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) { observer.observe(wrap); });
});

/* Learner and trainer views of a module page (portal.curriculum.pages.view_switch).
 * The two links work without JavaScript (#learner-view / #trainer-view, read by
 * the stylesheet). Here the choice is remembered in this browser
 * (localStorage "portal.view") and applied to the next module page: the
 * trainer view opens the solutions and trainer notes at once. */
document$.subscribe(function () {
  var links = document.querySelectorAll(".portal-view__link[data-portal-view]");
  if (!links.length) return;
  var KEY = "portal.view";
  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function apply(view, remember) {
    var trainer = view === "trainer";
    // The learner view is the page as served: nothing to change, so a first
    // visit costs no style recalculation. Only the trainer view marks <html>.
    if (trainer) document.documentElement.setAttribute("data-portal-view", "trainer");
    else if (document.documentElement.hasAttribute("data-portal-view")) document.documentElement.setAttribute("data-portal-view", "learner");
    links.forEach(function (link) {
      if (link.getAttribute("data-portal-view") === (trainer ? "trainer" : "learner")) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    if (trainer || document.querySelector(".md-content details.solution[open], .md-content details.trainer[open]")) {
      document.querySelectorAll(".md-content details.solution, .md-content details.trainer").forEach(function (d) { d.open = trainer; });
    }
    if (remember) {
      try { window.localStorage.setItem(KEY, trainer ? "trainer" : "learner"); } catch (e) { /* private mode: the links still work */ }
    }
  }
  function fromHash() {
    var hash = window.location.hash;
    return hash === "#trainer-view" ? "trainer" : hash === "#learner-view" ? "learner" : null;
  }
  var chosen = fromHash();
  apply(chosen || stored() || "learner", chosen !== null);
  window.addEventListener("hashchange", function () {
    var view = fromHash();
    if (view) apply(view, true);
  });
});

/* The reader's clock, a second guard behind the build's. A narrative page
 * built while the narrative was in force carries its window
 * (data-portal-valid-until, and <time> values in the text). Once the
 * reader's clock is past it, the page says so in its own language, hides the
 * copy buttons (CSS, [data-portal-expired]) and drops the narrative from the
 * "in force" lists. Without JavaScript the page shows the build-time state
 * and the dates. Nothing secret is hidden here: the build leaves out what
 * may not be published. */
(function () {
  function expire() {
    var now = Date.now(), next = Infinity;
    document.querySelectorAll("[data-portal-valid-until]").forEach(function (el) {
      var until = Date.parse(el.getAttribute("data-portal-valid-until"));
      if (isNaN(until)) return;
      if (now <= until) { next = Math.min(next, until); return; }
      if (el.tagName === "DL") {
        var article = el.closest("article") || document.body;
        article.setAttribute("data-portal-expired", "");
        var status = el.querySelector("dd");
        if (status && el.dataset.portalExpiredStatus) status.textContent = el.dataset.portalExpiredStatus;
        var note = article.querySelector(".portal-expired-note");
        if (note) note.hidden = false;
      } else {
        var item = el.closest("li");
        if (item && !item.hidden) {
          item.hidden = true;
          var count = document.querySelector("[data-portal-in-force-count]");
          var list = item.closest("ul");
          if (count) {  // a narrative is listed under each of its topics: count each once
            var shown = {};
            document.querySelectorAll("li:not([hidden]) > a[data-portal-valid-until]").forEach(function (a) { shown[a.getAttribute("href")] = 1; });
            count.textContent = String(Object.keys(shown).length);
          }
          if (list && !list.querySelector("li:not([hidden])")) list.hidden = true;
        }
      }
      el.removeAttribute("data-portal-valid-until");
    });
    // A page left open across an expiry updates itself at that moment (timers cap at ~24.8 days).
    if (next !== Infinity && next - now < 2147483647) setTimeout(expire, next - now + 1000);
  }
  expire();
})();
