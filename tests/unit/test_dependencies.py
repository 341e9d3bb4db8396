"""Dependency direction (STYLE.md): kit -> printables, scan; scan -> layout and payload only."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_LIBRARIES = ("flask", "flask_sqlalchemy", "flask_login", "flask_wtf", "flask_babel",
                          "flask_migrate", "sqlalchemy", "alembic", "kit")
# printables.qr: the pure encoder (numpy and qrcode, no reportlab); scan.recover checks a code
# read from its module grid against the symbol the printer draws for that text;
# printables.labels (standard library only): the French plural rule of scan's command line summary
SCAN_MAY_IMPORT = ("printables.layout", "printables.payload", "printables.qr", "printables.labels")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # "from printables import layout" imports the module printables.layout
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def library_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def modules_after_import(statement: str) -> set[str]:
    code = f"import json, sys; {statement}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            check=True)
    return set(json.loads(result.stdout))


def test_dependencies_layout_and_payload_import_no_reportlab():
    loaded = modules_after_import("import printables.layout, printables.payload")
    assert (
        sorted(m for m in loaded if m.split(".")[0] in ("reportlab", "qrcode", "numpy", "cv2"))
        == []
    )


def test_dependencies_kit_builder_imports_no_web_or_database():
    loaded = modules_after_import("import printables.kit, printables.demo")
    assert sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN_IN_LIBRARIES) == []


@pytest.mark.parametrize("package", ["printables", "scan"])
def test_dependencies_libraries_never_import_web_or_database(package):
    offenders = [
        (path.name, module)
        for path in library_files(package)
        for module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN_IN_LIBRARIES
    ]
    assert offenders == []


def test_dependencies_printables_imports_nothing_of_ours():
    offenders = [(path.name, module) for path in library_files("printables")
                 for module in imported_modules(path) if module.split(".")[0] in ("kit", "scan")]
    assert offenders == []


def test_dependencies_scan_uses_only_layout_and_payload():
    offenders = [(path.name, module) for path in library_files("scan")
                 for module in imported_modules(path)
                 if module.split(".")[0] == "printables"
                 and not any(module == allowed or module.startswith(allowed + ".")
                             for allowed in SCAN_MAY_IMPORT)]
    assert offenders == []
