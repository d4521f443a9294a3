import { DataValidationError } from '../money/data-issues';
import type { DataIssue } from '../money/data-issues';

/** A price list document failed validation; `issues` lists every problem with its JSON path and a fix. */
export class PriceListInvalidError extends DataValidationError {
  override readonly name = 'PriceListInvalidError';
  constructor(issues: readonly DataIssue[]) {
    super('price list', issues);
  }
}

/** A service report cannot be priced with the given price list (unknown role, unknown zone, bad interval …). */
export class ServiceReportInvalidError extends DataValidationError {
  override readonly name = 'ServiceReportInvalidError';
  constructor(issues: readonly DataIssue[]) {
    super('service report', issues);
  }
}
