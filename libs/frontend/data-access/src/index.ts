export { API_BASE_URL } from './lib/api-base-url.token';
export { TicketsApiService } from './lib/tickets-api.service';
