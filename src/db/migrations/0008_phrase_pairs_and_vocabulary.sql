-- Pairs of adjacent words of a tsvector as one tsvector ('regional utveckl'): the index over them
-- lets a quoted phrase find its candidates without checking word positions in every row that
-- has both words. Only adjacent positions pair, so a phrase with a stop word between its words
-- (which leaves a gap) uses no pairs and is checked as before.
-- Its cost is set high so the planner reads it from the index rather than computing it per row.
CREATE FUNCTION "riktning_word_pairs"(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 5000 AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT x.lexeme || ' ' || x.next_lexeme)), ''::tsvector)
  FROM (
    SELECT u.lexeme, p.p, lead(u.lexeme) OVER w AS next_lexeme, lead(p.p) OVER w AS next_p
    FROM unnest(v) u, unnest(u.positions) p(p)
    WINDOW w AS (ORDER BY p.p, u.lexeme)
  ) x
  WHERE x.next_p = x.p + 1
$$;--> statement-breakpoint
-- The pairs a phrase must contain, as a tsquery (null when it has fewer than two adjacent words).
CREATE FUNCTION "riktning_phrase_pairs"(phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(quote_literal(u.lexeme), ' & ' ORDER BY u.lexeme)::tsquery
  FROM unnest(riktning_word_pairs(to_tsvector('swedish', phrase))) u
$$;--> statement-breakpoint
-- The words of a text as a search suggests them: lower-cased, unstemmed, at least three
-- characters, without digits, addresses or paths.
CREATE FUNCTION "riktning_words"(t text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT u.lexeme FROM unnest(to_tsvector('simple', t)) u
  WHERE length(u.lexeme) BETWEEN 3 AND 40 AND u.lexeme !~ '[0-9@./:_\\]'
$$;--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "initiatives_title_trgm_idx";--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "initiatives_word_pairs_idx" ON "initiatives" USING gin (riktning_word_pairs("search"));--> statement-breakpoint
-- The vocabulary grows with what is published: inserted rows that are published, and updated
-- rows that became published or changed their texts while published. Words are inserted in
-- order, so concurrent writers take their locks in the same order.
CREATE FUNCTION "riktning_collect_inserted_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
  SELECT DISTINCT w.w FROM new_rows n, riktning_words(n.title || ' ' || n.summary || ' ' || n.description) w(w)
  WHERE n.workflow_state = 'publicerad'
  ORDER BY w.w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "riktning_collect_updated_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
  SELECT DISTINCT w.w FROM new_rows n JOIN old_rows o ON o.id = n.id,
    riktning_words(n.title || ' ' || n.summary || ' ' || n.description) w(w)
  WHERE n.workflow_state = 'publicerad'
    AND (o.workflow_state IS DISTINCT FROM n.workflow_state OR o.title IS DISTINCT FROM n.title
      OR o.summary IS DISTINCT FROM n.summary OR o.description IS DISTINCT FROM n.description)
  ORDER BY w.w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "initiatives_collect_inserted_words" AFTER INSERT ON "initiatives"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "riktning_collect_inserted_words"();--> statement-breakpoint
CREATE TRIGGER "initiatives_collect_updated_words" AFTER UPDATE ON "initiatives"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "riktning_collect_updated_words"();--> statement-breakpoint
INSERT INTO search_words (word)
SELECT DISTINCT w.w FROM initiatives i, riktning_words(i.title || ' ' || i.summary || ' ' || i.description) w(w)
WHERE i.workflow_state = 'publicerad'
ON CONFLICT DO NOTHING;
