"""Budgets are Korean won: one parser for what people type, one way to show an amount.

An amount reads "₩120,000,000" in both languages (the won sign and comma groups of three are
how a Korean reader writes it, and an English reader reads it without help). People may type
"120,000,000", "120000000", "₩120,000,000", "120 000 000" or "120,000,000원"; an empty budget
is no budget. A verdict without a budget, and every rejection, shows no budget line at all
(`review.models.Decision.budget_amount`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WON_SIGN = "₩"
# Decision.budget has 15 digits.
BUDGET_LIMIT = Decimal(10) ** 15

# What may surround or group the digits: spaces of any kind, commas, the won sign (also the
# full-width one), the word "원" and the code "KRW".
_DECORATION = re.compile(r"[\s,\u00a0\u202f₩￦]|원|krw", re.IGNORECASE)


def budget_parse(value: Any) -> Decimal | None:
    """A typed budget as a whole amount of won, None when empty; ValidationError for anything else."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError(_("Enter the budget in won as a whole number, for example 120,000,000."), code="invalid")
    if isinstance(value, int | Decimal):
        text = str(value)
    else:
        text = _DECORATION.sub("", str(value))
    if text == "":
        return None
    if not text.isascii() or not text.isdigit():
        raise ValidationError(_("Enter the budget in won as a whole number, for example 120,000,000."), code="invalid")
    amount = Decimal(text)
    if amount >= BUDGET_LIMIT:
        raise ValidationError(_("This budget is too large."), code="too_large")
    return amount


def budget_display(amount: Decimal | int | None) -> str:
    """ "₩120,000,000"; "" for no budget (None or 0), so that no page says "Budget: 0"."""
    if not amount:
        return ""
    return f"{WON_SIGN}{int(amount):,}"
