"""A career web page saved as HTML → a Markdown profile, by a maintained extractor
(trafilatura): navigation, footers and cookie banners are left out by it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import yaml

from advisor.errors import KnowledgeError

__all__ = ["html_to_markdown"]

_HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})", re.IGNORECASE)


def html_to_markdown(name: str, html: str) -> str:
    """The main content of ``html`` as a Markdown profile with front matter."""
    import trafilatura

    body = trafilatura.extract(
        html, output_format="markdown", include_formatting=True, include_links=False
    )
    if not body or len(body.strip()) < 40:
        raise KnowledgeError(name, "no main text found in this HTML page")
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title if metadata and metadata.title else "").strip()
    first_heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
    if first_heading:
        title = first_heading.group(1).strip()
    if not title:
        raise KnowledgeError(name, "the page has no title: add a <title> or an <h1>")
    front: dict[str, str] = {"title": title}
    language = _HTML_LANG.search(html)
    if language and language.group(1).lower() in ("fr", "nl", "en"):
        front["language"] = language.group(1).lower()
    front["source"] = (metadata.url if metadata and metadata.url else "") or name
    front["updated"] = datetime.now(UTC).date().isoformat()
    if not first_heading:
        body = f"# {title}\n\n{body}"
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip()
    return f"---\n{header}\n---\n\n{body.strip()}\n"
