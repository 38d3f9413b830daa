ALTER TABLE "indicators" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
UPDATE "indicators" SET "published_at" = "created_at";--> statement-breakpoint
ALTER TABLE "progress_reports" ADD COLUMN "deviation_explanation" text DEFAULT '' NOT NULL;
