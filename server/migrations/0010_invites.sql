-- One-time invite codes. A lead invites a new member of the team; the member
-- types the code into the extension, and the server exchanges it, once, for
-- the member's account and personal token. Only the code's SHA-256 is kept,
-- as for tokens.
CREATE TABLE invites (
  code_hash text PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES teams (id),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('expert', 'lead')),
  specialty text,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- Set once, when the code is exchanged: the account it made.
  redeemed_at timestamptz,
  user_id uuid REFERENCES users (id),
  CHECK ((redeemed_at IS NULL) = (user_id IS NULL))
);
