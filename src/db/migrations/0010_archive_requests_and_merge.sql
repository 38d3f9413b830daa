ALTER TABLE "initiatives" ALTER COLUMN "status" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "initiatives" ALTER COLUMN "start_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "pending_base" jsonb;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "pending_rebased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "archive_request" jsonb;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "archived_from_state" "workflow_state";