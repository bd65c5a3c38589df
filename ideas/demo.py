"""Demo data for Oasis, built on the same services the site uses (`manage.py seed_demo`).

Idempotent: every step looks for what an earlier run made (users by username, campaigns
by slug, ideas by campaign and title, translations by page and language) and only adds what
is missing; votes go through `vote_cast`, which is idempotent itself. Running it twice
changes nothing.

Bilingual like the site: the campaign pages are translated into Korean through
wagtail-localize, as an editor would (`page_translate`), and some citizens write in Korean
and read the site in it (their account language).

Votes run outside any test, so their after-commit work (threshold selection, sort key
refresh) happens naturally: ideas reach `in_review` by crossing their threshold.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from core.language import set_user_language
from core.roles import (
    GROUP_CITIZENS,
    GROUP_COORDINATORS,
    GROUP_EDITORS,
    GROUP_EXTERNAL_EXPERTS,
    GROUP_INTERNAL_EXPERTS,
    GROUP_MODERATORS,
)
from ideas.models import CampaignIndexPage, CampaignPage, Comment, Department, Idea, IdeaStatus, TimelineEvent
from ideas.moderation import idea_hide, report_create
from ideas.services import comment_create, follow_set, idea_submit, idea_withdraw
from ideas.voting import ideas_archive_closed_campaigns, ideas_sweep, vote_cast

DEMO_PASSWORD = "oasis-demo-2026"

# slug: (name, staff group, description)
DEPARTMENTS = {
    "environment": (
        "Climate & Environment Office",
        "Environment department",
        "Parks, air quality, heat and waste.",
    ),
    "transport": ("Transport Office", "Transport department", "Buses, subways, streets, cycling and walking."),
    "welfare": ("Welfare Policy Office", "Welfare department", "Care for older people, housing support, shelters."),
    "culture": ("Culture Headquarters", "Culture department", "Libraries, festivals, heritage and the arts."),
}

CITIZENS = [
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
    "kevin", "laura", "mike", "nina", "oscar", "peggy", "quinn", "rachel", "sam", "tina",
]  # fmt: skip

# Citizens who write in Korean and read the site in it (account language "ko"): user name, e-mail name.
KOREAN_CITIZENS = {
    "김민지": "minji.kim",
    "이준호": "junho.lee",
    "박서연": "seoyeon.park",
    "최도현": "dohyun.choi",
    "정하은": "haeun.jung",
    "강지우": "jiwoo.kang",
}

# username: (role shown in the login table, groups, extra flags)
STAFF: dict[str, tuple[str, list[str], dict]] = {
    "mod": ("moderator", [GROUP_MODERATORS], {}),
    "coord": ("review coordinator", [GROUP_COORDINATORS], {}),
    "expert_in1": ("internal expert (retired officer)", [GROUP_INTERNAL_EXPERTS], {}),
    "expert_in2": ("internal expert (retired officer)", [GROUP_INTERNAL_EXPERTS], {}),
    "expert_ex1": ("external expert (professor)", [GROUP_EXTERNAL_EXPERTS], {}),
    "expert_ex2": ("external expert (civil society)", [GROUP_EXTERNAL_EXPERTS], {}),
    "officer_env": ("officer, Climate & Environment Office", [DEPARTMENTS["environment"][1]], {}),
    "officer_tra": ("officer, Transport Office", [DEPARTMENTS["transport"][1]], {}),
    "officer_wel": ("officer, Welfare Policy Office", [DEPARTMENTS["welfare"][1]], {}),
    "officer_cul": ("officer, Culture Headquarters", [DEPARTMENTS["culture"][1]], {}),
    "editor": ("CMS editor (Wagtail admin)", [GROUP_EDITORS], {"is_staff": True}),
    "admin": ("superuser", [], {"is_staff": True, "is_superuser": True}),
}


@dataclass(frozen=True)
class CampaignSpec:
    slug: str
    title: str
    department: str
    summary: str
    threshold: int | None = None
    closed: bool = False  # closes in the past once its ideas and votes are in


CAMPAIGNS = [
    CampaignSpec(
        "cooler-summers",
        "Cooler summers: shade and green for a hotter Seoul",
        "environment",
        "Heat waves are getting longer. How can streets, stops and parks stay bearable in August?",
    ),
    CampaignSpec(
        "safer-streets",
        "Safer streets for walking and cycling",
        "transport",
        "Crossings, sidewalks and bike lanes: tell the Transport Office where it feels unsafe.",
        threshold=8,
    ),
    CampaignSpec(
        "warm-winter",
        "A warm winter for every neighbour",
        "welfare",
        "Ideas to protect older and homeless neighbours during the cold months.",
        threshold=6,
        closed=True,
    ),
]

KOREAN = "ko"

# The campaign pages' text in Korean, as the city's translators wrote it: each English string of
# a page (title, summary, body paragraph) and its translation, imported into wagtail-localize
# like an uploaded PO file. The general campaign and the index come from the migrations.
PAGES_IN_KOREAN = {
    "Campaigns": "캠페인",
    "Ideas for our city": "서울을 바꾸는 시민 제안",
    "Any idea that would make life in the city better.": "서울에서의 생활을 더 낫게 만들 아이디어라면 주제와 관계없이 무엇이든 제안해 주세요.",
    "Cooler summers: shade and green for a hotter Seoul": "시원한 여름: 더 뜨거워지는 서울에 그늘과 녹지를",
    "Heat waves are getting longer. How can streets, stops and parks stay bearable in August?": (
        "폭염이 해마다 길어지고 있습니다. 한여름에도 거리와 정류장, 공원에서 견딜 만하게 지낼 수 있는 방법을 제안해 주세요."
    ),
    "Safer streets for walking and cycling": "걷기 좋고 자전거 타기 안전한 거리",
    "Crossings, sidewalks and bike lanes: tell the Transport Office where it feels unsafe.": (
        "횡단보도, 보도, 자전거도로 가운데 위험하다고 느끼는 곳을 교통실에 알려 주세요."
    ),
    "A warm winter for every neighbour": "모든 이웃이 따뜻한 겨울",
    "Ideas to protect older and homeless neighbours during the cold months.": (
        "추운 겨울 동안 홀로 지내는 어르신과 거리 노숙인 이웃을 지킬 아이디어를 모읍니다."
    ),
}


@dataclass(frozen=True)
class IdeaSpec:
    campaign: str  # a CampaignSpec slug, or "general"
    author: str
    title: str
    body: str
    tags: tuple[str, ...]
    votes: int
    days_ago: int
    comments: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()  # (author, body, replies)
    withdraw: bool = False
    hide: str = ""  # moderator's reason
    followers: tuple[str, ...] = ()


# fmt: off
IDEAS = [
    # --- general campaign (threshold 10) ---
    IdeaSpec(
        "general", "alice", "Drinking fountains along the Cheonggyecheon stream",
        "Walking the Cheonggyecheon in summer there is nowhere to refill a bottle between Cheonggye Plaza "
        "and Majang-dong. A few fountains with bottle fillers near the stepping stones would help families, "
        "runners and tourists, and cut plastic bottle waste.",
        ("water", "cheonggyecheon", "plastic"), 12, 24,
        comments=(
            ("bob", "The stream gets very hot in August; this would help a lot of families.",
             (("alice", "Thanks! Bottle fillers would also cut the plastic bottles left on the banks."),)),
            ("carol", "Who would maintain them in winter?",
             (("dave", "They could be shut off from November to March, like the ones in Seoul Forest."),)),
        ),
        followers=("bob", "carol"),
    ),
    IdeaSpec(
        "general", "bob", "Multilingual signs at Seoul Station transfer gates",
        "Visitors transferring between the airport railroad, KTX and Line 1/4 get lost at Seoul Station. "
        "Clear floor markings and signs in Korean, English, Chinese and Japanese at each transfer gate "
        "would make the walk obvious.",
        ("signage", "seoul station", "tourism"), 11, 21,
        comments=(("grace", "Please add large-print versions for older passengers too.", ()),),
    ),
    IdeaSpec(
        "general", "carol", "Late-night reading rooms in public libraries during exam season",
        "Students without a quiet room at home pay for study cafés. District libraries could keep one "
        "reading room open until midnight during the suneung and midterm seasons.",
        ("libraries", "students"), 6, 18,
    ),
    IdeaSpec(
        "general", "dave", "Lockers and rest spots for delivery riders at subway stations",
        "Delivery riders wait outside in rain and heat between orders. Small rest spots with lockers and "
        "phone chargers near busy stations like Gangnam and Hongik University would make their work safer.",
        ("labour", "delivery"), 4, 15,
    ),
    IdeaSpec(
        "general", "erin", "A map of accessible public toilets",
        "Wheelchair users and parents with strollers need to know which public toilets have ramps, "
        "changing tables and wide doors. Publish this on the Seoul map with opening hours.",
        ("accessibility", "open data"), 9, 12,
        comments=(("officer_wel", "The district offices already collect part of this data; we will check it.", ()),),
    ),
    IdeaSpec(
        "general", "frank", "Rooftop beehives on district office buildings",
        "Urban beekeeping on public roofs helps pollinate parks and gardens and teaches children where "
        "food comes from. Several districts already have a rooftop garden to start with.",
        ("bees", "urban farming"), 2, 10,
    ),
    IdeaSpec(
        "general", "grace", "Repair cafés in every community centre",
        "Once a month, volunteers could fix small appliances, bicycles and clothes in each dong community "
        "centre. It saves money, cuts waste and brings neighbours together.",
        ("repair", "waste", "community"), 7, 9,
    ),
    IdeaSpec(
        "general", "heidi", "Quiet hours for construction near schools during exams",
        "Pile driving next to classrooms during exams is unfair to students. Construction permits near "
        "schools could include quiet hours on exam days.",
        ("noise", "schools"), 3, 8,
    ),
    IdeaSpec(
        "general", "judy", "Weekend flea market on the Sewoon Plaza deck",
        "The deck above Sewoon Sangga is empty on weekends. A flea market would bring people to the area.",
        ("markets",), 0, 7,
        withdraw=True,
    ),
    IdeaSpec(
        "general", "kevin", "BUY CHEAP FOLLOWERS AND LIKES NOW best price",
        "Visit our shop for the cheapest followers and likes in Seoul, fast delivery, call now!!!",
        ("promo",), 0, 2,
        hide="Advertising (spam), reported by citizens.",
    ),
    IdeaSpec(
        "general", "laura", "Pet waste bag dispensers in the Hangang parks",
        "Dog owners often run out of bags during long walks along the Han River. Dispensers next to the "
        "bins at Yeouido and Banpo parks would keep the lawns clean.",
        ("pets", "hangang", "parks"), 1, 6,
    ),
    IdeaSpec(
        "general", "mike", "Subtitles on district council livestreams",
        "District council meetings are streamed without captions, which shuts out deaf citizens. "
        "Automatic subtitles, corrected afterwards, would make them accessible.",
        ("accessibility", "open government"), 2, 5,
    ),
    IdeaSpec(
        "general", "nina", "Community fridges against food waste",
        "Shops and neighbours could leave surplus food in a shared fridge at community centres, "
        "as Gwanak-gu has tried. Clear hygiene rules and a volunteer rota keep it safe.",
        ("food", "waste", "community"), 8, 4,
    ),
    IdeaSpec(
        "general", "oscar", "A car-free Sunday on Sejong-daero every month",
        "Close Sejong-daero to cars one Sunday a month for walking, cycling and street performances, "
        "like the car-free days in Bogotá and Paris.",
        ("walking", "events"), 5, 3,
    ),
    IdeaSpec(
        "general", "ivan", "Umbrella sharing at subway station exits",
        "Sudden summer downpours leave people stuck at station exits. Shared umbrellas, returned at any "
        "station, have worked in several districts as pilots; make them citywide.",
        ("rain", "subway", "sharing"), 5, 1,
    ),
    # --- Cooler summers (Environment, threshold 10) ---
    IdeaSpec(
        "cooler-summers", "mike", "Shade sails over crosswalk waiting areas",
        "The shade parasols at some crossings in Seocho-gu are a success. Put shade sails at every wide "
        "crossing where people wait in full sun for long red lights.",
        ("shade", "crosswalks", "heat"), 10, 20,
        comments=(
            ("nina", "Yes! Waiting at the Gwanghwamun crossing at 2 pm is unbearable.",
             (("officer_env", "Thank you, we are collecting the crossings with the longest waits."),)),
        ),
        followers=("nina", "oscar"),
    ),
    IdeaSpec(
        "cooler-summers", "nina", "Misting poles at the busiest bus stops in Jongno",
        "Fine-mist coolers at bus stops lower the felt temperature by several degrees and use little water. "
        "Start with the stops on Jongno and Euljiro with the most passengers.",
        ("heat", "bus stops"), 8, 17,
    ),
    IdeaSpec(
        "cooler-summers", "oscar", "Plant street trees wherever sidewalks are wide enough",
        "Many wide sidewalks have no trees at all. A street tree every ten metres would shade walkers and "
        "cool the asphalt.",
        ("trees", "heat", "sidewalks"), 5, 14,
    ),
    IdeaSpec(
        "cooler-summers", "peggy", "Cool white roofs on public rental housing",
        "Painting the flat roofs of public rental apartments with reflective paint keeps top-floor flats "
        "cooler, where older residents suffer most in heat waves.",
        ("housing", "heat", "energy"), 3, 11,
    ),
    IdeaSpec(
        "cooler-summers", "quinn", "Open school yards as cool playgrounds in the evening",
        "School yards with shade and water play could open to neighbourhood children after 6 pm in July "
        "and August, supervised by volunteers.",
        ("schools", "children"), 2, 9,
    ),
    IdeaSpec(
        "cooler-summers", "rachel", "A heat-shelter map with real opening hours",
        "The list of heat shelters is a PDF and many are closed in the evening. A live map with hours "
        "and air-conditioning status would help older people find one.",
        ("heat", "open data", "older people"), 6, 6,
    ),
    # --- Safer streets (Transport, threshold 8) ---
    IdeaSpec(
        "safer-streets", "sam", "Raised crosswalks in front of every elementary school",
        "Raised crosswalks force cars to slow down where children cross. Start with school zones that "
        "had accidents in the last three years.",
        ("school zones", "children", "crosswalks"), 9, 19,
        comments=(
            ("tina", "My daughter's school in Mapo badly needs this.",
             (("sam", "Add it to the list in the comments so the office sees it!"),)),
            ("officer_tra", "School zones are our priority this year; thanks for the proposal.", ()),
        ),
        followers=("tina",),
    ),
    IdeaSpec(
        "safer-streets", "tina", "A protected bike lane on Ttukseom-ro",
        "Cyclists share Ttukseom-ro with fast traffic between Seongsu and Konkuk University. A lane "
        "separated by curbs would connect the Jungnangcheon and Hangang bike paths safely.",
        ("cycling", "seongsu"), 7, 16,
    ),
    IdeaSpec(
        "safer-streets", "alice", "Longer green lights for older pedestrians",
        "At wide crossings the green light is too short for older people. Smart buttons or cards that "
        "extend the green phase exist abroad and could be tried near senior centres.",
        ("older people", "crosswalks"), 4, 13,
    ),
    IdeaSpec(
        "safer-streets", "bob", "Bike parking at every Line 2 station exit",
        "Bicycles are chained to railings because racks are missing. Covered racks at each Line 2 exit "
        "would make cycling to the subway easy.",
        ("cycling", "subway"), 3, 8,
    ),
    IdeaSpec(
        "safer-streets", "carol", "Fix the uneven sidewalk blocks around Mangwon market",
        "Loose and raised sidewalk blocks trip shoppers with carts. Please repave the streets around the "
        "market and use the report app to find the worst spots.",
        ("sidewalks", "mapo"), 1, 4,
    ),
    # --- A warm winter (Welfare, threshold 6, closed) ---
    IdeaSpec(
        "warm-winter", "dave", "Warm overnight shelters in subway stations for homeless neighbours",
        "On the coldest nights, open a heated room in large stations such as Seoul Station and Yeongdeungpo "
        "with blankets and outreach workers.",
        ("homelessness", "winter", "subway"), 7, 45,
        comments=(("erin", "Outreach workers are key, not just the room.", ()),),
    ),
    IdeaSpec(
        "warm-winter", "erin", "Free safety checks of old gas boilers",
        "Many older residents in semi-basement flats use old boilers. A free check before winter would "
        "prevent carbon-monoxide poisoning.",
        ("safety", "housing"), 3, 44,
    ),
    IdeaSpec(
        "warm-winter", "frank", "Volunteer snow clearing for older residents' alleys",
        "Match volunteers with older residents on steep alleys so their stairs and paths are cleared "
        "after snowfall.",
        ("volunteering", "snow"), 2, 42,
    ),
    IdeaSpec(
        "warm-winter", "grace", "Heating vouchers delivered by community workers",
        "Heating vouchers go unused because people do not know how to apply. Community workers could "
        "bring them during their home visits.",
        ("welfare", "energy"), 1, 40,
    ),
    # --- written in Korean by citizens who read the site in Korean ---
    IdeaSpec(
        "general", "김민지", "한강공원 자전거 보관소를 늘려 주세요",
        "주말이면 여의도와 반포 한강공원의 자전거 거치대가 금세 가득 차서 나무나 난간에 자전거를 묶어 두는 "
        "분이 많습니다. 지하철역과 가까운 공원 입구마다 지붕이 있는 자전거 보관소를 설치하면 따릉이와 개인 "
        "자전거 이용자 모두 편해지고 산책로도 한결 넓어질 것입니다.",
        ("자전거", "한강공원"), 7, 11,
        comments=(
            ("이준호", "주말마다 자전거 세울 곳을 찾느라 한참 헤맸어요. 꼭 필요합니다!",
             (("김민지", "공감해 주셔서 감사합니다. 뚝섬한강공원도 함께 검토되면 좋겠습니다."),)),
        ),
        followers=("이준호",),
    ),
    IdeaSpec(
        "safer-streets", "이준호", "어린이 보호구역 횡단보도에 옐로카펫을 설치해 주세요",
        "초등학교 앞 횡단보도 대기 공간의 바닥과 벽을 노란색으로 칠하는 옐로카펫은 운전자 눈에 잘 띄고, "
        "아이들이 차도에서 한 걸음 물러나 신호를 기다리게 해 줍니다. 등하굣길 사고가 잦았던 어린이 보호구역부터 "
        "우선 설치해 주시기 바랍니다.",
        ("어린이 보호구역", "횡단보도"), 6, 9,
        comments=(("박서연", "저희 아이 학교 앞에도 꼭 필요합니다. 아침마다 조마조마해요.", ()),),
    ),
    IdeaSpec(
        "cooler-summers", "박서연", "버스 정류장마다 그늘막과 쿨링포그를 설치해 주세요",
        "한여름 오후에 버스를 기다리다 보면 햇볕을 피할 곳이 없어 어르신들이 특히 힘들어하십니다. 승객이 많은 "
        "정류장부터 그늘막과 쿨링포그를 설치하고, 기온에 따라 자동으로 작동하도록 해 주세요.",
        ("폭염", "버스 정류장"), 4, 6,
    ),
    IdeaSpec(
        "general", "최도현", "지하철역에서 도서관 예약 도서를 찾아갈 수 있게 해 주세요",
        "도서관 운영 시간에 맞춰 방문하기 어려운 직장인이 많습니다. 주요 지하철역에 무인 예약도서 대출함을 두면 "
        "퇴근길에 예약한 책을 받아 가고 반납도 할 수 있어 도서관 이용이 훨씬 늘어날 것입니다.",
        ("도서관", "지하철"), 3, 5,
    ),
    IdeaSpec(
        "general", "정하은", "전통시장 공영주차장 첫 30분을 무료로 운영해 주세요",
        "장을 보러 잠깐 들르는 시민도 주차요금 부담 때문에 대형마트로 발길을 돌리게 됩니다. 전통시장 "
        "공영주차장의 첫 30분을 무료로 하면 동네 시장을 살리는 데 큰 도움이 될 것입니다.",
        ("전통시장", "주차"), 2, 3,
    ),
    IdeaSpec(
        "warm-winter", "강지우", "경로당 겨울 난방비 지원을 늘려 주세요",
        "난방비가 크게 올라 경로당에서 낮에도 보일러를 충분히 켜지 못하고 있습니다. 한파 기간만이라도 난방비 "
        "지원을 늘려 어르신들이 따뜻하게 지내실 수 있도록 해 주세요.",
        ("경로당", "난방"), 1, 43,
    ),
]
# fmt: on


@dataclass
class DemoSummary:
    users: int = 0
    campaigns: int = 0
    translations: int = 0
    ideas: int = 0
    votes: int = 0
    comments: int = 0


def _ensure_departments() -> dict[str, Department]:
    departments = {}
    for slug, (name, group_name, description) in DEPARTMENTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        department, _ = Department.objects.get_or_create(
            slug=slug, defaults={"name": name, "group": group, "description": description}
        )
        departments[slug] = department
    return departments


def _ensure_user(
    username: str, groups: list[str], password_hash: str, email_name: str = "", **flags
) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{email_name or username}@demo.oasis.example", "password": password_hash, **flags},
    )
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user, created


def _ensure_users(summary: DemoSummary) -> dict[str, User]:
    # One hash for every demo account: hashing is deliberately slow.
    password_hash = make_password(DEMO_PASSWORD)
    users = {}
    for name in CITIZENS:
        users[name], created = _ensure_user(name, [GROUP_CITIZENS], password_hash)
        summary.users += created
    for name, email_name in KOREAN_CITIZENS.items():
        users[name], created = _ensure_user(name, [GROUP_CITIZENS], password_hash, email_name)
        set_user_language(users[name], KOREAN)
        summary.users += created
    for name, (_role, groups, flags) in STAFF.items():
        users[name], created = _ensure_user(name, groups, password_hash, **flags)
        summary.users += created
    return users


def _ensure_editor_page_permissions() -> None:
    """Let the `editors` group edit, publish and translate pages (campaigns included) in the Wagtail
    admin, in both languages: each language's pages hang under its own home page."""
    homes = Site.objects.get(is_default_site=True).root_page.get_translations(inclusive=True)
    editors = Group.objects.get(name=GROUP_EDITORS)
    for codename in ("add_page", "change_page", "publish_page"):
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for home in homes:
            GroupPagePermission.objects.get_or_create(group=editors, page=home, permission=permission)
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")
    )


