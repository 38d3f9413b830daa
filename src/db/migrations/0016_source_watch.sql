ALTER TABLE "indicators" ADD COLUMN "source_title" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "source_notice" jsonb;