CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('editor', 'reporter');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('kommun', 'region', 'statlig-myndighet', 'larosate', 'foretag', 'ideell-forening', 'ovrig');--> statement-breakpoint
CREATE TYPE "public"."place_kind" AS ENUM('riket', 'region', 'kommun');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'samordnare', 'analytiker', 'aktor');--> statement-breakpoint
CREATE TYPE "public"."evaluation_subject" AS ENUM('initiative', 'programme', 'goal');--> statement-breakpoint
CREATE TYPE "public"."follow_up_report_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('T', 'K', 'M');--> statement-breakpoint
CREATE TYPE "public"."indicator_direction" AS ENUM('higher', 'lower');--> statement-breakpoint
CREATE TYPE "public"."indicator_source" AS ENUM('kolada', 'scb', 'manual');--> statement-breakpoint
CREATE TYPE "public"."traffic_light" AS ENUM('enligt-plan', 'risk', 'avvikelse');--> statement-breakpoint
CREATE TYPE "public"."funding_source" AS ENUM('regionala-utvecklingsmedel', 'eruf', 'esf-plus', 'interreg', 'tillvaxtverket', 'kommun', 'region', 'privat', 'statlig', 'ovrig');--> statement-breakpoint
CREATE TYPE "public"."initiative_status" AS ENUM('planerad', 'pagaende', 'avslutad', 'avbruten');--> statement-breakpoint
CREATE TYPE "public"."partner_role" AS ENUM('lead', 'partner', 'funder', 'implementer');--> statement-breakpoint
CREATE TYPE "public"."workflow_state" AS ENUM('utkast', 'inskickad', 'publicerad', 'returnerad', 'arkiverad');--> statement-breakpoint
CREATE TYPE "public"."strategy_status" AS ENUM('draft', 'adopted', 'archived');--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" "membership_role" DEFAULT 'editor' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_organisation_id_pk" PRIMARY KEY("user_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"org_number" text,
	"municipality_code" text,
	"website" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug"),
	CONSTRAINT "organisations_orgNumber_unique" UNIQUE("org_number")
);
--> statement-breakpoint
CREATE TABLE "places" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" "place_kind" NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"scb_code" text NOT NULL,
	"parent_code" text,
	"geometry" jsonb
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"role" "user_role" NOT NULL,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"subject_type" "evaluation_subject" NOT NULL,
	"subject_id" integer NOT NULL,
	"title" text NOT NULL,
	"method" text NOT NULL,
	"evaluator" text NOT NULL,
	"findings" text NOT NULL,
	"evaluated_on" date NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "follow_up_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"strategy_id" integer NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"status" "follow_up_report_status" DEFAULT 'draft' NOT NULL,
	"introduction" text DEFAULT '' NOT NULL,
	"snapshot" jsonb,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_reports_strategyId_year_unique" UNIQUE("strategy_id","year")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_written" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"triggered_by_user_id" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"goal_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"source" "indicator_source" NOT NULL,
	"source_ref" text,
	"direction" "indicator_direction" NOT NULL,
	"gender_split" boolean DEFAULT false NOT NULL,
	"decimals" integer DEFAULT 1 NOT NULL,
	"baseline_year" integer,
	"baseline_value" double precision,
	"target_year" integer,
	"target_value" double precision,
	"target_is_example" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "observations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"indicator_id" integer NOT NULL,
	"place_code" text NOT NULL,
	"period" integer NOT NULL,
	"gender" "gender" NOT NULL,
	"value" double precision,
	"status" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"source_revision" text,
	"retrieved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"import_run_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "observations_indicatorId_placeCode_period_gender_unique" UNIQUE("indicator_id","place_code","period","gender")
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "progress_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"initiative_id" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"traffic_light" "traffic_light" NOT NULL,
	"narrative" text NOT NULL,
	"outputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"spent_sek" bigint,
	"submitted_by_user_id" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funding_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"initiative_id" integer NOT NULL,
	"source" "funding_source" NOT NULL,
	"funder_organisation_id" integer,
	"amount_sek" bigint NOT NULL,
	"year" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_framework_categories" (
	"initiative_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	CONSTRAINT "initiative_framework_categories_initiative_id_category_id_pk" PRIMARY KEY("initiative_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_goals" (
	"initiative_id" integer NOT NULL,
	"goal_id" integer NOT NULL,
	CONSTRAINT "initiative_goals_initiative_id_goal_id_pk" PRIMARY KEY("initiative_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_measures" (
	"initiative_id" integer NOT NULL,
	"measure_id" integer NOT NULL,
	CONSTRAINT "initiative_measures_initiative_id_measure_id_pk" PRIMARY KEY("initiative_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_partners" (
	"initiative_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" "partner_role" NOT NULL,
	CONSTRAINT "initiative_partners_initiative_id_organisation_id_role_pk" PRIMARY KEY("initiative_id","organisation_id","role")
);
--> statement-breakpoint
CREATE TABLE "initiative_perspectives" (
	"initiative_id" integer NOT NULL,
	"perspective_id" integer NOT NULL,
	CONSTRAINT "initiative_perspectives_initiative_id_perspective_id_pk" PRIMARY KEY("initiative_id","perspective_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_places" (
	"initiative_id" integer NOT NULL,
	"place_code" text NOT NULL,
	CONSTRAINT "initiative_places_initiative_id_place_code_pk" PRIMARY KEY("initiative_id","place_code")
);
--> statement-breakpoint
CREATE TABLE "initiative_sdg_targets" (
	"initiative_id" integer NOT NULL,
	"sdg_target_code" text NOT NULL,
	CONSTRAINT "initiative_sdg_targets_initiative_id_sdg_target_code_pk" PRIMARY KEY("initiative_id","sdg_target_code")
);
--> statement-breakpoint
CREATE TABLE "initiative_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "initiative_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"initiative_id" integer NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "initiatives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"strategy_id" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" "initiative_status" NOT NULL,
	"workflow_state" "workflow_state" DEFAULT 'utkast' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"owner_organisation_id" integer NOT NULL,
	"diarienummer" text,
	"contact_email" text,
	"example_of_year" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', coalesce("initiatives"."title", '')), 'A') || setweight(to_tsvector('swedish', coalesce("initiatives"."summary", '')), 'B') || setweight(to_tsvector('swedish', coalesce("initiatives"."description", '')), 'C')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_programme_goal_areas" (
	"programme_id" integer NOT NULL,
	"goal_area_id" integer NOT NULL,
	CONSTRAINT "action_programme_goal_areas_programme_id_goal_area_id_pk" PRIMARY KEY("programme_id","goal_area_id")
);
--> statement-breakpoint
CREATE TABLE "action_programmes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "action_programmes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"strategy_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"description_sv" text DEFAULT '' NOT NULL,
	"owner_organisation_id" integer,
	"period_start" integer NOT NULL,
	"period_end" integer NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "action_programmes_strategyId_slug_unique" UNIQUE("strategy_id","slug")
);
--> statement-breakpoint
CREATE TABLE "framework_categories" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "framework_categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"framework_id" integer NOT NULL,
	"code" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "framework_categories_frameworkId_code_unique" UNIQUE("framework_id","code")
);
--> statement-breakpoint
CREATE TABLE "frameworks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "frameworks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"source_note" text DEFAULT '' NOT NULL,
	CONSTRAINT "frameworks_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "goal_areas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "goal_areas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"strategy_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"description_sv" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"colour" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "goal_areas_strategyId_slug_unique" UNIQUE("strategy_id","slug")
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "goals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"goal_area_id" integer NOT NULL,
	"code" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "goals_goalAreaId_code_unique" UNIQUE("goal_area_id","code")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" integer NOT NULL,
	"code" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"description_sv" text DEFAULT '' NOT NULL,
	CONSTRAINT "measures_programmeId_code_unique" UNIQUE("programme_id","code")
);
--> statement-breakpoint
CREATE TABLE "perspectives" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "perspectives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"strategy_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"description_sv" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "perspectives_strategyId_slug_unique" UNIQUE("strategy_id","slug")
);
--> statement-breakpoint
CREATE TABLE "sdg_goals" (
	"number" integer PRIMARY KEY NOT NULL,
	"colour" text NOT NULL,
	"short_sv" text,
	"short_en" text NOT NULL,
	"title_sv" text,
	"title_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sdg_targets" (
	"code" text PRIMARY KEY NOT NULL,
	"goal_number" integer NOT NULL,
	"title_sv" text,
	"title_en" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "strategies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"period_start" integer NOT NULL,
	"period_end" integer NOT NULL,
	"vision_sv" text NOT NULL,
	"vision_en" text NOT NULL,
	"status" "strategy_status" DEFAULT 'draft' NOT NULL,
	"adopted_on" date,
	"is_current" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategies_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"last_error" text,
	"locked_at" timestamp with time zone,
	"locked_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_municipality_code_places_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."places"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_parent_code_places_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."places"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_reports" ADD CONSTRAINT "follow_up_reports_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_triggered_by_user_id_users_id_fk" FOREIGN KEY ("triggered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_place_code_places_code_fk" FOREIGN KEY ("place_code") REFERENCES "public"."places"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_lines" ADD CONSTRAINT "funding_lines_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_lines" ADD CONSTRAINT "funding_lines_funder_organisation_id_organisations_id_fk" FOREIGN KEY ("funder_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_framework_categories" ADD CONSTRAINT "initiative_framework_categories_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_framework_categories" ADD CONSTRAINT "initiative_framework_categories_category_id_framework_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."framework_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_goals" ADD CONSTRAINT "initiative_goals_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_goals" ADD CONSTRAINT "initiative_goals_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_measures" ADD CONSTRAINT "initiative_measures_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_measures" ADD CONSTRAINT "initiative_measures_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_partners" ADD CONSTRAINT "initiative_partners_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_partners" ADD CONSTRAINT "initiative_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_perspectives" ADD CONSTRAINT "initiative_perspectives_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_perspectives" ADD CONSTRAINT "initiative_perspectives_perspective_id_perspectives_id_fk" FOREIGN KEY ("perspective_id") REFERENCES "public"."perspectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_places" ADD CONSTRAINT "initiative_places_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_places" ADD CONSTRAINT "initiative_places_place_code_places_code_fk" FOREIGN KEY ("place_code") REFERENCES "public"."places"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_sdg_targets" ADD CONSTRAINT "initiative_sdg_targets_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_sdg_targets" ADD CONSTRAINT "initiative_sdg_targets_sdg_target_code_sdg_targets_code_fk" FOREIGN KEY ("sdg_target_code") REFERENCES "public"."sdg_targets"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_versions" ADD CONSTRAINT "initiative_versions_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_versions" ADD CONSTRAINT "initiative_versions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_programme_goal_areas" ADD CONSTRAINT "action_programme_goal_areas_programme_id_action_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."action_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_programme_goal_areas" ADD CONSTRAINT "action_programme_goal_areas_goal_area_id_goal_areas_id_fk" FOREIGN KEY ("goal_area_id") REFERENCES "public"."goal_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_programmes" ADD CONSTRAINT "action_programmes_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_programmes" ADD CONSTRAINT "action_programmes_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework_categories" ADD CONSTRAINT "framework_categories_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_areas" ADD CONSTRAINT "goal_areas_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_goal_area_id_goal_areas_id_fk" FOREIGN KEY ("goal_area_id") REFERENCES "public"."goal_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_programme_id_action_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."action_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "perspectives" ADD CONSTRAINT "perspectives_strategy_id_strategies_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdg_targets" ADD CONSTRAINT "sdg_targets_goal_number_sdg_goals_number_fk" FOREIGN KEY ("goal_number") REFERENCES "public"."sdg_goals"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluations_subject_idx" ON "evaluations" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "indicators_goal_idx" ON "indicators" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "progress_reports_initiative_idx" ON "progress_reports" USING btree ("initiative_id","period_end");--> statement-breakpoint
CREATE INDEX "funding_lines_initiative_idx" ON "funding_lines" USING btree ("initiative_id");--> statement-breakpoint
CREATE INDEX "initiative_goals_goal_idx" ON "initiative_goals" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "initiative_partners_org_idx" ON "initiative_partners" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "initiative_places_place_idx" ON "initiative_places" USING btree ("place_code");--> statement-breakpoint
CREATE INDEX "initiative_versions_initiative_idx" ON "initiative_versions" USING btree ("initiative_id","version");--> statement-breakpoint
CREATE INDEX "initiatives_search_idx" ON "initiatives" USING gin ("search");--> statement-breakpoint
CREATE INDEX "initiatives_title_trgm_idx" ON "initiatives" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "initiatives_owner_idx" ON "initiatives" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "initiatives_workflow_idx" ON "initiatives" USING btree ("workflow_state","start_date");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_time_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "jobs_queue_idx" ON "jobs" USING btree ("status","run_at");