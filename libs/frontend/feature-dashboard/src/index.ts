export { DASHBOARD_ROUTES } from './lib/dashboard.routes';
export { DASHBOARD_ROLES, dashboardRoleGuard } from './lib/dashboard-role.guard';
export { DashboardPageComponent } from './lib/dashboard-page.component';
export { ReportPageComponent } from './lib/report-page.component';
export { toCsv, csvField, downloadCsv } from './lib/csv';
