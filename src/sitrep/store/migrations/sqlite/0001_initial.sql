-- Articles, their annotations, near-duplicate buckets and full-text search.

CREATE TABLE articles (
    id          TEXT PRIMARY KEY,          -- sha256(outlet, text), 16 hex characters
    path        TEXT,
    url         TEXT,
    title       TEXT,
    outlet      TEXT,
    published   TEXT,                      -- YYYY-MM-DD or NULL
    text        TEXT NOT NULL,             -- the normalised body every offset indexes into
    copy_of     TEXT REFERENCES articles(id),
    similarity  REAL,                      -- estimated Jaccard similarity to copy_of
    pipeline    TEXT NOT NULL,             -- signature of the pipeline that annotated it
    minhash     BLOB,                      -- 128 x uint32 MinHash signature
    shingles    INTEGER                    -- distinct word 5-shingles, for containment
);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_copy_of ON articles(copy_of);

-- One row per annotation record; `attrs` holds the record's fields other than its offsets.
CREATE TABLE annotations (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    attrs       TEXT,
    PRIMARY KEY (article_id, kind, seq)
) WITHOUT ROWID;
CREATE INDEX annotations_kind ON annotations(kind);

-- MinHash LSH buckets: articles sharing a bucket are near-duplicate candidates.
CREATE TABLE minhash_buckets (
    bucket      INTEGER NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, article_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content='articles', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
