"""The layers of README "Layout" hold in the code itself.

import-linter (`lint-imports`, run by scripts/test) checks module-level imports; this test adds
what it cannot see as a rule: no function hides a dependency on another app by importing it
locally, except an `AppConfig.ready()`, where Django wants receivers and checks imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = {"core": ROOT / "core", "ideas": ROOT / "ideas", "review": ROOT / "review", "workflows": ROOT / "workflows"}
APPS |= {"search": ROOT / "search", "notices": ROOT / "notices", "oasis": ROOT / "site" / "oasis"}


def _function_local_cross_app_imports(app: str, path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(), filename=str(path))
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) or func.name == "ready":
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in APPS and top != app:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {func.name}() imports {name}")
    return found


def test_no_app_hides_an_import_of_another_app_inside_a_function():
    offenders = []
    for app, folder in APPS.items():
        for path in sorted(folder.rglob("*.py")):
            if "migrations" not in path.parts:
                offenders += _function_local_cross_app_imports(app, path)
    assert offenders == []
