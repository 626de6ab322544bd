"""Reading profile files into :class:`Document` objects."""

from advisor.documents.loader import (
    PROFILE_SUFFIXES,
    KnowledgeLoad,
    is_profile_file,
    read_document,
    read_knowledge,
)
from advisor.documents.model import Document, Section

__all__ = [
    "Document",
    "KnowledgeLoad",
    "Section",
    "PROFILE_SUFFIXES",
    "is_profile_file",
    "read_document",
    "read_knowledge",
]
