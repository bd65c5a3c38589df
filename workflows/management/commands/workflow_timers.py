"""Fire workflow timers and remind the holders of overdue review tasks.

Run it periodically; it is safe to run as often as you like and from several hosts
(each reminder is claimed with a conditional UPDATE, viewflow's timers under the
process lock). For example, hourly from cron:

    0 * * * *  cd /srv/oasis && .venv/bin/python manage.py workflow_timers

or with a systemd timer (OnCalendar=hourly) running the same command.

What it does:
  * experts whose review is past its due date (OASIS_REVIEW_DUE_DAYS after
    assignment) get an e-mail reminder;
  * the responsible department's staff get one when the decision is past due
    (OASIS_DECISION_DUE_DAYS after both panels finished), and when a citizen's
    request for an additional answer is past due;
  * each overdue task is reminded at most once per OASIS_REMINDER_INTERVAL_HOURS
    (default 24); overdue work also shows in the coordinators' overview (/review/overview/);
  * viewflow's own database timers (flow.Timer, .OnTimeout) are fired too.

This command replaces viewflow's command of the same name (the `workflows` app is
listed before `viewflow` in INSTALLED_APPS) and calls the same dispatchers.
"""

from django.core.management.base import BaseCommand
from viewflow.workflow.timers import fire_due_conditions, fire_due_start_timers, fire_due_timers

from workflows.services import reminders_send


class Command(BaseCommand):
    help = "Fire due workflow timers and send reminders for overdue reviews, decisions and answers."

    def handle(self, **options):
        fired = fire_due_timers()
        started = fire_due_start_timers()
        conditions = fire_due_conditions()
        sent = reminders_send()
        self.stdout.write(
            f"{fired} timer(s) fired, {started} process(es) started, {conditions} condition(s) fired; "
            f"reminders: {sent['reviews']} review(s), {sent['decisions']} decision(s), {sent['answers']} answer(s)"
        )
