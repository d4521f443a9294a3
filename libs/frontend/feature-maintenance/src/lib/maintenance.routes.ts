import type { Routes } from '@angular/router';
import { AssetLogPageComponent } from './asset-log-page.component';
import { CalendarPageComponent } from './calendar-page.component';
import { MaintenanceLayoutComponent } from './maintenance-layout.component';
import { OccurrenceDetailComponent } from './occurrence-detail.component';
import { RequirementsPageComponent } from './requirements-page.component';

/**
 * Mount under `maintenance` behind `authGuard` and `roleGuard('agent', 'admin', 'manager')`: the planner's
 * calendar per site and trade, the plans (requirements) per contract, site and asset, an occurrence's detail
 * (read-only for staff) and an asset's maintenance log. Writing plans is for admins and managers (the API answers
 * 403 to agents, shown at the form).
 */
export const MAINTENANCE_ROUTES: Routes = [
  {
    path: '',
    component: MaintenanceLayoutComponent,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'calendar' },
      { path: 'calendar', title: 'maint.pageTitle', component: CalendarPageComponent },
      { path: 'requirements', title: 'maint.pageTitle', component: RequirementsPageComponent },
      { path: 'occurrences/:occurrenceId', title: 'maint.detail.pageTitle', component: OccurrenceDetailComponent },
      { path: 'assets/:assetId', title: 'maint.log.pageTitle', component: AssetLogPageComponent },
    ],
  },
];
