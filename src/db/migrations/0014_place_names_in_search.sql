-- The names of an initiative's places join its search document (weight D), so a text search for
-- a place finds what the place facet finds. A generated column's expression cannot be altered in
-- PostgreSQL 15, so the column and its two indexes are dropped and created again.
ALTER TABLE "initiatives" ADD COLUMN "place_names" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "initiatives" i SET "place_names" = coalesce((
  SELECT string_agg(p.name_sv || ' ' || p.name_en, ' ' ORDER BY p.code)
  FROM initiative_places ip JOIN places p ON p.code = ip.place_code WHERE ip.initiative_id = i.id
), '');--> statement-breakpoint
ALTER TABLE "initiatives" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', coalesce("initiatives"."title", '')), 'A') || setweight(to_tsvector('swedish', coalesce("initiatives"."summary", '')), 'B') || setweight(to_tsvector('swedish', coalesce("initiatives"."description", '')), 'C') || setweight(to_tsvector('swedish', "initiatives"."place_names"), 'D')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "initiatives_search_idx" ON "initiatives" USING gin ("search");--> statement-breakpoint
CREATE INDEX "initiatives_word_pairs_idx" ON "initiatives" USING gin (riktning_word_pairs("search"));
