"""Merging rankings of the same passages by reciprocal rank (a follow-up searched with its
conversation and with its own words alone)."""

from __future__ import annotations

from advisor.chunking.chunker import Chunk
from advisor.retrieval.fusion import Hit
from advisor.retrieval.merging import MERGED_DEPTH, merge_rankings


def _hit(section: str, score: float = 1.0) -> Hit:
    chunk = Chunk(
        id=section,
        profile_id="sonneur",
        profile_title="Sonneur de cloches (fictif)",
        heading_path=(section,),
        topic="general",
        language="fr",
        text=f"Texte de la section {section}.",
        source="sonneur.md",
        line=1,
    )
    return Hit(chunk, score, {}, 0.0)


def _sections(hits: list[Hit]) -> list[str]:
    return [hit.chunk.id for hit in hits]


def test_a_passage_near_the_top_of_both_rankings_leads() -> None:
    with_conversation = [_hit("age"), _hit("cost"), _hit("licence")]
    own_words = [_hit("cost"), _hit("price"), _hit("age")]
    merged = merge_rankings([with_conversation, own_words], 3)
    # "cost": 1/3 + 1/2; "age", first with the conversation but third alone: 1/2 + 1/4;
    # "price", found alone only: 1/3.
    assert _sections(merged) == ["cost", "age", "price"]


def test_one_ranking_keeps_its_order_and_the_limit_holds() -> None:
    ranking = [_hit(name) for name in "abcde"]
    assert _sections(merge_rankings([ranking], 3)) == ["a", "b", "c"]
    assert merge_rankings([], 3) == []


def test_each_passage_keeps_the_hit_of_the_first_ranking_holding_it() -> None:
    first, second = _hit("cost", score=0.9), _hit("cost", score=0.2)
    merged = merge_rankings([[first], [second]], 1)
    assert merged[0] is first


def test_passages_below_the_depth_read_count_for_nothing() -> None:
    deep = [_hit(f"filler {n}") for n in range(MERGED_DEPTH)] + [_hit("late")]
    merged = merge_rankings([deep, [_hit("other")]], MERGED_DEPTH + 2)
    assert "late" not in _sections(merged)
    assert "other" in _sections(merged)
