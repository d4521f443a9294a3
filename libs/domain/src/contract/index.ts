export { parseContractCalculation } from './contract.parser';
export { ContractCalculationInvalidError, ContractInputInvalidError } from './contract.errors';
export type {
  AssetGroup,
  BillingPeriod,
  BonusMalusRules,
  CallOutLine,
  ContractCalculation,
  ContractLineItem,
  ContractVariant,
  EffortMonth,
  IndexValues,
  IndexationClause,
  InspectionBand,
  InspectionLine,
  KpiBonusMalus,
  KpiRule,
  LumpSumLine,
  PerAssetLine,
  PersonnelLine,
  StatedFigures,
  TaskLine,
} from './contract.types';
export { computeContractVolume, computeInspectionBand } from './contract-volume.calculator';
export type {
  ContractVolume,
  ContractVolumeLine,
  InspectionBandResult,
  ReconciliationCheck,
} from './contract-volume.calculator';
export { indexPrice, previewIndexation } from './indexation.calculator';
export type {
  CitedIndexValue,
  IndexPoint,
  IndexSeries,
  IndexationPreview,
  IndexationResult,
} from './indexation.calculator';
export { computeBonusMalus } from './bonus-malus.calculator';
export type { BonusMalusResult, KpiBonusMalusResult } from './bonus-malus.calculator';
export {
  allowedDowntime,
  checkCapexGate,
  energySavingTarget,
  hoursOfDays,
  percentToShare,
} from './contract-terms.calculator';
export type { CapexGateDecision } from './contract-terms.calculator';
export { computeMonthlyMargins, computePeriodCost, periodFraction } from './period-cost.calculator';
export type { PeriodCost, PeriodCostInput, PeriodCostLine, PeriodEffort } from './period-cost.calculator';
export { compareContractTypes, contractEconomics } from './contract-economics';
export type {
  ContractEconomics,
  ContractTypeComparison,
  ContractYearActuals,
  RepricedLine,
  RepricedVariant,
} from './contract-economics';
