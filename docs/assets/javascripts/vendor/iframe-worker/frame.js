/*
 * Inside the hidden frame shim.js makes for a worker (iframe-worker 1.0.4, MIT, see LICENSE):
 * what the worker's code expects of a worker's global scope. This was an inline script of the
 * frame's document in iframe-worker; a file here, so the page's Content-Security-Policy allows it.
 */
"use strict";
(function () {
  var self = document.currentScript, worker = self.getAttribute("data-worker");
  self.remove();  // Material's worker takes the frame's first script[src] for its own address
  window.postMessage = function (message, origin) { parent.postMessage(message, origin || "*"); };
  window.importScripts = function () {
    return [].slice.call(arguments).reduce(function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
