// The network map (issue 12): search, highlight, zoom. The SVG is drawn by the server; this
// file only toggles classes. No library, no inline script (strict CSP).
(function () {
  "use strict";
  var svg = document.getElementById("network-svg");
  var input = document.getElementById("network-search");
  var status = document.getElementById("network-status");
  if (!svg || !input) { return; }
  var map = document.getElementById("network-map");
  var nodes = Array.prototype.slice.call(svg.querySelectorAll(".node"));
  var edges = Array.prototype.slice.call(svg.querySelectorAll(".edge"));
  var byId = {};
  var links = {};
  nodes.forEach(function (node) { byId[node.getAttribute("data-node")] = node; });
  edges.forEach(function (edge) {
    var a = edge.getAttribute("data-source"), b = edge.getAttribute("data-target");
    (links[a] = links[a] || []).push([edge, b]);
    (links[b] = links[b] || []).push([edge, a]);
  });
  var width = parseFloat(svg.getAttribute("width"));
  var height = parseFloat(svg.getAttribute("height"));
  var zoom = 1;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^0-9a-z]+/g, " ").trim();
  }

  function clear() {
    svg.classList.remove("is-highlighting");
    svg.querySelectorAll(".is-lit, .is-found").forEach(function (el) {
      el.classList.remove("is-lit", "is-found");
    });
    document.querySelectorAll(".network__row.is-found").forEach(function (row) {
      row.classList.remove("is-found");
    });
  }

  function light(ids) {
    clear();
    if (!ids.length) { return; }
    svg.classList.add("is-highlighting");
    ids.forEach(function (id) {
      var node = byId[id];
      if (!node) { return; }
      node.classList.add("is-found", "is-lit");
      (links[id] || []).forEach(function (pair) {
        pair[0].classList.add("is-lit");
        if (byId[pair[1]]) { byId[pair[1]].classList.add("is-lit"); }
      });
      var row = document.getElementById("row-" + id);
      if (row) { row.classList.add("is-found"); }
    });
  }

  function reveal(id) {
    var node = byId[id];
    if (node && node.scrollIntoView) {
      node.scrollIntoView({block: "center", inline: "center"});
    }
  }

  function search() {
    var words = fold(input.value).split(" ").filter(Boolean);
    if (!words.length) { clear(); status.textContent = ""; return; }
    var found = nodes.filter(function (node) {
      if (node.classList.contains("node--need")) { return false; }
      var haystack = node.getAttribute("data-search");
      return words.every(function (word) { return haystack.indexOf(word) !== -1; });
    }).map(function (node) { return node.getAttribute("data-node"); });
    light(found);
    status.textContent = found.length ?
      (status.getAttribute("data-found") || "{n}").replace("{n}", found.length) :
      (status.getAttribute("data-none") || "0");
    if (found.length) { reveal(found[0]); }
  }

  function setZoom(factor) {
    zoom = Math.min(3, Math.max(0.3, zoom * factor));
    svg.setAttribute("width", Math.round(width * zoom));
    svg.setAttribute("height", Math.round(height * zoom));
  }

  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      search();
      var first = svg.querySelector(".node.is-found[tabindex]");
      if (first) { first.focus(); }
    }
  });
  document.getElementById("network-clear").addEventListener("click", function () {
    input.value = ""; clear(); status.textContent = ""; input.focus();
  });
  document.getElementById("network-zoom-in").addEventListener("click", function () { setZoom(1.25); });
  document.getElementById("network-zoom-out").addEventListener("click", function () { setZoom(0.8); });
  nodes.forEach(function (node) {
    node.addEventListener("focus", function () { light([node.getAttribute("data-node")]); });
    node.addEventListener("click", function () { light([node.getAttribute("data-node")]); });
    node.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        var row = document.getElementById("row-" + node.getAttribute("data-node"));
        if (row) { row.scrollIntoView({block: "center"}); row.querySelector("button").focus(); }
      }
    });
  });
  document.querySelectorAll("[data-show]").forEach(function (button) {
    button.addEventListener("click", function () {
      var id = button.getAttribute("data-show");
      light([id]);
      if (byId[id]) { byId[id].focus({preventScroll: true}); reveal(id); }
    });
  });
  if (map) { map.classList.add("is-scripted"); }
})();
