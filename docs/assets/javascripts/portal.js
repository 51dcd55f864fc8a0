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
