"""Full-text for the embedded backend, per database vendor.

SQLite: an FTS5 table over search_ideadocument (external content, kept in step by
triggers), with the BM25 column weights title 3, tags 2, body 1, verdict 1.
PostgreSQL: a generated tsvector column (weights A/B/C/C, the 'simple' configuration:
no stemming, like the Elasticsearch mapping) with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
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
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE search_ideadocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(tags_text, '')), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body, '')), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(verdict, '')), 'C')) STORED",
    "CREATE INDEX search_doc_fts ON search_ideadocument USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_fts",
    "ALTER TABLE search_ideadocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
