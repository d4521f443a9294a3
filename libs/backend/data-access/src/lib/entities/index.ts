import { AssetEntity } from './asset.entity';
import { ContractEntity } from './contract.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { InvoiceEntity, InvoiceLineEntity, InvoiceNumberCounterEntity } from './invoice.entity';
import { LocationEntity } from './location.entity';
import { MaintenanceOccurrenceEntity } from './maintenance-occurrence.entity';
import { MaintenanceRequirementEntity } from './maintenance-requirement.entity';
import { MaintenanceWindowEntity } from './maintenance-window.entity';
import { NotificationEntity } from './notification.entity';
import { OccurrenceEventEntity } from './occurrence-event.entity';
import { OccurrenceMaterialEntity } from './occurrence-material.entity';
import { OccurrenceWorkLogEntity } from './occurrence-work-log.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { PasswordTokenEntity } from './password-token.entity';
import { PriceListEntity } from './price-list.entity';
import { ServiceReportEntity } from './service-report.entity';
import { SessionEntity } from './session.entity';
import { SiteEntity } from './site.entity';
import { TenantEntity } from './tenant.entity';
import { TicketEventEntity } from './ticket-event.entity';
import { TicketMaterialEntity } from './ticket-material.entity';
import { TicketNumberCounterEntity } from './ticket-number-counter.entity';
import { TicketSlaClockEntity } from './ticket-sla-clock.entity';
import { TicketEntity } from './ticket.entity';
import { UserTenantEntity } from './user-tenant.entity';
import { UserEntity } from './user.entity';
import { WorkLogEntity } from './work-log.entity';

export * from './asset.entity';
export * from './contract.entity';
export * from './idempotency-key.entity';
export * from './invoice.entity';
export * from './location.entity';
export * from './maintenance-occurrence.entity';
export * from './maintenance-requirement.entity';
export * from './maintenance-window.entity';
export * from './notification.entity';
export * from './occurrence-event.entity';
export * from './occurrence-material.entity';
export * from './occurrence-work-log.entity';
export * from './outbox-message.entity';
export * from './password-token.entity';
export * from './price-list.entity';
export * from './service-report.entity';
export * from './session.entity';
export * from './site.entity';
export * from './tenant.entity';
export * from './ticket-event.entity';
export * from './ticket-material.entity';
export * from './ticket-number-counter.entity';
export * from './ticket-sla-clock.entity';
export * from './ticket.entity';
export * from './user-tenant.entity';
export * from './user.entity';
export * from './work-log.entity';

export const ENTITIES = [
  TenantEntity,
  UserEntity,
  UserTenantEntity,
  SessionEntity,
  SiteEntity,
  LocationEntity,
  AssetEntity,
  PriceListEntity,
  ContractEntity,
  TicketEntity,
  TicketEventEntity,
  TicketSlaClockEntity,
  WorkLogEntity,
  TicketMaterialEntity,
  IdempotencyKeyEntity,
  OutboxMessageEntity,
  TicketNumberCounterEntity,
  NotificationEntity,
  MaintenanceWindowEntity,
  PasswordTokenEntity,
  MaintenanceRequirementEntity,
  MaintenanceOccurrenceEntity,
  OccurrenceEventEntity,
  OccurrenceWorkLogEntity,
  OccurrenceMaterialEntity,
  ServiceReportEntity,
  InvoiceEntity,
  InvoiceLineEntity,
  InvoiceNumberCounterEntity,
];
