-- The English versions of an initiative's title, summary and description join its search document
-- at the weights of their Swedish texts, so "hydrogen" finds an initiative whose English text says
-- it. A generated column's expression cannot be altered in PostgreSQL 15, so the column and its two
-- indexes are dropped and created again (as in 0014).
ALTER TABLE "initiatives" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', coalesce("initiatives"."title", '') || ' ' || coalesce("initiatives"."title_en", '')), 'A') || setweight(to_tsvector('swedish', coalesce("initiatives"."summary", '') || ' ' || coalesce("initiatives"."summary_en", '')), 'B') || setweight(to_tsvector('swedish', coalesce("initiatives"."description", '') || ' ' || coalesce("initiatives"."description_en", '')), 'C') || setweight(to_tsvector('swedish', "initiatives"."place_names"), 'D')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "initiatives_search_idx" ON "initiatives" USING gin ("search");--> statement-breakpoint
CREATE INDEX "initiatives_word_pairs_idx" ON "initiatives" USING gin (riktning_word_pairs("search"));
