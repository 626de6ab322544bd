// The thread's messages as DOM nodes: the student's question, the advisor's answer with its
// quotes, chips and vote buttons, the loading dots and errors.
//
// Security rule for this file: every piece of text that comes from the server (answers,
// quoted passages, suggestions, profile titles) or from the student is inserted with
// textContent / createTextNode only. Never innerHTML.
"use strict";

import { KIND } from "./api.js";
import { renderComparison, renderJobChips, renderJobList } from "./choosing.js";
import { STRINGS, normaliseLanguage } from "./strings.js";
import { storedVotes } from "./storage.js";

const VISIBLE_PASSAGES = 3;
const MAX_SUGGESTIONS = 6;

/** Create an element with optional class and text (always via textContent). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** A chip that asks `question`; `pending`: shown disabled while an answer is awaited. */
export function makeChip(label, question, extraClass, pending) {
  const chip = el("button", extraClass ? `chip ${extraClass}` : "chip", label);
  chip.type = "button";
  chip.dataset.question = question;
  if (label !== question) chip.title = question;
  if (pending) chip.setAttribute("aria-disabled", "true");
  return chip;
}

export function studentItem(text, s) {
  const item = el("li", "message message--student");
  item.appendChild(el("p", "message-author visually-hidden", s.studentName));
  item.appendChild(el("p", "message-text", text));
  return item;
}

export function loadingItem(s) {
  const item = el("li", "message message--advisor message--loading");
  const dots = el("span", "dots");
  dots.setAttribute("aria-hidden", "true");
  for (let i = 0; i < 3; i += 1) dots.appendChild(el("span", "dot"));
  item.appendChild(dots);
  item.appendChild(el("span", "loading-text", s.loading));
  return item;
}

export function errorItem(message, retryable, question, detail, s) {
  // Not role="alert": the polite announcer already reads the message out.
  const item = el("li", "message message--advisor message--error");
  item.appendChild(el("p", "error-text", message));
  if (detail) item.appendChild(el("p", "error-detail", detail));
  if (retryable) {
    const retry = el("button", "button button--ghost retry", s.retry);
    retry.type = "button";
    retry.dataset.retry = question;
    item.appendChild(retry);
  }
  return item;
}

/** Build the quoted text, wrapping the first occurrence of `highlight` in <mark>. */
function quoteBody(text, highlight) {
  const fragment = document.createDocumentFragment();
  let needle = typeof highlight === "string" ? highlight : "";
  let at = needle ? text.indexOf(needle) : -1;
  if (at < 0 && needle.trim()) {
    needle = needle.trim();
    at = text.indexOf(needle);
  }
  if (at < 0) {
    fragment.appendChild(document.createTextNode(text));
    return fragment;
  }
  if (at > 0) fragment.appendChild(document.createTextNode(text.slice(0, at)));
  fragment.appendChild(el("mark", null, needle));
  const rest = text.slice(at + needle.length);
  if (rest) fragment.appendChild(document.createTextNode(rest));
  return fragment;
}

function passageCaption(passage, source, s) {
  const caption = el("figcaption", "quote-caption");
  const section = typeof passage.section === "string" ? passage.section.trim() : "";
  const profile = typeof passage.profile === "string" ? passage.profile.trim() : "";
  if (section) caption.appendChild(el("span", "quote-section", section));
  if (section && profile) caption.appendChild(document.createTextNode(" — "));
  if (profile) caption.appendChild(el("span", "quote-profile", profile));
  if (source) {
    caption.appendChild(document.createTextNode(" · "));
    const link = el("a", "quote-source", s.source);
    link.href = source;
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    caption.appendChild(link);
  }
  return caption;
}

export function renderPassage(passage, answerLang) {
  const s = STRINGS[answerLang];
  const text = typeof passage.text === "string" ? passage.text.trim() : "";
  const figure = el("figure", "quote");
  const quote = el("blockquote", "quote-text");
  const passageLang = normaliseLanguage(passage.language);
  if (passageLang) quote.lang = passageLang;
  const source = typeof passage.source === "string" ? passage.source : "";
  const webSource = /^https?:\/\//i.test(source) ? source : "";
  if (webSource) quote.cite = webSource;
  quote.appendChild(quoteBody(text, passage.highlight));
  figure.appendChild(quote);
  const caption = passageCaption(passage, webSource, s);
  if (caption.childNodes.length) figure.appendChild(caption);
  if (passageLang && passageLang !== answerLang) {
    figure.appendChild(el("p", "quote-language", s.passageIn[passageLang]));
  }
  return figure;
}

