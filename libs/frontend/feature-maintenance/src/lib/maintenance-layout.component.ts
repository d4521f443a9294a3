import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@leitstand/frontend/i18n';

/** The maintenance area's sections, in tab order. */
export const MAINTENANCE_SECTIONS: ReadonlyArray<{ readonly path: string; readonly label: string }> = [
  { path: '/maintenance/calendar', label: 'maint.tab.calendar' },
  { path: '/maintenance/requirements', label: 'maint.tab.requirements' },
];

/** The frame of `/maintenance`: calendar and plans as tabs; detail pages open inside it. */
@Component({
  selector: 'ls-maintenance-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatTabsModule, TranslatePipe],
  template: `
    <div class="maintenance">
      <nav mat-tab-nav-bar [tabPanel]="panel" [attr.aria-label]="'maint.tabs' | t">
        @for (section of sections; track section.path) {
          <a
            mat-tab-link
            [routerLink]="section.path"
            queryParamsHandling="preserve"
            routerLinkActive
            #active="routerLinkActive"
            [active]="active.isActive"
            >{{ section.label | t }}</a
          >
        }
      </nav>
      <mat-tab-nav-panel #panel>
        <router-outlet />
      </mat-tab-nav-panel>
    </div>
  `,
  styles: `
    .maintenance {
      max-width: 1400px;
      margin: 0 auto;
      padding: 8px 16px 32px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MaintenanceLayoutComponent {
  protected readonly sections = MAINTENANCE_SECTIONS;
}
