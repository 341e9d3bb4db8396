/* A "copy" button beside a read-only field: [data-copy="<input id>"]. Without JavaScript
   (or without clipboard access) the button stays hidden and the field can be selected. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field) { return; }
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        field.focus();
        field.select();
        var done = function () {
          button.textContent = button.getAttribute("data-copied");
          window.setTimeout(function () { button.textContent = label; }, 2500);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, function () {
            if (document.execCommand("copy")) { done(); }
          });
        } else if (document.execCommand("copy")) {
          done();
        }
      });
    });
  });
}());
