"""The Korean catalogue: `messages update` extracts every string, `messages compile` builds the .mo.

`compile` needs no GNU gettext (polib writes the .mo), so scripts/install runs it on a fresh
machine; `update` runs Django's makemessages, which needs xgettext (a developer tool).
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Everything that is not the product: tools, tests, the virtualenv, data.
IGNORE = [".venv/*", "var/*", "tests/*", "bench/*", "node_modules/*", "scripts/*", ".git/*"]


def catalogues() -> list[Path]:
    return sorted(Path(p) for base in settings.LOCALE_PATHS for p in Path(base).glob("*/LC_MESSAGES/*.po"))


def update(locales: list[str], *, symlinks: bool = False) -> None:
    """Bring the .po files up to date with the code in the current directory.

    New msgids arrive untranslated. `symlinks` follows linked directories (the catalogue test
    extracts from a tree of links to the sources, so it never writes into the real catalogue).
    """
    call_command(
        "makemessages",
        locale=locales,
        ignore_patterns=IGNORE,
        symlinks=symlinks,
        no_obsolete=True,
        no_location=False,
        add_location="file",
        verbosity=0,
    )


def compile_all() -> list[Path]:
    """Build each .mo that is older than its .po; returns the ones built."""
    built = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        built.append(mo_path)
    return built


class Command(BaseCommand):
    help = "Update (makemessages) or compile (polib) the project's translation catalogues."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "compile"])
        parser.add_argument("--locale", "-l", action="append", default=None)

    def handle(self, *args, action: str, locale: list[str] | None, **options):
        if action == "update":
            update(locale or [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE])
            for po in catalogues():
                pofile = polib.pofile(str(po))
                self.stdout.write(
                    f"{po}: {len(pofile.translated_entries())} translated, "
                    f"{len(pofile.untranslated_entries())} untranslated, {len(pofile.fuzzy_entries())} fuzzy"
                )
        for mo in compile_all():
            self.stdout.write(f"built {mo}")
