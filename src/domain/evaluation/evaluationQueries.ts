import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { currentStrategy } from '../strategy/queries.js';

export interface EvaluationRow {
  id: number;
  subjectType: 'initiative' | 'programme' | 'goal';
  subjectId: number;
  subjectName: string;
  title: string;
  method: string;
  evaluator: string;
  findings: string;
  recommendations: string;
  evaluatedOn: string;
  publishedAt: Date | null;
  documents: { documentId: number; title: string; filename: string; sizeBytes: number }[];
}

const subjectName = sql`case e.subject_type
  when 'initiative' then (select title from initiatives where id = e.subject_id)
  when 'programme' then (select name_sv from action_programmes where id = e.subject_id)
  else (select code || ' ' || name_sv from goals where id = e.subject_id) end`;

/** Evaluations for the admin list and form, newest first, with their uploaded documents. */
export async function adminEvaluations(db: Db, id?: number): Promise<EvaluationRow[]> {
  const rows = await queryRows<EvaluationRow>(
    db,
    sql`select e.id, e.subject_type::text as "subjectType", e.subject_id as "subjectId", ${subjectName} as "subjectName",
          e.title, e.method, e.evaluator, e.findings, e.recommendations, e.evaluated_on::text as "evaluatedOn",
          e.published_at as "publishedAt",
          coalesce((select json_agg(json_build_object('documentId', d.id, 'title', ed.title, 'filename', d.filename,
            'sizeBytes', d.size_bytes) order by d.id) from evaluation_documents ed join documents d on d.id = ed.document_id
            where ed.evaluation_id = e.id), '[]') as documents
        from evaluations e ${id === undefined ? sql`` : sql`where e.id = ${id}`}
        order by e.evaluated_on desc, e.id desc`,
  );
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt ? new Date(r.publishedAt) : null }));
}

export interface SubjectChoice {
  value: string;
  label: string;
}

/** What an evaluation can be about: initiatives, action programmes and goals, as select options. */
export async function evaluationSubjects(
  db: Db,
): Promise<Record<'initiative' | 'programme' | 'goal', SubjectChoice[]>> {
  const strategy = await currentStrategy(db);
  const [initiatives, programmes, goals] = await Promise.all([
    queryRows<SubjectChoice>(
      db,
      sql`select 'initiative:' || id as value, title as label from initiatives where workflow_state <> 'arkiverad' order by title`,
    ),
    queryRows<SubjectChoice>(
      db,
      sql`select 'programme:' || id as value, name_sv as label from action_programmes order by name_sv`,
    ),
    queryRows<SubjectChoice>(
      db,
      sql`select 'goal:' || g.id as value, g.code || ' ' || g.name_sv as label from goals g join goal_areas ga on ga.id = g.goal_area_id where ga.strategy_id = ${strategy.id} order by g.code`,
    ),
  ]);
  return { initiative: initiatives, programme: programmes, goal: goals };
}
