// The DSE score of eval.js and cv-stances.js: each record's marked pair gets the label of the first
// predicted stance between the entities overlapping its two spans (0 when none), scored five-class
// and as directed edges.
const f1 = (tp, predicted, gold) => {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, predicted, gold };
};

export function macroF1(pairs, labels) {
  const scores = labels.map((l) => f1(pairs.filter(([g, p]) => g === l && p === l).length, pairs.filter(([, p]) => p === l).length, pairs.filter(([g]) => g === l).length).f1);
  return { macroF1: scores.reduce((a, b) => a + b, 0) / labels.length, accuracy: pairs.filter(([g, p]) => g === p).length / (pairs.length || 1) };
}

/** records: DSE rows; analyses: Analysis by record id. */
export function scoreDse(records, analyses) {
  const pairs = [];
  let tp = 0; let predEdges = 0; let goldEdges = 0;
  for (const r of records) {
    const p = r.direction === 'q->p' ? r.target : r.holder;
    const q = r.direction === 'q->p' ? r.holder : r.target;
    const a = analyses.get(r.id);
    const overlapping = (span) => new Set((a?.entities ?? []).filter((e) => e.mentions.some((m) => m.start < span.end && span.start < m.end)).map((e) => e.id));
    const pe = overlapping(p);
    const qe = overlapping(q);
    let predicted = 0;
    for (const s of a?.stances ?? []) {
      if (pe.has(s.holder) && qe.has(s.target)) { predicted = s.label === 'positive' ? 1 : 3; break; }
      if (qe.has(s.holder) && pe.has(s.target)) { predicted = s.label === 'positive' ? 2 : 4; break; }
    }
    pairs.push([r.dse_label, predicted]);
    if (predicted) predEdges += 1;
    if (r.dse_label) goldEdges += 1;
    if (predicted && predicted === r.dse_label) tp += 1;
  }
  return { items: records.length, fiveClass: macroF1(pairs, [0, 1, 2, 3, 4]), edges: f1(tp, predEdges, goldEdges) };
}
