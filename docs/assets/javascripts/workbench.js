/* Portal Bimtek: the caption workbench (docs/alat/keterangan.md), loaded on that page only.
 *
 * Counts the caption in the text area for every platform the page lists, live,
 * with the rules the build wrote into each [data-platform] element from
 * docs/_data/platforms.yml (nothing here knows a limit). X is counted by the
 * official twitter-text (vendor/twitter-text/, window.twttr); the others count
 * code points after NFC. Hashtags and links are found as the build's checker
 * finds them (scripts/portal/captions.py): links by twitter-text, hashtags
 * outside links. Works offline; sends nothing; keeps nothing (no storage).
 * Each element's data-count, data-hashtags, data-links and data-problems say
 * what it shows, for people's tools and the tests. */
(function () {
  var root = document.querySelector("[data-portal-workbench]");
  if (!root || !window.twttr) return;
  var area = root.querySelector("textarea");
  var rows = Array.prototype.slice.call(root.querySelectorAll("[data-platform]"));
  var summary = root.querySelector(".portal-workbench__summary");
  var found = root.querySelector("[data-hashtag-list]");
  var warnings = root.querySelector("[data-warnings]");
  var word = function (key) { return root.getAttribute("data-word-" + key) || ""; };
  var HASHTAG = /(?<![&\p{L}\p{N}_])[#\uff03]([\p{L}\p{N}_]*[\p{L}\p{Nl}\p{No}][\p{L}\p{N}_]*)/gu;
  var CAMEL_CASE = /^#(?:[A-Z][a-z0-9]*|[0-9]+)+$/;
  var ANY_SCHEME = /(?<![\p{L}\p{N}_.+-])([a-z][a-z0-9+.-]*):\/\//giu;
  root.querySelector(".portal-workbench__nojs").hidden = true;

  function measure(raw) {
    var text = raw.trim().normalize("NFC");
    var urls = window.twttr.extractUrlsWithIndices(text);
    var inside = function (at) { return urls.some(function (u) { return u.indices[0] <= at && at < u.indices[1]; }); };
    var tags = [], match;
    HASHTAG.lastIndex = 0;
    while ((match = HASHTAG.exec(text)) !== null) {
      if (!inside(match.index)) tags.push("#" + match[1]);
    }
    var insecure = urls.filter(function (u) { return u.url.toLowerCase().indexOf("https://") !== 0; }).map(function (u) { return u.url; });
    ANY_SCHEME.lastIndex = 0;
    while ((match = ANY_SCHEME.exec(text)) !== null) {
      var scheme = match[1].toLowerCase();
      if (scheme !== "http" && scheme !== "https") insecure.push(text.slice(match.index).split(/\s/)[0]);
    }
    return { text: text, urls: urls, tags: tags, insecure: insecure };
  }

  function count(m, row) {
    if (row.getAttribute("data-counting") === "weighted") {
      var config = Object.assign({}, window.twttr.configs.defaults, { transformedURLLength: Number(row.getAttribute("data-url-length")) });
      return window.twttr.parseTweet(m.text, config).weightedLength;
    }
    return Array.from(m.text).length;
  }

  function item(text) {
    var li = document.createElement("li");
    li.textContent = text;
    return li;
  }

  function update() {
    var m = measure(area.value);
    var over = [];
    rows.forEach(function (row) {
      var n = count(m, row);
      var limit = Number(row.getAttribute("data-limit"));
      var max = row.getAttribute("data-max-hashtags");
      var problems = [];
      if (n > limit) problems.push("N011");
      if (max !== "" && m.tags.length > Number(max)) problems.push("N012");
      if (m.insecure.length) problems.push("N013");
      row.setAttribute("data-count", String(n));
      row.setAttribute("data-hashtags", String(m.tags.length));
      row.setAttribute("data-links", String(m.urls.length));
      row.setAttribute("data-problems", problems.join(" "));
      row.querySelector(".portal-platform__n").textContent = n.toLocaleString(document.documentElement.lang);
      row.querySelector(".portal-platform__t").textContent = String(m.tags.length);
      row.querySelector(".portal-platform__l").textContent = String(m.urls.length);
      var state = !m.text ? "state-empty" : problems.indexOf("N011") >= 0 ? "state-long" : problems.indexOf("N012") >= 0 ? "state-tags" : "state-ok";
      row.querySelector(".portal-platform__state").textContent = word(state);
      if (problems.indexOf("N011") >= 0 || problems.indexOf("N012") >= 0) over.push(row.querySelector(".portal-platform__name").textContent);
    });
    found.textContent = m.tags.length ? m.tags.join(" ") : word("none");
    found.setAttribute("data-tags", JSON.stringify(m.tags));
    summary.textContent = !m.text ? word("summary-empty") : over.length ? word("summary-over").replace("{names}", over.join(", ")) : word("summary-ok");
    warnings.textContent = "";
    m.tags.filter(function (tag) { return !CAMEL_CASE.test(tag); }).forEach(function (tag) {
      warnings.appendChild(item(word("warn-camel").replace("{tag}", tag)));
    });
    m.insecure.forEach(function (url) { warnings.appendChild(item(word("warn-http").replace("{url}", url))); });
  }

  area.addEventListener("input", update);
  if (area.value) update();
})();
