-- One record per real-world event (migrations/sqlite/0003_events, docs/events.md): the same
-- columns in the same order, since rows are inserted by position.

CREATE TABLE events (
    event_id         TEXT COLLATE "C" PRIMARY KEY,
    type             TEXT COLLATE "C" NOT NULL,
    subtype          TEXT COLLATE "C" NOT NULL,
    day_from         TEXT COLLATE "C",
    day_to           TEXT COLLATE "C",
    place_name       TEXT COLLATE "C",
    country          TEXT COLLATE "C",
    lat              DOUBLE PRECISION,
    lon              DOUBLE PRECISION,
    precision        INTEGER CHECK (precision BETWEEN 1 AND 4),
    perpetrator      TEXT COLLATE "C",
    target           TEXT COLLATE "C",
    killed_low       DOUBLE PRECISION,
    killed_best      DOUBLE PRECISION,
    killed_high      DOUBLE PRECISION,
    killed_disputed  INTEGER NOT NULL CHECK (killed_disputed IN (0, 1)),
    wounded_low      DOUBLE PRECISION,
    wounded_best     DOUBLE PRECISION,
    wounded_high     DOUBLE PRECISION,
    wounded_disputed INTEGER NOT NULL CHECK (wounded_disputed IN (0, 1)),
    rule             TEXT NOT NULL,
    disputed         INTEGER NOT NULL CHECK (disputed IN (0, 1)),
    reports          INTEGER NOT NULL CHECK (reports > 0),
    outlets          INTEGER NOT NULL
);
CREATE INDEX events_block ON events(type, country);
CREATE INDEX events_days ON events(day_from, day_to);

CREATE TABLE event_reports (
    article_id  TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    event_id    TEXT COLLATE "C" NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    type        TEXT COLLATE "C" NOT NULL,
    country     TEXT COLLATE "C",
    place_words TEXT COLLATE "C",
    trigger     TEXT NOT NULL,
    killed      TEXT,
    wounded     TEXT,
    source      TEXT COLLATE "C",
    outlet      TEXT COLLATE "C",
    published   TEXT COLLATE "C",
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX event_reports_event ON event_reports(event_id);
CREATE INDEX event_reports_block ON event_reports(type, country);
