"""The layers are enforced (docs/decisions/0010-layers.md): import-linter's contracts in pyproject.toml hold, and none
of them has gone missing."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def contracts():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def test_the_three_contracts_are_configured():
    found = contracts()
    assert found["core"]["type"] == "forbidden" and found["core"]["source_modules"] == ["yukemuri.core"]
    assert {"yukemuri.people", "yukemuri.ideas", "yukemuri.site"} <= set(found["core"]["forbidden_modules"])
    assert found["engines"]["type"] == "forbidden" and "django" in found["engines"]["forbidden_modules"]
    assert set(found["engines"]["source_modules"]) >= {
        "yukemuri.matching.engine", "yukemuri.listening.analysis", "yukemuri.space.hours",
        "yukemuri.membership.fees", "yukemuri.membership.invoicing"}
    layers = found["layers"]
    assert layers["type"] == "layers" and layers["containers"] == ["yukemuri"] and layers["exhaustive"] is True
    assert layers["layers"][-1] == "core"


def test_every_domain_app_is_in_a_layer():
    placed = {name.strip() for layer in contracts()["layers"]["layers"] for name in layer.split("|")}
    apps = {path.parent.name for path in (ROOT / "yukemuri").glob("*/apps.py")}
    assert apps <= placed, f"place {sorted(apps - placed)} in [tool.importlinter] layers (docs/decisions/0010-layers.md)"


def test_the_contracts_hold(monkeypatch, capsys):
    from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

    monkeypatch.chdir(ROOT)
    status = lint_imports(no_cache=True, no_logo=True)
    assert status == EXIT_STATUS_SUCCESS, capsys.readouterr().out
