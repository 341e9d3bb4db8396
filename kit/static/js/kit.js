// The kit drawn in the background: poll its status, move the bar and the status line, and
// reload the page once it is done or failed (the page then lists the new files, or the error).
// Without JavaScript the page refreshes itself (a <noscript> meta refresh) and has a link.
(function () {
  "use strict";
  var POLL_MS = 1500;  // a 300-pack kit takes 4-8 s: a few steps of the bar
  var RETRY_MS = 6000;  // the server did not answer: try again, more slowly
  var box = document.querySelector("[data-kit-job]");
  if (!box || !window.XMLHttpRequest) { return; }
  var labels = JSON.parse(document.getElementById("libelles-kit").textContent);
  var bar = box.querySelector("[data-kit-bar]");
  var text = box.querySelector("[data-kit-text]");

  function show(state) {
    bar.value = state.progress;
    bar.textContent = state.progress + "\u00a0%";
    var line = state.status === "queued" ? labels.queued
      : labels.running.replace("{percent}", state.progress);
    if (text.textContent !== line) { text.textContent = line; }  // no repeat for screen readers
  }

  function answer(xhr) {
    var state;
    try { state = JSON.parse(xhr.responseText); } catch (e) { state = null; }
    if (xhr.status !== 200 || !state) { window.setTimeout(poll, RETRY_MS); return; }
    if (state.status === "queued" || state.status === "running") {
      show(state);
      window.setTimeout(poll, POLL_MS);
    } else {
      window.location.reload();
    }
  }

  function poll() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", box.getAttribute("data-status-url"));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () { answer(xhr); };
    xhr.onerror = function () { window.setTimeout(poll, RETRY_MS); };
    xhr.send();
  }

  window.setTimeout(poll, POLL_MS);
})();
