"""Shared fixtures: the seed profile, and real indexes and Advisors built once for the session:
the shipped knowledge, and the many jobs of the fictitious fixture profiles beside the seed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = REPO_ROOT / "knowledge"
SEED = KNOWLEDGE / "responsable-de-production.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Fictitious profiles of eight other jobs (see their README): the advisor of many jobs.
MANY_JOBS = FIXTURES / "profiles"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session", autouse=True)
def _scratch_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Apps made by the tests keep their question log in a scratch folder, never in var/."""
    before = os.environ.get("ADVISOR_DATA_DIR")
    os.environ["ADVISOR_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    yield
    if before is None:
        os.environ.pop("ADVISOR_DATA_DIR", None)
    else:
        os.environ["ADVISOR_DATA_DIR"] = before


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from advisor.serving.runtime import available_cores
    from advisor.settings import Settings

    # The tests run one at a time, so the session's models may encode with every core: the two
    # builds below (the shipped knowledge and the many jobs) then take about half as long and
    # give the same vectors (bit for bit, checked on 200 texts). The seed's build reads e5's
    # vectors of the example messages from the package (12 s; 47 s when it embedded them).
    return Settings(
        knowledge_dir=KNOWLEDGE,
        index_dir=tmp_path_factory.mktemp("index"),
        threads=available_cores(),
    )


@pytest.fixture(scope="session")
def advisor(settings):  # type: ignore[no-untyped-def]
    """The real Advisor with the default models over the shipped knowledge."""
    from advisor.advisor import Advisor

    Advisor.build(settings)
    return Advisor.from_settings(settings)


@pytest.fixture(scope="session")
def many_jobs_settings(settings, advisor, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The seed and the fictitious fixture profiles (the eight of ``fixtures/profiles`` and the
    ice cream taster) in one knowledge folder, indexed from a copy of the session's index (its
    example questions and the seed's chunks keep their vectors)."""
    from advisor.settings import Settings

    knowledge = tmp_path_factory.mktemp("many-jobs-knowledge")
    fixtures = [*sorted(MANY_JOBS.glob("*.md")), *sorted(MANY_JOBS.glob("*.txt"))]
    for path in [SEED, FIXTURES / "testeur-de-glaces.md", *fixtures]:
        if path.name != "README.md":
            shutil.copy(path, knowledge / path.name)
    index = tmp_path_factory.mktemp("many-jobs") / "index"
    shutil.copytree(settings.index_dir, index)
    return Settings(knowledge_dir=knowledge, index_dir=index)


@pytest.fixture(scope="session")
def many_jobs_advisor(many_jobs_settings, advisor):  # type: ignore[no-untyped-def]
    """The real Advisor over ten profiles of ten jobs, in French, Dutch and English."""
    from advisor.advisor import Advisor
    from advisor.index import build_index, load_index

    # The session's models, loaded once.
    models = advisor.embedders
    build_index(many_jobs_settings.knowledge_dir, many_jobs_settings.index_dir, models)
    index = load_index(many_jobs_settings.index_dir, {e.name: e.model_id for e in models})
    return Advisor(many_jobs_settings, index, models)


@pytest.fixture()
def knowledge_copy(tmp_path: Path) -> Iterator[Path]:
    """A scratch knowledge folder holding a copy of the seed profile."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    yield folder


# ------------------------------------------------------------------ PostgreSQL


@dataclass(frozen=True)
class PostgresCluster:
    """A throwaway PostgreSQL server on a loopback port; each test gets its own database."""

    port: int

    @property
    def admin_url(self) -> str:
        return f"postgresql://advisor@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://advisor@127.0.0.1:{self.port}/{name}"


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """Debian's PostgreSQL (scripts/test.sh installs it), started in a temporary folder. As root
    it runs as the `postgres` user: PostgreSQL refuses to run as root."""
    bindir = _postgres_bin()
    if bindir is None:
        reason = "PostgreSQL is not installed (apt-get install postgresql; scripts/test.sh does it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    workdir = Path(tempfile.mkdtemp(prefix="advisor-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = workdir / "data", _free_port()

    def pg(*args: str) -> None:
        done = subprocess.run([*run_as, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = workdir / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"{args[0]} failed: {done.stderr or done.stdout}\n{tail}")

    pg(str(bindir / "initdb"), "-D", str(data), "-U", "advisor", "--auth=trust", "-E", "UTF8",
       "--no-sync", "--locale=C")  # fmt: skip
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(workdir / "server.log"), "-w",
       "-o", options, "start")  # fmt: skip
    try:
        yield PostgresCluster(port)
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind the question log supports."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'insights.sqlite3'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.new_database()


# ------------------------------------------------------------------ Redis


@dataclass
class RedisServer:
    """Debian's redis-server on a loopback port, in memory only; stop() and start() again to
    test what the advisor does while it is down."""

    port: int
    workdir: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        pytest.fail("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def flush(self) -> None:
        import redis

        redis.Redis(port=self.port).flushall()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A Redis server for the shared rate limits (scripts/test.sh installs redis-server)."""
    if shutil.which("redis-server") is None and not Path("/usr/bin/redis-server").exists():
        reason = "redis-server is not installed (apt-get install redis-server; scripts/test.sh)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = RedisServer(_free_port(), Path(tempfile.mkdtemp(prefix="advisor-redis-")))
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.workdir, ignore_errors=True)


@pytest.fixture
def redis(redis_server: RedisServer) -> Iterator[RedisServer]:
    """The session's Redis, empty, and running again after the test if it stopped it."""
    if redis_server.process is None:
        redis_server.start()
    redis_server.flush()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
