export { API_BASE_URL } from './lib/api-base-url.token';
export { AuthService, refreshRefused } from './lib/auth.service';
export { CSRF_HEADER, CSRF_HEADER_VALUE, authInterceptor } from './lib/auth.interceptor';
export { authGuard, guestGuard } from './lib/auth.guards';
export { LOGIN_PATH, loginUrlTree, safeReturnUrl } from './lib/login-redirect';
export { TicketsApiService } from './lib/tickets-api.service';
export { CatalogApiService } from './lib/catalog-api.service';
export {
  EVENT_SOURCE_FACTORY,
  FIRST_RECONNECT_MS,
  MAX_RECONNECT_MS,
  TicketChangesService,
  type TicketStreamEvent,
} from './lib/ticket-changes.service';
export { KpiApiService } from './lib/kpi-api.service';
export { WorkRecordsApiService } from './lib/work-records-api.service';
export { ServiceReportApiService } from './lib/service-report-api.service';
export { UsersApiService } from './lib/users-api.service';
export { ROLE_HOME, roleGuard, roleHomeGuard } from './lib/role.guards';
export {
  DocumentsApiService,
  uploadFailureOf,
  type DocumentUploadRequest,
  type UploadFailure,
} from './lib/documents-api.service';
export { DocumentListState, type DocumentSource, type DocumentUploadOutcome } from './lib/document-list.state';
export * from './lib/maintenance-api.service';
