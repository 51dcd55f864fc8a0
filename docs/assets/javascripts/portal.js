/* Portal Bimtek: small accessibility fixes on top of Material's bundle.
 * Material wraps wide tables in a scrolling container at run time; a region
 * that scrolls must be reachable by keyboard (WCAG 2.1.1), so it gets
 * tabindex and a name. Runs after every page load (document$ is Material's). */
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", document.documentElement.lang === "en" ? "Table (scrolls sideways)" : "Tabel (dapat digeser ke samping)");
    }
  });
});
