"""What is never content on a scraped career page: calls to action, quiz ads, lone emoji lines.

The patterns are phrased for career sites in French, Dutch and English. A line is noise when a
pattern matches anywhere in it; content lines never mention a quiz, a free "bilan" or a button.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["breadcrumb_end", "is_noise", "is_symbol_line", "strip_leading_symbols"]

_NOISE_PATTERNS = [
    r"\bquiz+\b",
    r"\btest(ez|er)? (ma|votre|ta|gratuit)",
    r"\bcompatibilit",
    r"gagne[zr]? des mois de réflexion",
    r"bilan (immédiat|gratuit|personnalisé)",
    r"analyse (gratuite|objective|personnalisée)",
    r"découvr(e|ez) (en \d+ minutes|(ta|ton|votre) (voie|profil)|si (le métier|(ton|votre) profil|"
    r"ce métier))",
    r"\btrouve(z)? (ta|votre) voie en",
    r"\bvérifie(z)? en \d+ minutes",
    r"prêt\(?e?\)? à passer de .{3,30} à l'action",
    r"\b(clique[zr]? sur|klik op|click on) (un|une|le|la|les|een|de|a|the) ",
    r"\b(inscri(s|vez)-(toi|vous)|abonne(z|-toi)|s'abonner) (gratuitement|à notre newsletter)",
    r"\b(gratis|free) (test|quiz|assessment)\b",
    r"\b(réponds|répondez) à \d+ questions|\banswer \d+ questions|\bbeantwoord \d+ vragen",
    r"\b(doe|start) de (test|quiz)\b",
    r"\btake the (free )?(test|quiz)\b",
    # Buttons: a line that is only a call to act.
    r"^(démarrer|commencer|start|begin|starten|beginnen|en savoir plus|lire la suite|"
    r"read more|lees meer|cliquez ici|click here|klik hier|s'inscrire|sign up|c'est parti|"
    r"let's go|aan de slag|get started|je (fais|passe|lance|commence) (le|mon) test|"
    r"(voir|découvrir) mon profil|see my profile|bekijk mijn profiel|partager|share|delen|"
    r"imprimer( cette fiche)?|print( this page)?|afdrukken|retour en haut|back to top|"
    r"terug naar boven)\s*[!.›>»→]*$",
    # The site around the page: its cookie banner and footer (its breadcrumb trail below).
    r"\b(nous utilisons|ce site utilise|we use|this (web)?site uses|wij gebruiken|"
    r"deze (web)?site gebruikt) (des |de |)cookies",
    # Its consent buttons, however the banner words them ("J'accepte | Je choisis").
    r"^(?=[^|]*\|)(?=.*\b(j'accepte|accept|refus|reject|weiger|aanvaard|akkoord|continuer sans))",
    r"\b(gérer (mes|les)|manage|beheer) cookies",
    # Its sharing, feedback and newsletter boxes, its announcements, and its lists of links
    # ("Ambulancier · Infirmier urgentiste · Policier": other jobs, not this one's content).
    r"^(partager|share|delen)\b.{0,40}\b(facebook|whatsapp|linkedin|twitter|x|instagram|e-?mail)\b",
    r"\b(cette (fiche|page)|cet article|this (page|profile|article)|deze (pagina|fiche)|"
    r"dit artikel) (t'a|vous a|was|heeft|is)( été| it)?(-t-il été| -t-il été)? "
    r"(utile|helpful|useful|nuttig|geholpen)|"
    r"\b(was|is) (this|deze|dit) (page|profile|article|pagina|fiche|artikel) "
    r"(helpful|useful|nuttig)",
    r"[★☆]{3,}|\(\d+ (avis|reviews|ratings|beoordelingen|stemmen)\)",
    r"\b(ton|votre|your|je|uw) (adresse )?e-?mail( address|adres)?\s*:",
    r"\b(je m'abonne|s'abonner à)\b",
    r"\b(chaque (mois|semaine)|every (month|week)|elke (maand|week)) (dans (ta|votre) boîte|"
    r"in (your|je) (inbox|mailbox))",
    r"^\W{0,4}(nouveau|new|nieuw)\s*[:!]",
    r"\b(recevez|reçois|ontvang|receive|get)\b.{0,60}\b(chaque|tous les|elke|every)\s+"
    r"(mois|semaine|maand|week|month)\b",
    r"\[\s*[^\[\]]{1,25}\s*\]\s*$",  # a form's button: "Votre e-mail [ S'inscrire ]"
    # Its menu bar ("☰ Menu   Fiches métiers   Formations   …"), its ads' label, and the
    # page's date and reading time.
    r"^\W{0,3}(menu|navigation)\b.*\S {3,}\S|^[^\d.!?:]{1,30}( {3,}[^\d.!?:]{1,30}){3,}$",
    r"^(publicité|advertisement|advertentie|reclame|annonce|sponsored|gesponsord)$",
    r"^(mis à jour|mise à jour|(last )?updated|(laatst )?bijgewerkt|publié)( le| on| op)?\s*:?"
    r"\s*\d|\b(temps de lecture|reading time|leestijd)\s*:?\s*\d",
    r"^[^·.!?:]{1,40}( · [^·.!?:]{1,40}){2,}$",
    r"©|\b(tous droits réservés|all rights reserved|alle rechten voorbehouden|mentions légales|"
    r"politique de confidentialité|privacy ?(policy|beleid|verklaring))\b",
]
_NOISE = re.compile("|".join(f"(?:{p})" for p in _NOISE_PATTERNS), re.IGNORECASE)

_SYMBOL_CATEGORIES = {"So", "Sk", "Sm", "Cf", "Mn", "Me", "Zs", "Po", "Cs", "Co"}


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char) in _SYMBOL_CATEGORIES or char in "\ufe0f\u200d"


def is_symbol_line(text: str) -> bool:
    """True for a line of emoji or symbols only, such as a card's lone icon ("🎓")."""
    stripped = text.strip()
    return bool(stripped) and not any(ch.isalnum() for ch in stripped)


