"""The Korean catalogue is complete: every string in the code is in it, translated, none fuzzy."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from oasis.management.commands import messages

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ko" / "LC_MESSAGES" / "django.po"
# %(name)s and %(name)d are different placeholders: a %d fed a string crashes at runtime.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]|\{\{\s*\w+\s*\}\}")


def _describe(entries) -> str:
    return "\n".join(f"  {e.msgid!r} ({', '.join(f for f, _ in e.occurrences[:2])})" for e in entries[:40])


def test_translator_left_no_string_untranslated_or_fuzzy():
    pofile = polib.pofile(str(CATALOGUE))
    untranslated = pofile.untranslated_entries()
    fuzzy = [e for e in pofile.fuzzy_entries() if e.msgid]
    assert not untranslated, f"{len(untranslated)} untranslated Korean entries:\n{_describe(untranslated)}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy Korean entries:\n{_describe(fuzzy)}"


def test_translator_kept_every_placeholder():
    """A Korean string that drops or renames %(name)s would crash or lose the value at runtime."""
    broken = []
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            want = set(PLACEHOLDER.findall(source))
            have = set(PLACEHOLDER.findall(text))
            if want != have:
                broken.append(entry)
    assert not broken, f"{len(broken)} entries change their placeholders:\n{_describe(broken)}"


def test_developer_cannot_add_a_string_without_its_korean(tmp_path, settings, monkeypatch):
    """Extract the strings from the code as `manage.py messages update` would, into a copy."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext (Debian package gettext) is needed to extract strings")
    # makemessages writes next to the sources it reads: give it links to them and a copy of locale/.
    for entry in Path(settings.BASE_DIR).iterdir():
        if entry.name not in {"locale", ".git", ".venv", "var", "node_modules"}:
            (tmp_path / entry.name).symlink_to(entry)
    copy = tmp_path / "locale"
    shutil.copytree(CATALOGUE.parents[2], copy)
    settings.LOCALE_PATHS = [copy]
    monkeypatch.chdir(tmp_path)
    messages.update(["ko"], symlinks=True)
    extracted = polib.pofile(str(copy / "ko" / "LC_MESSAGES" / "django.po"))
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOGUE))}
    missing = [e for e in extracted if (e.msgctxt, e.msgid) not in committed]
    assert not missing, (
        f"{len(missing)} strings in the code are not in the Korean catalogue; run "
        f"`manage.py messages update`, translate them and commit:\n{_describe(missing)}"
    )


def test_korean_reader_sees_our_words_not_wagtails():
    """Wagtail's own catalogue renders "Timeline" as "시간대" (time zone); ours must win."""
    with translation.override("ko"):
        assert translation.pgettext("idea history", "Timeline") != "시간대"
        assert re.search("[가-힣]", translation.gettext("Campaigns"))
