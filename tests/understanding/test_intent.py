"""What a question asks for: the jobs known (browse), jobs that fit the student (explore), only
the student's tastes (taste), or facts about a job. Phrasings written for this test, in the
three languages, as students type them."""

from __future__ import annotations

import pytest

from advisor.understanding.intent import (
    Intent,
    addresses_the_advisor,
    asks_a_task,
    asks_about_own_things,
    asks_for_a_provider,
    asks_for_a_service,
    asks_for_emergency_help,
    asks_for_media,
    asks_for_the_best_thing,
    asks_something,
    asks_the_advisors_taste,
    asks_what_to_do_about_a_case,
    question_intent,
    speaks_of_self,
    wants_to_become,
    without_framing,
    without_hearsay,
)


@pytest.mark.parametrize(
    "message",
    [
        "Quels métiers tu connais ?",
        "tu connais combien de metiers ?",
        "la liste des fiches stp",
        "t'as quoi comme jobs ?",
        "Welke beroepen ken je?",
        "geef me een lijst van de beroepen",
        "Which careers do you know about?",
        "list all the jobs",
        "il y a combien de fiches en tout ?",
        "hoeveel jobs staan erin?",
        "montre-moi tes fiches",
        "show me the jobs please",
        "t'as des métiers dans le social ?",
        "heb je jobs in de horeca?",
        "vous traitez quels métiers ?",
        "y a quels autres jobs chez vous ?",
        "on peut te poser des questions sur quels métiers ?",
        "welke beroepen kan ik bij u opzoeken?",
        "hebt ge nog andere jobs?",
        "c quoi les choix de jobs ici ?",
        "wat zit er allemaal in je databank qua jobs?",
        "which jobs are in your database?",
        "what job options are there here?",
    ],
)
def test_asking_which_jobs_it_knows_is_browsing(message: str) -> None:
    assert question_intent(message) is Intent.BROWSE


@pytest.mark.parametrize(
    "message",
    [
        "combien de métiers recrutent en Belgique ?",
        "t'as des conseils pour les métiers de la santé ?",
        "show me how to become a chef",
        "tu connais le salaire d'un routier ?",
        "quels métiers recrutent ici en Wallonie ?",
        "welke jobs kan ik doen bij jou in de buurt?",
        "ken je nog andere jobs met dieren?",
        "on peut bosser sur quels chantiers ?",
        "c'est quoi le choix de métiers après un bac en droit ?",
        "un graphiste travaille sur une base de données de clients ?",
    ],
)
def test_near_questions_are_not_browsing(message: str) -> None:
    assert question_intent(message) is not Intent.BROWSE


@pytest.mark.parametrize(
    "message",
    [
        "un métier sans longues études ?",
        "quel métier pour quelqu'un qui aime les chiffres ?",
        "je pourrais faire quoi comme boulot si j'aime dessiner ?",
        "Welk beroep past bij mij als ik graag buiten ben?",
        "een job waar ik met dieren werk",
        "What could I do if I like computers?",
        "a career where I can travel",
        "Koken is mijn ding, ik werk graag snel. Welke job?",
        "des idées de métier sans diplôme ?",
        "Which career lets me draw all day?",
        "could I do something with animals later?",
        "un petit job à côté de mes cours ?",
    ],
)
def test_asking_for_jobs_that_fit_is_exploring(message: str) -> None:
    assert question_intent(message) is Intent.EXPLORE


@pytest.mark.parametrize(
    "message",
    [
        "j'aime bricoler",
        "je suis timide",
        "ik hou van koken",
        "I love animals",
        "les maths c pas mon truc",
    ],
)
def test_saying_what_one_likes_is_a_taste(message: str) -> None:
    assert question_intent(message) is Intent.TASTE


