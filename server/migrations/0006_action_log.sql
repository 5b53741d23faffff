-- What leads and admins did: one row per request of theirs that read team data
-- or changed anything (see server/action-log.ts), written after it was answered.
-- Append-only: the server only inserts, and the database refuses to change or
-- remove a row (the triggers below), so a lead cannot tidy up after themselves
-- through any code path of the server.
CREATE TABLE action_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid NOT NULL REFERENCES users (id),
  -- The user's team and role when they acted.
  team_id uuid NOT NULL REFERENCES teams (id),
  role text NOT NULL,
  method text NOT NULL,
  -- The route template (/v1/projects/{id}/tasks); NULL when no route matched.
  route text,
  -- The concrete path, with the ids of what was acted on.
  path text NOT NULL,
  status integer NOT NULL,
  -- The query parameters, and what a request body acted on (submission and task ids, …).
  detail jsonb NOT NULL DEFAULT '{}'
);

CREATE FUNCTION action_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'action_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER action_log_no_update_or_delete BEFORE UPDATE OR DELETE ON action_log
  FOR EACH ROW EXECUTE FUNCTION action_log_is_append_only();
CREATE TRIGGER action_log_no_truncate BEFORE TRUNCATE ON action_log
  FOR EACH STATEMENT EXECUTE FUNCTION action_log_is_append_only();
