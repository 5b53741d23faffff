-- The clinical assessment a project asks on every response review: which
-- standard axes are shown and the project's own questions (AssessmentConfig
-- in utils/schema/assessment.ts). '{}' reads as every axis and no questions.
ALTER TABLE projects ADD COLUMN assessment jsonb NOT NULL DEFAULT '{}';
