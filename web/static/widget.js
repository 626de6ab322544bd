/*! Career-advisor widget. One line in any page:
 *  <script src="https://ADVISOR/widget.js" data-title="…" data-color="#2b59c3"
 *          data-position="right" data-lang="fr" data-profile="…" async></script>
 * It draws a launcher button; the chat itself is the advisor's /embed page in an iframe, so the
 * host page's CSS and CSP never reach it. No cookie, no third-party script, and nothing more is
 * loaded until the student opens the panel. */
(function () {
  "use strict";

  if (window.__advisorWidget) return; // pasted twice: one widget
  var scripts = document.querySelectorAll("script[src*='widget.js']");
  var script = document.currentScript || scripts[scripts.length - 1];
  if (!script || !script.src) return;
  window.__advisorWidget = true;

  var SLOW_AFTER_MS = 4000; // then the panel says the advisor is slow
  var READY_TIMEOUT_MS = 12000; // the panel had this long to say it is there
  var LOAD_GRACE_MS = 1500; // after the frame's load event, a refused frame never says so
  var OPEN_KEY = "advisor-widget.open"; // host sessionStorage: reopen after navigation
  var WHITE = [255, 255, 255];
  var STRINGS = {
    fr: {
      title: "Conseiller métiers",
      connecting: "Connexion au conseiller…",
      slow: "Le conseiller met du temps à répondre, merci de patienter…",
      down: "Le conseiller n'est pas joignable depuis ce site pour le moment. Réessaie dans un instant.",
      retry: "Réessayer",
      close: "Fermer",
    },
    nl: {
      title: "Beroepenadviseur",
      connecting: "Verbinding met de adviseur…",
      slow: "De adviseur antwoordt traag, even geduld…",
      down: "De adviseur is vanaf deze site nu niet bereikbaar. Probeer het zo meteen opnieuw.",
      retry: "Opnieuw proberen",
      close: "Sluiten",
    },
    en: {
      title: "Career advisor",
      connecting: "Connecting to the advisor…",
      slow: "The advisor is slow to answer, please hang on…",
      down: "The advisor can't be reached from this site right now. Please try again in a moment.",
      retry: "Try again",
      close: "Close",
    },
  };

  // ------------------------------------------------------------------ settings

  var data = script.dataset;
  function pickLang() {
    var candidates = [data.lang, document.documentElement.lang].concat(navigator.languages || []);
    for (var i = 0; i < candidates.length; i += 1) {
      var code = String(candidates[i] || "").slice(0, 2).toLowerCase();
      if (STRINGS[code]) return code;
    }
    return "fr";
  }
  var lang = pickLang();
  var s = STRINGS[lang];
  var title = String(data.title || "").trim().slice(0, 60);
  var color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color || "") ? data.color : "";
  var left = data.position === "left";
  var profile = /^[\w-]{1,80}$/.test(data.profile || "") ? data.profile : "";

  var embedUrl = new URL("embed", script.src);
  var advisorOrigin = embedUrl.origin;
  embedUrl.searchParams.set("lang", lang);
  if (title) embedUrl.searchParams.set("title", title);
  if (color) embedUrl.searchParams.set("color", color);
  if (profile) embedUrl.searchParams.set("profile", profile);

  /** White text on the launcher stays legible whatever colour the school picks. */
  function readable(hex) {
    var h = hex.replace("#", "");
    if (h.length === 3) h = h.replace(/./g, "$&$&");
    var rgb = [0, 2, 4].map(function (i) {
      return parseInt(h.slice(i, i + 2), 16);
    });
    function lum(c) {
      var v = c.map(function (x) {
        x /= 255;
        return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
      });
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    }
    for (var i = 0; i < 40 && 1.05 / (lum(rgb) + 0.05) < 4.6; i += 1) {
      rgb = rgb.map(function (x) {
        return Math.floor(x * 0.92);
      });
    }
    return "rgb(" + rgb.join(",") + ")";
  }

  function store(value) {
    try {
      if (value === undefined) return window.sessionStorage.getItem(OPEN_KEY) === "1";
      if (value) window.sessionStorage.setItem(OPEN_KEY, "1");
      else window.sessionStorage.removeItem(OPEN_KEY);
    } catch (_) {
      // Storage refused by the browser: the panel simply starts closed on the next page.
    }
    return false;
  }

  // ----------------------------------------------------------------- the DOM

  // Shadow DOM keeps the host page's selectors (*, div, button, iframe…) off our elements;
  // the host element itself is pinned with inline !important styles, which no stylesheet beats.
  // It is a manual popover: in the top layer, a filter, opacity or transform the page puts on
  // <html> or <body> cannot reach it. Being 0×0 with overflow hidden, it also hides whatever
  // ::before/::after content the page's CSS gives it; our fixed boxes are not clipped.
  var host = document.createElement("advisor-widget");
  var hostStyle = {
    all: "initial",
    display: "block",
    position: "fixed",
    top: "0",
    left: "0",
    width: "0",
    height: "0",
    margin: "0",
    padding: "0",
    border: "0",
    overflow: "hidden",
    "z-index": "2147483647",
  };
  Object.keys(hostStyle).forEach(function (name) {
    host.style.setProperty(name, hostStyle[name], "important");
  });
  var root = host.attachShadow({ mode: "open" });

  var CSS =
    "*{box-sizing:border-box}" +
    ".w{--c:#2b59c3;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c2333}" +
    ".launcher{position:fixed;bottom:20px;right:20px;display:flex;align-items:center;gap:8px;" +
    "min-height:52px;max-width:calc(100vw - 40px);margin:0;padding:0 20px 0 16px;border:2px solid #fff;" +
    "border-radius:26px;background:var(--c);color:#fff;font-family:inherit;font-size:16px;font-weight:600;line-height:1.2;" +
    "box-shadow:0 4px 16px rgba(0,0,0,.3);cursor:pointer;text-align:left}" +
    ".launcher svg{flex:none;width:24px;height:24px}" +
    ".launcher span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}" +
    ".launcher:hover{box-shadow:0 6px 20px rgba(0,0,0,.4)}" +
    "button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}" +
    ".left .launcher,.left .panel{right:auto;left:20px}" +
    ".panel{position:fixed;bottom:88px;right:20px;width:384px;height:640px;max-width:calc(100vw - 40px);" +
    "max-height:calc(100vh - 108px);overflow:hidden;border:1px solid rgba(0,0,0,.2);border-radius:16px;" +
    "background:#fff;box-shadow:0 12px 48px rgba(0,0,0,.35)}" +
    ".panel[hidden],.status[hidden]{display:none}" +
    "iframe{display:block;width:100%;height:100%;margin:0;border:0;background:#fff}" +
    ".status{position:absolute;top:0;right:0;bottom:0;left:0;display:flex;flex-direction:column;" +
    "align-items:center;justify-content:center;gap:16px;padding:24px;background:#fff;text-align:center}" +
    ".status p{margin:0;max-width:30em}" +
    ".status button{min-height:44px;padding:0 20px;border:2px solid var(--c);border-radius:22px;" +
    "background:#fff;color:var(--c);font-family:inherit;font-size:15px;font-weight:600;line-height:1.2;cursor:pointer}" +
    ".status .retry{background:var(--c);color:#fff}" +
    ".actions{display:flex;flex-wrap:wrap;justify-content:center;gap:8px}" +
    "@media (max-width:520px),(max-height:520px){.panel,.left .panel{top:0;right:0;bottom:0;left:0;" +
    "width:auto;height:auto;max-width:none;max-height:none;border:0;border-radius:0}" +
    ".open .launcher{visibility:hidden}}" +
    "@media print{.w{display:none}}";
  // A constructed sheet is not an inline <style>, so a strict host CSP lets it through.
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch (_) {
    var style = document.createElement("style");
    style.textContent = CSS;
    root.appendChild(style);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  var wrap = el("div", left ? "w left" : "w");
  wrap.style.setProperty("--c", readable(color || "#2b59c3"));

  var launcher = el("button", "launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "advisor-panel");
  var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute(
    "d",
    "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z",
  );
  svg.appendChild(path);
  launcher.appendChild(svg);
  launcher.appendChild(el("span", "", title || s.title));

  var panel = el("div", "panel");
  panel.id = "advisor-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title || s.title);

  var status = el("div", "status");
  status.setAttribute("role", "status");
  var statusText = el("p", "", s.connecting);
  var actions = el("div", "actions");
  var retry = el("button", "retry", s.retry);
  retry.type = "button";
  retry.hidden = true;
  var closeButton = el("button", "", s.close);
  closeButton.type = "button";
  actions.appendChild(retry);
  actions.appendChild(closeButton);
  status.appendChild(statusText);
  status.appendChild(actions);
  panel.appendChild(status);

  wrap.appendChild(launcher);
  wrap.appendChild(panel);
  root.appendChild(wrap);

  // -------------------------------------------------------------- behaviour

  var frame = null;
  var ready = false;
  var focusWhenReady = false;
  var timers = [];

  function clearTimers() {
    timers.forEach(clearTimeout);
    timers = [];
  }

  function showStatus(failed) {
    status.hidden = false;
    statusText.textContent = failed ? s.down : s.connecting;
    retry.hidden = !failed;
  }

  function fail() {
    if (ready) return;
    clearTimers();
    showStatus(true);
    if (window.console) {
      console.warn(
        "advisor widget: " + embedUrl.origin + "/embed did not load. Is the advisor up, and is " +
          location.origin + " in its ADVISOR_ALLOWED_ORIGINS?",
      );
    }
  }

  function post(type) {
    if (frame && frame.contentWindow) {
      frame.contentWindow.postMessage({ source: "advisor-widget", type: type }, advisorOrigin);
    }
  }

  function buildFrame() {
    if (frame) frame.remove();
    clearTimers();
    ready = false;
    showStatus(false);
    frame = document.createElement("iframe");
    frame.title = title || s.title;
    frame.src = embedUrl.href;
    frame.referrerPolicy = "no-referrer";
    // Scripts and its own storage, but never navigating the school's page.
    frame.setAttribute(
      "sandbox",
      "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox",
    );
    frame.addEventListener("load", function () {
      // A frame the advisor refuses (frame-ancestors) or cannot serve still fires "load".
      timers.push(setTimeout(fail, LOAD_GRACE_MS));
    });
    timers.push(
      setTimeout(function () {
        statusText.textContent = s.slow;
      }, SLOW_AFTER_MS),
    );
    timers.push(setTimeout(fail, READY_TIMEOUT_MS));
    panel.insertBefore(frame, status);
  }

  function open(focus) {
    if (!frame) buildFrame();
    panel.hidden = false;
    wrap.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    store(true);
    if (!focus) return;
    if (ready) {
      frame.focus();
      post("focus");
    } else {
      focusWhenReady = true;
      (status.hidden ? frame : closeButton).focus();
    }
  }

  function close() {
    panel.hidden = true;
    wrap.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    store(false);
    focusWhenReady = false;
    launcher.focus();
  }

  launcher.addEventListener("click", function () {
    if (panel.hidden) open(true);
    else close();
  });
  closeButton.addEventListener("click", close);
  retry.addEventListener("click", function () {
    buildFrame();
    focusWhenReady = true;
    closeButton.focus();
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });

  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (!frame || event.source !== frame.contentWindow || event.origin !== advisorOrigin) return;
    if (!msg || msg.source !== "advisor-embed") return;
    if (msg.type === "ready") {
      ready = true;
      clearTimers();
      status.hidden = true;
      if (focusWhenReady && !panel.hidden) {
        focusWhenReady = false;
        frame.focus();
        post("focus");
      }
    } else if (msg.type === "close" && !panel.hidden) {
      close();
    }
  });

  function mount() {
    (document.body || document.documentElement).appendChild(host);
    if (host.showPopover) {
      host.setAttribute("popover", "manual");
      try {
        host.showPopover();
      } catch (_) {
        // Already shown or refused: it stays a plain fixed element, which works too.
      }
    }
    // Open on the previous page: open again, once the page itself has loaded, without
    // taking the focus from the student.
    if (store()) {
      if (document.readyState === "complete") open(false);
      else window.addEventListener("load", function () { open(false); });
    }
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
