/* Staff page: follows a running index build, checks an upload's size before sending it, and
 * keeps a form from being sent twice. Everything still works without it (the forms post and
 * the page shows the result). Text from the server is only ever set with textContent. */
(function () {
  "use strict";

  var POLL_MS = 1000;
  var build = document.getElementById("build");

  function setText(id, text) {
    var node = document.getElementById(id);
    if (node) node.textContent = text;
  }

  function followBuild() {
    fetch("/admin/status", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          setText("build-state", "Your session has expired: reload the page and log in again.");
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
        setText("build-state", "The server does not answer; retrying…");
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
        error.textContent =
          file.name + " is " + file.size.toLocaleString("en") + " bytes: a profile may have " +
          maxUpload.toLocaleString("en") + ".";
        error.hidden = false;
        input.focus();
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
