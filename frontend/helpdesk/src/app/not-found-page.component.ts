import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@leitstand/frontend/i18n';

/**
 * What an unknown address shows (instead of silently landing on the queue): the address that was asked for and a
 * way back to the start page of the signed-in role ("/" — sign-in first when nobody is signed in).
 */
@Component({
  selector: 'ls-not-found-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe],
  template: `
    <section class="not-found">
      <p class="code" aria-hidden="true">404</p>
      <h1>{{ 'notFound.title' | t }}</h1>
      <p>{{ 'notFound.text' | t }}</p>
      <p class="address">
        <code>{{ address }}</code>
      </p>
      <a mat-flat-button routerLink="/">{{ 'notFound.home' | t }}</a>
    </section>
  `,
  styles: `
    .not-found {
      max-width: 40rem;
      margin: 48px auto;
      padding: 0 16px;
    }
    .code {
      font: var(--mat-sys-display-medium);
      color: var(--mat-sys-primary);
      margin: 0;
    }
    .address code {
      word-break: break-all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPageComponent {
  /** The address as it was asked for (the router keeps it: the catch-all route does not redirect). */
  protected readonly address = inject(Router).url;
}
