"""The layers as the README draws them: each package imports only the ones below it, Streamlit only in the app's
own layers, and the app reaches the loaders through one door (loaders.upload_service)."""

import ast

import pytest

from tests.conftest import ROOT

OURS = {"config", "database", "accounts", "domain", "loaders", "reports", "ui", "pages", "tools", "benchmarks"}
# What each package may import of ours (besides itself); loaders.upload_service stands for that module alone.
ALLOWED = {
    "config": set(),
    "database": {"config"},
    "accounts": {"config", "database"},
    "domain": {"config", "database", "accounts"},
    "loaders": {"config", "database", "accounts", "domain"},
    "reports": {"config", "database", "accounts", "domain"},
    "ui": {"config", "database", "accounts", "domain", "reports", "loaders.upload_service"},
    "pages": {"config", "accounts", "domain", "ui", "loaders.upload_service"},
    "tools": {"config", "database", "accounts", "domain", "loaders"},
}
STREAMLIT_ALLOWED = {"ui", "pages"}


def imports(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
    return names


def layer_of(name: str) -> str | None:
    top = name.split(".")[0]
    if top == "loaders" and name.startswith("loaders.upload_service"):
        return "loaders.upload_service"
    return top if top in OURS else None


def broken_rules(package: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imports(path):
            layer = layer_of(name)
            if name.split(".")[0] == "streamlit" and package not in STREAMLIT_ALLOWED:
                found.append(f"{path.relative_to(ROOT)} imports Streamlit")
            if layer in (None, package) or (layer == "loaders" and name in {"loaders"}):
                continue
            if layer not in ALLOWED[package] and not (
                layer == "loaders.upload_service" and "loaders" in ALLOWED[package]
            ):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return sorted(set(found))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_the_layers_below_it(package):
    assert broken_rules(package) == []


def test_the_app_entry_point_imports_only_the_ui():
    assert {layer_of(name) for name in imports(ROOT / "app.py")} - {None} == {"ui"}


def test_the_rule_catches_a_page_that_reaches_into_the_loaders(tmp_path, monkeypatch):
    """The check itself: a page importing the ingest module directly, or the database, is reported."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "sneaky.py").write_text(
        "from loaders.ingest import check_upload\nfrom database.connection import open_store\n"
        "from loaders.upload_service import check_upload as fine\n"
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert broken_rules("pages") == [
        "pages/sneaky.py imports database.connection",
        "pages/sneaky.py imports database.connection.open_store",
        "pages/sneaky.py imports loaders.ingest",
        "pages/sneaky.py imports loaders.ingest.check_upload",
    ]
