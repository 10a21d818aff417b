"""Module boundaries (pyproject.toml, [tool.importlinter]): the instrument stays plain data, each audience's
blueprint stands alone, and the storage layers point one way. Checked by import-linter's own command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_every_module_boundary_is_kept():
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout, result.stdout


def test_a_broken_boundary_is_reported(tmp_path):
    """The checker is not vacuous: a contract the code breaks (views importing Flask) fails."""
    config = tmp_path / "broken.ini"
    config.write_text(
        "[importlinter]\nroot_package = eservice\ninclude_external_packages = True\n\n"
        "[importlinter:contract:views-without-flask]\nname = Views without Flask\ntype = forbidden\n"
        "source_modules = eservice.applicant\nforbidden_modules = flask\n"
    )
    result = _lint("--config", str(config))
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout.upper(), result.stdout
