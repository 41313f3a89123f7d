"""The package's import graph has no cycles: cli → pipeline → stages, never back.

A node is a top-level module (``cli``, ``batch``, ``config`` …) or a sub-package (``rules``, ``recomputing`` …);
an edge is any import of one from the other, at the top of a file or inside a function (a local import is a
dependency all the same). Read from the source with ``ast``: nothing is imported to draw it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "izlem_audit"

def _node(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _module_name(path: Path, root: Path) -> tuple[str, str]:
    """(dotted module name, the package its relative imports start from)."""
    rel = path.relative_to(root.parent).with_suffix("")
    name = ".".join(rel.parts)
    if name.endswith(".__init__"):
        name = name[: -len(".__init__")]
        return name, name
    return name, name.rsplit(".", 1)[0]


def import_edges(root: Path = PACKAGE) -> dict[tuple[str, str], list[str]]:
    """{(importer node, imported node): ["file:line", …]} over every ``.py`` file of the package."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        name, package = _module_name(path, root)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = [target] + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for target in targets:
                if not target.startswith("izlem_audit."):
                    continue
                a, b = _node(name), _node(target)
                if a and b and a != b:
                    where = f"{path.relative_to(root.parent)}:{node.lineno}"
                    if where not in edges[(a, b)]:
                        edges[(a, b)].append(where)
    return edges


def cycles(edges) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle_and_nothing_else():
    assert cycles({("a", "b"): [], ("b", "c"): [], ("c", "a"): [], ("c", "d"): []}) == [["a", "b", "c"]]
    assert cycles({("a", "b"): [], ("b", "c"): []}) == []


def test_the_graph_sees_local_imports(tmp_path):
    pkg = tmp_path / "izlem_audit"
    (pkg / "rules").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "rules" / "__init__.py").write_text("")
    (pkg / "config.py").write_text("def f():\n    from .rules.registry import REGISTRY\n")
    (pkg / "rules" / "engine.py").write_text("from ..config import Config\n")
    edges = import_edges(pkg)
    assert set(edges) == {("config", "rules"), ("rules", "config")}
    assert cycles(edges) == [["config", "rules"]]


def test_no_import_cycles_between_modules_and_stages():
    edges = import_edges()
    found = cycles(edges)
    detail = "; ".join(
        f"{sorted(c)}: " + ", ".join(f"{a}→{b} ({edges[(a, b)][0]})" for a in c for b in c if (a, b) in edges)
        for c in found)
    assert found == [], f"import cycle: {detail}"


@pytest.mark.parametrize("importer,imported", [("batch", "cli"), ("comparing", "cli"), ("recomputing", "rules"),
                                               ("rules", "config"), ("pipeline", "cli"), ("rules", "comparing"),
                                               ("comparing", "options"), ("comparing", "catalog")])
def test_the_named_cycles_stay_broken(importer, imported):
    """issue 12: batch ran the pipeline through the CLI; recomputing, rules and config imported each other. The
    rule catalog (``catalog.py``, above ``rules`` and ``comparing``) lists compare's IZ7xx rules, so ``rules`` no
    longer imports ``comparing``; compare's command (options, configuration) is outside ``comparing``."""
    assert (importer, imported) not in import_edges()


def test_the_catalog_lists_the_rules_of_check_and_of_compare():
    """What names rules (``izlem-audit rules``, docs/rules.md, a configuration's rule ids) sees both ranges."""
    import subprocess
    import sys

    code = ("from izlem_audit.catalog import all_rules; "
            "print(sorted({r.id[:3] for r in all_rules()}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str([f"IZ{n}" for n in range(1, 8)])
