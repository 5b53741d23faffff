-- Projects: how a team's tasks are handed out (overlap, reservations, specialty,
-- gold questions) and what the experts read first (guidelines).

CREATE TABLE projects (
  id uuid PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES teams (id),
  name text NOT NULL,
  guidelines text NOT NULL DEFAULT '',
  -- How many independent experts must submit each task.
  overlap integer NOT NULL DEFAULT 1 CHECK (overlap BETWEEN 1 AND 50),
  reservation_minutes integer NOT NULL DEFAULT 60 CHECK (reservation_minutes BETWEEN 1 AND 10080),
  -- Only experts of this specialty may claim its tasks (NULL: any).
  specialty text,
  -- The share of claims served from gold (quality-control) tasks.
  gold_rate real NOT NULL DEFAULT 0 CHECK (gold_rate BETWEEN 0 AND 1),
  -- After submitting, experts may see the others' reviews of the same task.
  allow_calibration boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_by_team ON projects (team_id);

ALTER TABLE tasks ADD COLUMN project_id uuid REFERENCES projects (id);
-- The expected answer of a gold task: compared with experts' reviews, never sent to them.
ALTER TABLE tasks ADD COLUMN gold jsonb;
CREATE INDEX tasks_by_project ON tasks (project_id, created_at, id);

-- A claimed task is reserved until expires_at; an expired reservation returns it to the pool.
ALTER TABLE assignments ADD COLUMN expires_at timestamptz;
ALTER TABLE assignments DROP CONSTRAINT assignments_status_check;
ALTER TABLE assignments ADD CONSTRAINT assignments_status_check
  CHECK (status IN ('reserved', 'assigned', 'submitted', 'returned'));
CREATE INDEX assignments_by_task ON assignments (team_id, task_id);
