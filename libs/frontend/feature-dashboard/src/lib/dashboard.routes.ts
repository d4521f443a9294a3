import type { Routes } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';
import { DashboardPageComponent } from './dashboard-page.component';
import { dashboardRoleGuard } from './dashboard-role.guard';
import { EconomicsPageComponent } from './economics-page.component';
import { ReportPageComponent } from './report-page.component';

/**
 * Mount under `dashboard` with `loadChildren: () => import('@leitstand/frontend/feature-dashboard').then((m) => m.DASHBOARD_ROUTES)`
 * behind `authGuard`; only admins, agents and managers get in (`dashboardRoleGuard`). ECharts (only the
 * parts the charts use, echarts-modular.ts) is loaded lazily with the first chart.
 */
export const DASHBOARD_ROUTES: Routes = [
  {
    path: '',
    canActivate: [dashboardRoleGuard],
    providers: [provideEchartsCore({ echarts: () => import('./echarts-modular').then((m) => m.echarts) })],
    children: [
      { path: '', pathMatch: 'full', title: 'dashboard.pageTitle', component: DashboardPageComponent },
      { path: 'report', title: 'report.pageTitle', component: ReportPageComponent },
      { path: 'economics', title: 'economics.pageTitle', component: EconomicsPageComponent },
    ],
  },
];
