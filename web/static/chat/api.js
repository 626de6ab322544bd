// The advisor's HTTP API, as the page uses it: ask a question, vote on an answer.
"use strict";

const SESSION_HEADER = "X-Advisor-Session";

// The kinds of reply (`kind` in /api/chat's answer), the values of the server's AnswerKind.
export const KIND = Object.freeze({
  ANSWER: "answer",
  ABSTAIN: "abstain",
  SMALLTALK: "smalltalk",
  CLARIFY: "clarify",
  COMPARE: "compare",
  EXPLORE: "explore",
  BROWSE: "browse",
});

export function isAnswer(data) {
  return Boolean(data) && typeof data === "object" && typeof data.answer === "string";
}

/**
 * POST a question; resolves to {ok: true, data} or {ok: false, status, serverMessage,
 * retryAfter} (status 0: no answer at all). Never rejects.
 */
export async function postQuestion(url, payload, session, signal) {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        [SESSION_HEADER]: session,
      },
      body: JSON.stringify(payload),
      credentials: "same-origin",
      signal,
    });
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (response.ok && isAnswer(data)) return { ok: true, data };
    const serverMessage =
      data && typeof data.error === "string" && data.error.trim() ? data.error.trim() : "";
    const retryAfter = Number.parseInt(response.headers.get("Retry-After") || "", 10);
    return { ok: false, status: response.ok ? 500 : response.status, serverMessage, retryAfter };
  } catch (_) {
    return { ok: false, status: 0, serverMessage: "" };
  }
}

/** POST a vote; resolves to true when it is recorded (or was already). Never rejects. */
export async function postVote(url, answerId, helpful) {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ answer_id: answerId, helpful, comment: null }),
      credentials: "same-origin",
    });
    // 409: this answer already has a vote (another tab): the student's wish is done.
    return response.status === 202 || response.status === 409;
  } catch (_) {
    return false;
  }
}
