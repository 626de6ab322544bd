"""The seed page: structure found, marketing noise dropped, every real line kept."""

from __future__ import annotations

from pathlib import Path

from advisor.documents import read_document
from advisor.documents.noise import is_noise

# Read off the seed page by a person: the lines that are calls to action, quiz ads, lone card
# icons, the title repeated above an ad, and the empty "criteria" section's click prompt.
EXPECTED_NOISE = {
    "🎁 Découvrez votre voie en 2 minutes - Quiz gratuit avec analyse personnalisée",
    "Démarrer",
    "Responsable de production (Manager)",
    "Le métier de responsable de production (manager) vous intéresse ? Découvrez en 2 minutes "
    "si votre profil est compatible.",
    "Tester ma compatibilité (Quiz Gratuit)",
    "Gagnez des mois de réflexion avec un bilan immédiat :",
    "🎓",
    "💰",
    "⚙️",
    "Ces avantages vous motivent ? Ces inconvénients vous font douter ? Découvrez objectivement "
    "si votre profil est fait pour ce métier grâce à notre quiz gratuit.",
    "Faire le quiz gratuit",
    "Se poser les bonnes questions est la première étape. Mais l'intuition ne suffit pas. Pour "
    "éviter une erreur d'orientation coûteuse, il est essentiel de confronter votre perception à "
    "une analyse objective de vos forces et de vos motivations réelles.",
    "Découvrez votre profil de compatibilité pour le métier de responsable de production (manager)",
    "Démarrer le quiz et voir mon profil",
    "Clique sur un critère de ton choix pour voir d'autres métiers correspondant à ce critère.",
    "Prêt(e) à passer de l'information à l'action ?",
    "Découvrez si le métier de responsable de production (manager) correspond vraiment à votre "
    "personnalité avec notre analyse gratuite.",
    "Commencer mon quiz gratuit",
}


def _content_and_headings(seed: Path) -> tuple[set[str], set[str]]:
    document = read_document(seed)
    content = {line.text for section in document.sections for line in section.lines}
    headings = {h for section in document.sections for h in section.heading_path}
    return content, headings


def test_every_noise_line_is_dropped_and_nothing_else(seed_path: Path) -> None:
    document = read_document(seed_path)
    dropped = {line.text.strip() for line in document.noise}
    assert dropped == EXPECTED_NOISE


def test_every_real_line_is_kept_as_content_or_heading(seed_path: Path) -> None:
    content, headings = _content_and_headings(seed_path)
    lines = [line.strip() for line in seed_path.read_text(encoding="utf-8").splitlines()]
    lost = []
    for line in lines:
        if not line or line in EXPECTED_NOISE:
            continue
        as_heading = any(heading and line.endswith(heading) for heading in headings)
        if line not in content and not as_heading:
            lost.append(line)
    # The page title becomes the document title; two headings have nothing under them (their
    # links were not scraped), so they make no section.
    assert lost == [
        "Responsable de production (Manager) : Le Guide Complet du Métier en Belgique",
        "🔎 Métiers similaires",
        "🏷️ Critères du métier",
    ]


def test_no_noise_in_content(seed_path: Path) -> None:
    content, _ = _content_and_headings(seed_path)
    assert not [line for line in content if is_noise(line)]
    assert not [line for line in content if "quiz" in line.lower()]


def test_title_headings_and_lists(seed_path: Path) -> None:
    document = read_document(seed_path)
    assert document.title == "Responsable de production (Manager)"
    assert document.language == "fr"
    paths = {section.heading_path[1:] for section in document.sections}
    assert ("Salaire",) in paths
    assert ("Journée type",) in paths
    assert ("Avantages et inconvénients du métier", "Points -") in paths
    assert ("Où se former et travailler en Belgique ?", "Principales formations") in paths
    kinds = {section.heading_path[-1]: section.kind for section in document.sections}
    assert kinds["Missions quotidiennes"] == "list"
    assert kinds["Salaire"] == "text"


def test_faq_questions_keep_their_answers(seed_path: Path) -> None:
    document = read_document(seed_path)
    faq = [section for section in document.sections if section.kind == "faq"]
    assert len(faq) == 8
    for section in faq:
        question, *answer = section.lines
        assert question.text.endswith("?")
        assert answer, f"no answer under {question.text}"
        assert section.heading_path[-2] == "Questions fréquentes"


