// The page's words in French, Dutch and English, and the helpers that pick a language.
"use strict";

export const LANGUAGES = ["fr", "nl", "en"];

export const STRINGS = {
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
    compareLabel: "Comparaison des métiers",
    jobsLabel: "Métiers à découvrir :",
    otherJobs: "Autres métiers",
    suggestionsLabel: "Tu peux aussi demander :",
    morePassages: (n) => (n === 1 ? "Afficher 1 autre extrait" : `Afficher ${n} autres extraits`),
    source: "Source",
    answerAnnouncement: "Réponse du conseiller : ",
    conversationCleared: "Nouvelle conversation commencée.",
    errorNetwork: "Le service ne répond pas, réessaie dans un instant.",
    errorRateLimit: "Tu poses beaucoup de questions d'un coup : attends un instant puis réessaie.",
    errorRateLimitWait: (n) => `Tu poses beaucoup de questions d'un coup : attends ${n} secondes puis réessaie.`,
    errorTooLong: (max) => `Ta question est trop longue : ${max} caractères maximum.`,
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
    compareLabel: "Beroepen naast elkaar",
    jobsLabel: "Beroepen om te ontdekken:",
    otherJobs: "Andere beroepen",
    suggestionsLabel: "Je kunt ook vragen:",
    morePassages: (n) => (n === 1 ? "Nog 1 fragment tonen" : `Nog ${n} fragmenten tonen`),
    source: "Bron",
    answerAnnouncement: "Antwoord van de adviseur: ",
    conversationCleared: "Nieuw gesprek gestart.",
    errorNetwork: "De dienst antwoordt niet, probeer het zo meteen opnieuw.",
    errorRateLimit: "Je stelt veel vragen tegelijk: wacht even en probeer het dan opnieuw.",
    errorRateLimitWait: (n) => `Je stelt veel vragen tegelijk: wacht ${n} seconden en probeer het dan opnieuw.`,
    errorTooLong: (max) => `Je vraag is te lang: maximaal ${max} tekens.`,
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
    compareLabel: "Jobs side by side",
    jobsLabel: "Jobs to discover:",
    otherJobs: "Other jobs",
    suggestionsLabel: "You could also ask:",
    morePassages: (n) => (n === 1 ? "Show 1 more quote" : `Show ${n} more quotes`),
    source: "Source",
    answerAnnouncement: "Advisor's answer: ",
    conversationCleared: "New conversation started.",
    errorNetwork: "The service is not responding, please try again in a moment.",
    errorRateLimit: "That's a lot of questions at once: wait a moment, then try again.",
    errorRateLimitWait: (n) => `That's a lot of questions at once: wait ${n} seconds, then try again.`,
    errorTooLong: (max) => `Your question is too long: ${max} characters at most.`,
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


/** "fr", "nl" or "en" from a language tag ("nl-BE"), or null. */
export function normaliseLanguage(value) {
  if (typeof value !== "string") return null;
  const code = value.trim().toLowerCase().slice(0, 2);
  return LANGUAGES.includes(code) ? code : null;
}

export function browserLanguage() {
  const candidates = [];
  if (Array.isArray(navigator.languages)) candidates.push(...navigator.languages);
  if (navigator.language) candidates.push(navigator.language);
  for (const candidate of candidates) {
    const code = normaliseLanguage(candidate);
    if (code) return code;
  }
  return "fr";
}

/** "Responsable de production (Manager)" -> "responsable de production". */
export function jobLabel(title) {
  let label = String(title || "").replace(/\s*\([^)]*\)\s*$/, "").trim();
  if (label.length > 1 && label[1] === label[1].toLowerCase()) {
    label = label[0].toLowerCase() + label.slice(1);
  }
  return label;
}
