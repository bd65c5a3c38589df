"""Push queued index updates (the search outbox). Run it from a scheduler, e.g. every minute:

    * * * * *  cd /srv/oasis && .venv/bin/python manage.py search_drain

With --wait it keeps running and drains every --interval seconds (a small worker).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from search import port


class Command(BaseCommand):
    help = "Send queued search index updates to the search backend (retrying failed ones)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--wait", action="store_true", help="Keep draining every --interval seconds.")
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args, batch_size: int, wait: bool, interval: float, **options):
        while True:
            report = port.drain(limit=batch_size)
            line = (
                f"indexed {report.indexed}, removed {report.deleted}, failed {report.failed}, "
                f"still queued {report.remaining}"
            )
            if report.error:
                line += f" (last error: {report.error})"
            self.stdout.write(line)
            if not wait:
                if report.failed:
                    raise SystemExit(1)
                return
            time.sleep(interval)
