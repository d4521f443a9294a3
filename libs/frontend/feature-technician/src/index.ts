export { TECHNICIAN_ROUTES } from './lib/technician.routes';
export { TechnicianPageComponent } from './lib/technician-page.component';
export { TechnicianTicketComponent } from './lib/technician-ticket.component';
export { nextTechnicianAction, workLogDefaults, PRICE_LIST_ROLES } from './lib/technician-workflow';
export { TechnicianOccurrencesComponent } from './lib/technician-occurrences.component';
export { OccurrenceExecutionComponent } from './lib/occurrence-execution.component';
