-- A bulk ingest writes its batches without merging events and grouping claims each time, and
-- reconciles once every few thousand articles and at its end (issue 10: each write of a batch read
-- nearly every event and claim of a busy store again). The articles whose events and claims are
-- still to be merged wait here, written in the transaction that wrote them, so that a run killed
-- before it reconciled leaves them to the next write, which reconciles them with its own.

CREATE TABLE pending_reconcile (
    article_id TEXT PRIMARY KEY
);
