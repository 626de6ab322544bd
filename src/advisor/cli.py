"""The ``advisor`` command: index, ask, serve."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from advisor.errors import AdvisorError, IndexMissing

if TYPE_CHECKING:  # the CLI starts fast: settings are read when a command runs
    from advisor.settings import Settings

__all__ = ["app", "main"]

app = typer.Typer(
    help="A career advisor that answers students by quoting career profiles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True)

KnowledgeOption = Annotated[
    Path | None, typer.Option("--knowledge", help="Folder of the profiles (default: knowledge/).")
]
IndexOption = Annotated[
    Path | None, typer.Option("--index", help="Index folder (default: var/index/).")
]


def _settings(knowledge: Path | None = None, index: Path | None = None) -> Settings:
    from advisor.settings import Settings

    overrides: dict[str, Any] = {}
    if knowledge is not None:
        overrides["knowledge_dir"] = knowledge
    if index is not None:
        overrides["index_dir"] = index
    return Settings(**overrides)


def _build(settings: Settings, full: bool = False) -> None:
    from advisor.advisor import Advisor

    with Progress(
        TextColumn("[bold]embedding[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("embed", total=None)
        report = Advisor.build(
            settings,
            lambda done, total: progress.update(task, completed=done, total=total),
            full=full,
        )
    manifest = report.manifest
    for changes in report.files:
        console.print(f"  {changes.describe()}")
    for profile_id, count in report.chunks_per_profile.items():
        noise = report.noise_lines.get(profile_id, 0)
        console.print(
            f"  {manifest.profiles[profile_id]} ({profile_id}): {count} chunks"
            + (f", {noise} noise lines left out" if noise else "")
        )
    how = "full build" if report.full else f"{report.reused} reused"
    console.print(
        f"[green]Published version {report.version}[/green]: {manifest.chunk_count} chunks from "
        f"{len(manifest.profiles)} profile(s), {report.embedded} embedded ({how}) in "
        f"{report.seconds:.1f} s with {manifest.describe_models()}, into {settings.index_dir}."
    )


def _status(settings: Settings) -> None:
    from advisor.index import IndexVersions

    versions = IndexVersions(settings.index_dir).all()
    if not versions:
        console.print(f"No version in {settings.index_dir}: run `advisor index`.")
        return
    for version in versions:
        manifest = version.manifest
        print(
            f"{'*' if version.published else ' '} {version.name}  built {manifest.built_at}  "
            f"{manifest.chunk_count} chunks  {len(manifest.profiles)} profile(s)  "
            f"models {', '.join(m.name for m in manifest.models) or 'none'}"
        )
    print("(* published)")


def _rollback(settings: Settings) -> None:
    from advisor.serving.reindex import rollback

    previous = rollback(settings.index_dir)
    console.print(
        f"[green]Published version {previous.name}[/green] (built {previous.manifest.built_at})."
    )


@app.command()
def index(
    knowledge: KnowledgeOption = None,
    index: IndexOption = None,
    full: Annotated[bool, typer.Option("--full", help="Embed every chunk again.")] = False,
    rollback: Annotated[
        bool, typer.Option("--rollback", help="Publish the version built before the current.")
    ] = False,
    status: Annotated[bool, typer.Option("--status", help="List the versions kept.")] = False,
) -> None:
    """Read the profiles, embed what changed, and publish a new index version."""
    settings = _settings(knowledge, index)
    if status:
        _status(settings)
    elif rollback:
        _rollback(settings)
    else:
        _build(settings, full)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The student's question.")],
    history: Annotated[
        list[str] | None, typer.Option("--history", help="An earlier message (repeatable).")
    ] = None,
    language: Annotated[str | None, typer.Option(help="fr, nl or en (default: detect).")] = None,
    profile: Annotated[
        str | None, typer.Option(help="The page's job, a profile id: for a question naming none.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
    knowledge: KnowledgeOption = None,
    index: IndexOption = None,
) -> None:
    """Answer one question from the index, as the chat would."""
    from advisor.advisor import Advisor
    from advisor.api.routes import answer_to_response, new_answer_id

    settings = _settings(knowledge, index)
    if not question.strip():
        raise AdvisorError("the question is empty")
    answer = Advisor.from_settings(settings).ask(question, history or [], language, profile)
    if as_json:
        print(
            json.dumps(
                answer_to_response(answer, new_answer_id()).model_dump(),
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    print(answer.text)
    for passage in answer.passages:
        chunk = passage.chunk
        print(f"\n— {chunk.section} ({chunk.profile_title}, {chunk.source}:{chunk.line})")
        print("  > " + chunk.text.replace("\n", "\n  > "))
    if answer.suggestions:
        print("\n" + " | ".join(answer.suggestions))


WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        max=64,
        help="Processes answering (default: ADVISOR_WORKERS, else one per core; 1 with "
        "the staff routes on).",
    ),
]


def _check_index(settings: Settings) -> bool:
    """True if the index folder has a published version made with the configured models.

    Looks at the manifest only, so the parent of several workers never loads the models."""
    from advisor.index import IndexVersions
    from advisor.index.store import read_manifest

    try:
        published = IndexVersions(settings.index_dir).published_path()
    except IndexMissing:
        return False
    built = tuple(entry.name for entry in read_manifest(published).models)
    if built != tuple(settings.embedders):
        raise AdvisorError(
            f"the index in {settings.index_dir} was built with {', '.join(built) or 'no model'}, "
            f"this server uses {', '.join(settings.embedders) or 'no model'}: "
            f"run `advisor index --index {settings.index_dir}`"
        )
    return True


def _refresh_stale_index(settings: Settings) -> None:
    """Rebuild the index (its passages' vectors reused) when the advisor's example questions,
    its topic file or the way it reads profiles changed since it was built (an upgrade):
    otherwise every worker would embed the examples again at each start (about 20 s with e5),
    the sections would keep the topics of the old file, and the passages the old reading."""
    from advisor.documents.loader import READER_VERSION
    from advisor.index import IndexVersions
    from advisor.index.store import read_manifest
    from advisor.text.topics import topics_sha256
    from advisor.understanding.examples import ExampleQuestions

    try:
        published = IndexVersions(settings.index_dir).published_path()
    except IndexMissing:
        return
    manifest = read_manifest(published)
    if manifest.examples_sha256 != ExampleQuestions.packaged().sha256:
        console.print("The example questions changed since the index was built: updating it.")
    elif manifest.topics_sha256 != topics_sha256():
        console.print("The topic file changed since the index was built: updating it.")
    elif manifest.reader_version != READER_VERSION:
        console.print("Profiles are read otherwise since the index was built: updating it.")
    else:
        return
    try:
        _build(settings)
    except AdvisorError as error:  # still served: the workers embed the examples themselves
        console.print(f"[yellow]warning:[/yellow] the index was not updated: {error}")


def _export_settings(settings: Settings) -> None:
    """Worker processes build their Settings from the environment: put the command line's
    folders there (absolute, whatever the workers' directory)."""
    os.environ["ADVISOR_KNOWLEDGE_DIR"] = str(Path(settings.knowledge_dir).resolve())
    os.environ["ADVISOR_INDEX_DIR"] = str(Path(settings.index_dir).resolve())


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    knowledge: KnowledgeOption = None,
    index: IndexOption = None,
    workers: WorkersOption = None,
) -> None:
    """Serve the chat page and the API; builds the index first if there is none."""
    from advisor.serving.runtime import serving_plan, set_thread_environment

    settings = _settings(knowledge, index)
    plan = serving_plan(
        settings.threads,
        settings.request_threads,
        workers or settings.workers,
    )
    # Before anything imports numpy here or in a worker (workers inherit the environment).
    set_thread_environment(plan.threads)
    import uvicorn

    if plan.oversubscribed:
        console.print(
            f"[yellow]warning:[/yellow] {plan.workers} workers × {plan.threads} threads is more "
            f"than the {plan.cores} cores: answers will slow down under load."
        )
    # The access log costs every request a formatted line; errors still reach the log.
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "access_log": False,
    }
    _refresh_stale_index(settings)
    if plan.workers == 1:
        from advisor.advisor import Advisor
        from advisor.api import create_app

        try:
            advisor = Advisor.from_settings(settings)
        except IndexMissing:
            console.print(f"No index in {settings.index_dir} yet: building it.")
            _build(settings)
            advisor = Advisor.from_settings(settings)
        console.print(f"Serving the advisor on http://{host}:{port} ({plan.describe()})")
        uvicorn.run(create_app(settings, advisor), **options)
        return
    # Several workers: build here once if needed (never in each worker), then start the
    # processes, each loading the models and memory-mapping the same index files.
    if not _check_index(settings):
        console.print(f"No index in {settings.index_dir} yet: building it.")
        _build(settings)
    _export_settings(settings)
    from advisor.serving.workers import WorkerPool, bind_sockets

    sockets = bind_sockets(host, port, plan.workers)
    config = uvicorn.Config("advisor.api.app:create_app_from_env", factory=True, **options)
    console.print(f"Serving the advisor on http://{host}:{port} ({plan.describe()})")
    WorkerPool(config, sockets).run()


def main() -> None:
    # Models come from installed packages only: never let a library reach for a hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from pydantic import ValidationError

    try:
        app()
    except AdvisorError as error:
        console.print(f"[red]error:[/red] {error}")
        raise SystemExit(1) from None
    except ValidationError as error:
        # A bad ADVISOR_* variable: name it, without a traceback.
        for problem in error.errors():
            where = ".".join(str(part) for part in problem["loc"]) or "settings"
            console.print(f"[red]error:[/red] ADVISOR_{where.upper()}: {problem['msg']}")
        raise SystemExit(1) from None
