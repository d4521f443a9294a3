import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@leitstand/backend/core';
import { InAppNotificationChannel, NOTIFICATION_CHANNELS, type NotificationChannel } from './notification-channel';
import { ContractTermsCache } from './contract-terms.cache';
import { SlaTimerService } from './sla-timer.service';
import { SLA_RECONCILE_OPTIONS, SlaTimerReconciler, type SlaReconcileOptions } from './sla-timer.reconciler';
import { TicketChangesPublisher } from './ticket-changes';
import { SYSTEM_CLOCK, CLOCK } from '@leitstand/backend/core';

/**
 * SLA timers for the worker: the service the 'sla.warning' / 'sla.breach' handlers call (the handlers
 * themselves are listed in the worker module, so each job has exactly one), notification channels
 * (in-app now; e-mail and push join NOTIFICATION_CHANNELS) and the reconciliation.
 */
@Module({
  providers: [
    { provide: CLOCK, useValue: SYSTEM_CLOCK },
    { provide: ContractTermsCache, useValue: new ContractTermsCache() },
    {
      // Reconciliation period: SLA_RECONCILE_MS (default one minute; tests shorten it).
      provide: SLA_RECONCILE_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SlaReconcileOptions => ({
        intervalMs: config.worker.slaReconcileMs,
        horizonMs: config.slaTimers.horizonMs,
        batchSize: 5_000,
      }),
    },
    {
      provide: NOTIFICATION_CHANNELS,
      useFactory: (): NotificationChannel[] => [new InAppNotificationChannel()],
    },
    TicketChangesPublisher,
    SlaTimerService,
    SlaTimerReconciler,
  ],
  exports: [SlaTimerService, SlaTimerReconciler],
})
export class SlaTimersModule {}
