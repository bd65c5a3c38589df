"""The site's own demo pages (`manage.py seed_demo`): the home page in Korean and an "About Oasis"
page in both languages, translated through wagtail-localize like the campaigns (`ideas.demo`).

Idempotent: the about page is found by its slug under the home page, translations by language.
"""

from __future__ import annotations

from wagtail.models import Site

from ideas.demo import KOREAN, page_translate
from oasis.models import StandardPage

ABOUT_SLUG = "about"
ABOUT_TITLE = "About Oasis"
ABOUT_PARAGRAPHS = [
    "Oasis is where citizens propose ideas to make the city better, support each other's proposals "
    "and follow how the city answers them.",
    "An idea that gathers enough votes is reviewed by two expert panels: public administration experts "
    "judge its feasibility, researchers and civil-society experts its usefulness and creativity. The "
    "responsible department then decides, and its answer and reasoning are published on the idea's page.",
    "Every step is public: each idea shows its timeline, and you can rate the answer you receive.",
]

# The home page (from the migrations) and the about page in Korean, string by string.
PAGES_IN_KOREAN = {
    "Oasis": "오아시스",
    "Ideas from citizens, reviewed by experts, answered by the city.": "시민이 제안하고, 전문가가 검토하고, 서울시가 답합니다.",
    ABOUT_TITLE: "오아시스 소개",
    ABOUT_PARAGRAPHS[0]: (
        "오아시스는 시민 누구나 더 나은 서울을 위한 아이디어를 제안하고, 다른 시민의 제안에 공감을 보태고, "
        "서울시가 어떻게 답하는지 끝까지 지켜볼 수 있는 곳입니다."
    ),
    ABOUT_PARAGRAPHS[1]: (
        "공감을 충분히 얻은 제안은 두 전문가 위원회가 검토합니다. 행정 전문가는 실현 가능성을, 연구자와 "
        "시민사회 전문가는 효과성과 창의성을 살펴봅니다. 이어서 담당 부서가 채택 여부를 결정하며, 그 답변과 "
        "근거는 제안 페이지에 공개됩니다."
    ),
    ABOUT_PARAGRAPHS[2]: (
        "모든 과정은 공개됩니다. 제안마다 처리 과정을 시간순으로 확인할 수 있고, 받은 답변에 만족도를 평가할 수 있습니다."
    ),
}


def seed_site_demo() -> int:
    """Translate the home page and add the about page in both languages; returns the pages this run added."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    added = 0
    about = home.get_children().type(StandardPage).filter(slug=ABOUT_SLUG).specific().first()
    if about is None:
        about = StandardPage(
            title=ABOUT_TITLE, slug=ABOUT_SLUG, body="".join(f"<p>{text}</p>" for text in ABOUT_PARAGRAPHS)
        )
        home.add_child(instance=about)
        about.save_revision().publish()
        added += 1
    for page in (home, about):
        _translation, created = page_translate(page, language=KOREAN, strings=PAGES_IN_KOREAN)
        added += created
    return added