function renderQuotes(item, passages, answerLang, s) {
  const usable = passages.filter((p) => p && typeof p.text === "string" && p.text.trim());
  if (!usable.length) return;
  const quotes = el("ol", "quotes");
  quotes.setAttribute("aria-label", s.quotesLabel);
  usable.forEach((passage, index) => {
    const entry = el("li", "quotes-item");
    entry.appendChild(renderPassage(passage, answerLang));
    if (index >= VISIBLE_PASSAGES) entry.hidden = true;
    quotes.appendChild(entry);
  });
  item.appendChild(quotes);
  const hiddenCount = usable.length - VISIBLE_PASSAGES;
  if (hiddenCount > 0) {
    const more = el("button", "button button--link more-passages", s.morePassages(hiddenCount));
    more.type = "button";
    more.setAttribute("aria-expanded", "false");
    item.appendChild(more);
  }
}

function renderSuggestions(container, suggestions, s, pending) {
  const list = (Array.isArray(suggestions) ? suggestions : [])
    .filter((q) => typeof q === "string" && q.trim())
    .slice(0, MAX_SUGGESTIONS);
  if (!list.length) return;
  const wrap = el("div", "suggestions");
  const intro = el("p", "chips-intro", s.suggestionsLabel);
  intro.id = `suggestions-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const chips = el("div", "chips");
  chips.setAttribute("role", "group");
  chips.setAttribute("aria-labelledby", intro.id);
  for (const question of list) chips.appendChild(makeChip(question.trim(), question.trim(), "", pending));
  wrap.append(intro, chips);
  container.appendChild(wrap);
}

/** The vote buttons' state once a vote is given. */
export function markVoted(wrap, helpful, message) {
  for (const button of wrap.querySelectorAll(".feedback-button")) {
    button.setAttribute("aria-pressed", String(button.dataset.helpful === String(helpful)));
    // aria-disabled rather than disabled: the button just pressed keeps the focus.
    button.setAttribute("aria-disabled", "true");
  }
  wrap.classList.add("is-voted");
  wrap.querySelector(".feedback-status").textContent = message;
}

/** "Utile / Pas utile" under an answer: two real buttons, one vote, a short thank-you. */
function renderFeedback(container, data, s) {
  const answerId = typeof data.id === "string" ? data.id : "";
  if (!answerId || data.kind === KIND.SMALLTALK) return;
  const wrap = el("div", "feedback");
  wrap.dataset.answerId = answerId;
  const label = el("span", "feedback-label", s.feedbackQuestion);
  label.id = `feedback-${answerId}`;
  wrap.setAttribute("role", "group");
  wrap.setAttribute("aria-labelledby", label.id);
  wrap.appendChild(label);
  for (const [helpful, text, icon] of [[true, s.helpful, "👍"], [false, s.notHelpful, "👎"]]) {
    const button = el("button", `feedback-button feedback-button--${helpful ? "up" : "down"}`);
    const picture = el("span", "feedback-icon", icon);
    picture.setAttribute("aria-hidden", "true"); // the button's name is its word alone
    button.append(picture, document.createTextNode(text));
    button.type = "button";
    button.dataset.helpful = String(helpful);
    button.setAttribute("aria-pressed", "false");
    wrap.appendChild(button);
  }
  wrap.appendChild(el("span", "feedback-status"));
  const earlier = storedVotes()[answerId];
  if (typeof earlier === "boolean") markVoted(wrap, earlier, s.feedbackThanks);
  container.appendChild(wrap);
}

/**
 * The advisor's answer: its lead, its quotes (none when it abstains: they would only
 * mislead), chips, and vote buttons when `votes` (the server records votes).
 */
export function answerItem(data, answerLang, pending, votes) {
  const s = STRINGS[answerLang];
  const abstained = data.kind === KIND.ABSTAIN || Boolean(data.abstained);
  const item = el("li", abstained ? "message message--advisor message--abstained" : "message message--advisor");
  item.lang = answerLang;
  item.appendChild(el("p", "message-author", s.advisorName));
  if (abstained) item.appendChild(el("p", "abstained-label", s.abstained));
  const answer = typeof data.answer === "string" ? data.answer.trim() : "";
  if (answer) item.appendChild(el("p", "answer-lead", answer));
  if (data.kind === KIND.COMPARE && Array.isArray(data.columns) && data.columns.length) {
    renderComparison(item, data.columns, answerLang, s);
  } else if (!abstained && Array.isArray(data.passages)) {
    renderQuotes(item, data.passages, answerLang, s);
  }
  if (data.kind === KIND.BROWSE) renderJobList(item, data.jobs, s, pending);
  else if (data.kind === KIND.EXPLORE) renderJobChips(item, data.jobs, s, pending);
  else renderSuggestions(item, data.suggestions, s, pending);
  if (votes) renderFeedback(item, data, s);
  return item;
}
