import type { Texts } from './texts';

/** The phone intake form. */
export const INTAKE_DE = {
  'intake.pageTitle': 'Neue Störmeldung – Leitstand',
  'intake.title': 'Neue Störmeldung (Telefon)',
  'intake.keyboardHint': 'Alles per Tastatur: Tab springt zum nächsten Feld, Enter legt das Ticket an.',

  'intake.site': 'Standort',
  'intake.siteOption': '{name} ({city})',
  'intake.siteRequired': 'Bitte einen Standort wählen.',
  'intake.sitesError': 'Standorte konnten nicht geladen werden.',

  'intake.assetSearch': 'Anlage suchen (Code, Name, Gewerk)',
  'intake.assetOption': '{code} – {name} ({trade}, Klasse {assetClass})',
  'intake.assetChosen': 'Gewählt: {code} – {name}, Klasse {assetClass}',
  'intake.assetNone': 'Ohne Anlage muss die Priorität gewählt werden.',
  'intake.assetClear': 'Anlage entfernen',

  'intake.priority': 'Priorität',
  'intake.prioritySuggestion': 'Vorschlag aus der Anlagenklasse: {priority}',
  'intake.priorityRequired': 'Bitte eine Priorität wählen.',
  'intake.priorityReason': 'Grund für die abweichende Priorität',
  'intake.priorityReasonRequired': 'Eine abweichende Priorität braucht einen Grund.',

  'intake.ticketTitle': 'Titel',
  'intake.ticketTitleRequired': 'Bitte einen Titel angeben.',
  'intake.description': 'Beschreibung',
  'intake.reporter': 'Meldende Person',
  'intake.channel': 'Eingangskanal',
  'intake.channel.phone': 'Telefon',
  'intake.channel.email': 'E-Mail',
  'intake.channel.portal': 'Portal',
  'intake.faultBeganAt': 'Störung seit',
  'intake.assetDown': 'Anlage steht (ausgefallen)',

  'intake.submit': 'Ticket anlegen',
  'intake.submitting': 'Ticket wird angelegt …',
  'intake.submittingLabel': 'Ticket wird angelegt',
  'intake.invalid': 'Bitte die markierten Felder ausfüllen.',
  'intake.unexpected': 'Unerwarteter Fehler. Bitte erneut senden.',
  'intake.offline': 'Der Server ist nicht erreichbar. Bitte erneut senden – das Ticket wird nicht doppelt angelegt.',
  'intake.notCreated': 'Das Ticket wurde nicht angelegt (HTTP {status}).',
  'intake.notCreatedWithMessage': 'Das Ticket wurde nicht angelegt (HTTP {status}: {message}).',
} as const;

export const INTAKE_EN: Texts<typeof INTAKE_DE> = {
  'intake.pageTitle': 'New incident report – Leitstand',
  'intake.title': 'New incident report (phone)',
  'intake.keyboardHint': 'Keyboard only: Tab moves to the next field, Enter creates the ticket.',

  'intake.site': 'Site',
  'intake.siteOption': '{name} ({city})',
  'intake.siteRequired': 'Please choose a site.',
  'intake.sitesError': 'The sites could not be loaded.',

  'intake.assetSearch': 'Search asset (code, name, trade)',
  'intake.assetOption': '{code} – {name} ({trade}, class {assetClass})',
  'intake.assetChosen': 'Selected: {code} – {name}, class {assetClass}',
  'intake.assetNone': 'Without an asset, the priority must be chosen.',
  'intake.assetClear': 'Remove asset',

  'intake.priority': 'Priority',
  'intake.prioritySuggestion': 'Suggested by the asset class: {priority}',
  'intake.priorityRequired': 'Please choose a priority.',
  'intake.priorityReason': 'Reason for the different priority',
  'intake.priorityReasonRequired': 'A different priority needs a reason.',

  'intake.ticketTitle': 'Title',
  'intake.ticketTitleRequired': 'Please enter a title.',
  'intake.description': 'Description',
  'intake.reporter': 'Reported by',
  'intake.channel': 'Channel',
  'intake.channel.phone': 'Phone',
  'intake.channel.email': 'E-mail',
  'intake.channel.portal': 'Portal',
  'intake.faultBeganAt': 'Fault since',
  'intake.assetDown': 'Asset is down (out of service)',

  'intake.submit': 'Create ticket',
  'intake.submitting': 'Creating the ticket …',
  'intake.submittingLabel': 'Creating the ticket',
  'intake.invalid': 'Please fill in the marked fields.',
  'intake.unexpected': 'Unexpected error. Please send again.',
  'intake.offline': 'The server cannot be reached. Please send again – the ticket will not be created twice.',
  'intake.notCreated': 'The ticket was not created (HTTP {status}).',
  'intake.notCreatedWithMessage': 'The ticket was not created (HTTP {status}: {message}).',
};
