/** One problem of a maintenance input, with the field it is about (a JSON path such as 'cadence.every'). */
export interface MaintenanceIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * Invalid maintenance input (a requirement, a cadence, a schedule context). `field` names the first
 * offending field, `issues` lists every problem found, so an API answers 400 naming the fields.
 */
export class MaintenanceError extends Error {
  override readonly name = 'MaintenanceError';
  readonly field: string;
  readonly issues: readonly MaintenanceIssue[];

  constructor(field: string, message: string, issues?: readonly MaintenanceIssue[]) {
    const all = issues && issues.length > 0 ? issues : [{ field, message }];
    super(all.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.field = all[0]?.field ?? field;
    this.issues = all;
  }
}
