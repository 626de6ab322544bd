"""Settings: every environment variable the advisor reads is declared here, once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["Settings", "DEFAULT_EMBEDDERS"]

DEFAULT_EMBEDDERS = ("e5", "use")
# The repository's web/ folder (the package is installed in editable mode from src/).
_REPO_WEB = Path(__file__).resolve().parents[2] / "web"


class Settings(BaseSettings):
    """Paths, models and limits. Each field reads the variable ``ADVISOR_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="ADVISOR_", frozen=True)

    knowledge_dir: Path = Field(
        Path("knowledge"), description="Folder of the career profiles (.md, .txt)."
    )
    index_dir: Path = Field(
        Path("var/index"), description="Folder where `advisor index` writes the vector index."
    )
    web_dir: Path = Field(_REPO_WEB, description="Folder of the page templates and static files.")
    embedders: Annotated[tuple[str, ...], NoDecode] = Field(
        DEFAULT_EMBEDDERS,
        description=(
            "Dense models, comma-separated: `e5` (multilingual-e5-small), `use` (USE v3 "
            "multilingual), `minilm` (all-MiniLM-L6-v2), or `st:/path/to/model` (any local "
            "sentence-transformers model directory). Empty for lexical search only."
        ),
    )
    threads: int = Field(
        1, ge=1, le=64, description="Threads each model may use for one encoding (per process)."
    )
    top_k: int = Field(3, ge=1, le=10, description="How many passages an answer quotes at most.")
    max_message_chars: int = Field(
        1000, ge=10, le=10000, description="Longest question accepted, in characters."
    )
    max_history: int = Field(
        20, ge=0, le=100, description="Most previous messages accepted with a question."
    )

    @field_validator("embedders", mode="before")
    @classmethod
    def _split_embedders(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value
