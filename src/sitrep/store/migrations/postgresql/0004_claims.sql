-- Claims compared across sources (migrations/sqlite/0004_claims, docs/claims.md): the same
-- columns in the same order, since rows are inserted by position.

CREATE TABLE claim_groups (
    group_id     TEXT COLLATE "C" PRIMARY KEY,
    key          TEXT COLLATE "C" NOT NULL UNIQUE,
    measure      TEXT COLLATE "C" NOT NULL,
    aspect       TEXT COLLATE "C",
    subject      TEXT COLLATE "C",
    place        TEXT COLLATE "C",
    unit         TEXT COLLATE "C" NOT NULL,
    day_from     TEXT COLLATE "C",
    day_to       TEXT COLLATE "C",
    low          DOUBLE PRECISION NOT NULL,     -- an open figure's high is Infinity
    best         DOUBLE PRECISION NOT NULL,
    high         DOUBLE PRECISION NOT NULL,
    conflict     INTEGER NOT NULL CHECK (conflict IN (0, 1)),
    periods      INTEGER NOT NULL CHECK (periods > 0),
    voices       INTEGER NOT NULL CHECK (voices > 0),
    claims       INTEGER NOT NULL CHECK (claims > 0),
    rule         TEXT NOT NULL
);
CREATE INDEX claim_groups_measure ON claim_groups(measure);

CREATE TABLE claim_reports (
    article_id  TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    key         TEXT COLLATE "C" NOT NULL,
    group_id    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX claim_reports_key ON claim_reports(key);