def test_lines_keep_their_numbers(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8").splitlines()
    for section in read_document(seed_path).sections:
        for line in section.lines:
            assert raw[line.number - 1].strip() == line.text


def test_the_faq_right_after_the_cons_is_no_sub_heading_of_them(tmp_path: Path) -> None:
    # A fictitious page in the scraped template whose FAQ follows the cons directly.
    page = tmp_path / "souffleur-de-verre.txt"
    page.write_text(
        "Souffleur de verre : le guide du métier (fiche fictive pour les tests)\n\n"
        "⚖️ Avantages et inconvénients du métier\n\n✅ Points +\n\n  • Un métier créatif.\n\n"
        "⚠️ Points -\n\n  • La chaleur du four.\n\n❓ Questions fréquentes\n\n"
        "Combien gagne un souffleur de verre ?\n\nEnviron 2 100 euros brut par mois.\n\n"
        "🎯 Le mot de la fin\n\nUn métier rare.\n",
        encoding="utf-8",
    )
    paths = [section.heading_path[1:] for section in read_document(page).sections]
    assert ("Avantages et inconvénients du métier", "Points -") in paths
    assert ("Questions fréquentes", "Combien gagne un souffleur de verre ?") in paths


def test_plain_text_headings_set_directly_above_their_text(tmp_path: Path) -> None:
    # A fictitious profile typed as plain text, not in the scraped template.
    page = tmp_path / "baker.txt"
    page.write_text(
        "Baker (a fictitious profile for the tests)\n\n"
        "A baker makes bread and pastries for a local shop or a supermarket.\n\n"
        "Salary:\nA beginner earns about 2,000 euros gross a month, a head baker up to 2,800.\n\n"
        "WORKING HOURS\nThe day starts at 3 or 4 in the morning, weekends included, all year.\n\n"
        "What you need\nFlour\nYeast\n",
        encoding="utf-8",
    )
    sections = {s.heading_path[1:]: s for s in read_document(page).sections}
    assert sections[("Salary",)].text.startswith("A beginner earns")
    assert sections[("Salary",)].kind == "text"
    assert sections[("WORKING HOURS",)].text.startswith("The day starts")
    # Over short lines, a line is the first item of a list, not their heading.
    assert "What you need\nFlour\nYeast" in sections[("WORKING HOURS",)].text


def test_markdown_saved_as_text_is_read_as_markdown(tmp_path: Path) -> None:
    page = tmp_path / "boulanger.txt"
    page.write_text(
        "Boulanger (fiche fictive pour les tests)\n\n## Salaire\n\n"
        "Un boulanger **débutant** gagne environ 2 000 euros brut par mois.\n\n"
        "## Horaires\n\nLa journée commence à 4 heures du matin.\n",
        encoding="utf-8",
    )
    document = read_document(page)
    assert document.title == "Boulanger (fiche fictive pour les tests)"
    sections = {s.heading_path[1:]: s.text for s in document.sections}
    # Read as Markdown: its emphasis is not quoted.
    salary = "Un boulanger débutant gagne environ 2 000 euros brut par mois."
    assert sections[("Salaire",)] == salary
    assert sections[("Horaires",)] == "La journée commence à 4 heures du matin."


def test_the_site_around_the_page_is_noise(tmp_path: Path) -> None:
    """A page saved with its cookie banner first, its breadcrumb trail, buttons and footer
    (the fictitious baker's page of tests/fixtures/profiles_extra4 had them all): the title
    is the job's, and none of those lines is quoted or heads a section."""
    page = tmp_path / "fleuriste.txt"
    page.write_text(
        "Nous utilisons des cookies pour mesurer l'audience du site. Accepter tout | Refuser\n"
        "Accueil > Fiches métiers > Commerce > Fleuriste\n"
        "\n"
        "C'est parti\n"
        "\n"
        "Fleuriste : tout savoir sur le métier en Belgique\n"
        "\n"
        "Le fleuriste compose des bouquets et conseille ses clients chaque jour.\n"
        "\n"
        "Je fais le test\n"
        "\n"
        "Salaire\n"
        "\n"
        "Un fleuriste débutant gagne environ 2 000 € brut par mois en Belgique.\n"
        "\n"
        "Voir mon profil\n"
        "\n"
        "Clique sur un mot-clé pour découvrir d'autres métiers.\n"
        "Prêt(e) à passer de la curiosité à l'action ?\n"
        "© Tous droits réservés · Mentions légales · Politique de confidentialité\n",
        encoding="utf-8",
    )
    document = read_document(page)
    content, headings = set(), set()
    for section in document.sections:
        content |= {line.text for line in section.lines}
        headings |= set(section.heading_path)
    assert document.title == "Fleuriste"
    assert headings == {"Fleuriste", "Salaire"}
    assert content == {
        "Le fleuriste compose des bouquets et conseille ses clients chaque jour.",
        "Un fleuriste débutant gagne environ 2 000 € brut par mois en Belgique.",
    }
    assert len([line for line in document.noise if line.text.strip()]) == 8


def test_content_naming_cookies_or_arrows_is_kept() -> None:
    """Only the site's own lines are noise: a baker's cookies and a path of steps are not."""
    assert not is_noise("Il prépare aussi des cookies, des muffins et des couques.")
    assert not is_noise("CESS > bachelier > master : la voie la plus courante.")
    assert is_noise("Home > Careers > Hospitality > Florist")
    assert is_noise("We use cookies to improve your visit. Accept all | Settings | Reject")


def test_a_page_under_another_sites_banner_takes_its_title_from_the_trail(tmp_path: Path) -> None:
    """Another portal's page (as the fictitious firefighter's of tests/fixtures/profiles_extra5):
    a cookie banner worded its own way, the breadcrumb trail, an announcement and its button
    above the title line, sharing, feedback and newsletter boxes and a list of related jobs.
    The title is the trail's end; nothing of the site is quoted or heads a section."""
    page = tmp_path / "ambulancier.txt"
    page.write_text(
        "🍪 Ce site dépose des traceurs pour compter les visites. J'accepte | Je choisis\n"
        "Accueil › Découvrir les métiers › Santé › Ambulancier / Ambulancière\n"
        "\n"
        "🔥 Nouveau : compare jusqu'à 3 métiers côte à côte\n"
        "Essayer le comparateur\n"
        "\n"
        "Ambulancier / Ambulancière en Belgique : la fiche complète\n"
        "\n"
        "Partager sur Facebook | Partager sur WhatsApp | Copier le lien\n"
        "\n"
        "Ce métier est-il fait pour toi ? Réponds à 12 questions.\n"
        "\n"
        "💶 Combien ça rapporte ?\n"
        "\n"
        "Un ambulancier débutant gagne environ 2 300 € brut par mois.\n"
        "\n"
        "❓ Tu te demandes peut-être…\n"
        "\n"
        "Faut-il le permis C ?\n"
        "Non, le permis B suffit pour conduire une ambulance.\n"
        "\n"
        "🔗 Métiers voisins\n"
        "Infirmier urgentiste · Pompier · Dispatcheur 112\n"
        "\n"
        "✉️ La lettre de l'orientation\n"
        "Une fiche métier et un bon plan chaque mois dans ta boîte.\n"
        "Ton adresse e-mail : [              ]  Je m'abonne\n"
        "Cette fiche t'a été utile ? 👍 Oui  👎 Non\n",
        encoding="utf-8",
    )
    document = read_document(page)
    assert document.title == "Ambulancier / Ambulancière"
    sections = {section.heading_path[1:]: section for section in document.sections}
    assert set(sections) == {
        ("Combien ça rapporte ?",),
        ("Tu te demandes peut-être…", "Faut-il le permis C ?"),
    }
    faq = sections[("Tu te demandes peut-être…", "Faut-il le permis C ?")]
    assert faq.kind == "faq"
    assert "Non, le permis B suffit pour conduire une ambulance." in faq.text


def test_a_long_first_line_is_no_title(tmp_path: Path) -> None:
    """Without a trail, a first line too long to name a job, or holding buttons, is the
    site's: the title is the next line that can be one."""
    page = tmp_path / "fleuriste.txt"
    page.write_text(
        "We care about your privacy and use a few trackers to measure the audience of this "
        "site, nothing else. | Settings\n"
        "\n"
        "Florist: everything about the job\n"
        "\n"
        "A florist makes bouquets and advises customers every day of the week.\n",
        encoding="utf-8",
    )
    assert read_document(page).title == "Florist: everything about the job"


def test_the_sites_rows_are_noise_and_content_is_not() -> None:
    assert is_noise("🍪 Nous déposons des traceurs. J'accepte | Continuer sans accepter")
    assert is_noise("Partager sur Facebook | Partager sur X | Envoyer par e-mail")
    assert is_noise("Was this page helpful? Yes | No")
    assert is_noise("Was deze pagina nuttig? Ja | Nee")
    assert is_noise("Cette fiche t'a été utile ? 👍 Oui  👎 Non")
    assert is_noise("Pâtissier · Chocolatier · Boucher-charcutier · Cuisinier")
    assert not is_noise("Il refuse rarement une garde : la caserne compte sur lui.")
    assert not is_noise("Les horaires : 7h30 · 19h30 · 7h30, puis trois jours de repos.")
    assert not is_noise("Partager son temps entre la caserne et les études, c'est possible.")


def test_a_trail_no_line_begins_with_leaves_the_title_as_without(tmp_path: Path) -> None:
    """A breadcrumb trail ending on a shorter name than the page's title line: the title is
    read as without a trail, and nothing of the page is lost."""
    page = tmp_path / "boulanger.txt"
    page.write_text(
        "Accueil > Métiers > Boulangerie\n"
        "\n"
        "Le métier de boulanger en Belgique\n"
        "\n"
        "Le boulanger pétrit et cuit le pain chaque nuit pour le quartier.\n",
        encoding="utf-8",
    )
    document = read_document(page)
    assert document.title == "Le métier de boulanger en Belgique"
    lines = [line.text for section in document.sections for line in section.lines]
    assert lines == ["Le boulanger pétrit et cuit le pain chaque nuit pour le quartier."]


def test_a_third_portals_page_labels_its_blocks_without_blank_lines(tmp_path: Path) -> None:
    """A third portal's layout (as the fictitious florist's of tests/fixtures/profiles_extra6):
    a menu bar, a trail announced "Vous êtes ici" with slashes, the page's date, an ad's
    label; headings set right above a list, a box of key facts or a sentence announcing a
    list; ticked and crossed items under labels with no blank line between; FAQ questions
    right under the last answer; a rating, a newsletter form. The title is the trail's end."""
    page = tmp_path / "dresseur.txt"
    page.write_text(
        "☰ Menu   Fiches métiers   Formations   Tests d'orientation   Mon espace\n"
        "Vous êtes ici : Accueil / Fiches métiers / Animaux / Dresseur de chiens\n"
        "\n"
        "Dresseur de chiens : fiche métier 2025\n"
        "Mis à jour le 14/02/2025 · Temps de lecture : 4 min\n"
        "\n"
        "Publicité\n"
        "\n"
        "Fiche d'identité\n"
        "Secteur : animaux et services\n"
        "Salaire de départ : environ 1 950 € brut/mois\n"
        "\n"
        "Ce que fait un dresseur au quotidien\n"
        "- Éduquer les chiots et corriger les mauvaises habitudes.\n"
        "- Conseiller les maîtres pendant les séances.\n"
        "\n"
        "Se former\n"
        "Plusieurs chemins mènent à ce métier en Wallonie :\n"
        "1. Une formation d'éducateur canin de 10 mois.\n"
        "\n"
        "Avantages\n"
        "✔ Un métier au grand air, avec des animaux.\n"
        "✔ Des progrès visibles en quelques semaines.\n"
        "Inconvénients\n"
        "✘ Des séances le soir et le week-end.\n"
        "\n"
        "Questions fréquentes\n"
        "Faut-il un diplôme ?\n"
        "Non, mais une formation reconnue rassure les clients.\n"
        "Peut-on s'y mettre après 40 ans ?\n"
        "Oui, beaucoup de dresseurs se reconvertissent tard.\n"
        "\n"
        "Cet article vous a-t-il été utile ? ★★★★☆ (87 avis)\n"
        "📩 Recevez chaque mois nos nouvelles fiches métiers.\n"
        "Votre e-mail  [ S'inscrire ]\n",
        encoding="utf-8",
    )
    document = read_document(page)
    assert document.title == "Dresseur de chiens"
    sections = {section.heading_path[1:]: section for section in document.sections}
    assert list(sections) == [
        ("Fiche d'identité",),
        ("Ce que fait un dresseur au quotidien",),
        ("Se former",),
        ("Avantages",),
        ("Inconvénients",),
        ("Questions fréquentes", "Faut-il un diplôme ?"),
        ("Questions fréquentes", "Peut-on s'y mettre après 40 ans ?"),
    ]
    assert "Salaire de départ : environ 1 950 € brut/mois" in sections[("Fiche d'identité",)].text
    assert "✘ Des séances le soir et le week-end." in sections[("Inconvénients",)].text
    late = sections[("Questions fréquentes", "Peut-on s'y mettre après 40 ans ?")]
    assert late.kind == "faq" and "se reconvertissent tard" in late.text
    kept = " ".join(section.text for section in document.sections)
    for site in ("Menu", "Vous êtes ici", "Mis à jour", "Publicité", "avis", "S'inscrire"):
        assert site not in kept


def test_a_portals_own_lines_are_noise_and_like_content_is_not() -> None:
    assert is_noise("You are here: Home / Careers / Florist")
    assert is_noise("Laatst bijgewerkt op 3 maart 2025 · Leestijd: 5 min")
    assert not is_noise("Les fiches de paie sont mises à jour chaque mois par le comptable.")
    assert not is_noise("Poste   Début   Après 5 ans")
    assert not is_noise("Il lit une publicité, puis la corrige avant impression.")
