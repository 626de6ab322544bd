"""Running the advisor as a service, for the CLI and the API alike: threads and worker
processes that fit the machine (:mod:`.runtime`, :mod:`.workers`), following newly published
index versions (:mod:`.watcher`), and rebuilding or rolling back the index while serving
(:mod:`.reindex`)."""

__all__: list[str] = []
