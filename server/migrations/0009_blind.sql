-- Blind comparison: a blind project shows each expert a ranking's responses in
-- an order of their own, labelled A, B, C…, without model names (revealed after
-- the expert submitted, if the project says so).

ALTER TABLE projects ADD COLUMN blind boolean NOT NULL DEFAULT false;
ALTER TABLE projects ADD COLUMN blind_reveal_models boolean NOT NULL DEFAULT false;
ALTER TABLE projects ADD CONSTRAINT projects_reveal_needs_blind CHECK (blind OR NOT blind_reveal_models);

-- Keys each expert's order: without it, an expert who knows the ids could work out the stored order.
INSERT INTO server_secrets (name, value)
VALUES ('blind_order_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

-- Every response of a ranking has an id (a review maps back to its response by it); the server gives one to
-- each new response without, and these are the ones stored before.
UPDATE tasks
   SET body = jsonb_set(
         body,
         '{responses}',
         (SELECT jsonb_agg(
                   CASE WHEN r ? 'id' THEN r ELSE r || jsonb_build_object('id', 'r-' || gen_random_uuid()::text) END
                   ORDER BY n)
            FROM jsonb_array_elements(body -> 'responses') WITH ORDINALITY AS e (r, n)))
 WHERE body ->> 'kind' = 'rank_responses'
   AND EXISTS (SELECT 1 FROM jsonb_array_elements(body -> 'responses') r WHERE NOT r ? 'id');
