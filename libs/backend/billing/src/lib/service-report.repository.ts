import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ServiceReportSignOffView } from '@leitstand/api-contracts';
import type { ServiceReportChoices, TicketBillingFacts, TicketMaterialKind } from '@leitstand/domain';
import { DEFAULT_SERVICE_REPORT_CHOICES } from '@leitstand/domain';

/** The ticket facts a service report is priced from, as one read. */
export interface ServiceReportTicket {
  readonly id: string;
  readonly number: string;
  readonly tenantId: string;
  readonly assigneeId: string | null;
  readonly createdAt: Date;
  readonly contractId: string | null;
  /** The contract's price list (any version of its document). */
  readonly priceListId: string | null;
  readonly facts: TicketBillingFacts;
}

export interface StoredChoices {
  readonly choices: ServiceReportChoices;
  /** 0 = not stored yet. */
  readonly version: number;
  /** The customer's sign-off; null until signed. */
  readonly signOff: ServiceReportSignOffView | null;
}

export interface PriceListVersionRow {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly validFrom: string;
  readonly rowVersion: number;
  readonly data: Record<string, unknown>;
}

interface TicketDbRow {
  id: string;
  number: string;
  tenant_id: string;
  assignee_id: string | null;
  created_at: Date;
  in_scope: boolean;
  contract_id: string | null;
  price_list_id: string | null;
  timezone: string;
  state: string;
  distance_km: string | null;
  travel_zone: string | null;
}

interface WorkDbRow {
  worker_id: string;
  worker_name: string;
  role: string;
  kind: 'travel' | 'work';
  started_at: Date;
  ended_at: Date;
}

interface MaterialDbRow {
  kind: TicketMaterialKind;
  description: string;
  net_unit_price: string;
  quantity: string;
  unit: string;
}

interface ChoicesDbRow {
  small_material: boolean;
  emergency: boolean;
  work_type: ServiceReportChoices['workType'];
  travel_method: ServiceReportChoices['travelMethod'];
  catalog_items: { code: string; quantity: string }[];
  discounts: string[];
  version: number;
  signed_at: Date | null;
  signer_name: string | null;
  signature_document_id: string | null;
  pdf_document_id: string | null;
}

interface PriceListDbRow {
  id: string;
  key: string;
  name: string;
  valid_from: string;
  version: number;
  data: Record<string, unknown>;
}