@pytest.mark.parametrize(
    "message",
    [
        "combien gagne un cuisinier ?",
        "c'est un métier qui recrute ?",
        "je veux savoir le salaire",
        "is het een beroep met toekomst?",
        "what are the hours like?",
        "which jobs pay the most?",  # a comparison of every job: not the list of jobs
        "après mes études je commence par quel boulot ?",  # the job's first jobs
        "can i get a job as a plumber at 16?",  # that job, which may have no profile
        "un petit boulot ça paie combien ?",
        # On a job's page: that job, not jobs that fit.
        "pk ce serait un bon job pour moi, c quoi les points positifs ?",
        "is this job a good one for me?",
        "dans ce métier on bosse le samedi ? je cherche un job où je suis libre le weekend",
    ],
)
def test_questions_about_a_job_are_about_a_job(message: str) -> None:
    assert question_intent(message) is Intent.JOB


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("ik wil later pleiten, waar kan ik dat studeren?", True),
        ("comment on devient avocat", True),
        ("how long is the training", True),
        ("je kiffe cuisiner pour mes potes le weekend", False),
        ("je veux bosser dehors ou avec des animaux", False),  # "ou" is "or" as well as "où"
        ("I love driving trucks", False),
    ],
)
def test_a_question_is_told_from_a_statement(message: str, asks: bool) -> None:
    assert asks_something(message) is asks


@pytest.mark.parametrize(
    ("message", "about_self"),
    [
        ("la bouffe c'est ma passion, le dimanche c'est moi qui cuisine pour mes potes", True),
        ("ik ben een buitenmens, elke zaterdag help ik mijn oom", True),
        ("Food is my passion, I cook every weekend and I love it", True),
        ("jveux devenir assistante sociale, je peux faire quoi avant mes etudes ?", False),
        ("c'est quoi les horaires d'un cuisinier ?", False),
    ],
)
def test_a_message_about_the_student_names_them_several_times(
    message: str, about_self: bool
) -> None:
    assert speaks_of_self(message) is about_self


@pytest.mark.parametrize(
    ("message", "to_the_advisor"),
    [
        ("et toi tu manges quoi ce soir ?", True),
        ("mdr et t'es un robot ou quoi ?", True),
        ("en jij, wat doe jij graag?", True),
        ("are you a real person?", True),
        # "tu", "tes" and "you" are anyone too: the job's pay, its hours.
        ("et tu gagnes combien au début ?", False),
        ("c'est quoi tes horaires si tu bosses en usine ?", False),
        ("do you need a degree?", False),
        # "chez toi" is anyone's home.
        ("et tu rentres chez toi le soir ou tu dors dans le camion ?", False),
        ("on peut bosser de chez toi ?", False),
    ],
)
def test_a_message_to_the_advisor_itself_is_told_from_one_about_a_job(
    message: str, to_the_advisor: bool
) -> None:
    assert addresses_the_advisor(message) is to_the_advisor


@pytest.mark.parametrize(
    ("text", "left"),
    [
        # The question word stays: "which training is quicker" asks of each job's training
        # (without it, "training is quicker" read as what the job is: choose dev 2 +1, sections +1).
        (", ou : lequel a les pires horaires ?", ", : lequel a les pires horaires ?"),
        ("or , which training is quicker", ", which training is quicker"),
        ("ou , on bosse seul ou en équipe ?", ", on bosse seul en équipe ?"),
        ("les horaires d'une c comment par rapport à un", "les horaires d'une c comment un"),
        ("la formation d' comparée à celle de ?", "la formation d' celle de ?"),
        ("what are the downsides of each?", "what are the downsides ?"),
        ("wie van de twee verdient meer: of ?", "verdient meer: ?"),
        # Words that carry the topic stay: "mieux payé", "plus dur", "meer".
        ("c quoi le mieux payé ?", "c quoi le mieux payé ?"),
    ],
)
def test_a_comparison_is_searched_without_the_words_that_only_compare(text: str, left: str) -> None:
    assert without_framing(text) == left


