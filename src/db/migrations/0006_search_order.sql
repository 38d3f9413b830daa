ALTER TABLE "initiatives" ADD COLUMN "funding_sek" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "initiatives_published_order_idx" ON "initiatives" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE workflow_state = 'publicerad';--> statement-breakpoint
CREATE INDEX "initiatives_start_order_idx" ON "initiatives" USING btree ("start_date" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE workflow_state = 'publicerad';--> statement-breakpoint
CREATE INDEX "initiatives_funding_order_idx" ON "initiatives" USING btree ("funding_sek" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE workflow_state = 'publicerad';--> statement-breakpoint
-- Fills funding_sek for the rows written before it existed, with the expression refreshFacetKeys
-- uses (src/domain/initiatives/facetKeys.ts).
UPDATE "initiatives" i SET "funding_sek" = coalesce((select sum(f.amount_sek) from funding_lines f where f.initiative_id = i.id), 0);
