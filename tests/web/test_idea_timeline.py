"""The idea page shows the public timeline: when, what (with status labels), which office, and why."""

import pytest

from ideas.models import IdeaStatus, TimelineEvent
from ideas.services import idea_set_status, timeline_record
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_visitor_sees_every_timeline_event_with_office_and_note(client, idea):
    department = DepartmentFactory(name="Parks Office")
    timeline_record(idea=idea, kind=TimelineEvent.Kind.SUBMITTED, office="Citizen", to_status=IdeaStatus.OPEN)
    idea_set_status(
        idea=idea,
        to_status=IdeaStatus.ARCHIVED,
        actor=None,
        office=department.name,
        note="The campaign closed before the idea reached 10 votes.",
    )
    html = client.get(idea.get_absolute_url()).content.decode()
    timeline = html[html.index('id="timeline-heading"') :]
    assert timeline.index("Submitted") < timeline.index("Status changed")
    assert "Open for votes → Archived" in timeline
    assert "By: Parks Office" in timeline
    assert "The campaign closed before the idea reached 10 votes." in timeline
