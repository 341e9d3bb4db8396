/* Keyboard shortcuts of the review pages. Everything also works without this file: the
   pages are plain forms and links; this only binds the keys the pages announce.
   - Any element with aria-keyshortcuts="Alt+X" is clicked on Alt+X (the field page:
     Alt+I unreadable, Alt+V empty, Alt+P previous, Alt+S next). Enter needs nothing: it
     presses the form's first button, "Valider".
   - On the checkbox columns, a key pressed while a crop has the focus presses that crop's
     button carrying the same data-key (C checked, N unchecked, X flip). */
(function () {
  "use strict";

  function shortcutOf(event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) return null;
    // event.code first: on a Mac, Option+I types "ˆ", but the physical key is still KeyI
    var letter = /^Key([A-Z])$/.exec(event.code || "");
    var key = letter ? letter[1] : (event.key || "").toUpperCase();
    return "Alt+" + key;
  }

  function bindShortcuts() {
    var targets = {};
    document.querySelectorAll("[aria-keyshortcuts]").forEach(function (el) {
      el.getAttribute("aria-keyshortcuts").split(" ").forEach(function (combo) {
        targets[combo.toUpperCase()] = el;
      });
    });
    document.addEventListener("keydown", function (event) {
      var combo = shortcutOf(event);
      var target = combo && targets[combo.toUpperCase()];
      if (!target) return;
      event.preventDefault();
      target.click();
    });
  }

  function selectProposal() {
    // typing replaces the proposal at once; Enter alone confirms it
    var input = document.getElementById("valeur");
    if (input) {
      input.focus();
      input.select();
    }
  }

  function bindMarkKeys() {
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var item = document.activeElement && document.activeElement.closest(".mark");
      if (!item) return;
      var button = item.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
      if (!button) return;
      event.preventDefault();
      button.click();
    });
    // after a flip the page comes back at #case-N: keep the keyboard where the hand was
    var hash = window.location.hash;
    var item = hash && document.getElementById(hash.slice(1));
    var button = item && item.querySelector("button");
    if (button) button.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    bindShortcuts();
    selectProposal();
    bindMarkKeys();
  });
})();
