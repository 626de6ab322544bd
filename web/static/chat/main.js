// Career-advisor chat page (and the widget's panel): the request cycle, the kept conversation
// and the events. Plain ES2020 modules, no dependencies; see context.js for what they share.
"use strict";

import { isAnswer, postQuestion, postVote } from "./api.js";
import {
  announce,
  apiUrl,
  append,
  dom,
  feedbackUrl,
  limits,
  scrollIntoViewNicely,
  setPending,
  state,
  strings,
} from "./context.js";
import { applyStrings, readProfiles } from "./profiles.js";
import { answerItem, errorItem, loadingItem, markVoted, studentItem } from "./render.js";
import { MAX_STORED_TURNS, saveConversation, savedConversation, storeVote } from "./storage.js";
import { STRINGS, normaliseLanguage } from "./strings.js";

const REQUEST_TIMEOUT_MS = 60000;
const SLOW_AFTER_MS = 8000;

function appendAnswer(data, quiet) {
  const answerLang = normaliseLanguage(data.language) || state.uiLang;
  const item = append(answerItem(data, answerLang, state.pending, Boolean(feedbackUrl)));
  if (!quiet) {
    const s = STRINGS[answerLang];
    const answer = typeof data.answer === "string" ? data.answer.trim() : "";
    announce((item.classList.contains("message--abstained") ? `${s.abstained}. ` : s.answerAnnouncement) + answer);
  }
  return item;
}

function showError(message, retryable, question, detail) {
  scrollIntoViewNicely(append(errorItem(message, retryable, question, detail, strings())));
  announce(message);
}

async function sendFeedback(button) {
  const wrap = button.closest(".feedback");
  if (!wrap || wrap.classList.contains("is-voted") || wrap.classList.contains("is-sending")) return;
  const answerLang = normaliseLanguage(wrap.closest(".message").lang) || state.uiLang;
  const s = STRINGS[answerLang];
  const helpful = button.dataset.helpful === "true";
  const answerId = wrap.dataset.answerId;
  wrap.classList.add("is-sending");
  const ok = await postVote(feedbackUrl, answerId, helpful);
  wrap.classList.remove("is-sending");
  if (ok) {
    markVoted(wrap, helpful, s.feedbackThanks);
    storeVote(answerId, helpful);
    announce(s.feedbackThanks);
  } else {
    wrap.querySelector(".feedback-status").textContent = s.feedbackFailed;
    announce(s.feedbackFailed);
  }
}

// --------------------------------------------------------------- request

/** A kind message in the student's language; the server's own text (4xx) as a detail. */
function describeFailure(status, serverMessage, retryAfter) {
  const s = strings();
  if (status === 0 || status >= 500) return { message: s.errorNetwork, retryable: true };
  if (status === 429) {
    const wait = retryAfter > 0 && retryAfter <= 3600 ? s.errorRateLimitWait(retryAfter) : s.errorRateLimit;
    return { message: wait, retryable: true };
  }
  if (status === 413) return { message: s.errorTooLong(limits.messageChars), retryable: false };
  return { message: s.errorGeneric, detail: serverMessage, retryable: false };
}

function payloadFor(message) {
  const payload = {
    message,
    history: state.history.slice(-limits.history),
    language: state.explicitLang,
    // The page's language answers a message too short to tell its own ("salut", "hoi").
    interface_language: state.uiLang,
  };
  // The job of the page (the widget's data-profile, /?profile=ID) answers questions that
  // name no job.
  if (dom.body.dataset.profile) payload.profile = dom.body.dataset.profile;
  return payload;
}

async function request(message) {
  const conversation = state.conversation;
  const controller = new AbortController();
  state.controller = controller;
  const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  setPending(true);
  const loading = append(loadingItem(strings()));
  announce(strings().loading);
  scrollIntoViewNicely(loading);
  // A slow advisor says so instead of leaving the dots alone for a minute.
  const slowTimer = window.setTimeout(() => {
    const text = loading.querySelector(".loading-text");
    if (text) text.textContent = strings().slow;
    announce(strings().slow);
  }, SLOW_AFTER_MS);
  const outcome = await postQuestion(apiUrl, payloadFor(message), state.session, controller.signal);
  window.clearTimeout(timer);
  window.clearTimeout(slowTimer);
  if (conversation !== state.conversation) return; // the student started over meanwhile
  state.controller = null;
  loading.remove();
  setPending(false);
  if (outcome.ok) {
    state.history.push(message);
    state.history.splice(0, Math.max(0, state.history.length - limits.history));
    scrollIntoViewNicely(appendAnswer(outcome.data));
    remember(message, outcome.data);
  } else {
    const failure = describeFailure(outcome.status, outcome.serverMessage, outcome.retryAfter);
    showError(failure.message, failure.retryable, message, failure.detail);
  }
}

