"""The aliases file staff edit (``aliases.yaml`` in the knowledge folder): more names for any
profile, scraped ``.txt`` pages included, which have no front matter to hold them.

In: a profile id and its names. Out: the file rewritten (its previous text kept in the
history), one ``profile-id: [name, name]`` entry per profile.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import yaml

from advisor.documents.history import ProfileHistory
from advisor.documents.loader import ALIASES_FILE, read_aliases

__all__ = ["AliasesFile"]


class AliasesFile:
    """``aliases.yaml`` of one knowledge folder."""

    def __init__(self, knowledge_dir: Path, history: ProfileHistory) -> None:
        self.path = knowledge_dir / ALIASES_FILE
        self.history = history

    def names_of(self, profile_id: str) -> tuple[str, ...]:
        """The names the file gives ``profile_id`` (:class:`KnowledgeError` if it is broken)."""
        return read_aliases(self.path).get(profile_id, ())

    def set_names(self, profile_id: str, names: Sequence[str]) -> bool:
        """Give ``profile_id`` exactly ``names`` (none: its entry goes). False if unchanged."""
        clean = list(dict.fromkeys(" ".join(name.split()) for name in names if name.strip()))
        with self.history.lock():
            every = {key: list(value) for key, value in read_aliases(self.path).items()}
            if every.get(profile_id, []) == clean:
                return False
            if clean:
                every[profile_id] = clean
            else:
                every.pop(profile_id, None)
            if self.path.is_file():
                self.history.keep(ALIASES_FILE, self.path.read_bytes())
            text = "# More names for profiles: `profile-id: [name, name]` (edited on /admin).\n"
            text += yaml.safe_dump(dict(sorted(every.items())), allow_unicode=True) if every else ""
            descriptor, temporary = tempfile.mkstemp(prefix=".aliases-", dir=self.path.parent)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, self.path)
        return True
