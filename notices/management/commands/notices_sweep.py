"""Time-based notifications and catch-up; run it every hour (cron: `15 * * * *`).

- announces campaigns whose opening date has come (published earlier with a future date),
- sends one-per-event e-mails left pending by a failed send,
- reminds experts of reviews due soon (and is idempotent: each reminder goes out once).
"""

from django.core.management.base import BaseCommand

from notices.services import emails_send_instant
from notices.sweeps import campaigns_announce_opened, reviews_remind_due


class Command(BaseCommand):
    help = "Announce opened campaigns, remind due reviews, retry pending notification e-mails."

    def handle(self, *args, **options) -> None:
        campaigns = campaigns_announce_opened()
        reminders = reviews_remind_due()
        sent = emails_send_instant()
        self.stdout.write(f"Campaigns announced: {campaigns}; review reminders: {reminders}; e-mails retried: {sent}.")
