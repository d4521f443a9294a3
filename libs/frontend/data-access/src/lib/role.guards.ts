import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Router } from '@angular/router';
import type { Role } from '@leitstand/api-contracts';
import { AuthService } from './auth.service';

/** Lets only users with one of `roles` in; everybody else goes to their start page ("/"). */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return () => {
    const role = inject(AuthService).user()?.role;
    return (role !== undefined && roles.includes(role)) || inject(Router).parseUrl('/');
  };
}

/**
 * Where a role starts: customers in the portal, technicians in their phone view, object managers on the contract
 * dashboard; agents and admins in the queue ("/").
 */
export const ROLE_HOME: Readonly<Partial<Record<Role, string>>> = {
  customer: '/portal',
  technician: '/technician',
  manager: '/dashboard',
};

/** On "/" (where sign-in leads): sends customers, technicians and managers on to their own start page. */
export const roleHomeGuard: CanActivateFn = () => {
  const role = inject(AuthService).user()?.role;
  const home = role ? ROLE_HOME[role] : undefined;
  return home ? inject(Router).parseUrl(home) : true;
};
