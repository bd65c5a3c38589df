"""Send each user who chose the daily digest one e-mail with everything pending.

Run once a day by the scheduler (cron: `0 7 * * * cd /srv/oasis && .venv/bin/python manage.py notices_digest`).
Safe to run again: items already sent are never sent twice.
"""

from django.core.management.base import BaseCommand

from notices.services import digest_send


class Command(BaseCommand):
    help = "Send the daily notification digest e-mails."

    def handle(self, *args, **options) -> None:
        sent = digest_send()
        self.stdout.write(f"Sent {sent} digest e-mail(s).")
