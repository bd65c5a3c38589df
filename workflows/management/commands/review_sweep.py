"""Start any review that a crash left unstarted (ideas in review without a process).

The threshold event starts reviews right after the vote commits; if the server died
in between, this repairs it. Safe to run at any time (the idea<->process link is
unique, the start is idempotent). Run it with `ideas_sweep`, e.g. every few minutes.
"""

from django.core.management.base import BaseCommand

from workflows.services import reviews_sweep


class Command(BaseCommand):
    help = "Start review processes (and additional-answer tasks) that are missing."

    def handle(self, **options):
        result = reviews_sweep()
        self.stdout.write(
            f"{result['reviews_started']} review(s) started, {result['answers_started']} additional answer(s) started"
        )
