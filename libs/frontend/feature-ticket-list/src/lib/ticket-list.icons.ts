import type { EnvironmentProviders } from '@angular/core';
import { provideLsIcons } from '@leitstand/frontend/ui';

/** Registers the queue's SVG icons (the shared `ls:*` set). */
export function provideTicketListIcons(): EnvironmentProviders {
  return provideLsIcons();
}