@pytest.mark.parametrize(
    ("message", "becoming"),
    [
        ("je veux devenir juge", True),
        ("ik wil later rechter worden", True),
        ("I want to become a judge", True),
        ("je convaincs toujours les profs", False),
        ("plaider devant un juge, c'est mon rêve", False),
    ],
)
def test_wanting_to_become_a_job_is_told_from_naming_people(message: str, becoming: bool) -> None:
    assert wants_to_become(message) is becoming


@pytest.mark.parametrize(
    ("message", "task"),
    [
        ("tu peux m'écrire mon rapport de stage pour lundi stp", True),
        ("can u draw me plans for a treehouse?", True),
        ("kan je een afspraak voor mij boeken zaterdag om 10u?", True),
        ("and can u do my maths homework?", True),
        ("et tu peux faire mes devoirs de maths ?", True),
        ("kun je mijn taak Frans maken?", True),
        ("tu peux faire quoi avec un bac en droit ?", False),
        ("kun je je eigen zaak maken later?", False),
        ("mijn juf gaf huiswerk over breuken, wat is 3/4 + 1/8?", True),
        ("combien font 12 x 7 ?", True),
        ("kan jij een afspraak maken met een elektricien om bij mij thuis te komen?", True),
        ("could you make me an appointment with a lawyer?", True),
        ("moet je als leerkracht veel afspraken maken met ouders?", False),
        ("un bachelier gagne 2 900 à 3 200€ brut ?", False),
        ("après un bac+3 on gagne combien ?", False),
        ("on bosse 24/7 ou 38h/semaine ?", False),
        ("les études c'est en 3+2 ans ?", False),
        ("on travaille en 3x8 ?", False),
        ("12*7 = ?", True),
        ("tu peux m'aider pour mon devoir de maths : 3x + 5 = 20", True),
        ("tu peux me dire combien gagne un cuisinier ?", False),
        ("can u do nursing part time?", False),
        ("can u do it without a degree", False),
        ("kan je dat naast je studies doen?", False),
        ("la prof veut une dissert sur Molière, tu peux me la faire ?", True),
        ("écris-moi une lettre de motivation", True),
        ("et tu peux me faire un tableau excel pour mes depenses ?", True),
        ("tu peux me faire un résumé du métier ?", False),
        ("fais-moi mon CV stp", True),
        ("la formation, tu peux la faire le soir ?", False),
        ("tu peux le faire en alternance ?", False),
        ("fais-moi une liste des métiers", False),
        ("c'est bien payé ? écris-moi à [email]", False),  # where to write, not what
        ("tu peux m'aider pour mon devoir sur les pourcentages stp", True),  # homework help
        ("aide-moi pour mon exposé de socio", True),
        ("kan je me helpen met mijn huiswerk wiskunde?", True),
        ("kunde mijn huiswerk wiskunde maken", True),  # Flemish "can you"
        ("kunde als kapper uw eigen zaak beginnen?", False),
        ("can u help me with my homework", True),
        ("tu peux m'aider à choisir mon métier ?", False),  # what the advisor is for
        ("can you help me choose a job?", False),
        ("dis-moi une blague sur les plombiers", True),  # a joke to tell
        ("vertel eens een mop", True),
        ("tell us a joke about nurses", True),
        ("on raconte des blagues aux clients dans ce métier ?", False),
    ],
)
def test_a_task_asked_of_the_advisor(message: str, task: bool) -> None:
    assert asks_a_task(message) is task


@pytest.mark.parametrize(
    ("message", "taste"),
    [
        ("do u like football?", True),
        ("tu preferes quoi toi les maths ou le francais?", True),
        ("what's your favourite movie?", True),
        ("c quoi ton plat préféré ?", True),
        ("wat vind jij van Anderlecht?", True),
        ("la cuisine ou la coiffure, toi t'en penses quoi ?", True),
        ("qu'en penses-tu, c'est quoi le plus beau métier ?", True),
        ("mes parents en pensent quoi, ça compte ?", False),
        # The student's own tastes, or a job's, are no question to the advisor.
        ("j'aime travailler dehors", False),
        ("je préfère bosser dehors, t'as une idée ?", False),
        ("do cooks like their job?", False),
        ("vind je het leuk om met kinderen te werken? dan is leerkracht iets voor jou", False),
    ],
)
def test_the_advisors_own_taste_asked(message: str, taste: bool) -> None:
    assert asks_the_advisors_taste(message) is taste


