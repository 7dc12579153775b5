-- Where an article's publication date came from (migrations/sqlite/0002_published_provenance).

ALTER TABLE articles ADD COLUMN published_source TEXT COLLATE "C"
    CHECK (published_source IN ('metadata', 'option', 'inferred'));
ALTER TABLE articles ADD COLUMN published_confidence DOUBLE PRECISION
    CHECK (published_confidence BETWEEN 0 AND 1);
ALTER TABLE articles ADD COLUMN published_reason TEXT;
