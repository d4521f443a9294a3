import {
  type EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';
import { provideLsIcons } from '@leitstand/frontend/ui';

/** The queue's own icons (search field), Material Symbols paths (Apache-2.0), in the shared `ls` namespace. */
const QUEUE_ICONS: Readonly<Record<string, string>> = {
  search:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z"/></svg>',
  close:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"/></svg>',
};

/** Registers the queue's SVG icons (the shared `ls:*` set plus the search field's). */
export function provideTicketListIcons(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideLsIcons(),
    provideEnvironmentInitializer(() => {
      const registry = inject(MatIconRegistry);
      const sanitizer = inject(DomSanitizer);
      for (const [name, svg] of Object.entries(QUEUE_ICONS)) {
        // Compile-time constants of this lib, never user input.
        registry.addSvgIconLiteralInNamespace('ls', name, sanitizer.bypassSecurityTrustHtml(svg));
      }
    }),
  ]);
}
