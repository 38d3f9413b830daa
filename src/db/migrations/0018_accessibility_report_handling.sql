ALTER TABLE "accessibility_reports" ADD COLUMN "handled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accessibility_reports" ADD COLUMN "handled_by_user_id" integer;--> statement-breakpoint
ALTER TABLE "accessibility_reports" ADD COLUMN "handling_note" text;--> statement-breakpoint
ALTER TABLE "accessibility_reports" ADD CONSTRAINT "accessibility_reports_handled_by_user_id_users_id_fk" FOREIGN KEY ("handled_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;