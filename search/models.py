"""Search state kept in the database.

* `OutboxEntry`: one row per change to an idea that the index must reflect. Written in the
  same transaction as the change (so a crash after commit loses nothing), pushed in bulk by
  `search.outbox.drain()` after commit and by `manage.py search_drain`, deleted on success.
* `IdeaDocument` / `IdeaDocumentTag`: the embedded backend's index (a denormalised copy of
  each searchable idea, with the index terms `search.analysis` made of its fields). Full-text
  over those terms lives beside it: an FTS5 table `search_fts` on SQLite, generated tsvector
  columns with GIN indexes on PostgreSQL (migrations 0002 and 0003).
* `IndexTerm`: the embedded backend's vocabulary of English terms, where a query word with a
  typo finds the terms one edit away.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class OutboxEntry(models.Model):
    idea_id = models.BigIntegerField(db_index=True)
    queued_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        db_table = "search_outbox"
        ordering = ["pk"]
        verbose_name = "search outbox entry"
        verbose_name_plural = "search outbox entries"

    def __str__(self) -> str:
        return f"idea {self.idea_id} (attempts: {self.attempts})"


class IdeaDocument(models.Model):
    idea_id = models.BigIntegerField(primary_key=True)
    title = models.TextField()
    body = models.TextField()
    tags_text = models.TextField(blank=True)
    verdict = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, db_index=True)
    campaign_id = models.BigIntegerField(db_index=True)
    campaign_title = models.TextField()
    department_id = models.BigIntegerField(null=True, db_index=True)
    department_name = models.TextField(blank=True)
    vote_count = models.IntegerField(default=0)
    year = models.IntegerField(db_index=True)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True)
    url = models.TextField(blank=True)
    # Index terms (space-separated, from search.analysis): what full-text search matches.
    title_terms = models.TextField(blank=True, default="")
    tags_terms = models.TextField(blank=True, default="")
    body_terms = models.TextField(blank=True, default="")
    verdict_terms = models.TextField(blank=True, default="")
    suggest_terms = models.TextField(blank=True, default="")
    digest = models.CharField(max_length=40)
    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "search_ideadocument"
        indexes = [
            models.Index(fields=["-created_at", "-idea_id"], name="search_doc_new"),
            models.Index(fields=["-vote_count", "-created_at"], name="search_doc_votes"),
            models.Index(fields=["-decided_at", "-created_at"], name="search_doc_decided"),
        ]

    def __str__(self) -> str:
        return self.title


class IdeaDocumentTag(models.Model):
    document = models.ForeignKey(IdeaDocument, on_delete=models.CASCADE, related_name="tag_rows")
    name = models.CharField(max_length=100, db_index=True)

    class Meta:
        db_table = "search_ideadocument_tag"
        constraints = [models.UniqueConstraint(fields=["document", "name"], name="search_doc_tag_once")]

    def __str__(self) -> str:
        return self.name


class IndexTerm(models.Model):
    """A term of the embedded index that a one-typo query may mean (ASCII, 4 to 31 characters).

    Insert-only: a term whose ideas are gone costs an alternative that matches nothing, no
    wrong result. Looked up by first letter and length (Elasticsearch's fuzzy query with
    `prefix_length: 1` considers the same candidates).
    """

    term = models.CharField(max_length=64, primary_key=True)
    lead = models.CharField(max_length=1)
    size = models.PositiveSmallIntegerField()

    class Meta:
        db_table = "search_term"
        indexes = [models.Index(fields=["lead", "size"], name="search_term_lead_size")]

    def __str__(self) -> str:
        return self.term
