"""Full-text over analysed index terms (search.analysis) instead of the raw text.

The documents gain `*_terms` columns (English stems, Korean morphemes, joined compounds, written
by the drains) and the vocabulary table `search_term` for one-typo lookups. Full-text moves to
those columns:

SQLite: the FTS5 table is rebuilt over title_terms, tags_terms, body_terms, verdict_terms and
suggest_terms with the `ascii` tokenizer (splits on ASCII spaces and punctuation, keeps every
non-ASCII character, so Hangul terms stay whole), BM25 weights 3, 2, 1, 1 and 0.
PostgreSQL: `search_vector` is regenerated from the term columns (weights A/B/C/C, 'simple'
configuration: the terms are already stemmed), and `suggest_vector` covers suggest_terms.

Existing documents have no terms yet, so every idea is queued in the search outbox: the next
drains (after commit, or `manage.py search_drain`) re-analyse them, on either backend.
"""

from django.db import migrations, models
from django.utils import timezone

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
COLUMNS = "title_terms, tags_terms, body_terms, verdict_terms, suggest_terms"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE search_fts USING fts5({COLUMNS}, "
    "content='search_ideadocument', content_rowid='idea_id', tokenize='ascii', prefix='2 3')",
    "INSERT INTO search_fts(search_fts, rank) VALUES('rank', 'bm25(3.0, 2.0, 1.0, 1.0, 0.0)')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_ideadocument BEGIN "
    f"INSERT INTO search_fts(rowid, {COLUMNS}) VALUES (new.idea_id, new.title_terms, new.tags_terms, "
    "new.body_terms, new.verdict_terms, new.suggest_terms); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_ideadocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {COLUMNS}) VALUES ('delete', old.idea_id, old.title_terms, "
    "old.tags_terms, old.body_terms, old.verdict_terms, old.suggest_terms); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_ideadocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {COLUMNS}) VALUES ('delete', old.idea_id, old.title_terms, "
    "old.tags_terms, old.body_terms, old.verdict_terms, old.suggest_terms); "
    f"INSERT INTO search_fts(rowid, {COLUMNS}) VALUES (new.idea_id, new.title_terms, new.tags_terms, "
    "new.body_terms, new.verdict_terms, new.suggest_terms); END",
    "INSERT INTO search_fts(search_fts) VALUES('rebuild')",
]
# 0002's full-text over the raw text, to go back to.
SQLITE_RAW = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, tags_text, body, verdict, content='search_ideadocument', content_rowid='idea_id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO search_fts(search_fts, rank) VALUES('rank', 'bm25(3.0, 2.0, 1.0, 1.0)')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_ideadocument BEGIN "
    "INSERT INTO search_fts(rowid, title, tags_text, body, verdict) "
    "VALUES (new.idea_id, new.title, new.tags_text, new.body, new.verdict); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_ideadocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, tags_text, body, verdict) "
    "VALUES ('delete', old.idea_id, old.title, old.tags_text, old.body, old.verdict); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_ideadocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, tags_text, body, verdict) "
    "VALUES ('delete', old.idea_id, old.title, old.tags_text, old.body, old.verdict); "
    "INSERT INTO search_fts(rowid, title, tags_text, body, verdict) "
    "VALUES (new.idea_id, new.title, new.tags_text, new.body, new.verdict); END",
    "INSERT INTO search_fts(search_fts) VALUES('rebuild')",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_doc_fts",
    "ALTER TABLE search_ideadocument DROP COLUMN IF EXISTS search_vector",
]
POSTGRES_CREATE = [
    "ALTER TABLE search_ideadocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title_terms, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(tags_terms, '')), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body_terms, '')), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(verdict_terms, '')), 'C')) STORED",
    "CREATE INDEX search_doc_fts ON search_ideadocument USING GIN (search_vector)",
    "ALTER TABLE search_ideadocument ADD COLUMN suggest_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, coalesce(suggest_terms, ''))) STORED",
    "CREATE INDEX search_doc_suggest ON search_ideadocument USING GIN (suggest_vector)",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS search_doc_suggest",
    "ALTER TABLE search_ideadocument DROP COLUMN IF EXISTS suggest_vector",
    *POSTGRES_DROP,
    "ALTER TABLE search_ideadocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(tags_text, '')), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body, '')), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(verdict, '')), 'C')) STORED",
    "CREATE INDEX search_doc_fts ON search_ideadocument USING GIN (search_vector)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def queue_every_idea(apps, schema_editor):
    """Re-analyse everything: the drain builds each idea's document (or removes it) afresh."""
    Idea = apps.get_model("ideas", "Idea")
    OutboxEntry = apps.get_model("search", "OutboxEntry")
    db = schema_editor.connection.alias
    now = timezone.now()
    ids = Idea.objects.using(db).values_list("pk", flat=True).iterator(chunk_size=5000)
    batch = []
    for idea_id in ids:
        batch.append(OutboxEntry(idea_id=idea_id, queued_at=now))
        if len(batch) >= 5000:
            OutboxEntry.objects.using(db).bulk_create(batch)
            batch = []
    OutboxEntry.objects.using(db).bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_fulltext"),
        ("ideas", "0001_initial"),
    ]

    operations = [
        # The old full-text goes first: SQLite may rebuild the table to add columns.
        migrations.RunPython(
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
            _run({"sqlite": SQLITE_RAW, "postgresql": POSTGRES_UNDO[2:]}),
        ),
        migrations.AddField(
            model_name="ideadocument",
            name="body_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="ideadocument",
            name="suggest_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="ideadocument",
            name="tags_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="ideadocument",
            name="title_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="ideadocument",
            name="verdict_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.CreateModel(
            name="IndexTerm",
            fields=[
                ("term", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("lead", models.CharField(max_length=1)),
                ("size", models.PositiveSmallIntegerField()),
            ],
            options={
                "db_table": "search_term",
                "indexes": [models.Index(fields=["lead", "size"], name="search_term_lead_size")],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_UNDO[:2] + POSTGRES_DROP}),
        ),
        migrations.RunPython(queue_every_idea, migrations.RunPython.noop),
    ]
