/**
 * A goal set against an anchor: our figure beside the anchor's, both read from rows of the same table, so the headline
 * can never say something the rows under it do not.
 */
export interface Goal {
  /** What is compared, as the headline says it. */
  label: string;
  ours: Figure;
  anchor: Figure;
  /** ours / anchor must be at least (`>=`) or at most (`<=`) `ratio`. */
  target: { op: '>=' | '<='; ratio: number };
}

/** One number of one row: the row's label and column name, and the value printed there. */
export interface Figure {
  row: string;
  column: string;
  value: number;
}

export const ratioOf = (goal: Goal): number => goal.ours.value / goal.anchor.value;

export function isMet(goal: Goal): boolean {
  const ratio = ratioOf(goal);
  if (!Number.isFinite(ratio)) return false;
  return goal.target.op === '>=' ? ratio >= goal.target.ratio : ratio <= goal.target.ratio;
}

/** `redeem req/s vs node:http static: 0.93× (1487 / 1601) — goal ≥ 0.9× — met`. */
export function goalLine(goal: Goal, format: (value: number) => string): string {
  const op = goal.target.op === '>=' ? '≥' : '≤';
  return (
    `${goal.label}: ${ratioOf(goal).toFixed(2)}× (${format(goal.ours.value)} / ${format(goal.anchor.value)} ` +
    `${goal.ours.column}, rows "${goal.ours.row}" and "${goal.anchor.row}") — goal ${op} ${goal.target.ratio}× — ` +
    `${isMet(goal) ? 'met' : 'NOT met'}`
  );
}
