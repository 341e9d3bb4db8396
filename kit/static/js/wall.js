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
  var SCROLL_PX_PER_S = 25;  // a column still too long at MIN_SCALE scrolls by itself, slowly
  var SCROLL_PAUSE_MS = 5000;  // at the top and at the bottom, time to read

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
      // a count not known (waiting for a person, or unreadable) is never shown as 0
      var votes = element("p", "wall-card__votes");
      if (card.votes_unreadable) {
        votes.className += " wall-card__votes--pending";
        votes.textContent = root.getAttribute("data-votes-unreadable");
      } else if (card.votes_pending || card.votes === null || card.votes === undefined) {
        votes.className += " wall-card__votes--pending";
        votes.textContent = root.getAttribute("data-votes-pending");
      } else {
        votes.textContent = plural(root, "votes", card.votes);
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

  function overflows(body) {
    return body.scrollHeight > body.clientHeight + 1;
  }

  function fitColumn(column) {
    // each column on its own: start from full size, shrink while it overflows
    var body = column.querySelector(".wall-column__body");
    var scale = 1;
    var next = function () { return Math.round((scale - SCALE_STEP) * 100) / 100; };
    column.style.setProperty("--wall-scale", String(scale));
    while (overflows(body) && next() >= MIN_SCALE) {
      scale = next();
      column.style.setProperty("--wall-scale", String(scale));
    }
    column.setAttribute("data-scale", String(scale));
    body.toggleAttribute("data-defile", overflows(body));
  }

  function fitToScreen() {
    document.querySelectorAll("#mur-colonnes .wall-column").forEach(fitColumn);
  }

  function scrollLongColumns() {
    // no one scrolls a projector: a column that does not fit goes down slowly, pauses at the
    // bottom, and starts again from the top (not for people who asked for less motion)
    if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      return;
    }
    var last = null;
    function step(now) {
      var seconds = last === null ? 0 : Math.min(0.1, (now - last) / 1000);
      last = now;
      document.querySelectorAll(".wall-column__body[data-defile]").forEach(function (body) {
        var wait = Number(body.getAttribute("data-pause") || 0);
        if (now < wait) { return; }
        var bottom = body.scrollHeight - body.clientHeight;
        if (body.scrollTop >= bottom - 1) {
          body.setAttribute("data-pause", String(now + SCROLL_PAUSE_MS));
          body.scrollTop = 0;
          return;
        }
        var position = Number(body.getAttribute("data-position") || body.scrollTop);
        position = Math.min(bottom, position + SCROLL_PX_PER_S * seconds);
        body.setAttribute("data-position", String(position));
        body.scrollTop = position;
        if (position >= bottom) {
          body.setAttribute("data-pause", String(now + SCROLL_PAUSE_MS));
          body.removeAttribute("data-position");
        }
      });
      window.requestAnimationFrame(step);
    }
    window.requestAnimationFrame(step);
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
    fitToScreen();
    columns.querySelectorAll("img").forEach(function (image) {
      image.addEventListener("load", function () { fitToScreen(); }, { once: true });
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
    fitToScreen();
    scrollLongColumns();
    window.addEventListener("resize", function () { fitToScreen(); });
    document.querySelectorAll("#mur-colonnes img").forEach(function (image) {
      image.addEventListener("load", function () { fitToScreen(); }, { once: true });
    });
    poll(root);
  });
}());
