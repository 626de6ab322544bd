// The chat panel inside the widget's iframe (/embed): the school's colour, and the few
// messages it exchanges with widget.js on the school's page. chat/main.js does the chatting.
"use strict";

(() => {
  const body = document.body;
  const framed = window.parent !== window;
  const WHITE = [255, 255, 255];

  // ------------------------------------------------ the school's colour, made readable

  function parseHex(value) {
    const hex = String(value || "").trim().replace(/^#/, "");
    if (!/^([0-9a-f]{3}|[0-9a-f]{6})$/i.test(hex)) return null;
    const full = hex.length === 3 ? hex.replace(/./g, "$&$&") : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16));
  }

  function luminance(rgb) {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  /** Darken until white text on it (and it on white) reaches `ratio`: any colour stays legible. */
  function darkenTo(rgb, ratio) {
    let color = rgb;
    for (let i = 0; i < 40 && contrast(color, WHITE) < ratio; i += 1) {
      color = color.map((v) => Math.floor(v * 0.92));
    }
    return color;
  }

  const css = (rgb) => `rgb(${rgb.join(", ")})`;
  const accent = parseHex(body.dataset.accent);
  if (accent) {
    // CSSOM writes are allowed by the page's CSP (only style attributes in markup are not).
    const root = document.documentElement.style;
    const primary = darkenTo(accent, 4.6);
    root.setProperty("--primary", css(primary));
    root.setProperty("--primary-dark", css(darkenTo(primary, 7.5)));
    root.setProperty("--primary-soft", css(accent.map((v) => Math.round(v * 0.1 + 255 * 0.9))));
  }

  if (!framed) return; // opened on its own: nothing to talk to

  // ------------------------------------------------------- talking to widget.js

  // The messages carry no data, only what happened, so "*" gives nothing away; widget.js
  // checks that they come from this origin and this frame.
  const post = (type) => window.parent.postMessage({ source: "advisor-embed", type }, "*");

  const close = document.getElementById("close-panel");
  close.hidden = false;
  close.addEventListener("click", () => post("close"));

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.defaultPrevented && !event.isComposing) post("close");
  });

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== window.parent || !data || data.source !== "advisor-widget") return;
    if (data.type === "focus") document.getElementById("question").focus();
  });

  post("ready");
})();
