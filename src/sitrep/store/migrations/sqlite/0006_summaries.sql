-- Each claim group's and each event's summary as JSON (store/summaries.py): the group with only
-- the reports each voice's figure counts, the event without its reports. Lists of groups and
-- events read these instead of building every group and event again from all its reports, so a
-- page of them costs the same however many reports they have. Rows written before this
-- migration get their summaries, built from their own reports, when the store opens.

ALTER TABLE claim_groups ADD COLUMN summary TEXT;
ALTER TABLE events ADD COLUMN summary TEXT;
