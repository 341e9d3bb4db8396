/* The live wall (wall/index.html): asks the server for the wall's state every few seconds
   (data-state-url, JSON documented in the README: "Le mur en direct") and redraws the columns
   and the counter when it changed, without reloading the page. Without JavaScript the page
   shows the wall as it was when loaded. Every word comes from the page's data-* attributes
   (translated by the server). Also: a full-screen button, and a type size that shrinks until
   every column fits the screen (a projector has no one to scroll it). */
(function () {
  "use strict";

  var MIN_SCALE = 0.55;  // below this, type is no longer readable from the back of a room
  var SCALE_STEP = 0.05;

  function plural(root, name, count) {
    var form = count === 0 ? "zero" : (count === 1 ? "one" : "many");
    return root.getAttribute("data-" + name + "-" + form).replace("{n}", String(count));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function cardNode(root, card, isNeed) {
    var node = element("article", "wall-card");
    node.setAttribute("data-code", card.code);
    if (card.text) {
      node.appendChild(element("p", "wall-card__text", card.text));
    } else if (card.image) {
      var image = element("img", "wall-card__image");
      image.src = card.image;
      image.alt = root.getAttribute("data-image-alt").replace("{code}", card.code);
      node.appendChild(image);
    }
    if (isNeed) {
      var votes = element("p", "wall-card__votes");
      if (card.votes_pending) {
        votes.className += " wall-card__votes--pending";
        votes.textContent = root.getAttribute("data-votes-pending");
      } else {
        votes.textContent = plural(root, "votes", card.votes || 0);
      }
      node.appendChild(votes);
    }
    return node;
  }

  function clusterNode(root, cluster, isNeed) {
    var node = element("div", "wall-cluster" + (cluster.cards.length > 1 ? " wall-cluster--group" : ""));
    // the name is the first card's words: not said twice when that card heads the group
    if (cluster.name && cluster.name !== cluster.cards[0].text) {
      node.appendChild(element("h3", "wall-cluster__name", cluster.name));
    }
    cluster.cards.forEach(function (card) { node.appendChild(cardNode(root, card, isNeed)); });
    return node;
  }

  function columnNode(root, column) {
    var node = element("section", "wall-column wall-column--" + column.zone);
    node.setAttribute("data-zone", column.zone);
    node.setAttribute("aria-labelledby", "zone-" + column.zone);
    var title = element("h2", "wall-column__title", column.title);
    title.id = "zone-" + column.zone;
    node.appendChild(title);
    var body = element("div", "wall-column__body");
    column.clusters.forEach(function (cluster) {
      body.appendChild(clusterNode(root, cluster, column.zone === "besoins"));
    });
    if (!column.clusters.length) {
      body.appendChild(element("p", "wall-column__empty", root.getAttribute("data-empty")));
    }
    node.appendChild(body);
    return node;
  }

  function overflows(columns) {
    return Array.prototype.some.call(columns.querySelectorAll(".wall-column__body"), function (body) {
      return body.scrollHeight > body.clientHeight + 1;
    });
  }

  function fitToScreen(root) {
    // start from full size, then shrink one step at a time while a column overflows
    var columns = document.getElementById("mur-colonnes");
    var scale = 1;
    root.style.setProperty("--wall-scale", String(scale));
    while (overflows(columns) && scale - SCALE_STEP >= MIN_SCALE) {
      scale = Math.round((scale - SCALE_STEP) * 100) / 100;
      root.style.setProperty("--wall-scale", String(scale));
    }
    root.setAttribute("data-scale", String(scale));
  }

  function draw(root, state) {
    var columns = document.getElementById("mur-colonnes");
    var fresh = document.createDocumentFragment();
    state.columns.forEach(function (column) { fresh.appendChild(columnNode(root, column)); });
    columns.replaceChildren(fresh);
    document.querySelector('[data-count="waiting"]').textContent =
      plural(root, "waiting", state.counts.photos_waiting);
    document.querySelector('[data-count="shown"]').textContent =
      plural(root, "shown", state.counts.cards_shown);
    fitToScreen(root);
    columns.querySelectorAll("img").forEach(function (image) {
      image.addEventListener("load", function () { fitToScreen(root); }, { once: true });
    });
  }

  function poll(root) {
    var last = null;
    var stale = document.getElementById("mur-connexion");
    var every = 1000 * Number(root.getAttribute("data-poll-seconds") || 4);

    function ask() {
      fetch(root.getAttribute("data-state-url"), {
        credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" }
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      }).then(function (text) {
        stale.hidden = true;
        if (text !== last) {
          last = text;
          draw(root, JSON.parse(text));
          root.setAttribute("data-updates", String(Number(root.getAttribute("data-updates") || 0) + 1));
        }
      }).catch(function () {
        stale.textContent = root.getAttribute("data-stale");
        stale.hidden = false;
      }).then(function () { window.setTimeout(ask, every); });
    }
    ask();
  }

  function fullScreenButton() {
    var button = document.getElementById("mur-plein-ecran");
    if (!button || !document.documentElement.requestFullscreen) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        document.documentElement.requestFullscreen();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("mur");
    if (!root) { return; }
    fullScreenButton();
    fitToScreen(root);
    window.addEventListener("resize", function () { fitToScreen(root); });
    document.querySelectorAll("#mur-colonnes img").forEach(function (image) {
      image.addEventListener("load", function () { fitToScreen(root); }, { once: true });
    });
    poll(root);
  });
}());
