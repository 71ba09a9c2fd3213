-- Version 1 of the PostgreSQL schema: the dataset's records (one row each, as JSON text), the
-- audit log, its head (one row, locked by every append: the chain needs one total order), and
-- the API tokens (only their SHA-256).
CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
CREATE TABLE records (
    collection text   NOT NULL,
    position   bigint NOT NULL CHECK (position >= 0),
    id         text   NOT NULL,
    stage      text,
    body       text   NOT NULL,
    PRIMARY KEY (collection, position)
);
CREATE INDEX records_by_id ON records (collection, id);
-- `body` is text, not jsonb: the event is kept byte for byte as it was written and hashed.
CREATE TABLE events (
    log_index bigint      PRIMARY KEY CHECK (log_index >= 0),
    machine   text        NOT NULL,
    entity    text        NOT NULL,
    seq       bigint      NOT NULL CHECK (seq >= 1),
    at        timestamptz NOT NULL,
    event     text        NOT NULL,
    body      text        NOT NULL,
    hash      text,
    UNIQUE (machine, entity, seq)
);
CREATE TABLE log_head (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    next_index bigint  NOT NULL CHECK (next_index >= 0),
    hash       text
);
INSERT INTO log_head (next_index) VALUES (0);
CREATE TABLE tokens (
    id         text        PRIMARY KEY,
    hash       text        NOT NULL UNIQUE,
    bin        text        NOT NULL,
    roles      text        NOT NULL,
    label      text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
