"""Every setting is read from one environment variable and documented in the README."""

from __future__ import annotations

from pathlib import Path

from advisor.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"ADVISOR_{name.upper()}" in readme, f"ADVISOR_{name.upper()} is not documented"


def test_every_setting_has_a_description() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} has no description"


def test_settings_from_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ADVISOR_EMBEDDERS", "use, minilm")
    monkeypatch.setenv("ADVISOR_TOP_K", "5")
    settings = Settings()
    assert settings.embedders == ("use", "minilm")
    assert settings.top_k == 5
