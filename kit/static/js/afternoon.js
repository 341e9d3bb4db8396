/* Afternoon groups: drag a card onto a group (or "Sans groupe", or "nouveau groupe") to move
   it. Dropping fills the card's own "Déplacer" form and submits it, so the keyboard path (the
   select and its button) and the mouse path do exactly the same thing. */
(function () {
  "use strict";
  var status = document.querySelector(".ag-status");
  var dragged = null;

  function say(key) {
    if (status && status.dataset[key]) { status.textContent = status.dataset[key]; }
  }

  function moveTo(entry, target) {
    var form = entry.querySelector("form.ag-move");
    var select = form && form.querySelector("select");
    if (!select) { return; }
    var option = select.querySelector('option[value="' + target + '"]');
    if (!option) { return; }  // already there
    select.value = target;
    say("moving");
    form.submit();
  }

  document.querySelectorAll(".ag-entry").forEach(function (entry) {
    entry.addEventListener("dragstart", function (event) {
      dragged = entry;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", entry.dataset.cardId);
      entry.classList.add("ag-entry--dragging");
    });
    entry.addEventListener("dragend", function () {
      entry.classList.remove("ag-entry--dragging");
      dragged = null;
    });
  });

  document.querySelectorAll("[data-drop-target]").forEach(function (zone) {
    zone.addEventListener("dragover", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      zone.classList.add("ag-drop");
    });
    zone.addEventListener("dragleave", function (event) {
      if (!zone.contains(event.relatedTarget)) { zone.classList.remove("ag-drop"); }
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("ag-drop");
      if (dragged) { moveTo(dragged, zone.dataset.dropTarget); }
    });
  });

  document.querySelectorAll("form.ag-print").forEach(function (form) {
    form.addEventListener("submit", function () { say("printing"); });
  });
}());
