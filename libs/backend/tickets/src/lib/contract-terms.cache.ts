import { In, type EntityManager } from 'typeorm';
import {
  ContractEntity,
  contractTermsForSite,
  type ContractTerms,
  type SiteEntity,
} from '@leitstand/backend/data-access';

export type TermsSite = Pick<SiteEntity, 'id' | 'state' | 'timezone'>;

/** What a ticket knows of its contract: its id and, where the caller read it, the stored version. */
export interface ContractRef {
  contractId: string | null;
  /** The contract's version as read with the ticket; null when unknown (the contract is read afresh). */
  contractVersion: number | null;
  site: TermsSite;
}

/** Stores `value` under `key`, making room by dropping the oldest entry when `map` holds `capacity`. */
function remember<V>(map: Map<string, V>, key: string, value: V, capacity: number): void {
  if (map.size >= capacity) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

/**
 * Contract terms (domain calendars and SLA matrix) per contract and site version. Building calendars
 * is not free and tickets of one site share them; a changed contract or site has a new version, so an
 * entry never goes stale. Contracts are cached per (id, version): a caller that read the version with
 * its tickets gets their terms without a statement, and a batch reads all its missing contracts at once.
 */
export class ContractTermsCache {
  private readonly entries = new Map<string, ContractTerms>();
  private readonly contracts = new Map<string, ContractEntity>();

  constructor(private readonly capacity = 500) {}

  termsFor(contract: ContractEntity, site: TermsSite): ContractTerms {
    const key = `${contract.id}:${contract.version}:${site.id}:${site.state}:${site.timezone}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const terms = contractTermsForSite(contract, site);
    remember(this.entries, key, terms, this.capacity);
    return terms;
  }

  /** The contract `contractId` as stored at `version`; null when it is gone. */
  async contract(manager: EntityManager, contractId: string, version: number): Promise<ContractEntity | null> {
    const [terms] = await this.contractsFor(manager, [{ contractId, contractVersion: version }]);
    return terms ?? null;
  }

  /** The terms of `contractId` at `site` (the contract read afresh), or null without a contract. */
  async load(manager: EntityManager, contractId: string | null, site: TermsSite): Promise<ContractTerms | null> {
    const [terms] = await this.loadMany(manager, [{ contractId, contractVersion: null, site }]);
    return terms ?? null;
  }

  /**
   * The terms of each ref, in order (null without a contract or when it is gone), with at most one
   * statement: the contracts not cached at the ref's version.
   */
  async loadMany(manager: EntityManager, refs: readonly ContractRef[]): Promise<Array<ContractTerms | null>> {
    const contracts = await this.contractsFor(manager, refs);
    return refs.map((ref, i) => {
      const contract = contracts[i];
      return contract ? this.termsFor(contract, ref.site) : null;
    });
  }

  private async contractsFor(
    manager: EntityManager,
    refs: ReadonlyArray<Pick<ContractRef, 'contractId' | 'contractVersion'>>,
  ): Promise<Array<ContractEntity | null>> {
    const cached = (ref: Pick<ContractRef, 'contractId' | 'contractVersion'>): ContractEntity | undefined =>
      ref.contractId !== null && ref.contractVersion !== null
        ? this.contracts.get(`${ref.contractId}:${ref.contractVersion}`)
        : undefined;
    const missing = [...new Set(refs.flatMap((r) => (r.contractId !== null && !cached(r) ? [r.contractId] : [])))];
    const read = new Map<string, ContractEntity>();
    if (missing.length > 0) {
      for (const contract of await manager.getRepository(ContractEntity).find({ where: { id: In(missing) } })) {
        read.set(contract.id, contract);
        remember(this.contracts, `${contract.id}:${contract.version}`, contract, this.capacity);
      }
    }
    return refs.map((ref) => (ref.contractId === null ? null : (cached(ref) ?? read.get(ref.contractId) ?? null)));
  }
}
