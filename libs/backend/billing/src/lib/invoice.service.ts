import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import {
  INVOICE_STATUSES,
  type InvoiceLineView,
  type InvoiceStatus,
  type InvoiceSummaryView,
  type InvoiceView,
} from '@leitstand/api-contracts';
import {
  CLOCK,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  isUuid,
  type AuthUser,
  type Clock,
} from '@leitstand/backend/core';
import { ContractEntity, type InvoiceBuyerColumn } from '@leitstand/backend/data-access';
import {
  creditNoteOf,
  draftInvoice,
  formatInvoiceNumber,
  invoicePeriodDates,
  isInvoicePeriodKey,
  type InvoiceLine,
} from '@leitstand/domain';
import { INVOICE_PROVIDER_KEY, INVOICE_TIME_ZONE } from './invoice.constants';
import { INVOICE_PERIOD_COST, type InvoicePeriodCostSource } from './invoice.period-cost';
import { renderXRechnung } from './invoice.xrechnung';

/** Who runs, approves, issues and credits invoices: admins and the managers of the contract's tenant. */
const WRITERS = new Set(['admin', 'manager']);
/** Staff who read every invoice of their tenants (drafts included). */
const STAFF_READERS = new Set(['admin', 'manager']);

interface InvoiceRow {
  id: string;
  tenant_id: string;
  contract_id: string;
  kind: 'invoice' | 'credit-note';
  period: string;
  period_from: string;
  period_to: string;
  status: InvoiceStatus;
  number: string | null;
  issued_at: Date | null;
  approved_at: Date | null;
  approved_by: string | null;
  currency: string;
  net: string;
  vat: string;
  gross: string;
  credit_of: string | null;
  credit_of_number: string | null;
  buyer: InvoiceBuyerColumn | null;
  notes: string[];
  version: number;
}

interface LineRow {
  invoice_id: string;
  position: number;
  kind: InvoiceLine['kind'];
  description: string;
  quantity: string;
  unit: string;
  unit_price: string;
  net: string;
  vat_category: string;
  vat_rate: string;
  reference: string | null;
}

const SELECT_INVOICE = `SELECT i.id, i.tenant_id, i.contract_id, i.kind, i.period, to_char(i.period_from, 'YYYY-MM-DD') AS period_from,
  to_char(i.period_to, 'YYYY-MM-DD') AS period_to, i.status, i.number, i.issued_at, i.approved_at, i.approved_by, i.currency,
  i.net::text AS net, i.vat::text AS vat, i.gross::text AS gross, i.credit_of, o.number AS credit_of_number, i.buyer, i.notes, i.version
  FROM invoices i LEFT JOIN invoices o ON o.id = i.credit_of`;

