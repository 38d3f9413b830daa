CREATE TABLE "archived_initiative_goals" (
	"initiative_id" integer NOT NULL,
	"goal_id" integer NOT NULL,
	CONSTRAINT "archived_initiative_goals_initiative_id_goal_id_pk" PRIMARY KEY("initiative_id","goal_id")
);
--> statement-breakpoint
ALTER TABLE "archived_initiative_goals" ADD CONSTRAINT "archived_initiative_goals_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archived_initiative_goals" ADD CONSTRAINT "archived_initiative_goals_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archived_initiative_goals_goal_idx" ON "archived_initiative_goals" USING btree ("goal_id");