"""Staff edits, published: a profile's new text checked, saved over the text the editor started
from (never over someone else's save), and built into a new index version.

In: a file name, its new bytes (or an earlier text's name, or a deletion) and the hash the
editor started from. Out: a :class:`Publication`, the saved file's hash and the build it
started (or that will follow the one running). Refusals are :class:`KnowledgeError` (a bad file,
with its line), :class:`StaleEdit` and :class:`UploadRefused`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from advisor.documents.aliases_file import AliasesFile
from advisor.documents.uploads import KnowledgeFolder, ProfileSource
from advisor.serving.reindex import BuildState, Reindexer

__all__ = ["Publication", "Publisher"]


@dataclass(frozen=True)
class Publication:
    """What an edit did: the file as saved (None once deleted) and the build publishing it."""

    file: str
    source: ProfileSource | None
    created: bool
    build: BuildState
    queued: bool  # a build was running: this one follows it

    @property
    def published(self) -> bool:
        return not self.queued and self.build.state == "done" and self.build.error is None


class Publisher:
    """Saves staff edits into ``folder`` and has ``reindexer`` publish them."""

    def __init__(self, folder: KnowledgeFolder, reindexer: Reindexer, wait_seconds: float):
        self.folder = folder
        self.reindexer = reindexer
        self.wait_seconds = wait_seconds

    def check(self, file: str, content: bytes) -> None:
        """Refuse what would not be a profile: :class:`KnowledgeError` naming file and line."""
        preview = self.folder.preview(file, content)
        if preview.error is not None:
            raise preview.error

    def save(
        self,
        file: str,
        content: bytes,
        expected: str | None,
        aliases: Sequence[str] | None = None,
    ) -> Publication:
        """Check ``content``, save it as ``file`` if its hash is still ``expected`` (see
        :meth:`KnowledgeFolder.save_checked`), give the profile ``aliases`` in the aliases file
        (None: leave them), and publish both in one build."""
        file = self.folder.resolve(file)
        self.check(file, content)
        created = not (self.folder.path / file).is_file()
        source = self.folder.save_checked(file, content, expected)
        if aliases is not None:
            AliasesFile(self.folder.path, self.folder.history).set_names(source.profile_id, aliases)
        return self._published(file, source, created, f"saving {file}")

    def restore(self, file: str, entry: str, expected: str | None) -> Publication:
        """Publish the earlier text ``entry`` of ``file`` again."""
        file = self.folder.resolve(file)
        self.check(file, self.folder.history.read(file, entry))
        created = not (self.folder.path / file).is_file()
        source = self.folder.restore(file, entry, expected)
        return self._published(file, source, created, f"restoring {file}")

    def delete(self, file: str, expected: str | None) -> Publication:
        """Delete ``file`` (its text is kept in the history) and publish the folder without it."""
        file = self.folder.resolve(file)
        self.folder.delete(file, expected)
        return self._published(file, None, False, f"deleting {file}")

    def _published(
        self, file: str, source: ProfileSource | None, created: bool, reason: str
    ) -> Publication:
        started = self.reindexer.start_or_queue(reason)
        build = self.reindexer.wait(self.wait_seconds) if started else self.reindexer.state()
        return Publication(file, source, created, build, queued=not started)
