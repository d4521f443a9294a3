import type { Role } from '@leitstand/api-contracts';

/** How the top bar names a role. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Administration',
  agent: 'Helpdesk',
  technician: 'Technik',
  manager: 'Objektleitung',
  customer: 'Kunde',
};
