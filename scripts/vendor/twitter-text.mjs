// Bundles the official twitter-text (npm, pinned in package-lock.json) for the
// caption workbench: docs/assets/javascripts/vendor/twitter-text/twitter-text.min.js.
// Run with `make vendor-twitter-text`; the output is committed, so a build needs no Node.
// Only what the workbench calls is bundled (parseTweet, extractUrlsWithIndices, configs).
// core-js 2 polyfills are left out: every browser the portal supports has ES2015.
import { build } from "esbuild";
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";

const out = "docs/assets/javascripts/vendor/twitter-text";
const version = JSON.parse(readFileSync("node_modules/twitter-text/package.json", "utf8")).version;
const twemoji = JSON.parse(readFileSync("node_modules/twemoji-parser/package.json", "utf8")).version;
mkdirSync(out, { recursive: true });
const noPolyfills = {
  name: "no-core-js",
  setup(b) {
    b.onResolve({ filter: /^core-js\// }, (args) => ({ path: args.path, namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};
await build({
  stdin: {
    contents: [
      'import parseTweet from "twitter-text/dist/esm/parseTweet";',
      'import extractUrlsWithIndices from "twitter-text/dist/esm/extractUrlsWithIndices";',
      'import configs from "twitter-text/dist/esm/configs";',
      `window.twttr = { parseTweet, extractUrlsWithIndices, configs, version: ${JSON.stringify(version)} };`,
    ].join("\n"),
    resolveDir: ".",
  },
  bundle: true, minify: true, format: "iife", target: "es2017", legalComments: "none", charset: "utf8",
  plugins: [noPolyfills], outfile: `${out}/twitter-text.min.js`,
  banner: { js: `/*! twitter-text ${version} (Apache-2.0, Twitter, Inc.) with twemoji-parser ${twemoji} (MIT) and punycode (MIT); see LICENSE and NOTICE.txt */` },
});
copyFileSync("node_modules/twitter-text/LICENSE", `${out}/LICENSE`);
copyFileSync("node_modules/twemoji-parser/LICENSE.md", `${out}/LICENSE-twemoji-parser.txt`);
copyFileSync("node_modules/punycode/LICENSE-MIT.txt", `${out}/LICENSE-punycode.txt`);
copyFileSync("node_modules/@babel/runtime/LICENSE", `${out}/LICENSE-babel-runtime.txt`);
writeFileSync(`${out}/NOTICE.txt`, [
  `twitter-text ${version}, from the npm package "twitter-text" (https://github.com/twitter/twitter-text), Apache License 2.0 (LICENSE).`,
  `Bundled with esbuild by scripts/vendor/twitter-text.mjs (make vendor-twitter-text), with its dependencies:`,
  `- twemoji-parser ${twemoji} (https://github.com/twitter/twemoji-parser), MIT License, Copyright Twitter, Inc. (LICENSE-twemoji-parser.txt)`,
  `- punycode ${JSON.parse(readFileSync("node_modules/punycode/package.json", "utf8")).version} (https://github.com/bestiejs/punycode.js), MIT License, Copyright Mathias Bynens (LICENSE-punycode.txt).`,
  `- @babel/runtime helpers, MIT License, Copyright the Babel authors (LICENSE-babel-runtime.txt).`,
  `core-js polyfills are left out. The versions are pinned in package-lock.json.`,
  "",
].join("\n"));
console.log(`twitter-text ${version} -> ${out}/twitter-text.min.js`);
