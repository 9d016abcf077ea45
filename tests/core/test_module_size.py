"""No module of the application is longer than 600 lines (STYLE.md: split along a seam)."""

from pathlib import Path

import desktop

LIMIT = 600


def _too_long(root: Path) -> dict[str, int]:
    sizes = {}
    for path in sorted(root.rglob("*.py")):
        with path.open(encoding="utf-8") as f:
            n = sum(1 for _ in f)
        if n > LIMIT:
            sizes[str(path.relative_to(root.parent))] = n
    return sizes


def test_no_module_under_desktop_exceeds_600_lines():
    too_long = _too_long(Path(desktop.__file__).parent)
    assert too_long == {}


def test_the_check_sees_a_long_module(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "short.py").write_text("x = 1\n" * LIMIT)
    (pkg / "long.py").write_text("x = 1\n" * (LIMIT + 1))
    assert _too_long(pkg) == {"pkg/long.py": LIMIT + 1}
