"""`manage.py seed_demo`: idempotent demo data built on the site's own services."""

from __future__ import annotations

import importlib
import importlib.util

from django.core.management.base import BaseCommand

from ideas.demo import seed_demo, status_overview, write_logins


class Command(BaseCommand):
    help = (
        "Create demo departments, users, campaigns, ideas, votes and comments through the same "
        "services the site uses. Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        seed_demo(stdout=self.stdout)
        # The review workflow's demo (decisions, adopted ideas) lives with the review app.
        if importlib.util.find_spec("workflows.demo") is not None:
            seed_review_demo = getattr(importlib.import_module("workflows.demo"), "seed_review_demo", None)
            if callable(seed_review_demo):
                seed_review_demo(stdout=self.stdout)
        overview = ", ".join(f"{status}={count}" for status, count in sorted(status_overview().items()))
        self.stdout.write(f"Ideas by status: {overview}")
        write_logins(self.stdout)
