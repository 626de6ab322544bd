"""The data files shipped inside the package are read wherever it is installed."""

from __future__ import annotations

import pytest

from advisor.text.packaged import packaged_text


@pytest.mark.parametrize(
    "name",
    [
        "abbreviations.txt",
        "common_words.txt",
        "jobs.txt",
        "scope_examples.txt",
        "synonyms.txt",
        "topics.yaml",
    ],
)
def test_every_data_file_is_read_as_text(name: str) -> None:
    text = packaged_text(name)
    assert len(text) > 500 and "\ufffd" not in text


def test_a_missing_data_file_says_so() -> None:
    with pytest.raises(FileNotFoundError):
        packaged_text("no-such-file.txt")
