-- The audit log of human review (docs/review.md): who confirmed, corrected or rejected which record,
-- when, and the record before and after. A review names its record by article, kind and offsets,
-- which an article's text fixes, so that it is laid again over every later extraction. The log has
-- no foreign key on purpose: it outlives the articles it speaks of.

CREATE TABLE reviews (
    review_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('confirm', 'correct', 'reject')),
    changes      TEXT NOT NULL,            -- JSON object: field -> value as read
    before       TEXT,                     -- JSON object of the record's fields; NULL when missing
    after        TEXT,                     -- JSON object; NULL when rejected
    reviewer     TEXT NOT NULL,
    reviewed_at  TEXT NOT NULL,            -- ISO 8601, UTC
    note         TEXT
);
CREATE INDEX reviews_article ON reviews(article_id, review_id);
