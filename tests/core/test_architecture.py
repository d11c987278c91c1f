"""The apps depend one way, as the README's "Architecture" section draws them: each app
imports only apps of lower layers, so nothing imports in a circle."""

import ast
from pathlib import Path

from django.conf import settings

# Lowest first. An app may import the apps of the layers before its own.
LAYERS = [
    # The countries are reference data the settings read (their names as IGF writes them).
    {"countries"},
    # Settings and URLs, plus what every app uses: the audit log, security middleware,
    # spreadsheet safety, rate limits, e-mail, form fields. It imports no other app.
    {"config"},
    {"frameworks"},
    {"accounts"},
    {"assessment", "audit"},
    {"charts"},
    {"scores", "plans"},
    {"reports"},
    {"publications"},
    {"api"},
    {"demo", "bench"},
    {"load"},
]
APPS = set().union(*LAYERS)


def imports_of(app: str) -> dict[str, set[str]]:
    """{the project's other app imported: the files that import it}, migrations left out."""
    found: dict[str, set[str]] = {}
    for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in APPS and top != app:
                    found.setdefault(top, set()).add(str(path.relative_to(settings.BASE_DIR)))
    return found


def layer_of(app: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if app in layer)


def test_every_app_of_the_project_has_its_layer():
    installed = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    project_apps = {p.parent.name for p in Path(settings.BASE_DIR).glob("*/apps.py")}
    assert project_apps <= installed
    assert project_apps <= APPS


def test_apps_import_only_the_apps_beneath_them():
    upward = [
        f"{app} imports {other} in {sorted(files)}"
        for app in sorted(APPS)
        for other, files in imports_of(app).items()
        if layer_of(other) >= layer_of(app)
    ]
    assert upward == []


def test_no_app_tries_another_apps_import_and_falls_back():
    """No `try: import … except ImportError` between the project's own apps."""
    fallbacks = []
    for app in sorted(APPS):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.Try):
                    continue
                caught = {
                    getattr(handler.type, "id", None) for handler in node.handlers if handler.type
                }
                imported = [n for n in ast.walk(ast.Module(node.body, [])) if _is_import(n)]
                if "ImportError" in caught and imported:
                    fallbacks.append(str(path))
    assert fallbacks == []


def _is_import(node) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] in APPS
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] in APPS for alias in node.names)
    return False