/** Owns the SQL of service reports: the ticket's billing facts, the stored choices and the price-list versions. */
@Injectable()
export class ServiceReportRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The ticket with its site, contract, work logs and material lines; undefined when unknown. */
  async ticket(id: string, manager: EntityManager = this.dataSource.manager): Promise<ServiceReportTicket | undefined> {
    const [rows, work, materials] = await Promise.all([
      manager.query(
        `SELECT t.id, t.number, t.tenant_id, t.assignee_id, t.created_at, t.in_scope, t.contract_id,
                c.price_list_id, s.timezone, s.state, s.distance_km::text AS distance_km, s.travel_zone
           FROM tickets t
           JOIN sites s ON s.id = t.site_id
           LEFT JOIN contracts c ON c.id = t.contract_id
          WHERE t.id = $1`,
        [id],
      ) as Promise<TicketDbRow[]>,
      manager.query(
        `SELECT w.worker_id, u.display_name AS worker_name, w.role, w.kind, w.started_at, w.ended_at
           FROM work_logs w JOIN users u ON u.id = w.worker_id
          WHERE w.ticket_id = $1 ORDER BY w.started_at, w.id`,
        [id],
      ) as Promise<WorkDbRow[]>,
      manager.query(
        `SELECT kind, description, net_unit_price::text AS net_unit_price, quantity::text AS quantity, unit
           FROM ticket_materials WHERE ticket_id = $1 ORDER BY created_at, id`,
        [id],
      ) as Promise<MaterialDbRow[]>,
    ]);
    const t = rows[0];
    if (t === undefined) return undefined;
    return {
      id: t.id,
      number: t.number,
      tenantId: t.tenant_id,
      assigneeId: t.assignee_id,
      createdAt: t.created_at,
      contractId: t.contract_id,
      priceListId: t.price_list_id,
      facts: {
        ticketNumber: t.number,
        hasContract: t.contract_id !== null,
        inScope: t.in_scope,
        site: {
          timeZone: t.timezone,
          holidayRegion: t.state,
          distanceKm: t.distance_km,
          travelZone: t.travel_zone,
        },
        work: work.map((w) => ({
          workerId: w.worker_id,
          workerName: w.worker_name,
          roleId: w.role,
          kind: w.kind === 'travel' ? ('travel' as const) : ('on-site' as const),
          start: w.started_at.toISOString(),
          end: w.ended_at.toISOString(),
        })),
        materials: materials.map((m) => ({
          kind: m.kind,
          description: m.description,
          netUnitPrice: m.net_unit_price,
          quantity: normaliseDecimal(m.quantity),
          unit: m.unit,
        })),
      },
    };
  }

  /** The stored choices, or the defaults at version 0. `lock` takes the row for an update. */
  async choices(
    ticketId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<StoredChoices> {
    const [row] = (await manager.query(
      `SELECT small_material, emergency, work_type, travel_method, catalog_items, discounts, version,
              signed_at, signer_name, signature_document_id, pdf_document_id
         FROM service_reports WHERE ticket_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [ticketId],
    )) as ChoicesDbRow[];
    if (row === undefined) return { choices: DEFAULT_SERVICE_REPORT_CHOICES, version: 0, signOff: null };
    return {
      version: row.version,
      signOff:
        row.signed_at === null
          ? null
          : {
              signerName: row.signer_name ?? '',
              signedAt: row.signed_at.toISOString(),
              signatureDocumentId: row.signature_document_id,
              pdfDocumentId: row.pdf_document_id,
            },
      choices: {
        smallMaterial: row.small_material,
        emergency: row.emergency,
        workType: row.work_type,
        travelMethod: row.travel_method,
        catalogItems: row.catalog_items,
        discounts: row.discounts,
      },
    };
  }

  /**
   * Writes the choices if the stored version is still `expected` (0 = none stored); the new version, or
   * undefined when another change came first.
   */
  async saveChoices(
    manager: EntityManager,
    ticket: { readonly id: string; readonly tenantId: string },
    choices: ServiceReportChoices,
    expected: number,
    userId: string,
  ): Promise<number | undefined> {
    const values = [
      ticket.id,
      choices.smallMaterial,
      choices.emergency,
      choices.workType,
      choices.travelMethod,
      JSON.stringify(choices.catalogItems),
      JSON.stringify(choices.discounts),
      userId,
    ];
    const rows = (await (expected === 0
      ? manager.query(
          `WITH written AS (
             INSERT INTO service_reports (ticket_id, tenant_id, small_material, emergency, work_type, travel_method,
                                          catalog_items, discounts, updated_by, version)
             VALUES ($1, $9, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, 1)
             ON CONFLICT (ticket_id) DO NOTHING
             RETURNING version)
           SELECT version FROM written`,
          [...values, ticket.tenantId],
        )
      : manager.query(
          `WITH written AS (
             UPDATE service_reports
                SET small_material = $2, emergency = $3, work_type = $4, travel_method = $5,
                    catalog_items = $6::jsonb, discounts = $7::jsonb, updated_by = $8,
                    updated_at = now(), version = version + 1
              WHERE ticket_id = $1 AND version = $9
             RETURNING version)
           SELECT version FROM written`,
          [...values, expected],
        ))) as { version: number }[];
    return rows[0]?.version;
  }

  /** Every version of the price list document `priceListId` belongs to (same `data.id`), oldest first. */
  async priceListVersions(priceListId: string): Promise<PriceListVersionRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT v.id, v.key, v.name, v.valid_from::text AS valid_from, v.version, v.data
         FROM price_lists p
         JOIN price_lists v ON v.id = p.id OR (p.data->>'id' IS NOT NULL AND v.data->>'id' = p.data->>'id')
        WHERE p.id = $1
        ORDER BY v.valid_from, v.key`,
      [priceListId],
    )) as PriceListDbRow[];
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      validFrom: r.valid_from,
      rowVersion: r.version,
      data: r.data,
    }));
  }
}

/** numeric(12,3) as text reads "2.000": the domain wants "2". */
function normaliseDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
