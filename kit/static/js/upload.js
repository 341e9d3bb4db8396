// Photo upload: drag and drop, one request per file with its own progress bar and a bar for
// the whole batch, then each photo's status polled until it is read (or fails).
// Without JavaScript the same form posts every file at once and the page lists their status.
(function () {
  "use strict";
  var POLL_MS = 2000;
  var form = document.querySelector("[data-upload]");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var labels = JSON.parse(document.getElementById("libelles-envoi").textContent);
  var template = document.getElementById("ligne-photo");
  var list = form.querySelector("[data-file-list]");
  var batch = form.querySelector("[data-batch]");
  var batchBar = form.querySelector("[data-batch-bar]");
  var batchText = form.querySelector("[data-batch-text]");
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var pending = {};  // photo id -> its row, until done or error
  var pollTimer = null;

  function addRow(file) {
    var row = template.content.firstElementChild.cloneNode(true);
    row.querySelector("[data-name]").textContent = file.name;
    list.appendChild(row);
    return row;
  }

  function setState(row, status, message) {
    var state = row.querySelector("[data-state]");
    state.textContent = labels[status] || status;
    state.className = "state photo-state--" + status;
    row.querySelector("[data-message]").textContent = message || "";
  }

  function updateBatch(sent, total, done, count) {
    batchBar.value = total ? Math.round(100 * sent / total) : 100;
    batchText.textContent = done + " / " + count;
  }

  function sendOne(file, row, onProgress) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrf_token", csrf);
      data.append("photos", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) {
          row.querySelector("[data-bar]").value = Math.round(100 * event.loaded / event.total);
          onProgress(event.loaded);
        }
      };
      xhr.onload = function () { resolve(answer(xhr, row)); };
      xhr.onerror = function () { setState(row, "error", labels.failed); resolve(); };
      setState(row, "sending");
      xhr.send(data);
    });
  }

  function answer(xhr, row) {
    row.querySelector("[data-bar]").value = 100;
    if (xhr.status === 413) { setState(row, "error", labels.too_big); return; }
    var body;
    try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
    var photo = body && body.photos && body.photos[0];
    if (!photo) { setState(row, "error", labels.failed); return; }
    setState(row, photo.status, photo.duplicate ? labels.duplicate : photo.message);
    if (photo.id && (photo.status === "queued" || photo.status === "processing")) {
      pending[photo.id] = row;
      schedulePoll();
    }
  }

  function sendAll(files) {
    var rows = files.map(addRow);
    var total = files.reduce(function (sum, f) { return sum + f.size; }, 0);
    var before = 0, done = 0;
    batch.hidden = false;
    updateBatch(0, total, 0, files.length);
    // one after the other: a phone on venue Wi-Fi does better than with parallel uploads
    return files.reduce(function (chain, file, i) {
      return chain.then(function () {
        return sendOne(file, rows[i], function (loaded) {
          updateBatch(before + loaded, total, done, files.length);
        }).then(function () {
          before += file.size;
          done += 1;
          updateBatch(before, total, done, files.length);
        });
      });
    }, Promise.resolve());
  }

  function schedulePoll() {
    if (!pollTimer) { pollTimer = window.setTimeout(poll, POLL_MS); }
  }

  function poll() {
    pollTimer = null;
    var ids = Object.keys(pending);
    if (!ids.length) { return; }
    var xhr = new XMLHttpRequest();
    xhr.open("GET", form.dataset.statusUrl + "?ids=" + ids.join(","));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () {
      var body = JSON.parse(xhr.responseText || "{}");
      (body.photos || []).forEach(function (photo) {
        var row = pending[photo.id];
        if (!row) { return; }
        setState(row, photo.status, photo.message);
        if (photo.status === "done" || photo.status === "error") { delete pending[photo.id]; }
      });
      schedulePoll();
    };
    xhr.onerror = schedulePoll;
    xhr.send();
  }

  function chosenFiles() {
    var files = [];
    form.querySelectorAll("[data-files]").forEach(function (input) {
      Array.prototype.push.apply(files, Array.prototype.slice.call(input.files));
    });
    return files;
  }

  function clearInputs() {
    form.querySelectorAll("[data-files]").forEach(function (input) { input.value = ""; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var files = chosenFiles();
    if (!files.length) { return; }
    clearInputs();
    sendAll(files);
  });

  var drop = form.querySelector("[data-drop]");
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) {
      event.preventDefault();
      drop.classList.add("upload__drop--over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove("upload__drop--over"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call(event.dataTransfer.files);
    if (files.length) { sendAll(files); }
  });

  // the photos already listed on the page (no-JS round trip) keep updating too
  document.querySelectorAll("[data-photo-id]").forEach(function (row) {
    var state = row.querySelector("[data-state]");
    if (/queued|processing/.test(state.className)) { pending[row.dataset.photoId] = row; }
  });
  schedulePoll();
}());
