ALTER TABLE "action_programmes" ADD COLUMN "description_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "introduction_sv" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "introduction_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "agenda2030_sv" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "agenda2030_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "national_strategy_sv" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "national_strategy_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "follow_up_sv" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "follow_up_en" text DEFAULT '' NOT NULL;