"""The layers hold: no import cycles, no product code importing tests, action groups and pages importing no
pytest plugin module, page knowledge importing nothing above it, bench/ and tools/ using the plain pieces."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("action_groups", "bench", "fixtures", "flowspec", "harness", "livingdoc", "mocks", "mutation", "pages",
           "steps", "tools")  # fmt: skip
PACKAGES = (*PRODUCT, "tests")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    found = {_module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    found["conftest"] = ROOT / "conftest.py"
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an import names (a name below a module is the module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {found for name in names if (found := _resolve(name)) and found != module}


GRAPH = {module: _imports(module) for module in MODULES}


def _plugins() -> set[str]:
    """Modules pytest loads as plugins: the root conftest's ``pytest_plugins`` and every conftest."""
    tree = ast.parse((ROOT / "conftest.py").read_text(encoding="utf-8"))
    listed = {
        elt.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytest_plugins" for t in node.targets)
        for elt in getattr(node.value, "elts", [])
        if isinstance(elt, ast.Constant) and isinstance(elt.value, str)
    }
    return listed | {m for m in MODULES if m.endswith("conftest")}


def _cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in GRAPH[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return groups


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert _cycles() == []


@pytest.mark.parametrize("package", PRODUCT)
def test_no_product_code_imports_tests(package: str) -> None:
    leaks = {m: sorted(t for t in GRAPH[m] if t.startswith("tests")) for m in GRAPH if m.startswith(package + ".")}
    assert {m: t for m, t in leaks.items() if t} == {}


@pytest.mark.parametrize("package", ["action_groups", "pages", "harness", "flowspec"])
def test_lower_layers_import_no_pytest_plugin_module(package: str) -> None:
    plugins = _plugins()
    leaks = {m: sorted(GRAPH[m] & plugins) for m in GRAPH if m == package or m.startswith(package + ".")}
    assert {m: t for m, t in leaks.items() if t} == {}


def test_pages_know_only_pages_and_the_doc() -> None:
    above = ("action_groups", "steps", "fixtures", "harness", "livingdoc", "mocks")
    leaks = {m: sorted(t for t in GRAPH[m] if t.startswith(above)) for m in GRAPH if m.startswith("pages")}
    assert {m: t for m, t in leaks.items() if t} == {}


@pytest.mark.parametrize(
    ("package", "may_import"),
    [("bench", ("bench", "tools")), ("tools", ("tools",))],
)
def test_bench_and_tools_use_the_harness_as_a_library(package: str, may_import: tuple[str, ...]) -> None:
    """No pytest plugin module (fixtures/, steps/, livingdoc/), no action group, no test: the plain pieces."""
    library = (*may_import, "harness", "flowspec", "pages", "mocks")
    leaks = {
        m: sorted(t for t in GRAPH[m] if t.split(".")[0] not in library)
        for m in GRAPH
        if m == package or m.startswith(package + ".")
    }
    assert {m: t for m, t in leaks.items() if t} == {}
