export { parsePriceList } from './price-list.parser';
export { priceListFromCsv, priceListToCsv, priceListCsvRow } from './price-list.csv';
export type { PriceListCsvIssue, PriceListCsvResult } from './price-list.csv';
export { PriceListInvalidError, ServiceReportInvalidError } from './price-list.errors';
export type {
  CatalogItem,
  PriceListDiscount,
  DistanceBand,
  EmergencyRule,
  FlatFee,
  LocalTime,
  MarkupRule,
  MaterialRules,
  OrderFlatFee,
  OverheadTier,
  PriceList,
  QuoteFee,
  PriceListRole,
  TimeBand,
  WeeklyWindow,
  TravelChargeBasis,
  TravelRules,
  TravelZone,
} from './price-list.types';
export { priceServiceReport } from './service-report.pricing';
export { priceMaterialUnit, grossFromNet } from './unit-pricing';
export { LINE_CATEGORIES } from './service-report.types';
export type {
  AppliedDiscount,
  CatalogUse,
  ExternalCost,
  LineCategory,
  MaterialUse,
  PricedLine,
  ServiceReport,
  ServiceReportFlags,
  ServiceReportPricing,
  SiteCalendar,
  TravelInput,
  WorkInterval,
  WorkKind,
} from './service-report.types';
export { UnknownTimeZoneError } from './site-clock';
export {
  DEFAULT_SERVICE_REPORT_CHOICES,
  SERVICE_REPORT_WORK_TYPES,
  TRAVEL_METHODS,
  priceListVersionOn,
  serviceReportOfTicket,
  ticketServiceReport,
  travelInputFor,
  workDateOf,
} from './ticket-service-report';
export type {
  PriceListVersion,
  ServiceReportChoices,
  ServiceReportWorkType,
  TicketBillingFacts,
  TicketMaterialKind,
  TicketServiceReport,
  TravelChoice,
  TravelMethod,
} from './ticket-service-report';
export {
  INVOICE_LINE_KINDS,
  INVOICE_VAT_CATEGORY,
  INVOICE_VAT_RATE,
  InvoiceInputError,
  creditNoteOf,
  draftInvoice,
  formatInvoiceNumber,
  invoicePeriodDates,
  invoiceTotals,
  isInvoicePeriodKey,
  parseInvoiceNumber,
  previousInvoicePeriod,
} from './invoice';
export type {
  CreditNoteDraft,
  InvoiceCostInput,
  InvoiceDraft,
  InvoiceLine,
  InvoiceLineKind,
  InvoiceTotals,
} from './invoice';
