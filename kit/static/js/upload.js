// Photo upload: photos leave as soon as they are chosen (or dropped), one request per file
// with a thumbnail, its size and its own progress bar, a bar for the whole batch, then each
// photo's status polled until it is read (or fails), and a summary of what to take again.
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
  var summary = form.querySelector("[data-summary]");
  var pending = {};  // photo id -> its row, until done or error
  var outcomes = [];  // one per file sent: {name, status, message}
  var pollTimer = null;

  function fileSize(bytes) {
    var lang = document.documentElement.lang || "fr";
    if (bytes >= 1048576) {
      return (bytes / 1048576).toLocaleString(lang, {maximumFractionDigits: 1}) + " " + labels.mb;
    }
    return Math.max(1, Math.round(bytes / 1024)) + " " + labels.kb;
  }

  function drawThumbnail(file, canvas) {
    // a canvas, not an <img src="blob:">: nothing for the content security policy to refuse
    // a file that is no image keeps an empty grey box, so that every row lines up
    if (!window.createImageBitmap) { return; }
    window.createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(canvas.width / bitmap.width, canvas.height / bitmap.height);
      var w = bitmap.width * scale, h = bitmap.height * scale;
      canvas.getContext("2d").drawImage(bitmap, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h);
    }).catch(function () { return null; });
  }

  function addRow(file) {
    var row = template.content.firstElementChild.cloneNode(true);
    row.querySelector("[data-name]").textContent = file.name;
    row.querySelector("[data-size]").textContent = fileSize(file.size);
    drawThumbnail(file, row.querySelector("[data-thumb]"));
    list.appendChild(row);
    return row;
  }

  // forms: the page's {zero, one, many} (its language says 0 in the singular or the plural)
  function plural(count, forms) {
    var form = count === 0 ? "zero" : (count === 1 ? "one" : "many");
    return forms[form].replace("%(num)s", count);
  }

  function showSummary() {
    if (!summary || !outcomes.length || Object.keys(pending).length) { return; }
    if (outcomes.some(function (o) { return o.status === "sending"; })) { return; }
    var read = outcomes.filter(function (o) { return o.status === "done"; }).length;
    var again = outcomes.filter(function (o) { return o.status === "error"; });
    var text = plural(outcomes.length, labels.sent) + ", " + plural(read, labels.read);
    if (again.length) {
      text += ", " + plural(again.length, labels.again) + " : " +
        again.map(function (o) {
          // the server's message usually names the file already
          if (!o.message) { return o.name; }
          return o.message.indexOf(o.name) === 0 ? o.message : o.name + " (" + o.message + ")";
        }).join(" ; ");
    } else {
      text += ". " + labels.all_sent;
    }
    summary.textContent = text;
    summary.hidden = false;
    summary.classList.toggle("upload__summary--again", again.length > 0);
  }

  function setState(row, status, message) {
    if (row.outcome) { row.outcome.status = status; row.outcome.message = message || ""; }
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
    rows.forEach(function (row, i) {
      row.outcome = {name: files[i].name, status: "sending", message: ""};
      outcomes.push(row.outcome);
    });
    if (summary) { summary.hidden = true; }
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
          showSummary();
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
      showSummary();
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

  function sendChosen() {
    var files = chosenFiles();
    if (!files.length) { return; }
    clearInputs();
    sendAll(files);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    sendChosen();
  });
  // chosen means sent: no second button to find on a phone
  form.querySelectorAll("[data-files]").forEach(function (input) {
    input.addEventListener("change", sendChosen);
  });
  form.querySelector("[data-submit]").hidden = true;
  form.querySelectorAll("[data-auto-hint]").forEach(function (el) { el.hidden = false; });

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
