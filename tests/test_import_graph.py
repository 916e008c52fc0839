"""The portal's modules import one another without circles, and in the direction the layout
says: ``socoba_portal`` knows no domain app, ``students`` and ``seminars`` build on
``projects`` and never on each other, ``projects`` on neither. Imports inside functions count
too: a deferred import is how a circle usually hides."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("socoba_portal", "projects", "seminars", "students", "accounts", "legal")
FORBIDDEN = {
    "socoba_portal": {"projects", "seminars", "students"},
    "projects": {"seminars", "students"},
    "seminars": {"students"},
    "students": {"seminars"},
}
COMPOSER = "socoba_portal.urls"  # the root urlconf: the one module that composes every app


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules():
    return {
        _module_name(path): path
        for package in PACKAGES
        if (ROOT / package).is_dir()
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def _imports(name, path, known):
    """The portal's modules that ``name`` imports (the module itself, or a package's module
    for ``from package import module``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(f"{target}."):
                found.add(target)
    return found


def import_graph():
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def cycles(graph):
    """Every circle, as the list of modules along it (depth-first search)."""
    found, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                found.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_the_portal_has_no_import_circles():
    assert cycles(import_graph()) == []


def test_the_search_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_dependencies_point_one_way(app):
    wrong = {
        (name, target)
        for name, targets in import_graph().items()
        if name.split(".")[0] == app and name != COMPOSER
        for target in targets
        if target.split(".")[0] in FORBIDDEN[app]
    }
    assert wrong == set()