@pytest.mark.parametrize(
    ("message", "left"),
    [
        ("c quoi ce code 95 dont tout le monde parle", "c quoi ce code 95"),
        ("wat is die verzamelaanvraag waar iedereen over klaagt?", "wat is die verzamelaanvraag?"),
        ("what is that AREI thing everyone talks about?", "what is that AREI thing?"),
        # What everyone says of the student is no hearsay about a thing: kept.
        (
            "tout le monde me dit de faire une formation",
            "tout le monde me dit de faire une formation",
        ),
        ("c vrai ce que tout le monde dit ?", "c vrai ce que tout le monde dit ?"),
    ],
)
def test_what_everyone_is_said_to_talk_about_is_left_out(message: str, left: str) -> None:
    assert without_hearsay(message) == left


@pytest.mark.parametrize(
    ("message", "media"),
    [
        ("t'as un bon film sur les pompiers à me conseiller ?", True),
        ("which series about nurses should i watch", False),  # no recommendation asked
        ("any good documentaries about farmers?", True),
        ("welk boek over advocaten moet ik lezen, een goed boek?", True),
        ("is er iets op netflix over koks?", True),
        ("kan je als kapper ook bij tv of film werken?", False),  # a job's workplace
        ("je regarde des séries de procès, le droit ça me plaît", False),  # the student's taste
    ],
)
def test_films_series_and_books_asked_for(message: str, media: bool) -> None:
    assert asks_for_media(message) is media


@pytest.mark.parametrize(
    ("message", "best"),
    [
        ("c'est quoi la meilleure pizzeria de Namur ?", True),
        ("what's the best laptop under 600 euros", True),
        ("wat is de beste fiets voor naar school?", True),
        ("quel est le meilleur diplôme pour devenir boulanger ?", False),
        ("what's the best part of being a vet", False),
        ("welke is de beste hogeschool voor verpleegkunde?", False),
        ("c'est quoi le meilleur moment de la journée en cuisine ?", False),
        ("the best way to become a cop in belgium", False),
    ],
)
def test_the_best_of_a_thing_or_a_place_asked_for(message: str, best: bool) -> None:
    assert asks_for_the_best_thing(message) is best


@pytest.mark.parametrize(
    ("message", "own"),
    [
        ("ma chaudière fait un bruit bizarre, c grave ?", True),
        ("mijn kat wil niet eten, wat moet ik doen?", True),
        ("my car makes a weird noise when i brake", True),
        ("et du coup mon frigo il consomme trop ?", True),
        ("on a une voiture de société dans ce métier ?", False),  # the pay's extras
        ("is mijn auto van de zaak ook voor privé?", False),
        ("je dois acheter mon propre ordi pour les études ?", False),  # the studies' costs
        ("mon oncle est plombier, il dit que c'est dur", False),
        ("je me suis fait arnaquer sur vinted, je fais quoi ?", True),
        ("i got fined on the bus without a ticket, can i appeal?", True),
        ("hoe maak ik thuis zelf pizza?", True),
        ("comment on fait pour bosser de chez soi dans ce métier ?", False),
        ("on peut bosser de chez soi ?", False),  # working from home: the conditions
        ("kan je thuis werken als boekhouder?", False),
        ("ma pelouse est pleine de mousse, je fais quoi ?", True),  # the garden
        ("my hedge is too high, when do I cut it?", True),
        ("un jardinier entretient les haies de ses clients ?", False),
    ],
)
def test_the_students_own_things(message: str, own: bool) -> None:
    assert asks_about_own_things(message) is own


