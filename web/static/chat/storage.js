// What the page keeps in the tab's sessionStorage: an anonymous session id, the conversation
// (it survives a reload or, in the widget, the school's page navigation) and the votes given.
"use strict";

const STORE_KEY = "advisor.conversation.v1";
const SESSION_KEY = "advisor.session";
export const MAX_STORED_TURNS = 40;
// The votes given in this tab (answer id -> helpful), so a restored answer shows its vote.
const VOTES_KEY = "advisor.votes.v1";
const MAX_STORED_VOTES = 100;

/** sessionStorage, or null where the browser refuses it (privacy settings, sandbox). */
function sessionStore() {
  try {
    const store = window.sessionStorage;
    store.getItem(SESSION_KEY);
    return store;
  } catch (_) {
    return null;
  }
}

function randomId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An anonymous id for this tab, so the rate limit counts this student, not the school. */
export function sessionId() {
  const store = sessionStore();
  let id = store ? store.getItem(SESSION_KEY) : null;
  if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    id = randomId();
    if (store) store.setItem(SESSION_KEY, id);
  }
  return id;
}

export function storedVotes() {
  const store = sessionStore();
  try {
    const votes = JSON.parse((store && store.getItem(VOTES_KEY)) || "{}");
    return votes && typeof votes === "object" ? votes : {};
  } catch (_) {
    return {};
  }
}

export function storeVote(answerId, helpful) {
  const store = sessionStore();
  if (!store) return;
  const votes = storedVotes();
  votes[answerId] = helpful;
  const ids = Object.keys(votes);
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_STORED_VOTES))) delete votes[old];
  try {
    store.setItem(VOTES_KEY, JSON.stringify(votes));
  } catch (_) {
    // Full or refused storage: the vote is recorded all the same, only not shown after a reload.
  }
}

/** Keep the turns ([{question, data}]) and the language the student picked, if any. */
export function saveConversation(turns, lang) {
  const store = sessionStore();
  if (!store) return;
  try {
    if (!turns.length && !lang) store.removeItem(STORE_KEY);
    else store.setItem(STORE_KEY, JSON.stringify({ turns, lang }));
  } catch (_) {
    // Full or refused storage: the conversation simply won't survive a reload.
  }
}

/** The conversation kept, {turns, lang}, or null. */
export function savedConversation() {
  const store = sessionStore();
  try {
    const saved = JSON.parse((store && store.getItem(STORE_KEY)) || "null");
    return saved && typeof saved === "object" ? saved : null;
  } catch (_) {
    return null;
  }
}
