"""The apps depend one way (README, "How the code is arranged"): checked by import-linter,
and here for what it cannot see (model and URL names written as strings)."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def app_order() -> list[str]:
    """The apps from the highest to the lowest, as the layers contract lists them."""
    (layers,) = [c["layers"] for c in CONFIG["contracts"] if c["type"] == "layers"]
    return [layer for layer in layers if "|" not in layer and "." not in layer]


def test_the_order_is_api_webhooks_reminders_strategy_contacts():
    assert app_order() == ["api", "webhooks", "reminders", "strategy", "contacts"]


@pytest.mark.parametrize("app", app_order())
def test_no_app_names_a_higher_one_in_a_string(app):
    order = app_order()
    higher = order[: order.index(app)]
    if not higher:
        return
    names = "|".join(higher)
    references = re.compile(
        rf"""get_model\(\s*["']({names})["']"""  # apps.get_model("strategy", "Goal")
        rf"""|["']({names})\.[A-Z]\w*["']"""  # "reminders.FollowUp"
        rf"""|reverse(_lazy)?\(\s*["']({names}):"""  # reverse("reminders:dashboard")
    )
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / app).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if references.search(line)
    ]
    assert found == []


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The packages and their contracts in a throwaway folder, to break on purpose."""
    for package in CONFIG["root_packages"]:
        if not (ROOT / package).exists():
            # A layer whose app is not in this checkout yet: an empty package holds its place.
            (tmp_path / package).mkdir()
            (tmp_path / package / "__init__.py").touch()
            continue
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=120
    )


def test_import_linter_keeps_the_contracts(project_copy):
    result = lint_imports(project_copy)

    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("contacts/upward.py", "import reminders.models\n"),
        ("strategy/upward.py", "from reminders import scan\n"),
        ("netzwerk/upward.py", "from contacts.models import Contact\n"),
    ],
)
def test_an_upward_import_breaks_a_contract(project_copy, module, line):
    (project_copy / module).write_text(line)

    result = lint_imports(project_copy)

    assert result.returncode != 0
    assert "BROKEN" in result.stdout and module.replace("/", ".").removesuffix(".py") in (
        result.stdout
    )
