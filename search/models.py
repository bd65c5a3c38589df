"""Search state kept in the database.

* `OutboxEntry`: one row per change to an idea that the index must reflect. Written in the
  same transaction as the change (so a crash after commit loses nothing), pushed in bulk by
  `search.outbox.drain()` after commit and by `manage.py search_drain`, deleted on success.
* `IdeaDocument` / `IdeaDocumentTag`: the embedded backend's index (a denormalised copy of
  each searchable idea). Full-text lives beside it: an FTS5 table `search_fts` on SQLite, a
  generated `search_vector` tsvector column with a GIN index on PostgreSQL (migration 0001).
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
