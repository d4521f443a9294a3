import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ServiceReportPricingView,
  ServiceReportProblem,
  ServiceReportView,
  UpdateServiceReportRequest,
} from '@leitstand/api-contracts';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  isUuid,
  type AuthUser,
} from '@leitstand/backend/core';
import {
  parsePriceList,
  priceListVersionOn,
  ticketServiceReport,
  travelInputFor,
  workDateOf,
  type DataIssue,
  type PriceList,
  type ServiceReportChoices,
  type ServiceReportPricing,
} from '@leitstand/domain';
import {
  ServiceReportRepository,
  type PriceListVersionRow,
  type ServiceReportTicket,
} from './service-report.repository';

const WRITERS = new Set(['admin', 'manager', 'agent']);

/** A report priced for its sign-off, with the ticket it belongs to. */
export interface SignOffBasis {
  readonly ticket: ServiceReportTicket;
  readonly view: ServiceReportView;
}

/**
 * A ticket's service report (Leistungsnachweis): its work logs, travel and material priced by the
 * contract's price list in the version valid on the work date, with the choices made on the report.
 * Staff read it (technicians only their tenants'); admins, managers, agents and the assigned technician
 * change the choices; customers get 403 until the report is signed (the sign-off comes with the portal).
 * A change that the price list cannot price (unknown catalogue code or discount, a travel method the site
 * lacks) is refused with 400 naming the field, and nothing is written.
 */
