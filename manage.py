#!/usr/bin/env python
"""Django's command-line utility for Oasis."""

import os
import sys
from pathlib import Path

# The project package lives in site/ (the stdlib owns the name `site`), so put
# that folder on sys.path and import the project as `oasis`.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oasis.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
