import { CATEGORIES, TRIAGE_SEVERITIES } from './taxonomy.js';

type Row = {
  ticketId: string;
  field: 'categories' | 'severity';
  autoValue: string | string[];
  agentValue: string | string[];
  createdAt: Date;
};

const NONE = '(none)';

/**
 * Triage against agents. Only the latest correction per ticket and field counts (rows must come
 * newest first). Per category a 2×2 table (tp: both said it, fp: triage only, fn: agent only, tn:
 * neither, over the tickets whose categories an agent reviewed) with precision and recall; a
 * category × category matrix of what triage said against what the agent said instead; and the
 * 4×4 severity matrix.
 */
export function correctionReport(rows: Row[]) {
  const seen = new Set<string>();
  const latest: Row[] = [];
  for (const r of rows) {
    const key = `${r.ticketId}:${r.field}`;
    if (seen.has(key)) continue;
    seen.add(key);
    latest.push(r);
  }
  const catRows = latest.filter((r) => r.field === 'categories');
  const sevRows = latest.filter((r) => r.field === 'severity');

  const per = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
  const labels = [...CATEGORIES, NONE];
  const matrix: Record<string, Record<string, number>> = Object.fromEntries(
    labels.map((a) => [a, Object.fromEntries(labels.map((b) => [b, 0]))]),
  );
  let exact = 0;
  for (const r of catRows) {
    const auto = new Set(Array.isArray(r.autoValue) ? r.autoValue : [r.autoValue]);
    const agent = new Set(Array.isArray(r.agentValue) ? r.agentValue : [r.agentValue]);
    for (const c of CATEGORIES) {
      const a = auto.has(c);
      const g = agent.has(c);
      per[c]![a && g ? 'tp' : a ? 'fp' : g ? 'fn' : 'tn']++;
    }
    const onlyAuto = [...auto].filter((c) => !agent.has(c) && c in matrix);
    const onlyAgent = [...agent].filter((c) => !auto.has(c) && c in matrix);
    for (const c of auto) if (agent.has(c) && c in matrix) matrix[c]![c]!++;
    if (onlyAuto.length && onlyAgent.length) {
      for (const a of onlyAuto) for (const g of onlyAgent) matrix[a]![g]!++;
    } else {
      for (const a of onlyAuto) matrix[a]![NONE]!++;
      for (const g of onlyAgent) matrix[NONE]![g]!++;
    }
    if (!onlyAuto.length && !onlyAgent.length) exact++;
  }
  const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);
  const categories = CATEGORIES.map((c) => {
    const x = per[c]!;
    return { category: c, ...x, precision: ratio(x.tp, x.tp + x.fp), recall: ratio(x.tp, x.tp + x.fn) };
  });
  const micro = categories.reduce((s, x) => ({ tp: s.tp + x.tp, fp: s.fp + x.fp, fn: s.fn + x.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });

  const severity: Record<string, Record<string, number>> = Object.fromEntries(
    TRIAGE_SEVERITIES.map((a) => [a, Object.fromEntries(TRIAGE_SEVERITIES.map((b) => [b, 0]))]),
  );
  let sevRight = 0;
  for (const r of sevRows) {
    const a = String(r.autoValue);
    const g = String(r.agentValue);
    if (severity[a]?.[g] !== undefined) severity[a]![g]!++;
    if (a === g) sevRight++;
  }

  return {
    reviewedTickets: new Set(latest.map((r) => r.ticketId)).size,
    categories: {
      tickets: catRows.length,
      exactMatch: ratio(exact, catRows.length),
      microPrecision: ratio(micro.tp, micro.tp + micro.fp),
      microRecall: ratio(micro.tp, micro.tp + micro.fn),
      perCategory: categories,
      /** matrix[triage][agent] */
      matrix,
    },
    severity: {
      tickets: sevRows.length,
      accuracy: ratio(sevRight, sevRows.length),
      /** matrix[triage][agent] */
      matrix: severity,
    },
  };
}
