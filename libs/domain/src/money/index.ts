export { Dec, isDecimalString, percentToFactor, sumDec } from './decimal';
export type { DecimalString } from './decimal';
export {
  CENT_PLACES,
  InvalidMoneyError,
  dec,
  roundCents,
  toMoneyString,
  toDecimalString,
  toUnitPriceString,
  formatAmountDe,
  formatDecimalTextDe,
  formatEuroDe,
  formatDecimalDe,
} from './money';
export type { MoneyString } from './money';
export { DataValidationError, IssueCollector, joinPath } from './data-issues';
export type { DataIssue, JsonObject, DecimalRule } from './data-issues';
