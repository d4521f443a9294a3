import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the dashboard draws (kpi-charts.ts: bar series with a dashed target mark line,
 * a grid, an axis tooltip; canvas rendering). The full `echarts` package is ~1 MB of JavaScript; this
 * build is a fraction of it. A chart option that needs another series or component type must add it here.
 */
echarts.use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
