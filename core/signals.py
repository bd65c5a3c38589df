"""The one way a domain signal is sent: robustly, after the transaction commits.

A receiver's failure is logged and never undoes or breaks the write that caused it
(the vote, the verdict); a rolled-back write sends nothing. The one exception is a
consumer that must write in the same transaction (the search outbox): such signals
are sent with plain `send()` inside the transaction, and say so where they are defined.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger("oasis.signals")


def send_now(signal: Signal, sender: Any, **kwargs: Any) -> None:
    """Send `signal` robustly at once (use it from code that already runs after commit)."""
    for receiver, result in signal.send_robust(sender=sender, **kwargs):
        if isinstance(result, Exception):
            logger.error(
                "Receiver %r of a domain signal failed", receiver, exc_info=(type(result), result, result.__traceback__)
            )


def send_on_commit(signal: Signal, sender: Any, **kwargs: Any) -> None:
    """Send `signal` robustly once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send_now(signal, sender, **kwargs))
