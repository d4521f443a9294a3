/**
 * SLA input that cannot be computed with: a pause that ends before it starts, an event log without
 * 'created', a matrix entry that is missing or out of range. `field` names the input path
 * ('events[3].at', 'pauses[0].to', 'matrix.B.restore.warningShare', 'budgetMinutes', 'now').
 */
export class SlaInputError extends Error {
  override readonly name = 'SlaInputError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
