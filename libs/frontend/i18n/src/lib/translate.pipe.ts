import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { I18nKey } from './dictionary.de';
import { I18nService, type I18nParams } from './i18n.service';

/**
 * `{{ 'shell.logout' | t }}` → "Abmelden" / "Sign out". Impure on purpose: the text depends on the language
 * signal, which the template reads through this pipe, so a switch re-renders without a reload.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: I18nKey | string, params?: I18nParams): string {
    return this.i18n.t(key, params);
  }
}
