import { DateTime } from 'luxon';
import { InvoiceService as EInvoiceService, type Invoice as EInvoice } from '@e-invoice-eu/core';
import { Dec, toMoneyString } from '@leitstand/domain';
import type { InvoiceLineView } from '@leitstand/api-contracts';
import type { InvoiceBuyerColumn } from '@leitstand/backend/data-access';
import { INVOICE_PAYMENT_DAYS, INVOICE_SELLER, INVOICE_TIME_ZONE } from './invoice.constants';

/** XRechnung 3.0 on UBL (EN 16931 CIUS of Germany), PEPPOL BIS billing process. */
export const XRECHNUNG_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';
export const XRECHNUNG_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
export const XRECHNUNG_FORMAT = 'XRECHNUNG-UBL';

/** What an issued invoice needs for its e-invoice. */
export interface XRechnungSource {
  readonly kind: 'invoice' | 'credit-note';
  readonly number: string;
  readonly issuedAt: Date;
  readonly contractId: string;
  readonly contractName: string;
  readonly periodFrom: string;
  /** Exclusive. */
  readonly periodTo: string;
  readonly currency: string;
  readonly net: string;
  readonly vat: string;
  readonly gross: string;
  readonly buyer: InvoiceBuyerColumn;
  readonly lines: readonly InvoiceLineView[];
  /** A credit note: the original's number and issue date (BG-3). */
  readonly original?: { readonly number: string; readonly issuedAt: Date };
}

const localDate = (d: Date): string => DateTime.fromJSDate(d, { zone: INVOICE_TIME_ZONE }).toISODate() ?? '';

/**
 * The issued invoice in @e-invoice-eu/core's internal format (UBL in JSON). An invoice is type 380; a credit
 * note is a UBL CreditNote (type 381) whose amounts are written positive (the stored lines are negated) and
 * which references the original (BillingReference). Seller data: INVOICE_SELLER; buyer: as frozen at issue.
 */
