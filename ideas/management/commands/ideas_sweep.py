from django.core.management.base import BaseCommand

from ideas.voting import ideas_archive_closed_campaigns, ideas_sweep


class Command(BaseCommand):
    help = (
        "Archive ideas of closed campaigns that never reached their threshold, select any idea "
        "whose threshold crossing a crash left unrecorded, and reconcile vote sort keys. "
        "Idempotent; schedule it every few minutes (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        archived = ideas_archive_closed_campaigns()
        result = ideas_sweep()
        self.stdout.write(f"archived={archived} selected={result['selected']} refreshed={result['refreshed']}")
