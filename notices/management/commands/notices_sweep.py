"""Time-based notifications and catch-up; run it every hour (cron: `15 * * * *`).

- announces campaigns whose opening date has come (published earlier with a future date),
- sends one-per-event e-mails left pending by a failed send,
- reminds experts of reviews due in two days, tells experts and coordinators of overdue ones,
- tells departments of ideas whose panels are done but have no decision (repairs a missed signal).
Idempotent: each of these goes out once (dedup key per event and recipient).
"""

from django.core.management.base import BaseCommand

from notices.services import emails_send_instant
from notices.sweeps import campaigns_announce_opened, decisions_needed, reviews_remind_due


class Command(BaseCommand):
    help = "Announce opened campaigns, remind due reviews, retry pending notification e-mails."

    def handle(self, *args, **options) -> None:
        campaigns = campaigns_announce_opened()
        reminders = reviews_remind_due()
        decisions = decisions_needed()
        sent = emails_send_instant()
        self.stdout.write(
            f"Campaigns announced: {campaigns}; reviews due: {reminders}; decisions needed: {decisions}; e-mails retried: {sent}."
        )
