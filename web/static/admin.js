/* Staff pages: follows a running index build, checks an upload's size before sending it, puts
 * the editor's cursor where an answer is to be written, warns before leaving unpublished edits,
 * and keeps a form from being sent twice. Everything still works without it (the forms post and
 * the page shows the result). Text from the server is only ever set with textContent; the
 * messages come in the page's language from the body's data-msg-* attributes. */
(function () {
  "use strict";

  var POLL_MS = 1000;
  var build = document.getElementById("build");
  var data = document.body.dataset;
  var locale = data.locale || "en";

  function message(name, values) {
    var text = data[name] || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(values[key]);
    });
    return text;
  }

  function setText(id, text) {
    var node = document.getElementById(id);
    if (node) node.textContent = text;
  }

  function followBuild() {
    fetch("/admin/status", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          setText("build-state", message("msgExpired"));
          return null;
        }
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (status) {
        if (!status) return;
        var state = status.build;
        if (state.state !== "running") {
          // The page shows the report, the new profiles and the versions: load it again.
          window.location.replace("/admin");
          return;
        }
        var progress = document.getElementById("build-progress");
        if (progress && state.progress.total > 0) {
          progress.max = state.progress.total;
          progress.value = state.progress.done;
          setText("build-count", state.progress.done + " / " + state.progress.total);
        }
        window.setTimeout(followBuild, POLL_MS);
      })
      .catch(function () {
        setText("build-state", message("msgOffline"));
        window.setTimeout(followBuild, POLL_MS * 3);
      });
  }

  if (build && build.dataset.state === "running") window.setTimeout(followBuild, POLL_MS);

  var maxUpload = Number(document.body.dataset.maxUpload || 0);
  var upload = document.getElementById("upload-form");
  if (upload) {
    upload.addEventListener("submit", function (event) {
      var input = document.getElementById("profile-file");
      var error = document.getElementById("upload-error");
      var file = input && input.files && input.files[0];
      if (file && maxUpload && file.size > maxUpload) {
        event.preventDefault();
        error.textContent = message("msgTooLarge", {
          name: file.name,
          size: file.size.toLocaleString(locale),
          max: maxUpload.toLocaleString(locale)
        });
        error.hidden = false;
        input.focus();
      }
    });
  }

  var editor = document.getElementById("profile-text");
  if (editor) {
    // "Answer it": the cursor on the new question's empty answer line, scrolled into view.
    var line = Number(editor.dataset.cursorLine || 0);
    if (line > 0) {
      var lines = editor.value.split("\n");
      var offset = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
      editor.focus();
      editor.setSelectionRange(offset, offset);
      var lineHeight = editor.scrollHeight / Math.max(lines.length, 1);
      editor.scrollTop = Math.max(0, (line - 5) * lineHeight);
    }
    // A preview: show what changes (below the text area), unless something went wrong above.
    var changes = document.getElementById("changes");
    if (changes && !document.getElementById("editor-error") && !line) {
      changes.scrollIntoView({ block: "start" });
    }
    var original = editor.value;
    var submitting = false;
    editor.form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && editor.value !== original) {
        event.preventDefault();
        event.returnValue = message("msgUnsaved");
      }
    });
  }

  // One click, one request: a second click while the page loads would post it again.
  Array.prototype.forEach.call(document.querySelectorAll("form[method=post]"), function (form) {
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return;
      var button = form.querySelector("button[type=submit]");
      if (button) {
        window.setTimeout(function () {
          button.disabled = true;
          button.setAttribute("aria-busy", "true");
        }, 0);
      }
    });
  });
})();
