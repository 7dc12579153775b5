-- A write finds the stored events still open on a day it changes (store/event_tables.py,
-- `_SQLBlock.reaching`) from two ranges: the reports beginning in the month before that day,
-- through the block's window index, and the few whose windows are longer than a month, through
-- this one. The index of 0009 on every report's last day made that look-up read every later
-- report of the block too (issue 10: 55 ms a day in a 100,000-article store, 2 ms now).

DROP INDEX event_reports_reach;
CREATE INDEX event_reports_long ON event_reports(type, country, window_to)
    WHERE window_to - window_from > 31;
