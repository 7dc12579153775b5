-- Each claim group's and each event's summary as JSON (migrations/sqlite/0006_summaries).

ALTER TABLE claim_groups ADD COLUMN summary TEXT;
ALTER TABLE events ADD COLUMN summary TEXT;
