-- One record per real-world event (docs/events.md, "One record per event"). The "events"
-- annotations stay where every annotation is; these two tables link the reports of one event under
-- a shared id and keep the event's merged fields for queries. Every write keeps them right, in its
-- own transaction, by merging again the reports of the (type family, country) blocks it touched.

CREATE TABLE events (
    event_id         TEXT PRIMARY KEY,     -- 16 hex characters, from the earliest report
    type             TEXT NOT NULL,        -- the most specific type its reports give
    subtype          TEXT NOT NULL,
    day_from         TEXT,                 -- inclusive ISO days; NULL when undated
    day_to           TEXT,
    place_name       TEXT,                 -- the most precise of its reports' places
    country          TEXT,                 -- ISO alpha-2 of every report's place: its block
    lat              REAL,
    lon              REAL,
    precision        INTEGER CHECK (precision BETWEEN 1 AND 4),
    perpetrator      TEXT,
    target           TEXT,
    killed_low       REAL,                 -- chosen by `rule`; NULL when no report counts
    killed_best      REAL,
    killed_high      REAL,
    killed_disputed  INTEGER NOT NULL CHECK (killed_disputed IN (0, 1)),
    wounded_low      REAL,
    wounded_best     REAL,
    wounded_high     REAL,
    wounded_disputed INTEGER NOT NULL CHECK (wounded_disputed IN (0, 1)),
    rule             TEXT NOT NULL,
    disputed         INTEGER NOT NULL CHECK (disputed IN (0, 1)),
    reports          INTEGER NOT NULL CHECK (reports > 0),
    outlets          INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX events_block ON events(type, country);
CREATE INDEX events_days ON events(day_from, day_to);

-- One row per "events" annotation: the report's own figures and source, and its event.
CREATE TABLE event_reports (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,          -- the annotation's seq among the article's events
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    event_id    TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    type        TEXT NOT NULL,
    country     TEXT,                      -- of the report's place: with type, its block
    place_words TEXT,                      -- the place's name and words, folded, for --place
    trigger     TEXT NOT NULL,
    killed      TEXT,                      -- the report's toll as JSON, as the export gives it
    wounded     TEXT,
    source      TEXT,
    outlet      TEXT,
    published   TEXT,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE INDEX event_reports_event ON event_reports(event_id);
CREATE INDEX event_reports_block ON event_reports(type, country);
