import { DataValidationError } from '../money/data-issues';
import type { DataIssue } from '../money/data-issues';

/** A contract calculation document failed validation; `issues` lists every problem with its JSON path. */
export class ContractCalculationInvalidError extends DataValidationError {
  override readonly name = 'ContractCalculationInvalidError';
  constructor(issues: readonly DataIssue[]) {
    super('contract calculation', issues);
  }
}

/** Inputs of a contract computation (index values, KPI values, a period, a variant id …) are invalid. */
export class ContractInputInvalidError extends DataValidationError {
  override readonly name = 'ContractInputInvalidError';
  constructor(issues: readonly DataIssue[]) {
    super('contract computation input', issues);
  }
}
