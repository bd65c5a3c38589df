"""Report drift between the database and the search index (exit status 1 if any)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search import port

SHOW = 20


class Command(BaseCommand):
    help = "Compare the search index with the database; --fix queues every drifted idea and drains."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true")

    def handle(self, *args, fix: bool, **options):
        report = port.check(fix=fix)
        self.stdout.write(
            f"{port.get_backend().name}: {report.expected} searchable ideas in the database, "
            f"{report.indexed} documents in the index, {report.queued} updates queued"
        )
        for label, ids in (
            ("missing from the index", report.missing),
            ("in the index but not searchable", report.extra),
            ("out of date in the index", report.stale),
        ):
            if ids:
                more = f" (and {len(ids) - SHOW} more)" if len(ids) > SHOW else ""
                self.stdout.write(f"  {len(ids)} {label}: {', '.join(map(str, ids[:SHOW]))}{more}")
        if report.ok:
            self.stdout.write(self.style.SUCCESS("No drift."))
            return
        if fix:
            drained = port.drain()
            self.stdout.write(f"Queued the drifted ideas; drain: {drained.as_dict()}")
            if drained.failed == 0 and port.check().ok:
                self.stdout.write(self.style.SUCCESS("Fixed."))
                return
        raise SystemExit(1)
