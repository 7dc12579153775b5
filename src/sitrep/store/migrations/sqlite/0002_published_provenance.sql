-- Where an article's publication date came from (issue 5): the input's metadata, an option that
-- wins over it, or inference from the text, with a confidence (0 to 1) and a short reason.
-- Dates stored before this migration keep NULL here: whether an option or metadata gave them was
-- not recorded.

ALTER TABLE articles ADD COLUMN published_source TEXT
    CHECK (published_source IN ('metadata', 'option', 'inferred'));
ALTER TABLE articles ADD COLUMN published_confidence REAL
    CHECK (published_confidence BETWEEN 0 AND 1);
ALTER TABLE articles ADD COLUMN published_reason TEXT;
