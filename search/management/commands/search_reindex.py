"""Rebuild the search index from the database.

Elasticsearch: builds a new index while the site keeps serving (and writing to) the old
one, then switches the alias atomically and deletes the old index. Embedded: refreshes
every document and drops stale ones, batch by batch, without emptying the table first.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search import port


class Command(BaseCommand):
    help = "Rebuild the search index from the database with no downtime."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, batch_size: int, **options):
        def progress(done: int, total: int) -> None:
            if options["verbosity"] > 1 or done == total:
                self.stdout.write(f"  {done}/{total}")

        backend = port.get_backend()
        self.stdout.write(f"Reindexing into the {backend.name} backend…")
        result = port.reindex(batch_size=batch_size, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Done: {result}"))
