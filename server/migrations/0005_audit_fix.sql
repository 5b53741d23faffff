-- "Fix & accept": a lead corrects a review and accepts the corrected one; the
-- expert's original stays as it was submitted.
ALTER TABLE audits ADD COLUMN review jsonb;
ALTER TABLE audits DROP CONSTRAINT audits_action_check;
ALTER TABLE audits ADD CONSTRAINT audits_action_check CHECK (action IN ('accept', 'fix', 'reject', 'return'));
