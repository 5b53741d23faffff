-- Finding the reviews of a page for a lead's in-page audit: by the page's
-- address (without its fragment) and by the platform's message ids.

ALTER TABLE submissions ADD COLUMN page_url text;
ALTER TABLE submissions ADD COLUMN message_ids text[] NOT NULL DEFAULT '{}';

UPDATE submissions SET
  page_url = split_part(body -> 'capture' ->> 'url', '#', 1),
  message_ids = ARRAY(
    SELECT turn ->> 'messageId' FROM jsonb_array_elements(coalesce(body -> 'capture' -> 'turns', '[]'::jsonb)) AS turn
     WHERE turn ->> 'messageId' IS NOT NULL
  );

CREATE INDEX submissions_by_page ON submissions (team_id, page_url);
CREATE INDEX submissions_by_message ON submissions USING gin (message_ids);
CREATE INDEX submissions_by_task ON submissions (team_id, task_id);
