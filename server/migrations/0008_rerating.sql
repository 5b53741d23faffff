-- Re-ratings (rater consistency): a project may hand an expert a share of
-- their own completed tasks again, after a washout, to measure how far they
-- agree with themselves.
--
-- Model: a re-rating is a second assignment of the same task to the same
-- expert, told apart by `attempt` (1: the first rating, 2: the re-rating),
-- which joins the assignments key; each submission records the attempt it
-- answers. Chosen over a table of its own because a re-rating is reserved,
-- expires, is listed, submitted and returned exactly like any assignment: one
-- table keeps one code path for all of that, and the key still allows one
-- re-rating per expert and task.
--
-- The washout is kept by the database itself (the trigger below): however a
-- query goes wrong, a re-rating cannot be handed out before the washout after
-- the expert's own latest rating of the task has passed.

ALTER TABLE projects ADD COLUMN rerating_share double precision
  CHECK (rerating_share > 0 AND rerating_share <= 0.5);
ALTER TABLE projects ADD COLUMN rerating_washout_days integer
  CHECK (rerating_washout_days BETWEEN 1 AND 365);
-- Both or neither: re-rating is off when they are NULL.
ALTER TABLE projects ADD CONSTRAINT projects_rerating_check
  CHECK ((rerating_share IS NULL) = (rerating_washout_days IS NULL));

ALTER TABLE assignments ADD COLUMN attempt smallint NOT NULL DEFAULT 1 CHECK (attempt IN (1, 2));
ALTER TABLE assignments DROP CONSTRAINT assignments_pkey;
ALTER TABLE assignments ADD PRIMARY KEY (team_id, task_id, user_id, attempt);

ALTER TABLE submissions ADD COLUMN attempt smallint NOT NULL DEFAULT 1 CHECK (attempt IN (1, 2));

CREATE FUNCTION assignments_rerating_washout() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  washout integer;
  last_rated timestamptz;
BEGIN
  SELECT p.rerating_washout_days INTO washout
    FROM tasks t JOIN projects p ON p.id = t.project_id
   WHERE t.team_id = NEW.team_id AND t.id = NEW.task_id;
  IF washout IS NULL THEN
    RAISE EXCEPTION 're-rating of task % refused: its project does not re-rate', NEW.task_id
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT max(s.received_at) INTO last_rated
    FROM submissions s
   WHERE s.team_id = NEW.team_id AND s.task_id = NEW.task_id AND s.user_id = NEW.user_id AND s.attempt = 1;
  IF last_rated IS NULL THEN
    RAISE EXCEPTION 're-rating of task % refused: the expert has not rated it yet', NEW.task_id
      USING ERRCODE = 'check_violation';
  END IF;
  -- Shown from the moment the row exists, and recorded as shown at assigned_at: both after the washout.
  IF least(now(), NEW.assigned_at) < last_rated + make_interval(days => washout) THEN
    RAISE EXCEPTION 're-rating of task % refused: its washout of % days after % has not passed',
      NEW.task_id, washout, last_rated
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
-- On insert, and on any update that (re)serves the row or makes it a re-rating;
-- submitting or returning a re-rating changes none of these columns.
CREATE TRIGGER assignments_rerating_after_washout
  BEFORE INSERT OR UPDATE OF attempt, assigned_at, team_id, task_id, user_id ON assignments
  FOR EACH ROW WHEN (NEW.attempt > 1) EXECUTE FUNCTION assignments_rerating_washout();
