-- The canonical names of the places and actors the articles name, each with its folded form
-- (lower case, without accents or punctuation: store/event_tables.py `fold`), written with the
-- annotations. The web UI's place and actor filters look up the folded words here, then the
-- articles whose records carry one of the names found; the folding stays Python's, in every
-- store. Names annotated before this migration are filled in when the store opens.

CREATE TABLE names (
    kind    TEXT NOT NULL,                 -- "places" or "actors"
    name    TEXT NOT NULL,                 -- the records' canonical name, as stored in attrs
    folded  TEXT NOT NULL,
    PRIMARY KEY (kind, name)
) WITHOUT ROWID;