/** Send a question; returns false when it was not sent (empty, too long, busy). */
function ask(text) {
  if (state.pending) return false;
  const message = String(text || "").trim();
  if (!message) {
    dom.input.focus();
    return false;
  }
  if (message.length > limits.messageChars) {
    showError(strings().errorTooLong(limits.messageChars), false, "");
    return false;
  }
  append(studentItem(message, strings()));
  request(message);
  return true;
}

function startNewConversation() {
  if (state.controller) state.controller.abort();
  state.controller = null;
  state.conversation += 1;
  state.history = [];
  state.turns = [];
  saveConversation(state.turns, state.explicitLang);
  dom.thread.textContent = "";
  setPending(false);
  dom.input.value = "";
  resizeInput();
  dom.conversation.scrollTop = 0;
  dom.input.focus();
  announce(strings().conversationCleared);
}

// ---------------------------------------------------------- persistence

function remember(question, data) {
  state.turns.push({ question, data });
  state.turns.splice(0, Math.max(0, state.turns.length - MAX_STORED_TURNS));
  saveConversation(state.turns, state.explicitLang);
}

/** Redraw the kept conversation, silently: nothing new to announce. */
function restoreConversation() {
  const saved = savedConversation();
  if (!saved) return;
  const code = normaliseLanguage(saved.lang);
  if (code) {
    state.explicitLang = code;
    state.uiLang = code;
  }
  const turns = Array.isArray(saved.turns) ? saved.turns : [];
  for (const turn of turns.slice(-MAX_STORED_TURNS)) {
    if (!turn || typeof turn.question !== "string" || !isAnswer(turn.data)) continue;
    append(studentItem(turn.question, strings()));
    appendAnswer(turn.data, true);
    state.turns.push(turn);
    state.history.push(turn.question);
  }
  state.history = state.history.slice(-limits.history);
  if (state.turns.length) dom.conversation.scrollTop = dom.conversation.scrollHeight;
}

// ------------------------------------------------------------ the input

const autoSizes = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");

function resizeInput() {
  if (autoSizes) return;
  // CSSOM writes are allowed by the CSP (only style attributes in markup are not).
  dom.input.style.height = "auto";
  dom.input.style.height = `${Math.min(dom.input.scrollHeight + 2, 160)}px`;
}

// --------------------------------------------------------------- events

function retry(button) {
  if (state.pending) return;
  const question = button.dataset.retry;
  const message = button.closest(".message");
  const focusInput = document.activeElement === button;
  if (message) message.remove();
  if (focusInput) dom.input.focus();
  if (question) request(question);
}

function showMorePassages(more) {
  const answer = more.closest(".message");
  const hidden = answer ? Array.from(answer.querySelectorAll(".quotes-item[hidden]")) : [];
  hidden.forEach((entry) => {
    entry.hidden = false;
  });
  more.remove();
  if (hidden.length) {
    // Keep the keyboard user's place: focus the first newly shown quote.
    const first = hidden[0].querySelector(".quote-text");
    if (first) {
      first.tabIndex = -1;
      first.focus();
    }
  }
}

function onThreadClick(event) {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const chip = target.closest(".chip");
  if (chip) {
    if (!state.pending && chip.dataset.question) ask(chip.dataset.question);
    return;
  }
  const vote = target.closest(".feedback-button");
  if (vote) return void sendFeedback(vote);
  const again = target.closest(".retry");
  if (again) return void retry(again);
  const more = target.closest(".more-passages");
  if (more) showMorePassages(more);
}

dom.form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (state.pending) return;
  if (ask(dom.input.value)) {
    dom.input.value = "";
    resizeInput();
  }
});

dom.input.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return;
  if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  dom.form.requestSubmit ? dom.form.requestSubmit() : dom.form.dispatchEvent(new Event("submit", { cancelable: true }));
});

dom.input.addEventListener("input", resizeInput);
dom.conversation.addEventListener("click", onThreadClick);

dom.language.addEventListener("change", () => {
  const code = normaliseLanguage(dom.language.value);
  if (!code) return;
  state.explicitLang = code;
  state.uiLang = code;
  applyStrings();
  saveConversation(state.turns, state.explicitLang);
});

dom.newConversation.addEventListener("click", startNewConversation);

// ----------------------------------------------------------------- start

readProfiles();
restoreConversation();
applyStrings();
resizeInput();
