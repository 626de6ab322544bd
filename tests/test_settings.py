"""Every setting is read from one environment variable and documented in docs/settings.md."""

from __future__ import annotations

from pathlib import Path

from advisor.settings import Settings

SETTINGS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    page = SETTINGS_PAGE.read_text(encoding="utf-8")
    for name in Settings.model_fields:
        variable = f"ADVISOR_{name.upper()}"
        assert variable in page, f"{variable} is not in docs/settings.md"


def test_every_setting_has_a_description() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} has no description"


def test_settings_from_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ADVISOR_EMBEDDERS", "use, minilm")
    monkeypatch.setenv("ADVISOR_TOP_K", "5")
    settings = Settings()
    assert settings.embedders == ("use", "minilm")
    assert settings.top_k == 5
