export * from './ticket-status';
export * from './ticket-events';
export * from './ticket-priority';
export * from './ticket-scope';
