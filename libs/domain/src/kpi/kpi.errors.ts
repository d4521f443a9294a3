import { DataValidationError } from '../money/data-issues';
import type { DataIssue } from '../money/data-issues';

/** A KPI input (period text, interval) is malformed; `issues` name each field. */
export class KpiInputInvalidError extends DataValidationError {
  override readonly name = 'KpiInputInvalidError';
  constructor(issues: readonly DataIssue[]) {
    super('KPI input', issues);
  }
}
