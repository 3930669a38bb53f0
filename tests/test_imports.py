"""The project's modules import each other without a cycle.

Only imports that run when a module is imported count: those at module level and in class bodies, not those
inside functions. Importing `a.b.c` runs `a/__init__.py` and `a/b/__init__.py` first, so it depends on those
packages too (except the importer's own packages, which are necessarily being imported already).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["config", "initiatives", "organisations"]


def module_names(root, packages):
    """{dotted module name: its file} for every Python file of `packages` under `root`."""
    modules = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imports_at_import_time(tree):
    """The Import and ImportFrom nodes that run when the module runs: not those in a function's body."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        pending.extend(ast.iter_child_nodes(node))


def imported(name, node, is_package, modules):
    """The dotted names `node`, in module `name`, imports: a submodule where `from x import y` names one."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = name
    if node.level:
        base = name if is_package else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            base = base.rpartition(".")[0]
    origin = ".".join(part for part in (base if node.level else "", node.module or "") if part)
    return [f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in modules else origin for alias in node.names]


def packages_of(name):
    """'a.b.c' -> ['a', 'a.b']"""
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def import_graph(root, packages):
    """{module: the project modules importing it runs}, for the modules of `packages`."""
    modules = module_names(root, packages)
    graph = {}
    for name, path in modules.items():
        own = {name, *packages_of(name)}
        targets = set()
        for node in imports_at_import_time(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            for target in imported(name, node, path.name == "__init__.py", modules):
                # `from package import attribute`: the nearest enclosing module is what runs.
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target:
                    targets |= {target, *packages_of(target)}
        graph[name] = sorted(targets - own)
    return graph


def find_cycle(graph):
    """One cycle of `graph` as [a, b, …, a], or None when there is none."""
    done, path, on_path = set(), [], set()

    def visit(name):
        path.append(name)
        on_path.add(name)
        for target in graph.get(name, ()):
            if target in on_path:
                return path[path.index(target) :] + [target]
            if target not in done:
                cycle = visit(target)
                if cycle:
                    return cycle
        on_path.discard(path.pop())
        done.add(name)
        return None

    for name in sorted(graph):
        if name not in done:
            cycle = visit(name)
            if cycle:
                return cycle
    return None


def test_the_projects_modules_import_each_other_without_a_cycle():
    graph = import_graph(ROOT, PACKAGES)
    assert "initiatives.models.initiative" in graph and "organisations.models" in graph
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_model_predicates_import_nothing_of_the_project():
    assert import_graph(ROOT, PACKAGES)["initiatives.models.predicates"] == []


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "cycle"),
    [
        pytest.param(
            {"app/__init__.py": "", "app/a.py": "from . import b\n", "app/b.py": "from .a import thing\n"},
            ["app.a", "app.b", "app.a"],
            id="two modules",
        ),
        pytest.param(
            {
                "app/__init__.py": "",
                "app/models/__init__.py": "from .record import Record\n",
                "app/models/base.py": "",
                "app/models/record.py": "from other.models import Other\n",
                "other/__init__.py": "",
                "other/models.py": "class Other:\n    from app.models.base import Base\n",
            },
            ["app.models", "app.models.record", "other.models", "app.models"],
            id="through a package's __init__, from a class body",
        ),
    ],
)
def test_an_import_cycle_is_found_and_named(tmp_path, files, cycle):
    write(tmp_path, files)
    assert find_cycle(import_graph(tmp_path, ["app", "other"])) == cycle


def test_imports_inside_functions_and_of_packages_own_submodules_are_no_cycle(tmp_path):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/models/__init__.py": "from .record import Record\nfrom .base import Base\n",
            "app/models/base.py": "",
            "app/models/record.py": "from .base import Base\n\ndef late():\n    from other.models import Other\n",
            "other/__init__.py": "",
            "other/models.py": "from app.models.base import Base\n",
        },
    )
    assert find_cycle(import_graph(tmp_path, ["app", "other"])) is None
