"""`manage.py seed_demo`: idempotent demo data built on the site's own services.

The site composes the demos of its apps: its own pages first (the home page in Korean, an
"About Oasis" page in both languages), then ideas' (people, campaigns in both languages,
ideas, votes), then the review workflow's (screenings, reviews, verdicts), which builds on them.
"""

from __future__ import annotations

from collections import Counter

from django.core import mail
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from ideas.demo import seed_demo, status_overview, write_logins
from oasis.demo import seed_site_demo
from workflows.demo import seed_review_demo

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create demo pages and campaigns in English and Korean, departments, users, ideas, votes, comments and reviews through the same "
        "services the site uses. Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        # The demo's notifications send real e-mails; on the console backend they would bury the
        # logins under screens of messages, so they are kept in memory and summarised instead.
        with override_settings(EMAIL_BACKEND=LOCMEM):
            mail.outbox = []
            pages = seed_site_demo()
            self.stdout.write(f"Site pages: +{pages} (the home page in Korean, About Oasis in English and Korean).\n")
            seed_demo(stdout=self.stdout)
            seed_review_demo(stdout=self.stdout)
            sent = list(mail.outbox)
        if sent:
            recipients = Counter(address for message in sent for address in message.to)
            self.stdout.write(
                f"Notification e-mails the demo produced: {len(sent)} to {len(recipients)} recipients "
                "(not printed; the site sends them through EMAIL_URL / EMAIL_BACKEND)."
            )
        overview = ", ".join(f"{status}={count}" for status, count in sorted(status_overview().items()))
        self.stdout.write(f"Ideas by status: {overview}")
        write_logins(self.stdout)
