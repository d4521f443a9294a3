import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { CLOCK, SYSTEM_CLOCK } from '@leitstand/backend/core';
import { INVOICE_PERIOD_COST, type InvoicePeriodCostSource } from './invoice.period-cost';
import { InvoiceService } from './invoice.service';

/**
 * Invoices of a contract's month (issue 16). The month's cost comes from the KPI roll-up, a feature of its own:
 * the app passes the module that computes it and the class that adapts it (KpiPeriodCostSource in
 * @leitstand/backend/kpi), so this feature does not import another feature. Needs the global DatabaseModule.
 */
@Module({})
export class InvoiceModule {
  static register(options: {
    imports: ModuleMetadata['imports'];
    periodCost: Type<InvoicePeriodCostSource>;
  }): DynamicModule {
    return {
      module: InvoiceModule,
      imports: options.imports ?? [],
      providers: [
        { provide: INVOICE_PERIOD_COST, useClass: options.periodCost },
        { provide: CLOCK, useValue: SYSTEM_CLOCK },
        InvoiceService,
      ],
      exports: [InvoiceService],
    };
  }
}
