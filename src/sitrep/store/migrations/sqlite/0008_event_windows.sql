-- Each stored event report's window, the days it may tell of (`EventReport.window`), as day
-- numbers (date.toordinal): a write merges again only the stretch of days around the reports it
-- changes (store/event_tables.py), and finds that stretch from these two numbers a report
-- instead of reading every report of the block. Filled, by merging every report again, when
-- the store opens.

ALTER TABLE event_reports ADD COLUMN window_from INTEGER;
ALTER TABLE event_reports ADD COLUMN window_to INTEGER;
CREATE INDEX event_reports_windows ON event_reports(type, country, window_from);
