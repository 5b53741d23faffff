-- Teams, people, tokens, tasks, assignments, submissions, audits.
-- Append-only: never edit a migration that has shipped; add the next number.

CREATE TABLE teams (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES teams (id),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('expert', 'lead', 'admin')),
  specialty text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Personal access tokens, stored as the SHA-256 of the token: a leaked table
-- does not let anyone sign in.
CREATE TABLE tokens (
  hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE tasks (
  team_id uuid NOT NULL REFERENCES teams (id),
  id text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, id)
);

CREATE TABLE assignments (
  team_id uuid NOT NULL,
  task_id text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'submitted', 'returned')),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  due_at timestamptz,
  return_comment text,
  PRIMARY KEY (team_id, task_id, user_id),
  FOREIGN KEY (team_id, task_id) REFERENCES tasks (team_id, id)
);
CREATE INDEX assignments_by_user ON assignments (user_id, assigned_at);

-- One row per submission id, whatever the number of deliveries: the id is the
-- client's idempotency key and content_hash tells a replay from a reuse.
CREATE TABLE submissions (
  id uuid PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES teams (id),
  user_id uuid NOT NULL REFERENCES users (id),
  task_id text,
  schema_version integer NOT NULL,
  body jsonb NOT NULL,
  content_hash text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submissions_by_team ON submissions (team_id, received_at DESC, id DESC);

CREATE TABLE audits (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id),
  lead_id uuid NOT NULL REFERENCES users (id),
  action text NOT NULL CHECK (action IN ('accept', 'reject', 'return')),
  comment text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audits_by_submission ON audits (submission_id, recorded_at DESC);
