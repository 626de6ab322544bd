// The page's words in the language chosen, and the jobs the starter chips ask about.
"use strict";

import { dom, state, strings, updateSendButton } from "./context.js";
import { el, makeChip } from "./render.js";
import { jobLabel, normaliseLanguage } from "./strings.js";

export function applyStrings() {
  const s = strings();
  dom.html.lang = state.uiLang;
  document.title = s.pageTitle;
  const attributes = [
    ["i18n", (node, value) => { node.textContent = value; }],
    ["i18nPlaceholder", (node, value) => { node.placeholder = value; }],
    ["i18nAriaLabel", (node, value) => node.setAttribute("aria-label", value)],
    ["i18nTitle", (node, value) => { node.title = value; }],
  ];
  for (const [key, apply] of attributes) {
    const selector = `[data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const node of document.querySelectorAll(selector)) {
      const value = s[node.dataset[key]];
      if (typeof value === "string") apply(node, value);
    }
  }
  dom.language.value = state.uiLang;
  renderStarterChips();
  updateSendButton();
}

export function readProfiles() {
  if (!dom.profiles) return;
  const items = Array.from(dom.profiles.querySelectorAll(".profile"));
  state.profiles = items.map((item) => ({
    id: item.dataset.id || "",
    title: item.dataset.title || item.textContent.trim(),
    language: item.getAttribute("lang") || "",
  }));
  // The widget's data-profile names the job the starter questions ask about.
  const wanted = state.profiles.findIndex((p) => p.id && p.id === dom.body.dataset.profile);
  const preferred = state.profiles.findIndex((p) => normaliseLanguage(p.language) === state.uiLang);
  state.jobIndex = wanted >= 0 ? wanted : preferred >= 0 ? preferred : 0;
  if (items.length < 2) return;
  // Several jobs: let the student pick the one the topic chips ask about.
  items.forEach((item, index) => {
    const button = el("button", "profile-button", state.profiles[index].title);
    button.type = "button";
    button.dataset.profileIndex = String(index);
    button.setAttribute("aria-pressed", String(index === state.jobIndex));
    item.textContent = "";
    item.appendChild(button);
  });
  dom.profiles.addEventListener("click", (event) => {
    const button = event.target.closest(".profile-button");
    if (!button) return;
    state.jobIndex = Number(button.dataset.profileIndex) || 0;
    for (const other of dom.profiles.querySelectorAll(".profile-button")) {
      other.setAttribute("aria-pressed", String(other === button));
    }
    renderStarterChips();
  });
}

function renderStarterChips() {
  const profile = state.profiles[state.jobIndex];
  const job = profile ? jobLabel(profile.title) : "";
  dom.starterChips.textContent = "";
  for (const [label, withJob, generic] of strings().topics) {
    const question = job ? withJob.replace("{job}", job) : generic;
    dom.starterChips.appendChild(makeChip(label, question, "chip--topic", state.pending));
  }
}
