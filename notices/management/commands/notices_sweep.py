"""Time-based notifications and catch-up; run it every hour (cron: `15 * * * *`).

The one sender of reminders (they follow each person's preferences and carry the unsubscribe link):
- announces campaigns whose opening date has come (published earlier with a future date),
- sends one-per-event e-mails left pending by a failed send,
- reminds experts of reviews due in two days; tells experts of overdue reviews (again once per
  OASIS_REMINDER_INTERVAL_HOURS) and the coordinators (once),
- tells a department of its overdue decisions and overdue additional answers (again once per
  OASIS_REMINDER_INTERVAL_HOURS),
- tells departments of ideas whose panels are done but have no decision (repairs a missed signal).
Idempotent: each of these goes out once (dedup key per event and recipient).
"""

from django.core.management.base import BaseCommand

from notices.services import emails_send_instant
from notices.sweeps import (
    answers_remind_overdue,
    campaigns_announce_opened,
    decisions_needed,
    decisions_remind_overdue,
    reviews_remind_due,
)


class Command(BaseCommand):
    help = "Announce opened campaigns, send reminders of due and overdue work, retry pending notification e-mails."

    def handle(self, *args, **options) -> None:
        campaigns = campaigns_announce_opened()
        reminders = reviews_remind_due()
        overdue_decisions = decisions_remind_overdue()
        overdue_answers = answers_remind_overdue()
        decisions = decisions_needed()
        sent = emails_send_instant()
        self.stdout.write(
            f"Campaigns announced: {campaigns}; reviews due: {reminders}; decisions overdue: {overdue_decisions}; "
            f"answers overdue: {overdue_answers}; decisions needed: {decisions}; e-mails retried: {sent}."
        )
