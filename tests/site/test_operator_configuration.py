"""What an operator relies on: every setting read from the environment is documented, and
a production start without the public address is refused rather than e-mailing localhost links."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.checks import run_checks
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
ENV_READ = re.compile(r"""(?:environ\.get\(|environ\[|getenv\(|env_bool\()\s*["']([A-Z][A-Z0-9_]*)["']""")


def _variables_read_by_settings() -> set[str]:
    return set(ENV_READ.findall((ROOT / "site" / "oasis" / "settings.py").read_text()))


def _variables_in_readme_table() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", section, flags=re.MULTILINE))


def test_operator_finds_every_environment_variable_in_the_readme():
    read = _variables_read_by_settings()
    assert len(read) > 20  # the pattern still finds what settings read
    assert read - _variables_in_readme_table() == set()


def test_operator_cannot_start_without_a_public_address_when_debug_is_off():
    with override_settings(DEBUG=False, OASIS_BASE_URL=""):
        assert "oasis.E001" in {message.id for message in run_checks()}
    with override_settings(DEBUG=False, OASIS_BASE_URL="https://oasis.example.org"):
        assert "oasis.E001" not in {message.id for message in run_checks()}
    with override_settings(DEBUG=True, OASIS_BASE_URL=""):
        assert "oasis.E001" not in {message.id for message in run_checks()}
