-- Fills initiatives.facet_keys for the rows written before the search used it. The expression is
-- the one in src/domain/initiatives/facetKeys.ts (facet_keys.int.test.ts checks they agree).
UPDATE "initiatives" i SET "facet_keys" = array(
  select k from (
    select 'area:' || g.goal_area_id as k from initiative_goals ig join goals g on g.id = ig.goal_id where ig.initiative_id = i.id
    union select 'goal:' || ig.goal_id from initiative_goals ig where ig.initiative_id = i.id
    union select 'persp:' || ip.perspective_id from initiative_perspectives ip where ip.initiative_id = i.id
    union select 'sdg:' || st.goal_number from initiative_sdg_targets ist join sdg_targets st on st.code = ist.sdg_target_code where ist.initiative_id = i.id
    union select 'place:' || pl.place_code from initiative_places pl where pl.initiative_id = i.id
    union select 'src:' || f.source::text from funding_lines f where f.initiative_id = i.id
    union select 'org:' || pa.organisation_id from initiative_partners pa where pa.initiative_id = i.id
  ) keys order by k);
--> statement-breakpoint
-- Every change writes an audit event, so a NOTIFY on riktning_changes after each statement that
-- writes audit events tells every listening process (PostgreSQL delivers it at commit, once per
-- transaction) that its cached pages are out of date. Nothing listens on the embedded database.
CREATE FUNCTION "riktning_notify_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('riktning_changes', '');
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_notify_changes" AFTER INSERT ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "riktning_notify_changes"();
