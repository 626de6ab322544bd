"""The shape of the code a newcomer reads: folders per stage, short functions, small scripts,
and every module saying what it exports."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import advisor

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "advisor"
MAX_FUNCTION_LINES = 60
# A module a newcomer reads in one sitting: the largest today is the question log's database
# (532 lines, one store behind two engines).
MAX_MODULE_LINES = 600
MAX_ROOT_MODULES = 8
MAX_SCRIPT_LINES = 400


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (f"{path.relative_to(REPO)}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno
    ]


def test_no_function_is_longer_than_a_screen() -> None:
    long = [
        (where, lines)
        for path in sorted(PACKAGE.rglob("*.py"))
        for where, lines in _functions(path)
        if lines > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_no_module_is_longer_than_a_sitting() -> None:
    long = {
        str(path.relative_to(REPO)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_the_root_holds_few_modules_and_the_stages_are_folders() -> None:
    root_modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root_modules) <= MAX_ROOT_MODULES, root_modules
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    stages = {"documents", "chunking", "embedding", "index", "understanding", "jobs"}
    stages |= {"retrieval", "scope", "answering", "serving", "api"}
    assert stages <= folders


def test_every_package_says_what_goes_in_and_what_comes_out() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 40, init


def test_every_module_exports_names_it_defines() -> None:
    for module_info in pkgutil.walk_packages(advisor.__path__, "advisor."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        exported = getattr(module, "__all__", None)
        assert exported is not None, f"{module_info.name} has no __all__"
        missing = [name for name in exported if not hasattr(module, name)]
        assert missing == [], f"{module_info.name}: {missing}"


def test_no_script_of_the_pages_is_over_400_lines() -> None:
    scripts = sorted((REPO / "web" / "static").rglob("*.js"))
    assert scripts
    long = {
        str(p.relative_to(REPO)): n
        for p in scripts
        if (n := len(p.read_text().splitlines())) > MAX_SCRIPT_LINES
    }
    assert long == {}
