-- Claims compared across sources (docs/claims.md). The "claims" annotations stay where every
-- annotation is; these two tables link each claim to its group, by the group's key, and keep the
-- group's figures for queries. Every write keeps them right, in its own transaction, by grouping
-- again the claims of the keys it touched.

CREATE TABLE claim_groups (
    group_id     TEXT PRIMARY KEY,          -- 16 hex characters, from the key
    key          TEXT NOT NULL UNIQUE,      -- measure|aspect|subject|place|unit kind, folded
    measure      TEXT NOT NULL,
    aspect       TEXT,
    subject      TEXT,
    place        TEXT,
    unit         TEXT NOT NULL,
    day_from     TEXT,                      -- the days the group's dated claims span
    day_to       TEXT,
    low          REAL NOT NULL,             -- of its latest period, chosen by `rule`
    best         REAL NOT NULL,
    high         REAL NOT NULL,
    conflict     INTEGER NOT NULL CHECK (conflict IN (0, 1)),   -- in any period
    periods      INTEGER NOT NULL CHECK (periods > 0),
    voices       INTEGER NOT NULL CHECK (voices > 0),
    claims       INTEGER NOT NULL CHECK (claims > 0),
    rule         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX claim_groups_measure ON claim_groups(measure);

-- One row per "claims" annotation, and its group.
CREATE TABLE claim_reports (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,          -- the annotation's seq among the article's claims
    key         TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE INDEX claim_reports_key ON claim_reports(key);