@Injectable()
export class ServiceReportService {
  /** Parsed price lists by row id and row version: parsing costs more than pricing. */
  private readonly parsed = new Map<string, { readonly rowVersion: number; readonly priceList: PriceList }>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ServiceReportRepository) private readonly repo: ServiceReportRepository,
  ) {}

  async get(user: AuthUser, ticketId: string): Promise<ServiceReportView> {
    const ticket = await this.visibleTicket(user, ticketId);
    const stored = await this.repo.choices(ticket.id);
    return { ...(await this.view(ticket, stored.choices, stored.version)), signOff: stored.signOff };
  }

  /** The report priced for a sign-off, in `manager`'s transaction (the ticket seen, the row locked). */
  async forSignOff(user: AuthUser, ticketId: string, manager: EntityManager): Promise<SignOffBasis> {
    const ticket = await this.visibleTicket(user, ticketId);
    const stored = await this.repo.choices(ticket.id, manager, true);
    const view = await this.view(ticket, stored.choices, stored.version);
    return { ticket, view: { ...view, signOff: stored.signOff } };
  }

  async update(
    user: AuthUser,
    ticketId: string,
    expected: number,
    change: UpdateServiceReportRequest,
  ): Promise<ServiceReportView> {
    const ticket = await this.visibleTicket(user, ticketId);
    if (!WRITERS.has(user.role) && !(user.role === 'technician' && ticket.assigneeId === user.id)) {
      throw new ForbiddenError('only staff or the assigned technician may change a service report');
    }
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.repo.choices(ticket.id, manager, true);
      if (stored.signOff !== null) {
        throw new ConflictError(
          `the service report was signed off by ${stored.signOff.signerName} at ${stored.signOff.signedAt}; its choices are frozen`,
          { signOff: stored.signOff },
        );
      }
      if (stored.version !== expected) throw new PreconditionFailedError(expected, stored.version);
      const choices: ServiceReportChoices = { ...stored.choices, ...definedOnly(change) };
      const view = await this.view(ticket, choices, stored.version);
      const refused = view.problems.filter((p) =>
        CHOICE_FIELDS.some((f) => p.field === f || p.field.startsWith(`${f}[`)),
      );
      if (refused.length > 0) {
        throw new InvalidInputError(refused.map((p) => ({ field: p.field, messages: [p.message] })));
      }
      const version = await this.repo.saveChoices(manager, ticket, choices, expected, user.id);
      if (version === undefined) throw new PreconditionFailedError(expected, expected + 1);
      return { ...view, signOff: null, version };
    });
  }

  private async visibleTicket(user: AuthUser, ticketId: string): Promise<ServiceReportTicket> {
    const ticket = isUuid(ticketId) ? await this.repo.ticket(ticketId) : undefined;
    if (ticket === undefined || !canSeeTenant(user, ticket.tenantId)) throw new NotFoundError('ticket', ticketId);
    if (user.role === 'customer') throw new ForbiddenError('customers see a service report once it is signed');
    return ticket;
  }

  private async view(
    ticket: ServiceReportTicket,
    choices: ServiceReportChoices,
    version: number,
  ): Promise<Omit<ServiceReportView, 'signOff'>> {
    const facts = ticket.facts;
    const workDate = workDateOf(facts.work, facts.site.timeZone, ticket.createdAt);
    const base = {
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      workDate,
      site: facts.site,
      choices,
      coveredByContract: facts.inScope,
      version,
    };
    const list = await this.priceListOn(ticket.priceListId, workDate);
    if (list.problem !== undefined) {
      return { ...base, priceList: null, travel: null, billable: false, pricing: null, problems: [list.problem] };
    }
    const result = ticketServiceReport(facts, choices, list.priceList);
    const travel = travelInputFor(list.priceList, facts.site, choices.travelMethod).travel ?? null;
    return {
      ...base,
      priceList: { id: list.row.id, key: list.row.key, name: list.row.name, validFrom: list.row.validFrom },
      travel,
      billable: result.pricing?.billable ?? false,
      pricing: result.pricing === null ? null : toPricingView(result.pricing),
      problems: result.problems.map(toProblem),
    };
  }

  private async priceListOn(
    priceListId: string | null,
    date: string,
  ): Promise<
    | { readonly priceList: PriceList; readonly row: PriceListVersionRow; readonly problem?: undefined }
    | { readonly problem: ServiceReportProblem }
  > {
    if (priceListId === null) {
      return { problem: { field: 'contract.priceListId', message: "the ticket's contract names no price list" } };
    }
    const versions = await this.repo.priceListVersions(priceListId);
    const row = priceListVersionOn(versions, date);
    if (row === undefined) {
      return { problem: { field: 'priceList.validFrom', message: `no version of the price list is valid on ${date}` } };
    }
    const cached = this.parsed.get(row.id);
    if (cached !== undefined && cached.rowVersion === row.rowVersion) return { priceList: cached.priceList, row };
    try {
      const priceList = parsePriceList(row.data);
      if (this.parsed.size > 200) this.parsed.clear();
      this.parsed.set(row.id, { rowVersion: row.rowVersion, priceList });
      return { priceList, row };
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      return { problem: { field: 'priceList.data', message } };
    }
  }
}

const CHOICE_FIELDS = ['smallMaterial', 'emergency', 'workType', 'travelMethod', 'catalogItems', 'discounts'];

function definedOnly(change: UpdateServiceReportRequest): Partial<ServiceReportChoices> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<ServiceReportChoices>;
}

function toProblem(issue: DataIssue): ServiceReportProblem {
  return { field: issue.path || 'report', message: issue.hint ? `${issue.message} — ${issue.hint}` : issue.message };
}

function toPricingView(p: ServiceReportPricing): ServiceReportPricingView {
  return {
    lines: p.lines.map((l) => ({
      category: l.category,
      key: l.key,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      surchargePercent: l.surchargePercent,
      amount: l.amount,
      discountable: l.discountable,
      explanation: l.explanation,
    })),
    subtotals: p.subtotals,
    linesTotal: p.linesTotal,
    discounts: p.discounts.map((d) => ({
      id: d.id,
      label: d.label,
      percent: d.percent,
      base: d.base,
      amount: d.amount,
    })),
    discountTotal: p.discountTotal,
    net: p.net,
    vatPercent: p.vatPercent,
    vat: p.vat,
    gross: p.gross,
    notes: p.notes,
  };
}
