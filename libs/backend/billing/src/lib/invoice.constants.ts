/**
 * The invoicing provider. Leitstand is run by a single operator for now, so invoice numbers are counted under
 * one constant provider key (invoice_number_counters.provider); a multi-provider setup would key the counter by
 * the provider's id instead. The seller data printed on every invoice and e-invoice (EN 16931 BG-4) lives here
 * as configuration constants — replace them with the operator's real master data before going live.
 */
export const INVOICE_PROVIDER_KEY = 'leitstand';

/** The zone the issue date (and hence the number's year) is read in. */
export const INVOICE_TIME_ZONE = 'Europe/Berlin';

/** Payment term: due this many days after the issue date. */
export const INVOICE_PAYMENT_DAYS = 30;

export const INVOICE_SELLER = {
  name: 'Leitstand Facility Services GmbH',
  street: 'Musterstraße 1',
  postalCode: '80331',
  city: 'München',
  country: 'DE',
  /** BT-31 seller VAT identifier (USt-IdNr.). */
  vatId: 'DE123456789',
  /** BT-41..43 seller contact (XRechnung requires it). */
  contactName: 'Buchhaltung',
  contactPhone: '+49 89 1234567',
  contactEmail: 'rechnung@leitstand.example',
  /** BT-34 electronic address (XRechnung requires one). */
  electronicAddress: 'rechnung@leitstand.example',
  /** BT-84 payment account (IBAN) for credit transfer (payment means 58). */
  iban: 'DE02120300000000202051',
} as const;
