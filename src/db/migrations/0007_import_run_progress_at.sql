ALTER TABLE "import_runs" ADD COLUMN "progress_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Runs written before the column existed last showed progress when they started.
UPDATE "import_runs" SET "progress_at" = "started_at";
