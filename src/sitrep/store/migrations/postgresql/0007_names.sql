-- The canonical names of the places and actors the articles name, each with its folded form
-- (migrations/sqlite/0007_names).

CREATE TABLE names (
    kind    TEXT COLLATE "C" NOT NULL,
    name    TEXT COLLATE "C" NOT NULL,
    folded  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, name)
);
