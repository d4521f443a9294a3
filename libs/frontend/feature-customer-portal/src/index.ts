export { CUSTOMER_PORTAL_ROUTES } from './lib/customer-portal.routes';
export { PortalPageComponent } from './lib/portal-page.component';
export { PortalReportComponent } from './lib/portal-report.component';
export { PortalTicketComponent } from './lib/portal-ticket.component';
