"""An idea written in Korean with English words, or in English with Korean words, is found by
the words of either language (parity: both backends)."""

from __future__ import annotations

from search import port
from tests.factories import IdeaFactory
from tests.search.conftest import index_now


def titles(query: str) -> list[str]:
    return [h.title for h in port.search_ideas(query=query).hits]


def test_citizen_can_find_a_korean_idea_by_its_english_words(search_backend):
    IdeaFactory(title="지하철역 free Wi-Fi 설치", body="주민센터 kiosk에 English 메뉴도 필요합니다.")
    IdeaFactory(title="Free concerts in parks", body="Music on summer evenings.")
    index_now(*port.searchable_ideas())

    assert titles("wifi") == ["지하철역 free Wi-Fi 설치"]
    assert titles("kiosks") == ["지하철역 free Wi-Fi 설치"]
    assert titles("지하철역 wifi") == ["지하철역 free Wi-Fi 설치"]
    hit = port.search_ideas(query="kiosk").hits[0]
    assert str(hit.excerpt_html) == "주민센터 <mark>kiosk</mark>에 English 메뉴도 필요합니다."


def test_citizen_can_find_an_english_idea_by_its_korean_words(search_backend):
    IdeaFactory(title="LED lamps for the 골목길 of Itaewon", body="The 골목길을 behind the main road are too dark.")
    IdeaFactory(title="골목 벽화", body="낡은 벽에 그림을 그려 주세요.")
    index_now(*port.searchable_ideas())

    assert titles("골목길") == ["LED lamps for the 골목길 of Itaewon"]
    assert titles("골목길을 lamp") == ["LED lamps for the 골목길 of Itaewon"]
    assert str(port.search_ideas(query="lamp 골목길").hits[0].title_html) == (
        "LED <mark>lamps</mark> for the <mark>골목길</mark> of Itaewon"
    )
