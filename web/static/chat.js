// Career-advisor chat page. Plain ES2020, no dependencies.
//
// Security rule for this file: every piece of text that comes from the server
// (answers, quoted passages, suggestions, profile titles) or from the student
// is inserted with textContent / createTextNode only. Never innerHTML.
"use strict";

(() => {
  const LANGUAGES = ["fr", "nl", "en"];
  const MAX_HISTORY = 20;
  const MAX_LENGTH = 1000;
  const VISIBLE_PASSAGES = 3;
  const REQUEST_TIMEOUT_MS = 60000;
  const SLOW_AFTER_MS = 8000;
  // The conversation survives a reload or, in the widget, the school's page navigation.
  const STORE_KEY = "advisor.conversation.v1";
  const SESSION_KEY = "advisor.session";
  const SESSION_HEADER = "X-Advisor-Session";
  const MAX_STORED_TURNS = 40;
  // The votes given in this tab (answer id -> helpful), so a restored answer shows its vote.
  const VOTES_KEY = "advisor.votes.v1";
  const MAX_STORED_VOTES = 100;

  // All UI strings, in one place.
  const STRINGS = {
    fr: {
      pageTitle: "Conseiller métiers",
      title: "Conseiller métiers",
      subtitle: "Des réponses citées des fiches métiers",
      skipToQuestion: "Aller à la question",
      languageLabel: "Langue de l'interface",
      newConversation: "Nouvelle conversation",
      advisorName: "Conseiller",
      studentName: "Toi",
      welcome:
        "Bonjour ! Pose-moi une question sur un métier : je te réponds en citant les fiches métiers.",
      knownJobs: "Les métiers que je connais :",
      startHere: "Pour commencer, choisis un sujet :",
      threadLabel: "Conversation",
      inputLabel: "Ta question",
      placeholder: "Pose ta question sur un métier…",
      send: "Envoyer",
      sending: "Envoi…",
      hint: "Entrée pour envoyer · Maj+Entrée pour aller à la ligne",
      loading: "Je cherche dans les fiches…",
      slow: "Le conseiller est lent en ce moment, merci de patienter…",
      close: "Fermer",
      abstained: "Je ne sais pas",
      quotesLabel: "Extraits des fiches",
      suggestionsLabel: "Tu peux aussi demander :",
      morePassages: (n) => (n === 1 ? "Afficher 1 autre extrait" : `Afficher ${n} autres extraits`),
      source: "Source",
      answerAnnouncement: "Réponse du conseiller : ",
      conversationCleared: "Nouvelle conversation commencée.",
      errorNetwork: "Le service ne répond pas, réessaie dans un instant.",
      errorRateLimit: "Tu poses beaucoup de questions d'un coup : attends un instant puis réessaie.",
      errorRateLimitWait: (n) => `Tu poses beaucoup de questions d'un coup : attends ${n} secondes puis réessaie.`,
      errorTooLong: `Ta question est trop longue : ${MAX_LENGTH} caractères maximum.`,
      errorGeneric: "Je n'ai pas pu traiter ta question. Reformule-la et réessaie.",
      retry: "Réessayer",
      feedbackQuestion: "Cette réponse t'a aidé ?",
      helpful: "Utile",
      notHelpful: "Pas utile",
      feedbackThanks: "Merci pour ton avis !",
      feedbackFailed: "Ton avis n'a pas pu être envoyé. Réessaie dans un instant.",
      passageIn: {
        fr: "Passage en français",
        nl: "Passage en néerlandais",
        en: "Passage en anglais",
      },
      topics: [
        ["Salaire", "Quel salaire pour le métier de {job} ?", "Combien gagne-t-on dans ce métier ?"],
        ["Études", "Quelles études faut-il faire pour devenir {job} ?", "Quelles études faut-il faire ?"],
        ["Journée type", "À quoi ressemble une journée type de {job} ?", "À quoi ressemble une journée type ?"],
        ["Outils", "Quels outils utilise-t-on comme {job} ?", "Quels outils utilise-t-on ?"],
        ["Avantages", "Quels sont les avantages du métier de {job} ?", "Quels sont les avantages de ce métier ?"],
        ["Qualités", "Quelles qualités faut-il pour être {job} ?", "Quelles qualités faut-il avoir ?"],
      ],
    },
    nl: {
      pageTitle: "Beroepenadviseur",
      title: "Beroepenadviseur",
      subtitle: "Antwoorden geciteerd uit beroepsfiches",
      skipToQuestion: "Naar de vraag",
      languageLabel: "Taal van de interface",
      newConversation: "Nieuw gesprek",
      advisorName: "Adviseur",
      studentName: "Jij",
      welcome:
        "Hallo! Stel me een vraag over een beroep: ik antwoord met citaten uit de beroepsfiches.",
      knownJobs: "De beroepen die ik ken:",
      startHere: "Kies een onderwerp om te beginnen:",
      threadLabel: "Gesprek",
      inputLabel: "Je vraag",
      placeholder: "Stel je vraag over een beroep…",
      send: "Verstuur",
      sending: "Bezig…",
      hint: "Enter om te versturen · Shift+Enter voor een nieuwe regel",
      loading: "Ik zoek in de fiches…",
      slow: "De adviseur is nu traag, even geduld…",
      close: "Sluiten",
      abstained: "Ik weet het niet",
      quotesLabel: "Fragmenten uit de fiches",
      suggestionsLabel: "Je kunt ook vragen:",
      morePassages: (n) => (n === 1 ? "Nog 1 fragment tonen" : `Nog ${n} fragmenten tonen`),
      source: "Bron",
      answerAnnouncement: "Antwoord van de adviseur: ",
      conversationCleared: "Nieuw gesprek gestart.",
      errorNetwork: "De dienst antwoordt niet, probeer het zo meteen opnieuw.",
      errorRateLimit: "Je stelt veel vragen tegelijk: wacht even en probeer het dan opnieuw.",
      errorRateLimitWait: (n) => `Je stelt veel vragen tegelijk: wacht ${n} seconden en probeer het dan opnieuw.`,
      errorTooLong: `Je vraag is te lang: maximaal ${MAX_LENGTH} tekens.`,
      errorGeneric: "Ik kon je vraag niet verwerken. Formuleer ze anders en probeer opnieuw.",
      retry: "Opnieuw proberen",
      feedbackQuestion: "Had je iets aan dit antwoord?",
      helpful: "Nuttig",
      notHelpful: "Niet nuttig",
      feedbackThanks: "Bedankt voor je mening!",
      feedbackFailed: "Je mening kon niet worden verstuurd. Probeer het zo meteen opnieuw.",
      passageIn: {
        fr: "Fragment in het Frans",
        nl: "Fragment in het Nederlands",
        en: "Fragment in het Engels",
      },
      topics: [
        ["Loon", "Hoeveel verdient een {job}?", "Hoeveel verdien je in dit beroep?"],
        ["Studies", "Welke studies heb je nodig om {job} te worden?", "Welke studies heb je nodig?"],
        ["Typische dag", "Hoe ziet een typische werkdag van een {job} eruit?", "Hoe ziet een typische werkdag eruit?"],
        ["Tools", "Welke tools gebruikt een {job}?", "Welke tools gebruik je?"],
        ["Voordelen", "Wat zijn de voordelen van het beroep {job}?", "Wat zijn de voordelen van dit beroep?"],
        ["Kwaliteiten", "Welke kwaliteiten heb je nodig als {job}?", "Welke kwaliteiten heb je nodig?"],
      ],
    },
    en: {
      pageTitle: "Career advisor",
      title: "Career advisor",
      subtitle: "Answers quoted from career profiles",
      skipToQuestion: "Skip to the question",
      languageLabel: "Interface language",
      newConversation: "New conversation",
      advisorName: "Advisor",
      studentName: "You",
      welcome: "Hi! Ask me a question about a job: I answer by quoting career profiles.",
      knownJobs: "The jobs I know about:",
      startHere: "To get started, pick a topic:",
      threadLabel: "Conversation",
      inputLabel: "Your question",
      placeholder: "Ask a question about a job…",
      send: "Send",
      sending: "Sending…",
      hint: "Enter to send · Shift+Enter for a new line",
      loading: "Searching the profiles…",
      slow: "The advisor is slow right now, please hang on…",
      close: "Close",
      abstained: "I don't know",
      quotesLabel: "Quotes from the profiles",
      suggestionsLabel: "You could also ask:",
      morePassages: (n) => (n === 1 ? "Show 1 more quote" : `Show ${n} more quotes`),
      source: "Source",
      answerAnnouncement: "Advisor's answer: ",
      conversationCleared: "New conversation started.",
      errorNetwork: "The service is not responding, please try again in a moment.",
      errorRateLimit: "That's a lot of questions at once: wait a moment, then try again.",
      errorRateLimitWait: (n) => `That's a lot of questions at once: wait ${n} seconds, then try again.`,
      errorTooLong: `Your question is too long: ${MAX_LENGTH} characters at most.`,
      errorGeneric: "I couldn't process your question. Rephrase it and try again.",
      retry: "Try again",
      feedbackQuestion: "Did this answer help?",
      helpful: "Helpful",
      notHelpful: "Not helpful",
      feedbackThanks: "Thanks for your feedback!",
      feedbackFailed: "Your feedback could not be sent. Try again in a moment.",
      passageIn: {
        fr: "Passage in French",
        nl: "Passage in Dutch",
        en: "Passage in English",
      },
      topics: [
        ["Salary", "How much does a {job} earn?", "How much does this job pay?"],
        ["Studies", "What studies do I need to become a {job}?", "What studies do I need?"],
        ["Typical day", "What does a typical day look like for a {job}?", "What does a typical day look like?"],
        ["Tools", "What tools does a {job} use?", "What tools are used in this job?"],
        ["Benefits", "What are the benefits of working as a {job}?", "What are the benefits of this job?"],
        ["Qualities", "What qualities do you need to be a {job}?", "What qualities do you need?"],
      ],
    },
  };

  // ---------------------------------------------------------------- helpers

  const $ = (id) => document.getElementById(id);

  /** Create an element with optional class and text (always via textContent). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function normaliseLanguage(value) {
    if (typeof value !== "string") return null;
    const code = value.trim().toLowerCase().slice(0, 2);
    return LANGUAGES.includes(code) ? code : null;
  }

  function browserLanguage() {
    const candidates = [];
    if (Array.isArray(navigator.languages)) candidates.push(...navigator.languages);
    if (navigator.language) candidates.push(navigator.language);
    for (const candidate of candidates) {
      const code = normaliseLanguage(candidate);
      if (code) return code;
    }
    return "fr";
  }

  function prefersReducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /** "Responsable de production (Manager)" -> "responsable de production". */
  function jobLabel(title) {
    let label = String(title || "").replace(/\s*\([^)]*\)\s*$/, "").trim();
    if (label.length > 1 && label[1] === label[1].toLowerCase()) {
      label = label[0].toLowerCase() + label.slice(1);
    }
    return label;
  }

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
  function sessionId() {
    const store = sessionStore();
    let id = store ? store.getItem(SESSION_KEY) : null;
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      id = randomId();
      if (store) store.setItem(SESSION_KEY, id);
    }
    return id;
  }

  // ------------------------------------------------------------------ state

  const dom = {
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

  const state = {
    uiLang: normaliseLanguage(document.body.dataset.lang) || browserLanguage(),
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

  const apiUrl = dom.body.dataset.apiUrl || "/api/chat";
  // Empty when the server records nothing (ADVISOR_LOG=off): then no vote buttons at all.
  const feedbackUrl = dom.body.dataset.feedbackUrl || "";
  const strings = () => STRINGS[state.uiLang];

  // -------------------------------------------------------------- UI strings

  function applyStrings() {
    const s = strings();
    dom.html.lang = state.uiLang;
    document.title = s.pageTitle;
    for (const node of document.querySelectorAll("[data-i18n]")) {
      const value = s[node.dataset.i18n];
      if (typeof value === "string") node.textContent = value;
    }
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
      const value = s[node.dataset.i18nPlaceholder];
      if (typeof value === "string") node.placeholder = value;
    }
    for (const node of document.querySelectorAll("[data-i18n-aria-label]")) {
      const value = s[node.dataset.i18nAriaLabel];
      if (typeof value === "string") node.setAttribute("aria-label", value);
    }
    for (const node of document.querySelectorAll("[data-i18n-title]")) {
      const value = s[node.dataset.i18nTitle];
      if (typeof value === "string") node.title = value;
    }
    dom.language.value = state.uiLang;
    renderStarterChips();
    updateSendButton();
  }

  // ------------------------------------------------------- profiles & chips

  function readProfiles() {
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

  function makeChip(label, question, extraClass) {
    const chip = el("button", extraClass ? `chip ${extraClass}` : "chip", label);
    chip.type = "button";
    chip.dataset.question = question;
    if (label !== question) chip.title = question;
    if (state.pending) chip.setAttribute("aria-disabled", "true");
    return chip;
  }

  function renderStarterChips() {
    const s = strings();
    const profile = state.profiles[state.jobIndex];
    const job = profile ? jobLabel(profile.title) : "";
    dom.starterChips.textContent = "";
    for (const [label, withJob, generic] of s.topics) {
      const question = job ? withJob.replace("{job}", job) : generic;
      dom.starterChips.appendChild(makeChip(label, question, "chip--topic"));
    }
  }

  // ---------------------------------------------------------------- thread

  function announce(text) {
    dom.announcer.textContent = "";
    // A fresh text node in a later task makes screen readers announce it even
    // when the same text is announced twice in a row.
    window.setTimeout(() => {
      dom.announcer.textContent = text;
    }, 50);
  }

  /** Bring a new message into view; a long answer is shown from its question on. */
  function scrollIntoViewNicely(node) {
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

  function appendStudentMessage(text) {
    const item = el("li", "message message--student");
    item.appendChild(el("p", "message-author visually-hidden", strings().studentName));
    item.appendChild(el("p", "message-text", text));
    dom.thread.appendChild(item);
    return item;
  }

  function appendLoading() {
    const s = strings();
    const item = el("li", "message message--advisor message--loading");
    const dots = el("span", "dots");
    dots.setAttribute("aria-hidden", "true");
    for (let i = 0; i < 3; i += 1) dots.appendChild(el("span", "dot"));
    item.appendChild(dots);
    item.appendChild(el("span", "loading-text", s.loading));
    dom.thread.appendChild(item);
    announce(s.loading);
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

  function renderPassage(passage, answerLang) {
    const s = STRINGS[answerLang];
    const text = typeof passage.text === "string" ? passage.text.trim() : "";
    const figure = el("figure", "quote");
    const quote = el("blockquote", "quote-text");
    const passageLang = normaliseLanguage(passage.language);
    if (passageLang) quote.lang = passageLang;
    const source = typeof passage.source === "string" ? passage.source : "";
    const isWebSource = /^https?:\/\//i.test(source);
    if (isWebSource) quote.cite = source;
    quote.appendChild(quoteBody(text, passage.highlight));
    figure.appendChild(quote);

    const caption = el("figcaption", "quote-caption");
    const section = typeof passage.section === "string" ? passage.section.trim() : "";
    const profile = typeof passage.profile === "string" ? passage.profile.trim() : "";
    if (section) caption.appendChild(el("span", "quote-section", section));
    if (section && profile) caption.appendChild(document.createTextNode(" — "));
    if (profile) caption.appendChild(el("span", "quote-profile", profile));
    if (isWebSource) {
      caption.appendChild(document.createTextNode(" · "));
      const link = el("a", "quote-source", s.source);
      link.href = source;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      caption.appendChild(link);
    }
    if (caption.childNodes.length) figure.appendChild(caption);

    if (passageLang && passageLang !== answerLang) {
      figure.appendChild(el("p", "quote-language", s.passageIn[passageLang]));
    }
    return figure;
  }

  function renderSuggestions(container, suggestions, s) {
    const list = (Array.isArray(suggestions) ? suggestions : [])
      .filter((q) => typeof q === "string" && q.trim())
      .slice(0, 6);
    if (!list.length) return;
    const wrap = el("div", "suggestions");
    const intro = el("p", "chips-intro", s.suggestionsLabel);
    intro.id = `suggestions-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const chips = el("div", "chips");
    chips.setAttribute("role", "group");
    chips.setAttribute("aria-labelledby", intro.id);
    for (const question of list) chips.appendChild(makeChip(question.trim(), question.trim()));
    wrap.append(intro, chips);
    container.appendChild(wrap);
  }

  function appendAnswer(data, quiet) {
    const answerLang = normaliseLanguage(data.language) || state.uiLang;
    const s = STRINGS[answerLang];
    const abstained = Boolean(data.abstained);
    const item = el("li", abstained ? "message message--advisor message--abstained" : "message message--advisor");
    item.lang = answerLang;
    item.appendChild(el("p", "message-author", s.advisorName));

    if (abstained) item.appendChild(el("p", "abstained-label", s.abstained));
    const answer = typeof data.answer === "string" ? data.answer.trim() : "";
    if (answer) item.appendChild(el("p", "answer-lead", answer));

    // When the advisor abstains, nothing is quoted: passages would only mislead.
    const passages = abstained || !Array.isArray(data.passages) ? [] : data.passages;
    const usable = passages.filter((p) => p && typeof p.text === "string" && p.text.trim());
    if (usable.length) {
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

    renderSuggestions(item, data.suggestions, s);
    renderFeedback(item, data, s);
    dom.thread.appendChild(item);
    if (!quiet) announce((abstained ? `${s.abstained}. ` : s.answerAnnouncement) + answer);
    return item;
  }

  // ------------------------------------------------------------- feedback

  function storedVotes() {
    const store = sessionStore();
    try {
      const votes = JSON.parse((store && store.getItem(VOTES_KEY)) || "{}");
      return votes && typeof votes === "object" ? votes : {};
    } catch (_) {
      return {};
    }
  }

  function storeVote(answerId, helpful) {
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

  /** "Utile / Pas utile" under an answer: two real buttons, one vote, a short thank-you. */
  function renderFeedback(container, data, s) {
    const answerId = typeof data.id === "string" ? data.id : "";
    if (!feedbackUrl || !answerId || data.kind === "smalltalk") return;
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

  function markVoted(wrap, helpful, message) {
    for (const button of wrap.querySelectorAll(".feedback-button")) {
      button.setAttribute("aria-pressed", String(button.dataset.helpful === String(helpful)));
      // aria-disabled rather than disabled: the button just pressed keeps the focus.
      button.setAttribute("aria-disabled", "true");
    }
    wrap.classList.add("is-voted");
    wrap.querySelector(".feedback-status").textContent = message;
  }

  async function sendFeedback(button) {
    const wrap = button.closest(".feedback");
    if (!wrap || wrap.classList.contains("is-voted") || wrap.classList.contains("is-sending")) return;
    const answerLang = normaliseLanguage(wrap.closest(".message").lang) || state.uiLang;
    const s = STRINGS[answerLang];
    const helpful = button.dataset.helpful === "true";
    const answerId = wrap.dataset.answerId;
    wrap.classList.add("is-sending");
    let ok = false;
    try {
      const response = await fetch(feedbackUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ answer_id: answerId, helpful, comment: null }),
        credentials: "same-origin",
      });
      // 409: this answer already has a vote (another tab): the student's wish is done.
      ok = response.status === 202 || response.status === 409;
    } catch (_) {
      ok = false;
    }
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

  function appendError(message, retryable, question, detail) {
    const s = strings();
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
    dom.thread.appendChild(item);
    return item;
  }

  // --------------------------------------------------------------- request

  function updateSendButton() {
    const s = strings();
    dom.send.textContent = state.pending ? s.sending : s.send;
    dom.send.setAttribute("aria-disabled", String(state.pending));
  }

  function setPending(pending) {
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

  function isAnswer(data) {
    return Boolean(data) && typeof data === "object" && typeof data.answer === "string";
  }

  /** A kind message in the student's language; the server's own text (4xx) as a detail. */
  function describeFailure(status, serverMessage, retryAfter) {
    const s = strings();
    if (status === 0 || status >= 500) return { message: s.errorNetwork, retryable: true };
    if (status === 429) {
      const wait = retryAfter > 0 && retryAfter <= 3600 ? s.errorRateLimitWait(retryAfter) : s.errorRateLimit;
      return { message: wait, retryable: true };
    }
    if (status === 413) return { message: s.errorTooLong, retryable: false };
    return { message: s.errorGeneric, detail: serverMessage, retryable: false };
  }

  async function request(message) {
    const conversation = state.conversation;
    const controller = new AbortController();
    state.controller = controller;
    const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    setPending(true);
    const loading = appendLoading();
    scrollIntoViewNicely(loading);
    // A slow advisor says so instead of leaving the dots alone for a minute.
    const slowTimer = window.setTimeout(() => {
      const text = loading.querySelector(".loading-text");
      if (text) text.textContent = strings().slow;
      announce(strings().slow);
    }, SLOW_AFTER_MS);

    const payload = {
      message,
      history: state.history.slice(-MAX_HISTORY),
      language: state.explicitLang,
      // The page's language answers a message too short to tell its own ("salut", "hoi").
      interface_language: state.uiLang,
    };
    // The job of the page (the widget's data-profile, /?profile=ID) answers questions that
    // name no job.
    if (dom.body.dataset.profile) payload.profile = dom.body.dataset.profile;
    let outcome;
    try {
      const response = await fetch(apiUrl, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          [SESSION_HEADER]: state.session,
        },
        body: JSON.stringify(payload),
        credentials: "same-origin",
        signal: controller.signal,
      });
      let data = null;
      try {
        data = await response.json();
      } catch (_) {
        data = null;
      }
      if (response.ok && isAnswer(data)) {
        outcome = { ok: true, data };
      } else {
        const serverMessage =
          data && typeof data.error === "string" && data.error.trim() ? data.error.trim() : "";
        const retryAfter = Number.parseInt(response.headers.get("Retry-After") || "", 10);
        outcome = { ok: false, status: response.ok ? 500 : response.status, serverMessage, retryAfter };
      }
    } catch (_) {
      outcome = { ok: false, status: 0, serverMessage: "" };
    } finally {
      window.clearTimeout(timer);
      window.clearTimeout(slowTimer);
    }

    if (conversation !== state.conversation) return; // the student started over meanwhile
    state.controller = null;
    loading.remove();
    setPending(false);

    if (outcome.ok) {
      state.history.push(message);
      if (state.history.length > MAX_HISTORY) state.history.splice(0, state.history.length - MAX_HISTORY);
      scrollIntoViewNicely(appendAnswer(outcome.data));
      remember(message, outcome.data);
    } else {
      const failure = describeFailure(outcome.status, outcome.serverMessage, outcome.retryAfter);
      scrollIntoViewNicely(
        appendError(failure.message, failure.retryable, message, failure.detail),
      );
      announce(failure.message);
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
    if (message.length > MAX_LENGTH) {
      const s = strings();
      scrollIntoViewNicely(appendError(s.errorTooLong, false, ""));
      announce(s.errorTooLong);
      return false;
    }
    appendStudentMessage(message);
    request(message);
    return true;
  }

  function startNewConversation() {
    if (state.controller) state.controller.abort();
    state.controller = null;
    state.conversation += 1;
    state.history = [];
    state.turns = [];
    saveConversation();
    dom.thread.textContent = "";
    setPending(false);
    dom.input.value = "";
    resizeInput();
    dom.conversation.scrollTop = 0;
    dom.input.focus();
    announce(strings().conversationCleared);
  }

  // ---------------------------------------------------------- persistence

  function saveConversation() {
    const store = sessionStore();
    if (!store) return;
    try {
      if (!state.turns.length && !state.explicitLang) store.removeItem(STORE_KEY);
      else store.setItem(STORE_KEY, JSON.stringify({ turns: state.turns, lang: state.explicitLang }));
    } catch (_) {
      // Full or refused storage: the conversation simply won't survive a reload.
    }
  }

  function remember(question, data) {
    state.turns.push({ question, data });
    if (state.turns.length > MAX_STORED_TURNS) state.turns.splice(0, state.turns.length - MAX_STORED_TURNS);
    saveConversation();
  }

  /** Redraw the kept conversation, silently: nothing new to announce. */
  function restoreConversation() {
    const store = sessionStore();
    let saved = null;
    try {
      saved = JSON.parse((store && store.getItem(STORE_KEY)) || "null");
    } catch (_) {
      saved = null;
    }
    if (!saved || typeof saved !== "object") return;
    const code = normaliseLanguage(saved.lang);
    if (code) {
      state.explicitLang = code;
      state.uiLang = code;
    }
    const turns = Array.isArray(saved.turns) ? saved.turns : [];
    for (const turn of turns.slice(-MAX_STORED_TURNS)) {
      if (!turn || typeof turn.question !== "string" || !isAnswer(turn.data)) continue;
      appendStudentMessage(turn.question);
      appendAnswer(turn.data, true);
      state.turns.push(turn);
      state.history.push(turn.question);
    }
    state.history = state.history.slice(-MAX_HISTORY);
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

  dom.conversation.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;

    const chip = target.closest(".chip");
    if (chip) {
      if (!state.pending && chip.dataset.question) ask(chip.dataset.question);
      return;
    }

    const vote = target.closest(".feedback-button");
    if (vote) {
      sendFeedback(vote);
      return;
    }

    const retry = target.closest(".retry");
    if (retry) {
      if (state.pending) return;
      const question = retry.dataset.retry;
      const message = retry.closest(".message");
      const focusInput = document.activeElement === retry;
      if (message) message.remove();
      if (focusInput) dom.input.focus();
      if (question) request(question);
      return;
    }

    const more = target.closest(".more-passages");
    if (more) {
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
  });

  dom.language.addEventListener("change", () => {
    const code = normaliseLanguage(dom.language.value);
    if (!code) return;
    state.explicitLang = code;
    state.uiLang = code;
    applyStrings();
    saveConversation();
  });

  dom.newConversation.addEventListener("click", startNewConversation);

  // ----------------------------------------------------------------- start

  readProfiles();
  restoreConversation();
  applyStrings();
  resizeInput();
})();
