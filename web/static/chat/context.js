// What every part of the page shares: its elements, the server's limits (from the page's
// data-max-message-chars and data-max-history, set from its settings), the state of the
// conversation, and the small helpers that touch the thread.
"use strict";

import { STRINGS, browserLanguage, normaliseLanguage } from "./strings.js";
import { sessionId } from "./storage.js";

const $ = (id) => document.getElementById(id);

function positiveNumber(value, fallback) {
  const number = Number.parseInt(value || "", 10);
  return number > 0 ? number : fallback;
}

export const dom = {
  html: document.documentElement,
  body: document.body,
  conversation: $("conversation"),
  thread: $("thread"),
  starterChips: $("starter-chips"),
  profiles: $("profiles"),
  announcer: $("announcer"),
  form: $("composer"),
  input: $("question"),
  send: $("send"),
  language: $("ui-language"),
  newConversation: $("new-conversation"),
};

export const limits = {
  messageChars: positiveNumber(dom.body.dataset.maxMessageChars, 1000),
  history: positiveNumber(dom.body.dataset.maxHistory, 20),
};

export const state = {
  uiLang: normaliseLanguage(dom.body.dataset.lang) || browserLanguage(),
  explicitLang: null, // only set once the student picks a language in the selector
  history: [], // the student's previous messages, oldest first
  pending: false,
  conversation: 0, // bumped by "new conversation" so late answers are dropped
  controller: null,
  profiles: [],
  jobIndex: 0,
  turns: [], // what is kept in sessionStorage: [{question, data}], oldest first
  session: sessionId(),
};

export const apiUrl = dom.body.dataset.apiUrl || "/api/chat";
// Empty when the server records nothing (ADVISOR_LOG=off): then no vote buttons at all.
export const feedbackUrl = dom.body.dataset.feedbackUrl || "";
export const strings = () => STRINGS[state.uiLang];

export function announce(text) {
  dom.announcer.textContent = "";
  // A fresh text node in a later task makes screen readers announce it even
  // when the same text is announced twice in a row.
  window.setTimeout(() => {
    dom.announcer.textContent = text;
  }, 50);
}

function prefersReducedMotion() {
  return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Bring a new message into view; a long answer is shown from its question on. */
export function scrollIntoViewNicely(node) {
  const behavior = prefersReducedMotion() ? "auto" : "smooth";
  const room = dom.conversation.clientHeight;
  if (node.getBoundingClientRect().height <= room * 0.8) {
    node.scrollIntoView({ behavior, block: "end" });
    return;
  }
  const question = node.previousElementSibling;
  const fits =
    question &&
    question.classList.contains("message--student") &&
    question.getBoundingClientRect().height < room * 0.3;
  (fits ? question : node).scrollIntoView({ behavior, block: "start" });
}

export function append(item) {
  dom.thread.appendChild(item);
  return item;
}

export function updateSendButton() {
  const s = strings();
  dom.send.textContent = state.pending ? s.sending : s.send;
  dom.send.setAttribute("aria-disabled", String(state.pending));
}

export function setPending(pending) {
  state.pending = pending;
  dom.form.classList.toggle("is-pending", pending);
  dom.thread.setAttribute("aria-busy", String(pending));
  // aria-disabled rather than disabled: a focused button keeps its focus.
  for (const chip of document.querySelectorAll(".chip, .retry")) {
    if (pending) chip.setAttribute("aria-disabled", "true");
    else chip.removeAttribute("aria-disabled");
  }
  updateSendButton();
}
