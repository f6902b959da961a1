"""The layers of coach, enforced: a pure core (routines, engine, history, settings...) under a thin UI.

Every import in every module of the package is read from its source (imports inside functions too, so
a lazy import cannot slip a layer), resolved to the part of coach or the outside package it names, and
held against the rules below. A new part of coach must be given a rule here before its first test runs.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coach"

# The core's leaves first; each part may import the parts named, itself, and the standard library.
CORE_OUTSIDE = {"platformdirs", "tomli_w"}
RULES: dict[str, tuple[set[str], set[str]]] = {
    # part: (parts of coach it may import, packages from outside the standard library it may import)
    "coach": (set(), set()),  # coach/__init__.py: the version only
    "coach.__main__": ({"coach.cli"}, set()),
    "coach.wording": (set(), set()),
    "coach.atomic": (set(), set()),
    # Every limit on what coach reads, and the reader that keeps to them: any part may read them.
    "coach.limits": (set(), set()),
    "coach.paths": (set(), {"platformdirs"}),
    "coach.routines": ({"coach.paths", "coach.wording", "coach.limits"}, set()),
    "coach.engine": ({"coach.routines", "coach.wording"}, set()),
    "coach.options": ({"coach.routines"}, set()),
    "coach.settings": (
        {"coach", "coach.paths", "coach.atomic", "coach.routines", "coach.limits", "coach.wording"},
        {"tomli_w"},
    ),
    "coach.history": (
        {"coach", "coach.paths", "coach.atomic", "coach.routines", "coach.engine", "coach.wording",
         "coach.limits"},
        {"tomli_w"},
    ),
    # coach serve: the channel is what the served app imports (standard library only); the server and
    # the QR code need the serve extra; the page's cues come from the engine's events.
    "coach.serve.channel": (set(), set()),
    "coach.serve.access": (set(), set()),
    "coach.serve.cues": ({"coach.engine", "coach.serve.channel"}, set()),
    "coach.serve": (
        {"coach.serve.channel", "coach.serve.access"},
        {"aiohttp", "aiohttp_jinja2", "jinja2", "textual_serve", "segno"},
    ),
    "coach.awake": ({"coach.serve.channel"}, {"wakepy"}),
    "coach.sound": ({"coach.atomic", "coach.paths", "coach.routines", "coach.engine", "coach.wording"},
                    {"platformdirs"}),
    "coach.cli": (
        {"coach", "coach.paths", "coach.routines", "coach.engine", "coach.history", "coach.options",
         "coach.settings", "coach.wording", "coach.limits", "coach.serve.channel", "coach.serve.access",
         "coach.sound"},
        set(),
    ),
    "coach.ui": (
        {"coach", "coach.paths", "coach.routines", "coach.engine", "coach.history", "coach.options",
         "coach.settings", "coach.wording", "coach.atomic", "coach.limits", "coach.awake",
         "coach.serve.channel", "coach.serve.cues", "coach.sound"},
        {"textual", "rich"},
    ),
}
# The imports allowed across the rules.
EXCEPTIONS = {("coach.cli", "coach.ui.app"), ("coach.cli", "coach.serve.run")}
"""The command line starts the app, and ``coach serve`` its server, lazily, only when asked to."""


@dataclass(frozen=True)
class Import:
    """One import statement: the module that has it, the line, and the module it names."""

    module: str
    line: int
    target: str


def module_name(path: Path, root: Path) -> str:
    """``coach/ui/app.py`` -> ``coach.ui.app``; a package's ``__init__.py`` is the package."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path = PACKAGE.parent) -> list[Import]:
    """Every import in the file, at any depth, with relative imports resolved (``root`` holds coach/)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Import(name, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "coach" or base.startswith("coach."):
                # ``from coach import paths`` names the module coach.paths, not the package.
                # (``from coach import __version__`` names the package itself.)
                found += [
                    Import(name, node.lineno, base if alias.name.startswith("__") else f"{base}.{alias.name}")
                    for alias in node.names
                ]
            else:
                found.append(Import(name, node.lineno, base))
    return found


def part_of(module: str) -> str:
    """The part of coach a module belongs to: the longest name in :data:`RULES` that contains it.

    ``coach`` itself is only ``coach/__init__.py``: a new top-level module belongs to no part until it
    is given a rule."""
    best = ""
    for part in RULES:
        if module == part or (part != "coach" and module.startswith(part + ".")):
            best = part if len(part) > len(best) else best
    return best


def all_imports() -> list[Import]:
    return [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in imports_of(path)]


def violations(imports: list[Import]) -> list[str]:
    """Each import that crosses a layer, as ``module:line imports target (why)``."""
    found = []
    for imp in imports:
        part = part_of(imp.module)
        if not part:
            found.append(f"{imp.module} belongs to no part: give it a rule in tests/test_layers.py")
            continue
        allowed_parts, allowed_outside = RULES[part]
        top = imp.target.split(".")[0]
        if top == "coach":
            target_part = part_of(imp.target) or imp.target
            if target_part in (part, *allowed_parts) or any(
                part == a and (imp.target == b or imp.target.startswith(b + ".")) for a, b in EXCEPTIONS
            ):
                continue
            why = f"{part} may not import {target_part}"
            found.append(f"{imp.module}:{imp.line} imports {imp.target} ({why})")
        elif top not in sys.stdlib_module_names and top not in allowed_outside and top != "__future__":
            found.append(f"{imp.module}:{imp.line} imports {imp.target} ({part} may not import {top})")
    return found


def test_no_import_crosses_a_layer() -> None:
    assert violations(all_imports()) == []


def test_only_the_ui_imports_textual() -> None:
    textual = {imp.module for imp in all_imports() if imp.target.split(".")[0] == "textual"}
    assert textual, "the reader found no textual import at all: it is broken"
    assert {part_of(module) for module in textual} == {"coach.ui"}


def test_the_command_line_starts_the_app_lazily() -> None:
    """The CLI's one import of the UI is inside a function, so ``coach list`` never loads textual."""
    tree = ast.parse((PACKAGE / "cli" / "__init__.py").read_text(encoding="utf-8"))
    top_level = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    assert all(not (node.module or "").startswith("coach.ui") for node in top_level)
    assert ("coach.cli", "coach.ui.app") in {(i.module, i.target.rpartition(".")[0]) for i in all_imports()}


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("coach.engine.fake", "import textual", "coach.engine may not import textual"),
        ("coach.routines.fake", "from coach.history import load_history", "may not import coach.history"),
        ("coach.routines.fake", "def f():\n    from coach.ui import app", "may not import coach.ui"),
        ("coach.engine.fake", "from coach import settings", "may not import coach.settings"),
        ("coach.history.fake", "from ..ui.widgets import words", "may not import coach.ui"),
        ("coach.settings", "import rich.text", "coach.settings may not import rich"),
        ("coach.sound.fake", "from textual.app import App", "coach.sound may not import textual"),
        ("coach.sound.fake", "from coach.settings import Settings", "may not import coach.settings"),
        ("coach.ui.fake", "from coach.cli import main", "may not import coach.cli"),
        ("coach.newpart", "import os", "belongs to no part"),
    ],
)
def test_the_rules_catch_a_crossing(tmp_path: Path, module: str, source: str, expected: str) -> None:
    """The checker itself fails on each kind of crossing (so a green run means something)."""
    *dirs, leaf = module.split(".")
    folder = tmp_path.joinpath(*dirs)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{leaf}.py"
    path.write_text(source + "\n", encoding="utf-8")
    found = violations(imports_of(path, root=tmp_path))
    assert any(expected in line for line in found), found
