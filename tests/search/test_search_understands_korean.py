"""Citizens find Korean ideas whatever particle follows a noun and whether a compound is written
with spaces or without; marks, suggestions and similar ideas follow (parity: both backends)."""

from __future__ import annotations

from ideas.models import Vote
from search import port
from tests.factories import IdeaFactory, UserFactory
from tests.search.conftest import index_now


def titles(query: str) -> set[str]:
    return {h.title for h in port.search_ideas(query=query).hits}


def test_citizen_can_find_an_idea_by_a_noun_without_its_particle(search_backend):
    IdeaFactory(title="자전거 보관소를 늘려 주세요", body="아파트 앞 보관소가 부족해서 자전거를 길에 세워 둡니다.")
    IdeaFactory(title="도서관 야간 개방", body="동네 도서관을 밤 10시까지 열어 주세요.")
    index_now(*port.searchable_ideas())

    assert titles("보관소") == {"자전거 보관소를 늘려 주세요"}
    assert titles("보관소가") == {"자전거 보관소를 늘려 주세요"}
    assert titles("도서관에서") == {"도서관 야간 개방"}


def test_citizen_can_find_a_compound_written_with_or_without_spaces(search_backend):
    IdeaFactory(title="한강공원에 자전거도로를 넓혀 주세요", body="주말마다 너무 붐빕니다.")
    IdeaFactory(title="한강 공원 자전거 도로 정비", body="낡은 도로 포장을 바꿔 주세요.")
    IdeaFactory(title="횡단보도 그늘막 설치", body="여름에 신호를 기다리기 너무 덥습니다.")
    index_now(*port.searchable_ideas())

    both = {"한강공원에 자전거도로를 넓혀 주세요", "한강 공원 자전거 도로 정비"}
    for query in ("한강공원", "한강 공원", "자전거도로", "자전거 도로", "한강공원의 자전거"):
        assert titles(query) == both, query
    assert titles("횡단 보도") == {"횡단보도 그늘막 설치"}  # Kiwi keeps 횡단보도 whole


def test_citizen_can_find_a_long_compound_by_its_part(search_backend):
    IdeaFactory(title="공중화장실 청결 관리", body="주말에는 너무 더럽습니다.")
    index_now(*port.searchable_ideas())

    assert titles("화장실") == {"공중화장실 청결 관리"}


def test_citizen_sees_the_korean_word_marked_without_its_particle(search_backend):
    IdeaFactory(title="자전거 보관소를 늘려 주세요", body="한강공원에도 보관소가 필요합니다.")
    index_now(*port.searchable_ideas())

    hit = port.search_ideas(query="보관소").hits[0]
    assert str(hit.title_html) == "자전거 <mark>보관소</mark>를 늘려 주세요"
    assert str(hit.excerpt_html) == "한강공원에도 <mark>보관소</mark>가 필요합니다."
    compound = port.search_ideas(query="한강 공원").hits[0]
    assert "<mark>한강공원</mark>에도" in str(compound.excerpt_html)


def test_citizen_gets_korean_title_suggestions_while_typing(search_backend):
    popular = IdeaFactory(title="한강공원 자전거도로 확장", body="주말마다 붐빕니다.")
    IdeaFactory(title="자전거 보관소를 늘려 주세요", body="보관소가 부족합니다.")
    IdeaFactory(title="도서관 야간 개방", body="밤에도 열어 주세요.")
    Vote.objects.create(idea=popular, voter=UserFactory())
    index_now(*port.searchable_ideas())

    def suggested(prefix: str) -> list[str]:
        return [s["title"] for s in port.suggest_titles(prefix=prefix)]

    assert suggested("자전") == ["한강공원 자전거도로 확장", "자전거 보관소를 늘려 주세요"]
    assert suggested("공원") == ["한강공원 자전거도로 확장"]  # a morpheme inside a word
    assert suggested("자전거도로") == ["한강공원 자전거도로 확장"]
    assert suggested("한강 자전") == ["한강공원 자전거도로 확장"]
    assert suggested("보관소를") == ["자전거 보관소를 늘려 주세요"]
    assert suggested("수영") == []


def test_citizen_sees_similar_korean_ideas_before_submitting(search_backend):
    IdeaFactory(title="한강공원 자전거도로 확장", body="주말마다 자전거도로가 붐빕니다. 도로를 넓혀 주세요.")
    IdeaFactory(title="도서관 야간 개방", body="직장인도 이용할 수 있게 밤에도 열어 주세요.")
    index_now(*port.searchable_ideas())

    similar = port.similar_ideas(title="한강 공원 자전거 도로를 넓혀 주세요", body="너무 붐벼요")
    assert [h.title for h in similar] == ["한강공원 자전거도로 확장"]
