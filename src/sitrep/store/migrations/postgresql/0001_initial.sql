-- Articles, their annotations, near-duplicate buckets and full-text search: PostgreSQL's spelling
-- of the SQLite migration of the same name (migrations/sqlite), column for column. Text that is
-- sorted or compared is collated "C", code point order, as SQLite and Python sort it, so that both
-- stores list the same rows in the same order.

CREATE TABLE articles (
    id          TEXT COLLATE "C" PRIMARY KEY,  -- sha256(outlet, text), 16 hex characters
    path        TEXT COLLATE "C",
    url         TEXT COLLATE "C",
    title       TEXT COLLATE "C",
    outlet      TEXT COLLATE "C",
    published   TEXT COLLATE "C",              -- YYYY-MM-DD or NULL
    text        TEXT NOT NULL,                 -- the normalised body every offset indexes into
    copy_of     TEXT COLLATE "C" REFERENCES articles(id),
    similarity  DOUBLE PRECISION,              -- estimated Jaccard similarity to copy_of
    pipeline    TEXT COLLATE "C" NOT NULL,     -- signature of the pipeline that annotated it
    minhash     BYTEA,                         -- 128 x uint32 MinHash signature
    shingles    INTEGER,                       -- distinct word 5-shingles, for containment
    -- Full-text search: the title weighs A, the text B. The text is cut at 256 KiB of characters
    -- because a tsvector holds at most 1 MiB of lexemes; no news article comes near.
    search      tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', left(text, 262144)), 'B')
    ) STORED
);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_copy_of ON articles(copy_of);
CREATE INDEX articles_search ON articles USING gin (search);

-- One row per annotation record; `attrs` holds the record's fields other than its offsets (JSON).
CREATE TABLE annotations (
    article_id  TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT COLLATE "C" NOT NULL,
    seq         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    attrs       TEXT,
    PRIMARY KEY (article_id, kind, seq)
);
CREATE INDEX annotations_kind ON annotations(kind);

-- MinHash LSH buckets: articles sharing a bucket are near-duplicate candidates.
CREATE TABLE minhash_buckets (
    bucket      BIGINT NOT NULL,
    article_id  TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, article_id)
);