@pytest.mark.parametrize(
    ("message", "case"),
    [
        ("mon disjoncteur saute quand j'allume le four, je fais quoi ?", True),
        ("mijn huisbaas wil mijn waarborg niet teruggeven, wat moet ik doen", True),
        ("my friend fainted at school today, what should i do?", True),
        ("jai mal a la gorge depuis 3 jours jfais quoi", True),
        ("je sors de rhéto, je fais quoi pour y arriver ?", False),  # to get somewhere
        ("je veux être kiné, je fais quoi comme études ?", False),
        ("j'aime les animaux, je fais quoi ?", False),  # an exploration
        ("wat moet ik doen om kapper te worden?", False),
        ("what should i do after school if i like cars", False),
        ("je suis nul en maths, je fais quoi plus tard ?", False),
    ],
)
def test_what_to_do_about_a_case_of_ones_own(message: str, case: bool) -> None:
    assert asks_what_to_do_about_a_case(message) is case
    if case:  # judged out of scope as a case of the student's own
        assert asks_about_own_things(message)


@pytest.mark.parametrize(
    ("message", "provider"),
    [
        ("un bon kiné à Namur svp ?", True),
        ("any good plumber near me?", True),
        ("kan je een goeie garage aanraden?", True),
        ("tu connais un bon resto à Liège ?", True),
        # About a job: what a good one does or earns, a good salary somewhere.
        ("un bon cuisinier doit savoir quoi ?", False),
        ("a good nurse in belgium earns how much?", False),
        ("c quoi un bon salaire à Bruxelles ?", False),
        ("what's a good specialisation in plumbing for the future", False),
        ("how do I know if I'm a good fit?", False),
    ],
)
def test_a_customer_looking_for_someone_to_serve_them(message: str, provider: bool) -> None:
    assert asks_for_a_provider(message) is provider


@pytest.mark.parametrize(
    ("message", "emergency"),
    [
        ("wa is het noodnummer van de brandweer? er brandt iets op straat", True),
        ("ya le feu chez mon voisin jfais quoi", True),
        ("there's a fire in my kitchen, who do I call?", True),
        ("jai de la fievre, je dois aller aux urgences?", True),
        # A job's emergencies, and a traffic light.
        ("un pompier intervient sur combien de feux par an ?", False),
        ("les urgences à l'hôpital, ça me fait pas peur", False),
        ("est-ce dangereux de traverser au feu orange ?", False),
        ("il y a eu un accident de vélo devant chez moi, un blessé, j'appelle qui ?", True),
        ("there's been an accident at the bus stop, what do I do", True),
        ("si y a un accident sur le chantier, c'est la faute du chef ?", False),  # a job's
        ("un ambulancier soigne des blessés tous les jours ?", False),
    ],
)
def test_help_needed_in_an_emergency(message: str, emergency: bool) -> None:
    assert asks_for_emergency_help(message) is emergency


@pytest.mark.parametrize(
    ("message", "service"),
    [
        ("cb coûte une coupe femme chez vous ?", True),
        ("livrez-vous des fleurs à Namur dimanche ?", True),
        ("hebben jullie nog een kamer vrij voor vrijdag?", True),
        ("when is the next bus to Leuven?", True),
        ("la ligne 71 passe à quelle heure le soir ?", True),
        ("how much is a return ticket for de lijn", True),
        # A job's own working life: its customers, its lines, its rooms.
        ("un chauffeur de bus fait combien de lignes par jour ?", False),
        ("les réceptionnistes préparent les chambres ?", False),
        ("c'est quoi les horaires d'un chauffeur de bus ?", False),
    ],
)
def test_a_customers_business_with_a_shop_a_hotel_or_a_bus_line(
    message: str, service: bool
) -> None:
    assert asks_for_a_service(message) is service
