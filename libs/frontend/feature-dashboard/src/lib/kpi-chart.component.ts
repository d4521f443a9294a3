import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * An ECharts chart as an image for assistive technology: `role="img"` with a summarising label; the table
 * next to it carries the same figures as text.
 */
@Component({
  selector: 'ls-kpi-chart',
  imports: [NgxEchartsDirective],
  template: `<div class="chart" role="img" [attr.aria-label]="label()" echarts [options]="options()"></div>`,
  styles: `
    .chart {
      height: 280px;
      width: 100%;
    }
    @media print {
      :host {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KpiChartComponent {
  readonly options = input.required<EChartsCoreOption>();
  readonly label = input.required<string>();
}
