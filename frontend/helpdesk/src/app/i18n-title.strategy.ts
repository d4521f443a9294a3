import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18nService } from '@leitstand/frontend/i18n';

/**
 * The document title in the UI language: a route's `title` may be a text key ("intake.pageTitle"), shown in the
 * current language and switched with it; any other title is shown as it is (an unknown key is its own text).
 */
@Injectable({ providedIn: 'root' })
export class I18nTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private readonly routeTitle = signal<string | undefined>(undefined);

  constructor() {
    super();
    effect(() => {
      const title = this.routeTitle();
      if (title !== undefined) {
        this.title.setTitle(this.i18n.t(title));
      }
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const title = this.buildTitle(snapshot);
    this.routeTitle.set(title);
    if (title !== undefined) {
      // At once as well: the effect runs with the next change detection, the title is wanted now.
      this.title.setTitle(this.i18n.t(title));
    }
  }
}
