import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Router } from '@angular/router';
import { AuthService } from '@leitstand/frontend/data-access';

/** Roles that see contract KPIs and costs (the API answers 403 to customers and technicians). */
export const DASHBOARD_ROLES: readonly string[] = ['admin', 'agent', 'manager'];

/** After `authGuard`: other roles are sent to the start page. */
export const dashboardRoleGuard: CanActivateFn = () => {
  const role = inject(AuthService).user()?.role;
  return role !== undefined && DASHBOARD_ROLES.includes(role) ? true : inject(Router).createUrlTree(['/']);
};