/** A quantity as stored (numeric(12,3)) without trailing zeros: "1.000" → "1". */
function plainQuantity(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** The stored invoice, its lines and credit notes, for the renderers (view, XRechnung). */
export interface StoredInvoice {
  readonly row: InvoiceRow;
  readonly lines: readonly InvoiceLineView[];
  readonly creditNotes: readonly { readonly id: string; readonly number: string | null }[];
}

/**
 * Invoices of a contract's month (issue 16): the billing run drafts them from the month's period cost (the
 * KPI roll-up's cost view — frozen once the month has closed — priced with @leitstand/domain's draftInvoice);
 * a manager approves; issuing numbers them gaplessly per provider and year inside the issuing transaction
 * (the counter row stays locked until commit, a rollback returns the number); PostgreSQL refuses any change
 * of an issued invoice (migration 1795390000000). A credit note negates every line, is issued at once with
 * the next number and cancels the original.
 */
@Injectable()
export class InvoiceService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(INVOICE_PERIOD_COST) private readonly costs: InvoicePeriodCostSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // ---- the billing run --------------------------------------------------------------------------

  /** POST /api/contracts/:id/invoices/run?period=YYYY-MM: creates the month's draft or replaces it. */
  async run(user: AuthUser, contractId: string, period: unknown): Promise<InvoiceView> {
    if (!WRITERS.has(user.role)) throw new ForbiddenError(`role ${user.role} may not run the billing`);
    if (!isInvoicePeriodKey(period)) {
      throw InvalidInputError.of('period', `expected a month 'YYYY-MM', got ${JSON.stringify(period ?? null)}`);
    }
    const contract = isUuid(contractId) ? await this.contract(contractId) : null;
    if (contract === null || !canSeeTenant(user, contract.tenantId)) throw new NotFoundError('contract', contractId);
    const id = await this.draftFor(contract, period);
    return this.get(user, id);
  }

  /**
   * Drafts `contract`'s invoice of `period` (the worker's monthly run and the button): replaces a draft or an
   * approved invoice of the month (back to draft, version + 1), refuses (409) when it is issued. Returns the id.
   */
  async draftFor(contract: ContractEntity, period: string, options: { keepApproved?: boolean } = {}): Promise<string> {
    const cost = await this.periodCost(contract, period);
    const draft = draftInvoice(cost.cost);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction((m) =>
          this.writeDraft(m, contract, period, draft, cost.notes, options.keepApproved === true),
        );
      } catch (error) {
        // two runs of the same month raced past the lookup: the second one replaces the first one's draft
        if (attempt === 0 && isUniqueViolation(error, 'uq_invoices_contract_period')) continue;
        throw error;
      }
    }
  }

  /** The month's cost (see InvoicePeriodCostSource); 400 when the month lies outside the contract's term. */
  private async periodCost(contract: ContractEntity, period: string) {
    if (!termCovers(contract, period)) {
      throw InvalidInputError.of('period', `${period} lies outside the contract's term`);
    }
    return this.costs.periodCost(contract, period);
  }

  private async writeDraft(
    m: EntityManager,
    contract: ContractEntity,
    period: string,
    draft: ReturnType<typeof draftInvoice>,
    notes: readonly string[],
    keepApproved: boolean,
  ): Promise<string> {
    const [existing] = (await m.query(
      `SELECT id, status, number FROM invoices WHERE contract_id = $1 AND period = $2 AND kind = 'invoice' AND status <> 'cancelled' FOR UPDATE`,
      [contract.id, period],
    )) as { id: string; status: InvoiceStatus; number: string | null }[];
    if (existing !== undefined && existing.status === 'issued') {
      throw new ConflictError(
        `the invoice of ${period} is issued as ${existing.number ?? '?'}: correct it with a credit note first`,
        { field: 'period', invoiceId: existing.id },
      );
    }
    if (existing !== undefined && existing.status === 'approved' && keepApproved) return existing.id;
    let id: string;
    if (existing === undefined) {
      const [row] = (await m.query(
        `INSERT INTO invoices (tenant_id, contract_id, kind, period, period_from, period_to, status, net, vat, gross, notes, version)
         VALUES ($1, $2, 'invoice', $3, $4, $5, 'draft', $6, $7, $8, $9, 1) RETURNING id`,
        [
          contract.tenantId,
          contract.id,
          period,
          draft.period.from,
          draft.period.to,
          draft.totals.net,
          draft.totals.vat,
          draft.totals.gross,
          JSON.stringify(notes),
        ],
      )) as { id: string }[];
      id = (row as { id: string }).id;
    } else {
      id = existing.id;
      await m.query(`DELETE FROM invoice_lines WHERE invoice_id = $1`, [id]);
      await m.query(
        `UPDATE invoices SET status = 'draft', approved_at = NULL, approved_by = NULL, net = $2, vat = $3, gross = $4,
           notes = $5, period_from = $6, period_to = $7, version = version + 1 WHERE id = $1`,
        [
          id,
          draft.totals.net,
          draft.totals.vat,
          draft.totals.gross,
          JSON.stringify(notes),
          draft.period.from,
          draft.period.to,
        ],
      );
    }
    await insertLines(m, id, draft.lines);
    return id;
  }

  // ---- reading ----------------------------------------------------------------------------------

  /** GET /api/invoices?contractId=&status= */
  async list(user: AuthUser, query: { contractId?: unknown; status?: unknown }): Promise<InvoiceSummaryView[]> {
    const customer = user.role === 'customer';
    if (!customer && !STAFF_READERS.has(user.role)) throw new ForbiddenError(`role ${user.role} may not see invoices`);
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.contractId !== undefined) {
      if (typeof query.contractId !== 'string' || !isUuid(query.contractId)) {
        throw InvalidInputError.of(
          'contractId',
          `expected a contract id (uuid), got ${JSON.stringify(query.contractId)}`,
        );
      }
      const contract = await this.contract(query.contractId);
      if (contract === null || !canSeeTenant(user, contract.tenantId)) {
        throw InvalidInputError.of('contractId', `unknown contract ${query.contractId}`);
      }
      params.push(query.contractId);
      where.push(`i.contract_id = $${params.length}`);
    }
    if (query.status !== undefined) {
      if (typeof query.status !== 'string' || !(INVOICE_STATUSES as readonly string[]).includes(query.status)) {
        throw InvalidInputError.of(
          'status',
          `expected one of ${INVOICE_STATUSES.join(', ')}, got ${JSON.stringify(query.status)}`,
        );
      }
      params.push(query.status);
      where.push(`i.status = $${params.length}`);
    }
    if (customer) where.push(`i.status IN ('issued', 'cancelled')`);
    if (user.tenantIds !== 'all') {
      params.push(user.tenantIds);
      where.push(`i.tenant_id = ANY($${params.length}::uuid[])`);
    }
    const rows = (await this.dataSource.query(
      `${SELECT_INVOICE} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY i.period DESC, i.number NULLS FIRST, i.created_at DESC LIMIT 500`,
      params,
    )) as InvoiceRow[];
    return rows.map((r) => {
      const { lines: _lines, notes: _notes, creditNotes: _credits, ...summary } = view(r, [], [], customer);
      return summary;
    });
  }

  /** GET /api/invoices/:id — customers: only their tenant's issued invoices, without the internal fields. */
  async get(user: AuthUser, id: string): Promise<InvoiceView> {
    const stored = await this.visible(user, id);
    return view(stored.row, stored.lines, stored.creditNotes, user.role === 'customer');
  }

  /**
   * GET /api/invoices/:id/xrechnung.xml: the e-invoice (XRechnung 3.0, UBL) of an issued invoice or credit note,
   * generated and checked against the format's schema by @e-invoice-eu/core. 409 before it is issued.
   */
  async xrechnung(user: AuthUser, id: string): Promise<{ number: string; xml: string }> {
    const stored = await this.visible(user, id);
    const r = stored.row;
    if (r.number === null || r.issued_at === null || r.buyer === null) {
      throw new ConflictError(`invoice is ${r.status}: only an issued invoice has an e-invoice`);
    }
    const [meta] = (await this.dataSource.query(
      `SELECT c.name AS contract_name, o.issued_at AS original_issued_at
         FROM contracts c LEFT JOIN invoices o ON o.id = $2 WHERE c.id = $1`,
      [r.contract_id, r.credit_of],
    )) as { contract_name: string; original_issued_at: Date | null }[];
    const xml = await renderXRechnung({
      kind: r.kind,
      number: r.number,
      issuedAt: new Date(r.issued_at),
      contractId: r.contract_id,
      contractName: meta?.contract_name ?? r.contract_id,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      currency: r.currency,
      net: r.net,
      vat: r.vat,
      gross: r.gross,
      buyer: r.buyer,
      lines: stored.lines,
      ...(r.credit_of_number === null || !meta?.original_issued_at
        ? {}
        : { original: { number: r.credit_of_number, issuedAt: new Date(meta.original_issued_at) } }),
    });
    return { number: r.number, xml };
  }

  /** The invoice as stored if the caller may read it (404 otherwise). */
  async visible(user: AuthUser, id: string, m: EntityManager = this.dataSource.manager): Promise<StoredInvoice> {
    const customer = user.role === 'customer';
    if (!customer && !STAFF_READERS.has(user.role)) throw new ForbiddenError(`role ${user.role} may not see invoices`);
    const row = isUuid(id) ? await this.row(m, id) : null;
    if (
      row === null ||
      !canSeeTenant(user, row.tenant_id) ||
      (customer && row.status !== 'issued' && row.status !== 'cancelled')
    ) {
      throw new NotFoundError('invoice', id);
    }
    const lines = (await m.query(
      `SELECT invoice_id, position, kind, description, quantity::text AS quantity, unit, unit_price::text AS unit_price,
              net::text AS net, vat_category, vat_rate::text AS vat_rate, reference
         FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
      [id],
    )) as LineRow[];
    const creditNotes = (await m.query(
      `SELECT id, number FROM invoices WHERE credit_of = $1 ORDER BY number NULLS LAST, id`,
      [id],
    )) as { id: string; number: string | null }[];
    return { row, lines: lines.map(lineView), creditNotes };
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<InvoiceRow | null> {
    const [row] = (await m.query(`${SELECT_INVOICE} WHERE i.id = $1${lock ? ' FOR UPDATE OF i' : ''}`, [
      id,
    ])) as InvoiceRow[];
    return row ?? null;
  }

  /** Locks the invoice for a transition: 404 unless visible, 403 unless a writer, 412 on a stale If-Match. */
  private async lockForChange(m: EntityManager, user: AuthUser, id: string, expected?: number): Promise<InvoiceRow> {
    const row = isUuid(id) ? await this.row(m, id, true) : null;
    if (row === null || !canSeeTenant(user, row.tenant_id) || user.role === 'customer') {
      throw new NotFoundError('invoice', id);
    }
    if (!WRITERS.has(user.role)) throw new ForbiddenError(`role ${user.role} may not change invoices`);
    if (expected !== undefined && row.version !== expected) throw new PreconditionFailedError(expected, row.version);
    return row;
  }

  // ---- transitions ------------------------------------------------------------------------------

  /** POST /api/invoices/:id/approve (If-Match): draft → approved. */
  async approve(user: AuthUser, id: string, expected: number): Promise<InvoiceView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.lockForChange(m, user, id, expected);
      if (row.status !== 'draft') throw new ConflictError(`invoice is ${row.status}, only a draft can be approved`);
      await m.query(
        `UPDATE invoices SET status = 'approved', approved_at = $2, approved_by = $3, version = version + 1 WHERE id = $1`,
        [id, this.clock.now(), user.id],
      );
    });
    return this.get(user, id);
  }

  /** POST /api/invoices/:id/issue (If-Match): approved → issued with the next gapless number of the year. */
  async issue(user: AuthUser, id: string, expected: number): Promise<InvoiceView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.lockForChange(m, user, id, expected);
      if (row.status !== 'approved') {
        throw new ConflictError(
          row.status === 'draft'
            ? 'invoice is a draft: approve it first'
            : `invoice is already ${row.status} as ${row.number ?? '?'}`,
        );
      }
      await this.numberAndIssue(m, row, user);
    });
    return this.get(user, id);
  }

  /**
   * The next number of the year and the issue itself, in the caller's transaction. The counter is incremented
   * by an upsert whose row lock holds until commit: concurrent issuers queue on it, a rollback returns the
   * number — so the numbers of a year are gapless.
   */
  private async numberAndIssue(m: EntityManager, row: InvoiceRow, user: AuthUser): Promise<string> {
    const now = this.clock.now();
    const year = DateTime.fromJSDate(now, { zone: INVOICE_TIME_ZONE }).year;
    const [counter] = (await m.query(
      `WITH next AS (
         INSERT INTO invoice_number_counters (provider, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (provider, year) DO UPDATE SET last_value = invoice_number_counters.last_value + 1
         RETURNING last_value)
       SELECT last_value FROM next`,
      [INVOICE_PROVIDER_KEY, year],
    )) as { last_value: number }[];
    const number = formatInvoiceNumber(year, (counter as { last_value: number }).last_value);
    const buyer = await this.buyerOf(m, row);
    await m.query(
      `UPDATE invoices SET status = 'issued', number = $2, issued_at = $3, issued_by = $4, buyer = $5, version = version + 1 WHERE id = $1`,
      [row.id, number, now, user.id, JSON.stringify(buyer)],
    );
    return number;
  }

  /** The buyer as printed: the tenant and the address of the contract's first site. */
  private async buyerOf(m: EntityManager, row: InvoiceRow): Promise<InvoiceBuyerColumn> {
    const [b] = (await m.query(
      `SELECT t.name, s.street, s.postal_code, s.city FROM tenants t
         LEFT JOIN LATERAL (SELECT s.street, s.postal_code, s.city FROM contract_sites cs JOIN sites s ON s.id = cs.site_id
                             WHERE cs.contract_id = $2 ORDER BY s.name, s.id LIMIT 1) s ON true
        WHERE t.id = $1`,
      [row.tenant_id, row.contract_id],
    )) as { name: string; street: string | null; postal_code: string | null; city: string | null }[];
    return {
      name: b?.name ?? row.tenant_id,
      street: b?.street ?? '',
      postalCode: b?.postal_code ?? '',
      city: b?.city ?? '',
      country: 'DE',
    };
  }

  /**
   * POST /api/invoices/:id/credit-note: the credit note of an issued invoice — every line negated, issued at
   * once with the next number, referencing the original, which becomes cancelled (the one change the database
   * allows on an issued invoice). The month can then be billed again.
   */
  async creditNote(user: AuthUser, id: string): Promise<InvoiceView> {
    const creditId = await this.dataSource.transaction(async (m) => {
      const row = await this.lockForChange(m, user, id);
      if (row.kind !== 'invoice' || row.status !== 'issued' || row.number === null) {
        throw new ConflictError(
          row.kind !== 'invoice'
            ? 'a credit note cannot be credited'
            : row.status === 'cancelled'
              ? `invoice ${row.number ?? ''} is already credited`
              : `invoice is ${row.status}: only an issued invoice is corrected by a credit note`,
        );
      }
      const lines = (await this.visible(user, id, m)).lines.map((l) => ({ ...l, reference: null }));
      const note = creditNoteOf({ number: row.number, lines });
      const [inserted] = (await m.query(
        `INSERT INTO invoices (tenant_id, contract_id, kind, period, period_from, period_to, status, net, vat, gross, credit_of, version)
         VALUES ($1, $2, 'credit-note', $3, $4, $5, 'approved', $6, $7, $8, $9, 1) RETURNING id`,
        [
          row.tenant_id,
          row.contract_id,
          row.period,
          row.period_from,
          row.period_to,
          note.totals.net,
          note.totals.vat,
          note.totals.gross,
          row.id,
        ],
      )) as { id: string }[];
      const noteId = (inserted as { id: string }).id;
      await insertLines(m, noteId, note.lines);
      const noteRow = await this.row(m, noteId, true);
      await this.numberAndIssue(m, noteRow as InvoiceRow, user);
      await m.query(`UPDATE invoices SET status = 'cancelled', version = version + 1 WHERE id = $1`, [row.id]);
      return noteId;
    });
    return this.get(user, creditId);
  }

  private contract(id: string): Promise<ContractEntity | null> {
    return this.dataSource.getRepository(ContractEntity).findOne({ where: { id } });
  }

  /**
   * The monthly run (worker job): drafts `period` for every contract whose term covers it, `concurrency` at a
   * time; a month that is approved or issued is left alone. Returns how many were drafted, kept and failed.
   */
  async runMonth(
    period: string,
    concurrency = 4,
  ): Promise<{ contracts: number; drafted: number; kept: number; failed: number }> {
    const contracts = await this.contractsToBill(period);
    let next = 0;
    let drafted = 0;
    let kept = 0;
    let failed = 0;
    const lane = async (): Promise<void> => {
      while (next < contracts.length) {
        const contract = contracts[next++] as ContractEntity;
        try {
          await this.draftFor(contract, period, { keepApproved: true });
          drafted++;
        } catch (error) {
          if (error instanceof ConflictError) kept++;
          else {
            failed++;
            this.failures.push({
              contractId: contract.id,
              error: error instanceof Error ? error.message : String(error),
            });
          }
        }
      }
    };
    this.failures.length = 0;
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
    if (failed > 0) {
      throw new Error(
        `billing run ${period}: ${failed} of ${contracts.length} contracts failed: ${JSON.stringify(this.failures.slice(0, 5))}`,
      );
    }
    return { contracts: contracts.length, drafted, kept, failed };
  }

  private readonly failures: { contractId: string; error: string }[] = [];

  /** Contracts the monthly run drafts for `period`: every contract whose term covers part of the month. */
  async contractsToBill(period: string): Promise<ContractEntity[]> {
    const all = await this.dataSource.getRepository(ContractEntity).find({ order: { id: 'ASC' } });
    return all.filter((c) => termCovers(c, period));
  }
}

/** True when the contract's term (local dates, `endsOn` inclusive) overlaps the month. */
export function termCovers(contract: Pick<ContractEntity, 'startsOn' | 'endsOn'>, period: string): boolean {
  const { from, to } = invoicePeriodDates(period);
  return contract.startsOn < to && (contract.endsOn === null || contract.endsOn >= from);
}

async function insertLines(
  m: EntityManager,
  invoiceId: string,
  lines: readonly Omit<InvoiceLine, 'reference'>[] | readonly InvoiceLine[],
): Promise<void> {
  if (lines.length === 0) return;
  const col = <K extends keyof InvoiceLine>(k: K) => lines.map((l) => (l as InvoiceLine)[k] ?? null);
  await m.query(
    `INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity, unit, unit_price, net, vat_category, vat_rate, reference)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::numeric[], $8::numeric[], $9::text[], $10::numeric[], $11::text[])`,
    [
      invoiceId,
      col('position'),
      col('kind'),
      col('description'),
      col('quantity'),
      col('unit'),
      col('unitPrice'),
      col('net'),
      col('vatCategory'),
      col('vatRate'),
      col('reference'),
    ],
  );
}

function lineView(l: LineRow): InvoiceLineView {
  return {
    position: l.position,
    kind: l.kind,
    description: l.description,
    quantity: plainQuantity(l.quantity),
    unit: l.unit,
    unitPrice: l.unit_price,
    net: l.net,
    vatCategory: l.vat_category,
    vatRate: plainQuantity(l.vat_rate),
  };
}

function view(
  r: InvoiceRow,
  lines: readonly InvoiceLineView[],
  creditNotes: readonly { id: string; number: string | null }[],
  customer: boolean,
): InvoiceView {
  const base: InvoiceView = {
    id: r.id,
    kind: r.kind,
    contractId: r.contract_id,
    tenantId: r.tenant_id,
    period: r.period,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    status: r.status,
    number: r.number,
    issuedAt: r.issued_at === null ? null : new Date(r.issued_at).toISOString(),
    currency: r.currency,
    net: r.net,
    vat: r.vat,
    gross: r.gross,
    creditOf: r.credit_of === null ? null : { id: r.credit_of, number: r.credit_of_number },
    creditNotes,
    lines,
  };
  if (customer) return base;
  return {
    ...base,
    approvedAt: r.approved_at === null ? null : new Date(r.approved_at).toISOString(),
    approvedBy: r.approved_by,
    notes: r.notes,
    version: r.version,
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string };
  const d = e?.driverError ?? e;
  return d?.code === '23505' && d?.constraint === constraint;
}
