export { LS_ICONS, LS_ICON_NAMESPACE } from './lib/ls-icons.constants';
export { provideLsIcons } from './lib/ls-icons';
export {
  CLOCK_LABEL_KEYS,
  PRIORITY_DISPLAY,
  STATUS_LABEL_KEYS,
  type PriorityDisplay,
} from './lib/ticket-display.constants';
export { SlaTicker } from './lib/sla-ticker.service';
export {
  type SlaCountdownClock,
  type SlaCountdownView,
  type SlaTone,
  type Translate,
  describeSlaClock,
  formatOverdue,
  formatRemaining,
} from './lib/sla-countdown';
export { SlaCountdownComponent } from './lib/sla-countdown.component';
export { PriorityBadgeComponent } from './lib/priority-badge.component';
export { StatusBadgeComponent } from './lib/status-badge.component';
export {
  DOCUMENT_CLASS_LABEL_KEYS,
  DocumentGalleryComponent,
  formatFileSize,
  uploadFailureKey,
} from './lib/document-gallery.component';
export {
  DocumentsPanelComponent,
  type DocumentsPanelState,
  type DocumentsPanelUpload,
} from './lib/documents-panel.component';
export {
  OCCURRENCE_STATUS_DISPLAY,
  OCCURRENCE_STATUS_ORDER,
  followUpTickets,
  formatPlanDate,
  missingEvidenceText,
  occurrenceStatusDisplay,
  type EvidenceTaskLike,
  type FollowUpTicketRef,
  type OccurrenceStatusDisplay,
  type OccurrenceStatusValue,
  type OccurrenceTone,
} from './lib/occurrence-status';
export { OccurrenceStatusComponent } from './lib/occurrence-status.component';
export { PlanDatePipe } from './lib/plan-date.pipe';
