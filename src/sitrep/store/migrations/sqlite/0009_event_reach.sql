-- A write finds the stored events still open on a day it changes from the reports that end near
-- that day (store/event_tables.py, `_SQLBlock.reaching`), not by reading every report of the
-- block: an index on each report's last day within its block.

CREATE INDEX event_reports_reach ON event_reports(type, country, window_to);