def page_translate(page: Page, *, language: str, strings: Mapping[str, str]) -> tuple[Page, bool]:
    """Translate `page` into `language` as an editor does with wagtail-localize; (translation, created).

    Each of the page's strings gets its translation from `strings` (English -> translation), like
    an uploaded PO file; a string missing there shows the original's text, as wagtail-localize's
    translations do until a translator fills it in. The translation is published at once (on
    commit) and keeps the original's slug, so it answers at the same address. A page already
    translated is left as it is (an alias, which only mirrors the original, is not a translation).
    """
    locale = Locale.objects.get(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
        return existing.specific, False
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    for entry in po:
        # Rich text strings are HTML: "it's" may come back as "it&#x27;s".
        entry.msgstr = strings.get(entry.msgid) or strings.get(html.unescape(entry.msgid), "")
    translation.import_po(po, tool_name="Oasis demo")
    translation.save_target(publish=True)
    return page.get_translation(locale).specific, True


def translations_sync(page: Page) -> None:
    """What "Sync translated pages" does in the admin: translations take `page`'s current content
    (its synchronised fields and any new strings) and are published."""
    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is None:
        return
    source.update_from_db()
    for translation in source.translations.filter(enabled=True):
        translation.save_target(publish=True)


def _ensure_campaigns(departments: dict[str, Department], summary: DemoSummary) -> dict[str, CampaignPage]:
    index = CampaignIndexPage.objects.order_by("pk").first()  # the original; its translation comes later
    campaigns = {"general": CampaignPage.objects.canonical().get(is_general=True)}
    now = timezone.now()
    for spec in CAMPAIGNS:
        page = CampaignPage.objects.canonical().filter(slug=spec.slug).first()
        if page is None:
            page = CampaignPage(
                title=spec.title,
                slug=spec.slug,
                summary=spec.summary,
                body=f"<p>{spec.summary}</p>",
                department=departments[spec.department],
                opens_at=now - timedelta(days=60 if spec.closed else 30),
                # A closed campaign stays open while the demo ideas and votes go in (see _close).
                closes_at=now + timedelta(days=1 if spec.closed else 60),
                vote_threshold=spec.threshold,
            )
            index.add_child(instance=page)
            page.save_revision().publish()
            summary.campaigns += 1
        campaigns[spec.slug] = CampaignPage.objects.get(pk=page.pk)
    return campaigns


def _ensure_campaign_translations(campaigns: dict[str, CampaignPage], summary: DemoSummary) -> None:
    """The campaign index and every campaign in Korean (the index first: it is their parent)."""
    for page in [CampaignIndexPage.objects.order_by("pk").first(), *campaigns.values()]:
        _translation, created = page_translate(page, language=KOREAN, strings=PAGES_IN_KOREAN)
        summary.translations += created


def _close(campaign: CampaignPage) -> None:
    """Close a campaign as its department would: edit the dates in the CMS, publish, sync the translations."""
    if campaign.has_closed:
        return
    campaign.closes_at = timezone.now() - timedelta(days=2)
    campaign.save_revision().publish()
    translations_sync(campaign)


def _backdate(idea: Idea, days_ago: int) -> None:
    """Spread the demo ideas over the past weeks so "newest" and "trending" look lived-in."""
    when = timezone.now() - timedelta(days=days_ago, hours=days_ago % 7)
    Idea.objects.filter(pk=idea.pk).update(created_at=when)
    TimelineEvent.objects.filter(idea=idea, kind=TimelineEvent.Kind.SUBMITTED).update(created_at=when)


def _ensure_idea(spec: IdeaSpec, campaign: CampaignPage, users: dict[str, User], summary: DemoSummary) -> Idea | None:
    idea = Idea.objects.filter(campaign=campaign, title=spec.title).first()
    if idea is None:
        if not campaign.is_open:
            return None  # a closed campaign takes no new ideas (only on a partial first run)
        idea = idea_submit(
            campaign=campaign, author=users[spec.author], title=spec.title, body=spec.body, tags=spec.tags
        )
        _backdate(idea, spec.days_ago)
        summary.ideas += 1

    if campaign.is_open and idea.status in (IdeaStatus.OPEN, IdeaStatus.IN_REVIEW) and not idea.hidden:
        voters = [
            u for name, u in users.items() if (name in CITIZENS or name in KOREAN_CITIZENS) and name != spec.author
        ]
        # Start at a different citizen for each idea so the votes spread out.
        offset = sum(map(ord, spec.title)) % len(voters)
        for voter in (voters[offset:] + voters[:offset])[: spec.votes]:
            _, created = vote_cast(idea=Idea.objects.get(pk=idea.pk), voter=voter)
            summary.votes += created

    if spec.comments and not Comment.objects.filter(idea=idea).exists() and not idea.hidden:
        for author, body, replies in spec.comments:
            with transaction.atomic():
                top = comment_create(idea=idea, author=users[author], body=body)
                summary.comments += 1
                for reply_author, reply_body in replies:
                    comment_create(idea=idea, author=users[reply_author], body=reply_body, parent=top)
                    summary.comments += 1

    for name in spec.followers:
        if not idea.hidden and idea.status != IdeaStatus.WITHDRAWN:
            follow_set(idea=idea, user=users[name], following=True)

    idea.refresh_from_db()
    if spec.withdraw and idea.status == IdeaStatus.OPEN:
        idea_withdraw(idea=idea, user=users[spec.author])
    if spec.hide and not idea.hidden:
        reporter = users["alice"] if spec.author != "alice" else users["bob"]
        if not idea.reports.filter(reporter=reporter).exists():
            report_create(reporter=reporter, idea=idea, reason="This is an advertisement, not an idea.")
        idea_hide(idea=idea, moderator=users["mod"], reason=spec.hide)
    return idea


def seed_demo(*, stdout: TextIO | None = None) -> DemoSummary:
    """Create (or complete) the demo data; returns what this run added."""
    summary = DemoSummary()
    departments = _ensure_departments()
    users = _ensure_users(summary)
    campaigns = _ensure_campaigns(departments, summary)
    _ensure_campaign_translations(campaigns, summary)
    _ensure_editor_page_permissions()
    for spec in IDEAS:
        _ensure_idea(spec, campaigns[spec.campaign], users, summary)
    for spec in CAMPAIGNS:
        if spec.closed:
            _close(campaigns[spec.slug])
    # What the scheduled `manage.py ideas_sweep` does: archive what the closed campaign left
    # below its threshold, and repair anything a crash could have left behind.
    archived = ideas_archive_closed_campaigns()
    ideas_sweep()
    if stdout is not None:
        stdout.write(
            f"Demo data: +{summary.users} users, +{summary.campaigns} campaigns, "
            f"+{summary.translations} Korean campaign pages, +{summary.ideas} ideas, "
            f"+{summary.votes} votes, +{summary.comments} comments, {archived} ideas archived.\n"
        )
    return summary


def status_overview() -> dict[str, int]:
    """How many demo-visible ideas are in each status (hidden ideas counted apart)."""
    overview: dict[str, int] = {}
    for status in Idea.objects.filter(hidden=False).values_list("status", flat=True):
        overview[status] = overview.get(status, 0) + 1
    overview["hidden"] = Idea.objects.filter(hidden=True).count()
    return overview


def login_rows() -> list[tuple[str, str, str]]:
    """(username, role, password) of every demo account."""
    staff = [(name, role, DEMO_PASSWORD) for name, (role, _groups, _flags) in STAFF.items()]
    korean = [(name, "citizen, reads and writes Korean", DEMO_PASSWORD) for name in KOREAN_CITIZENS]
    return staff + korean + [(name, "citizen", DEMO_PASSWORD) for name in CITIZENS]


def write_logins(stdout: TextIO) -> None:
    rows = [("username", "role", "password"), *login_rows()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    stdout.write("\nDemo logins (sign in at /accounts/login/, the CMS is at /admin/):\n")
    for n, row in enumerate(rows):
        stdout.write("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n")
        if n == 0:
            stdout.write("  " + "  ".join("-" * w for w in widths) + "\n")
