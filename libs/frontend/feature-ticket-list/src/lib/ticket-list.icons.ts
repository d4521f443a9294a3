import { type EnvironmentProviders, inject, provideEnvironmentInitializer } from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';
import { ICON_NAMESPACE, TICKET_LIST_ICONS } from './ticket-list-icons.constants';

/** Registers the ticket list's SVG icons with the root MatIconRegistry (idempotent). */
export function provideTicketListIcons(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    const registry = inject(MatIconRegistry);
    const sanitizer = inject(DomSanitizer);
    for (const [name, svg] of Object.entries(TICKET_LIST_ICONS)) {
      // The literals are compile-time constants of this file, never user input.
      registry.addSvgIconLiteralInNamespace(ICON_NAMESPACE, name, sanitizer.bypassSecurityTrustHtml(svg));
    }
  });
}
