"""Settings: every environment variable the advisor reads is declared here, once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from limits import parse_many
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["Settings", "DEFAULT_EMBEDDERS", "MIN_ADMIN_TOKEN_CHARS", "INSIGHTS_FILE"]

DEFAULT_EMBEDDERS = ("e5", "use")
# The repository's web/ folder (the package is installed in editable mode from src/).
_REPO_WEB = Path(__file__).resolve().parents[2] / "web"
# A staff token shorter than this could be guessed, or found from a session cookie offline.
MIN_ADMIN_TOKEN_CHARS = 16
# The SQLite file of the question log, inside ADVISOR_DATA_DIR, when no database URL is set.
INSIGHTS_FILE = "insights.sqlite3"
_DATABASE_SCHEMES = ("sqlite:///", "postgresql://", "postgres://")
_ORIGIN = re.compile(r"https?://[a-z0-9.-]+(:[0-9]{1,5})?|https?://\[[0-9a-f:.]+\](:[0-9]{1,5})?")


# The `limits` storages the advisor can count in (the synchronous ones).
_STORAGE_SCHEMES = frozenset(
    {"memory", "redis", "rediss", "redis+unix", "redis+sentinel", "redis+cluster", "memcached"}
)


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
    workers: int | None = Field(
        None,
        ge=1,
        le=64,
        description=(
            "Processes `advisor serve` answers with (`--workers` overrides it). Unset: one per "
            "core this process may use, or 1 when the staff routes are on (a build's progress "
            "and report live in the process running it)."
        ),
    )
    request_threads: int = Field(
        2,
        ge=1,
        le=256,
        description=(
            "Threads each worker runs requests in (anyio's pool for sync endpoints, 40 by "
            "default there): more only makes requests share one GIL and lengthens the tail."
        ),
    )
    top_k: int = Field(3, ge=1, le=10, description="How many passages an answer quotes at most.")
    max_message_chars: int = Field(
        1000, ge=10, le=10000, description="Longest question accepted, in characters."
    )
    max_history: int = Field(
        20, ge=0, le=100, description="Most previous messages accepted with a question."
    )
    allowed_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        description=(
            "Sites that may embed the chat widget, comma-separated origins such as "
            "`https://www.school.be`: they get CORS on the API and may frame `/embed`. "
            "Empty: only the advisor's own pages."
        ),
    )
    rate_limit: str = Field(
        "20/minute",
        description=(
            "Questions one client may ask on `/api/chat` (a client is the chat's anonymous "
            "session id, or the IP address without one), e.g. `20/minute`; `off` disables it."
        ),
    )
    rate_limit_per_ip: str = Field(
        "300/minute",
        description=(
            "Ceiling on `/api/chat` for one IP address whatever session ids it sends (a whole "
            "classroom shares one school IP), e.g. `300/minute`; `off` disables it."
        ),
    )
    rate_limit_storage: str = Field(
        "memory://",
        description=(
            "Where the rate limits count: `memory://` (each process its own), or a store every "
            "worker and replica shares, as a `limits` storage URL: `redis://host:6379/0`, "
            "`rediss://…`, `redis+unix:///path`, `memcached://host:11211`. Unreachable: "
            "questions are let through (fail open), a warning is logged, `/api/health` counts."
        ),
    )
    admin_login_limit: str = Field(
        "10/5minutes",
        description=(
            "Wrong staff tokens one IP address may send (login form or `Authorization` header) "
            "before it meets 429 with `Retry-After`, e.g. `10/5minutes`; `off` disables it. "
            "A right token is never counted."
        ),
    )
    admin_token: SecretStr | None = Field(
        None,
        description=(
            "Turns on the staff page `/admin` and the admin API (reindex, status, upload, "
            "rollback): the secret staff type to log in, or send as `Authorization: Bearer`. "
            f"At least {MIN_ADMIN_TOKEN_CHARS} characters. Unset: no admin route exists."
        ),
    )
    reload_seconds: float = Field(
        3.0,
        ge=0,
        le=3600,
        description=(
            "How often a running server looks for a newly published index version, in seconds "
            "(every replica sharing the index folder does); 0 never looks."
        ),
    )
    max_upload_bytes: int = Field(
        1_000_000,
        ge=1_000,
        le=20_000_000,
        description="Largest profile file staff may upload on `/admin`, in bytes.",
    )

    data_dir: Path = Field(
        Path("var/data"),
        description=(
            f"Folder of the advisor's own data: the question log `{INSIGHTS_FILE}` (SQLite) "
            "when `ADVISOR_DATABASE_URL` is not set."
        ),
    )
    database_url: SecretStr | None = Field(
        None,
        description=(
            "Where the question log is kept: `sqlite:///path/to/file.sqlite3`, or "
            "`postgresql://user:password@host:5432/dbname` for several replicas on several "
            f"machines. Unset: SQLite, `{INSIGHTS_FILE}` in `ADVISOR_DATA_DIR`."
        ),
    )
    log: bool = Field(
        True,
        description=(
            "`on`: keep the questions asked and the students' votes (never who asked) for the "
            "staff page `/admin/insights`; `off`: store nothing, and hide the vote buttons."
        ),
    )
    log_days: int = Field(
        90,
        ge=1,
        le=3650,
        description="Days a logged question and its vote are kept; older ones are deleted.",
    )

    @property
    def database(self) -> str:
        """The question log's database URL (it may hold a password: never log it)."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.data_dir / INSIGHTS_FILE}"

    @field_validator("database_url", mode="before")
    @classmethod
    def _empty_url_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("database_url")
    @classmethod
    def _check_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip().startswith(_DATABASE_SCHEMES):
            raise ValueError(
                "write it as sqlite:///path/to/file.sqlite3 or "
                "postgresql://user:password@host:5432/dbname"
            )
        return value

    @field_validator("admin_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("admin_token")
    @classmethod
    def _check_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().strip()) < MIN_ADMIN_TOKEN_CHARS:
            raise ValueError(
                f"ADVISOR_ADMIN_TOKEN is too short: use at least {MIN_ADMIN_TOKEN_CHARS} random "
                "characters, e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(24))'`"
            )
        return value

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("allowed_origins")
    @classmethod
    def _check_origins(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        origins = []
        for origin in value:
            clean = origin.strip().rstrip("/").lower()
            # An origin is scheme://host[:port]: a path or a wildcard would silently match
            # nothing in CORS and frame-ancestors, so refuse it at start-up instead.
            if not _ORIGIN.fullmatch(clean):
                raise ValueError(
                    f"{origin!r} is not an origin: write it as https://host or "
                    "https://host:port, without a path"
                )
            origins.append(clean)
        return tuple(dict.fromkeys(origins))

    @field_validator("rate_limit", "rate_limit_per_ip", "admin_login_limit")
    @classmethod
    def _check_rate(cls, value: str) -> str:
        value = value.strip()
        if value.lower() in ("off", ""):
            return "off"
        try:
            parse_many(value)
        except ValueError:
            raise ValueError(
                f"{value!r} is not a rate: write it like 20/minute or 5/second, or off"
            ) from None
        return value

    @field_validator("rate_limit_storage")
    @classmethod
    def _check_storage(cls, value: str) -> str:
        value = value.strip() or "memory://"
        scheme = value.split("://", 1)[0].lower() if "://" in value else ""
        if scheme not in _STORAGE_SCHEMES:
            raise ValueError(
                f"{value!r} is not a rate-limit store: write memory://, redis://host:6379/0 "
                "or memcached://host:11211"
            )
        return value

    @field_validator("embedders", mode="before")
    @classmethod
    def _split_embedders(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value
