-- Secrets the server makes for itself. The pseudonym key turns reviewer ids
-- into stable pseudonyms in exports; without it, anyone holding the list of
-- ids could hash them back.
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO server_secrets (name, value)
VALUES ('pseudonym_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