export function xrechnungData(src: XRechnungSource): EInvoice {
  const credit = src.kind === 'credit-note';
  // a credit note's stored amounts are negative; the CreditNote document states them positive
  const m = (v: string): string => toMoneyString(credit ? new Dec(v).negated() : new Dec(v));
  const cur = src.currency as 'EUR';
  const issue = localDate(src.issuedAt);
  const due =
    DateTime.fromJSDate(src.issuedAt, { zone: INVOICE_TIME_ZONE }).plus({ days: INVOICE_PAYMENT_DAYS }).toISODate() ??
    '';
  const lastDay = DateTime.fromISO(src.periodTo, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? src.periodTo;
  const vatRates = [...new Set(src.lines.map((l) => l.vatRate))];
  const rate = vatRates[0] ?? '19';
  const s = INVOICE_SELLER;
  const data = {
    'ubl:Invoice': {
      'cbc:CustomizationID': XRECHNUNG_CUSTOMIZATION_ID,
      'cbc:ProfileID': XRECHNUNG_PROFILE_ID,
      'cbc:ID': src.number,
      'cbc:IssueDate': issue,
      'cbc:DueDate': due,
      'cbc:InvoiceTypeCode': credit ? '381' : '380',
      'cbc:Note': `Vertrag ${src.contractName}, Leistungszeitraum ${src.periodFrom} bis ${lastDay}`,
      'cbc:DocumentCurrencyCode': cur,
      // BT-10: XRechnung requires a buyer reference (Leitweg-ID for public buyers); the contract id for now
      'cbc:BuyerReference': src.contractId,
      'cac:InvoicePeriod': { 'cbc:StartDate': src.periodFrom, 'cbc:EndDate': lastDay },
      ...(src.original === undefined
        ? {}
        : {
            'cac:BillingReference': [
              {
                'cac:InvoiceDocumentReference': {
                  'cbc:ID': src.original.number,
                  'cbc:IssueDate': localDate(src.original.issuedAt),
                },
              },
            ],
          }),
      'cac:AccountingSupplierParty': {
        'cac:Party': {
          'cbc:EndpointID': s.electronicAddress,
          'cbc:EndpointID@schemeID': 'EM',
          'cac:PostalAddress': {
            'cbc:StreetName': s.street,
            'cbc:CityName': s.city,
            'cbc:PostalZone': s.postalCode,
            'cac:Country': { 'cbc:IdentificationCode': s.country },
          },
          'cac:PartyTaxScheme': [{ 'cbc:CompanyID': s.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } }],
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': s.name },
          'cac:Contact': {
            'cbc:Name': s.contactName,
            'cbc:Telephone': s.contactPhone,
            'cbc:ElectronicMail': s.contactEmail,
          },
        },
      },
      'cac:AccountingCustomerParty': {
        'cac:Party': {
          // BT-49: the buyer's electronic address; the tenant has none on file yet, so the seller's mailbox
          // for returns stands in (documented in the billing note)
          'cbc:EndpointID': s.electronicAddress,
          'cbc:EndpointID@schemeID': 'EM',
          'cac:PostalAddress': {
            'cbc:StreetName': src.buyer.street || '-',
            'cbc:CityName': src.buyer.city || '-',
            'cbc:PostalZone': src.buyer.postalCode || '-',
            'cac:Country': { 'cbc:IdentificationCode': src.buyer.country },
          },
          'cac:PartyLegalEntity': { 'cbc:RegistrationName': src.buyer.name },
        },
      },
      'cac:PaymentMeans': [{ 'cbc:PaymentMeansCode': '58', 'cac:PayeeFinancialAccount': { 'cbc:ID': s.iban } }],
      'cac:PaymentTerms': { 'cbc:Note': `Zahlbar bis ${due} ohne Abzug` },
      'cac:TaxTotal': [
        {
          'cbc:TaxAmount': m(src.vat),
          'cbc:TaxAmount@currencyID': cur,
          'cac:TaxSubtotal': [
            {
              'cbc:TaxableAmount': m(src.net),
              'cbc:TaxableAmount@currencyID': cur,
              'cbc:TaxAmount': m(src.vat),
              'cbc:TaxAmount@currencyID': cur,
              'cac:TaxCategory': { 'cbc:ID': 'S', 'cbc:Percent': rate, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
            },
          ],
        },
      ],
      'cac:LegalMonetaryTotal': {
        'cbc:LineExtensionAmount': m(src.net),
        'cbc:LineExtensionAmount@currencyID': cur,
        'cbc:TaxExclusiveAmount': m(src.net),
        'cbc:TaxExclusiveAmount@currencyID': cur,
        'cbc:TaxInclusiveAmount': m(src.gross),
        'cbc:TaxInclusiveAmount@currencyID': cur,
        'cbc:PayableAmount': m(src.gross),
        'cbc:PayableAmount@currencyID': cur,
      },
      'cac:InvoiceLine': src.lines.map((l) => ({
        'cbc:ID': String(l.position),
        'cbc:InvoicedQuantity': l.quantity,
        'cbc:InvoicedQuantity@unitCode': l.unit,
        'cbc:LineExtensionAmount': m(l.net),
        'cbc:LineExtensionAmount@currencyID': cur,
        'cac:Item': {
          'cbc:Name': l.description.slice(0, 200),
          'cac:ClassifiedTaxCategory': {
            'cbc:ID': l.vatCategory,
            'cbc:Percent': l.vatRate,
            'cac:TaxScheme': { 'cbc:ID': 'VAT' },
          },
        },
        'cac:Price': { 'cbc:PriceAmount': m(l.unitPrice), 'cbc:PriceAmount@currencyID': cur },
      })),
    },
  };
  return data as unknown as EInvoice;
}

const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The XRechnung UBL XML of an issued invoice, generated and schema-checked by @e-invoice-eu/core. */
export async function renderXRechnung(src: XRechnungSource): Promise<string> {
  const service = new EInvoiceService(quietLogger);
  const out = await service.generate(xrechnungData(src), { format: XRECHNUNG_FORMAT, lang: 'de-de' });
  return typeof out === 'string' ? out : new TextDecoder().decode(out);
}
