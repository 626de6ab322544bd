"""The question understood: spelled out, completed from the conversation, its jobs found;
over the fictitious profiles of many jobs."""

from __future__ import annotations

from advisor.advisor import Advisor
from advisor.answer_path import Request, reply_language
from advisor.answer_path.values import Understood


def _understood(advisor: Advisor, message: str, *history: str) -> Understood:
    return advisor.answer_path().understanding.understand(Request(message, history), "fr")


def test_chat_words_are_spelled_out_and_the_job_named_is_found(
    many_jobs_advisor: Advisor,
) -> None:
    understood = _understood(many_jobs_advisor, "pk un routier ca gagne bien ?")
    assert understood.corrected.startswith("pourquoi ")
    assert [(m.name, m.profile_id) for m in understood.mentions] == [
        ("routier", "chauffeur-poids-lourd")
    ]
    assert understood.resolved.topics == ("salary",)
    assert understood.resolved.follows is None


def test_a_follow_up_keeps_the_conversations_job_and_names_its_own_topic(
    many_jobs_advisor: Advisor,
) -> None:
    understood = _understood(many_jobs_advisor, "et les horaires ?", "combien gagne un cuisinier ?")
    assert understood.resolved.follows == "combien gagne un cuisinier ?"
    assert understood.conversation_jobs == ("cuisinier",)
    assert understood.resolved.topics == ("conditions",)
    assert understood.mentions == ()


def test_a_follow_up_naming_only_another_job_keeps_the_earlier_topic(
    many_jobs_advisor: Advisor,
) -> None:
    understood = _understood(
        many_jobs_advisor, "et pour un routier ?", "combien gagne un cuisinier ?"
    )
    assert understood.resolved.topics == ("salary",)
    assert [m.profile_id for m in understood.mentions] == ["chauffeur-poids-lourd"]


def test_jobs_compared_keep_the_order_named_and_a_job_without_profile_is_kept_too(
    many_jobs_advisor: Advisor,
) -> None:
    compared = _understood(many_jobs_advisor, "salaire cuisinière vs avocate")
    assert [m.profile_id for m in compared.compared] == ["cuisinier", "advocaat"]
    unknown = _understood(many_jobs_advisor, "combien gagne un boulanger ?")
    assert [(m.name, m.profile_id) for m in unknown.mentions] == [("boulanger", None)]
    assert unknown.known == ()


def test_the_reply_language_is_asked_for_else_the_messages_else_the_pages() -> None:
    assert reply_language(Request("what does a cook earn?", language="nl")) == "nl"
    # A greeting says nothing of its language: the page's counts.
    assert reply_language(Request("hallo", interface_language="nl")) == "nl"
    assert reply_language(Request("salut", interface_language="fr")) == "fr"
    # A message clear about its language outweighs the page's.
    assert reply_language(Request("what does a cook earn?", interface_language="fr")) == "en"
