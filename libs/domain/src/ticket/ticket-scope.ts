/** What a contract covers (seed 000/001: the scope says what is in and out). */
export interface ContractScope {
  /** Covered trades; empty or absent = every trade. */
  trades?: readonly string[];
  /** Covered asset classes; empty or absent = every class. */
  assetClasses?: readonly string[];
  /** Named exclusions (user errors, wilful damage, …): decided by the agent, not from master data. */
  exclusions?: readonly string[];
}

/** The reported asset as far as the scope decision needs it; null for a fault without an asset. */
export interface ScopedAsset {
  trade: string;
  assetClass: string;
  /** The asset is listed in the contract at all. */
  inContract: boolean;
}

/**
 * Whether a new ticket is covered by the contract (in scope) or billed extra per price list. A fault
 * without an asset counts as covered until the agent decides otherwise; an asset outside the
 * contract, or of a trade or class the scope does not name, is out of scope.
 */
export function isTicketInScope(scope: ContractScope | null | undefined, asset: ScopedAsset | null): boolean {
  if (asset === null) return true;
  if (!asset.inContract) return false;
  const trades = scope?.trades ?? [];
  if (trades.length > 0 && !trades.includes(asset.trade)) return false;
  const classes = scope?.assetClasses ?? [];
  if (classes.length > 0 && !classes.includes(asset.assetClass)) return false;
  return true;
}
