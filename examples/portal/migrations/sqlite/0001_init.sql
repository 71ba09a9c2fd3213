-- Version 1: the dataset's records (one row each, as JSON) and the audit log.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE records (
    collection TEXT    NOT NULL,
    position   INTEGER NOT NULL CHECK (position >= 0),
    id         TEXT    NOT NULL,
    stage      TEXT,
    body       TEXT    NOT NULL,
    PRIMARY KEY (collection, position)
) STRICT;
CREATE INDEX records_by_id ON records (collection, id);
CREATE TABLE events (
    log_index INTEGER PRIMARY KEY CHECK (log_index >= 0),
    machine   TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    seq       INTEGER NOT NULL CHECK (seq >= 1),
    at        TEXT    NOT NULL,
    event     TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    UNIQUE (machine, entity, seq)
) STRICT;
