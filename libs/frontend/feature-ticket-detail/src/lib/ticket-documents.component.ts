import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input } from '@angular/core';
import { DocumentListState, DocumentsApiService } from '@leitstand/frontend/data-access';
import { DocumentsPanelComponent } from '@leitstand/frontend/ui';

/** The documents of a ticket in the agent's detail (the shared documents panel on the ticket's list and upload). */
@Component({
  selector: 'ls-ticket-documents',
  imports: [DocumentsPanelComponent],
  template: `<ls-documents-panel [state]="state" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketDocumentsComponent {
  private readonly api = inject(DocumentsApiService);

  readonly ticketId = input.required<string>();
  readonly state = new DocumentListState(inject(DestroyRef));

  constructor() {
    effect(() => {
      const id = this.ticketId();
      this.state.connect({
        list: () => this.api.forTicket(id),
        upload: (r) => this.api.uploadToTicket(id, r),
        update: (doc, changes) => this.api.update(doc, changes),
      });
    });
  }
}
