"""Fire viewflow's database timers (flow.Timer, .OnTimeout) and start-timers.

Run it periodically; it is safe to run as often as you like and from several hosts
(viewflow's timers fire under the process lock). For example, hourly from cron:

    0 * * * *  cd /srv/oasis && .venv/bin/python manage.py workflow_timers

or with a systemd timer (OnCalendar=hourly) running the same command.

Reminders of overdue reviews, decisions and additional answers are notifications: they come
from `manage.py notices_sweep` alone (following each person's preferences, with an unsubscribe
link); overdue work also shows in the coordinators' overview (/review/overview/).

This command replaces viewflow's command of the same name (the `workflows` app is
listed before `viewflow` in INSTALLED_APPS) and calls the same dispatchers.
"""

from django.core.management.base import BaseCommand
from viewflow.workflow.timers import fire_due_conditions, fire_due_start_timers, fire_due_timers


class Command(BaseCommand):
    help = "Fire due workflow timers."

    def handle(self, **options):
        fired = fire_due_timers()
        started = fire_due_start_timers()
        conditions = fire_due_conditions()
        self.stdout.write(f"{fired} timer(s) fired, {started} process(es) started, {conditions} condition(s) fired")
