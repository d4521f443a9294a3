import { type EnvironmentProviders, inject, provideEnvironmentInitializer } from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';
import { LS_ICONS, LS_ICON_NAMESPACE } from './ls-icons.constants';

/** Registers the shared SVG icons (`ls:*`) with the root MatIconRegistry (idempotent). */
export function provideLsIcons(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => {
    const registry = inject(MatIconRegistry);
    const sanitizer = inject(DomSanitizer);
    for (const [name, svg] of Object.entries(LS_ICONS)) {
      // The literals are compile-time constants of this lib, never user input.
      registry.addSvgIconLiteralInNamespace(LS_ICON_NAMESPACE, name, sanitizer.bypassSecurityTrustHtml(svg));
    }
  });
}