def strip_leading_symbols(text: str) -> tuple[str, bool]:
    """Remove a leading emoji ("🔍 Missions" → "Missions"); say whether there was one.

    Only pictographs count: a bullet or a dash is not a heading mark.
    """
    stripped = text.strip()
    index = 0
    had_pictograph = False
    while index < len(stripped) and (_is_symbol(stripped[index]) or stripped[index] == " "):
        if unicodedata.category(stripped[index]) == "So":
            had_pictograph = True
        index += 1
    if not had_pictograph:
        return stripped, False
    return stripped[index:].strip(), True


_BREADCRUMB = re.compile(
    r"^(accueil|home|startpagina|start)\s*[>›»/|]|^[^.!?>›»]{1,60}( [>›»] [^.!?>›»]{1,60}){2,}$",
    re.IGNORECASE,
)
# "Vous êtes ici : Accueil / Fiches métiers / Fleuriste": a trail the page announces.
_TRAIL_ANNOUNCED = re.compile(
    r"^((vous|tu) (êtes|es) ici|you are here|(u|je) (bent|bevindt zich) hier)\s*:?\s*", re.I
)
_BREADCRUMB_STEP = re.compile(r"\s*[>›»]\s*")
# Steps parted by slashes, only when no arrow parts them ("Menuisier / Menuisière" is a title).
_SLASHED_STEP = re.compile(r"\s+[/|]\s+")


def breadcrumb_end(text: str) -> str | None:
    """The page a breadcrumb trail ends on ("Accueil › Métiers › Sapeur-pompier /
    Sapeuse-pompière" → "Sapeur-pompier / Sapeuse-pompière"): the page's own title. None for
    a line that is no trail."""
    stripped = text.strip()
    trail = _TRAIL_ANNOUNCED.sub("", stripped)
    if trail == stripped and not _BREADCRUMB.search(stripped):
        return None
    arrows = _BREADCRUMB_STEP.search(trail) is not None
    steps = [s for s in (_BREADCRUMB_STEP if arrows else _SLASHED_STEP).split(trail) if s.strip()]
    return steps[-1].strip() if len(steps) >= 2 else None


def is_noise(text: str) -> bool:
    """True for a marketing line, a button label or a lone emoji: never quoted."""
    stripped = text.strip()
    if not stripped:
        return False
    return (
        is_symbol_line(stripped)
        or bool(_NOISE.search(stripped))
        or bool(_BREADCRUMB.search(stripped))
        or bool(_TRAIL_ANNOUNCED.match(stripped))
    )
