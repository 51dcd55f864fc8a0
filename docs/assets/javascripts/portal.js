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
