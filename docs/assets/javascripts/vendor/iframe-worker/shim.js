/*
 * iframe-worker 1.0.4 (npm), shim/index.js, MIT licence (see LICENSE), by Martin Donath;
 * rewritten readable for Portal Bimtek (see NOTICE.txt for what changed and why).
 * From file:// a browser runs no Web Worker, so Material's search worker runs in a hidden
 * <iframe> instead; the frame's set-up is frame.js beside this file, never an inline script.
 */
"use strict";
(function () {
  var frameScript = new URL("frame.js", document.currentScript.src).href;
  function attribute(value) { return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.m = (event) => {
        if (event.source === this.w) {
          this.dispatchEvent(new MessageEvent("message", { data: event.data }));
          if (this.onmessage) this.onmessage(event);
        }
      };
      this.e = (message, filename, lineno, colno, error) => {
        if (filename === `${this.url}`) {
          const event = new ErrorEvent("error", { message, filename, lineno, colno, error });
          this.dispatchEvent(event);
          if (this.onerror) this.onerror(event);
        }
      };
      const iframe = document.createElement("iframe");
      iframe.hidden = true;
      document.body.appendChild(this.iframe = iframe);
      this.w.document.open();
      this.w.document.write(
        `<html><body><script src="${attribute(frameScript)}" data-worker="${attribute(url)}"></script>` +
        `<script src="${attribute(url + "?" + Date.now())}"></script></body></html>`
      );
      this.w.document.close();
      onmessage = this.m;
      onerror = this.e;
      this.r = new Promise((resolve, reject) => { this.w.onload = resolve; this.w.onerror = reject; });
    }

    terminate() {
      this.iframe.remove();
      onmessage = onerror = null;
    }

    postMessage(data) {
      this.r.catch().then(() => { this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data }))); });
    }

    get w() { return this.iframe.contentWindow; }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
