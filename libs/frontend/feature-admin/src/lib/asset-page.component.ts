import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import {
  ASSET_CLASSES,
  type AssetClass,
  type AssetView,
  MAINTENANCE_WINDOW_REASON_MAX,
  type MaintenanceWindowView,
  ASSET_ATTRIBUTES_MAX,
  type AssetTicketView,
  type CreateAssetRequest,
  type SiteView,
} from '@leitstand/api-contracts';
import { CatalogApiService, DocumentListState, DocumentsApiService } from '@leitstand/frontend/data-access';
import { DocumentsPanelComponent } from '@leitstand/frontend/ui';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { type WriteFailure, toWriteFailure } from './api-problems';
import { FieldProblemsComponent } from './field-problems.component';
import { type LocationRow, flattenTree } from './location-tree.component';
import { WriteFailureComponent } from './write-failure.component';

/** `2026-12-04T17:30` in the browser's zone, for `<input type="datetime-local">`. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => n.toString().padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (browser zone) as an ISO instant, or '' when it is none (the API names the field). */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  return value === '' || Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** Key/value rows of the attribute editor → the API's map (empty keys dropped; the last of a repeated key wins). */
export function toAttributes(rows: ReadonlyArray<{ key: string; value: string }>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key !== '') attributes[key] = row.value;
  }
  return attributes;
}

/** "" → null, otherwise trimmed. */
function textOrNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * One asset (`assets/:assetId`) or a new one of a site (`sites/:siteId/assets/new`): code, name, trade, class,
 * parent, location, manufacturer, model, serial number, year built, warranty, free attributes (key/value),
 * redundancy group, in contract; its planned maintenance windows (create, edit, delete, each with If-Match) and its tickets.
 */
@Component({
  selector: 'ls-admin-asset-page',
  imports: [
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldProblemsComponent,
    WriteFailureComponent,
    DocumentsPanelComponent,
  ],
  template: `
    <p>
      <a routerLink="/admin/assets">← {{ 'admin.assets' | t }}</a>
    </p>
    <h1>{{ asset() ? asset()?.code + ' ' + asset()?.name : ('admin.assets.new' | t) }}</h1>
    @if (site(); as site) {
      <p class="hint">{{ 'admin.asset.atSite' | t: { site: site.name, city: site.city } }}</p>
    }
    <ls-write-failure [failure]="loadFailure()" />

    <form class="grid" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.code' | t }}</mat-label>
        <input matInput formControlName="code" required />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.name' | t }}</mat-label>
        <input matInput formControlName="name" required />
      </mat-form-field>
      <ls-field-problems class="wide" [problems]="problems()" path="code" />
      <ls-field-problems class="wide" [problems]="problems()" path="name" />
      <mat-form-field>
        <mat-label>{{ 'admin.asset.trade' | t }}</mat-label>
        <input matInput formControlName="trade" required />
        <mat-hint>{{ 'admin.asset.tradeHint' | t }}</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.assets.class' | t }}</mat-label>
        <mat-select formControlName="assetClass">
          @for (c of classes; track c) {
            <mat-option [value]="c">{{ c }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.parent' | t }}</mat-label>
        <mat-select formControlName="parentId">
          <mat-option value="">{{ 'admin.asset.noParent' | t }}</mat-option>
          @for (a of siblings(); track a.id) {
            <mat-option [value]="a.id">{{ a.code }} {{ a.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <ls-field-problems class="wide" [problems]="problems()" path="trade" />
      <ls-field-problems class="wide" [problems]="problems()" path="assetClass" />
      <ls-field-problems class="wide" [problems]="problems()" path="parentId" />
      <mat-form-field class="wide">
        <mat-label>{{ 'admin.asset.location' | t }}</mat-label>
        <mat-select formControlName="locationId">
          <mat-option value="">{{ 'admin.asset.noLocation' | t }}</mat-option>
          @for (row of locations(); track row.node.id) {
            <mat-option [value]="row.node.id">{{ row.node.path }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <ls-field-problems class="wide" [problems]="problems()" path="locationId" />
      <mat-form-field>
        <mat-label>{{ 'admin.asset.manufacturer' | t }}</mat-label>
        <input matInput formControlName="manufacturer" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.model' | t }}</mat-label>
        <input matInput formControlName="model" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.serialNumber' | t }}</mat-label>
        <input matInput formControlName="serialNumber" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.yearBuilt' | t }}</mat-label>
        <input matInput formControlName="yearBuilt" inputmode="numeric" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.warrantyUntil' | t }}</mat-label>
        <input matInput type="date" formControlName="warrantyUntil" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'admin.asset.redundancyGroup' | t }}</mat-label>
        <input matInput formControlName="redundancyGroup" />
        <mat-hint>{{ 'admin.asset.redundancyHint' | t }}</mat-hint>
      </mat-form-field>
      @for (f of detailFields; track f) {
        <ls-field-problems class="wide" [problems]="problems()" [path]="f" />
      }
      <fieldset class="wide attributes" formArrayName="attributes">
        <legend>{{ 'admin.asset.attributes' | t }}</legend>
        @for (row of form.controls.attributes.controls; track row; let i = $index) {
          <div class="attribute" [formGroupName]="i">
            <mat-form-field>
              <mat-label>{{ 'admin.asset.attributeKey' | t }}</mat-label>
              <input matInput formControlName="key" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'admin.asset.attributeValue' | t }}</mat-label>
              <input matInput formControlName="value" />
            </mat-form-field>
            <button mat-button type="button" (click)="removeAttribute(i)">{{ 'admin.delete' | t }}</button>
          </div>
        }
        @if (form.controls.attributes.length < attributesMax) {
          <button mat-stroked-button type="button" (click)="addAttribute()">
            {{ 'admin.asset.addAttribute' | t }}
          </button>
        }
        <ls-field-problems [problems]="problems()" path="attributes" />
      </fieldset>
      <mat-checkbox class="wide" formControlName="inContract">{{ 'admin.asset.inContract' | t }}</mat-checkbox>
      <ls-write-failure class="wide" [failure]="failure()" (reload)="load()" />
      @if (saved()) {
        <p class="wide" role="status">{{ 'admin.saved' | t }}</p>
      }
      <div class="wide actions">
        <button mat-flat-button type="submit" [disabled]="saving()">
          {{ (asset() ? 'admin.save' : 'admin.create') | t }}
        </button>
      </div>
    </form>

    @if (asset()) {
      <section>
        <h2>{{ 'admin.windows' | t }}</h2>
        <p class="hint">{{ 'admin.windows.hint' | t }}</p>
        @if (windows().length === 0) {
          <p>{{ 'admin.windows.empty' | t }}</p>
        }
        <ul class="rows" data-testid="maintenance-windows">
          @for (w of windows(); track w.id) {
            <li>
              <span>{{ when(w.startsAt) }} – {{ when(w.endsAt) }}</span>
              <span>{{ w.reason }}</span>
              <button mat-button type="button" (click)="editWindow(w)">{{ 'admin.edit' | t }}</button>
              <button mat-button type="button" (click)="deleteWindow(w)">{{ 'admin.delete' | t }}</button>
            </li>
          }
        </ul>
        <form class="grid" [formGroup]="windowForm" (ngSubmit)="saveWindow()" novalidate>
          <h3 class="wide">{{ (editing() ? 'admin.windows.edit' : 'admin.windows.new') | t }}</h3>
          <mat-form-field>
            <mat-label>{{ 'admin.windows.startsAt' | t }}</mat-label>
            <input matInput type="datetime-local" formControlName="startsAt" required />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'admin.windows.endsAt' | t }}</mat-label>
            <input matInput type="datetime-local" formControlName="endsAt" required />
          </mat-form-field>
          <ls-field-problems class="wide" [problems]="windowProblems()" path="startsAt" />
          <ls-field-problems class="wide" [problems]="windowProblems()" path="endsAt" />
          <mat-form-field class="wide">
            <mat-label>{{ 'admin.windows.reason' | t }}</mat-label>
            <input matInput formControlName="reason" required [maxlength]="reasonMax" />
          </mat-form-field>
          <ls-field-problems class="wide" [problems]="windowProblems()" path="reason" />
          <ls-write-failure class="wide" [failure]="windowFailure()" (reload)="loadWindows()" />
          <div class="wide actions">
            <button mat-flat-button type="submit">{{ (editing() ? 'admin.save' : 'admin.windows.add') | t }}</button>
            @if (editing()) {
              <button mat-button type="button" (click)="cancelEdit()">{{ 'admin.cancel' | t }}</button>
            }
          </div>
        </form>
      </section>

      <section>
        <h2>{{ 'admin.asset.tickets' | t }}</h2>
        <!-- tickets and maintenance/inspection occurrences in one history, with the asset's plans -->
        <p>
          <a class="maintenance-log" [routerLink]="['/maintenance/assets', asset()?.id]">{{ 'maint.log.link' | t }}</a>
        </p>
        @if (tickets().length === 0) {
          <p>{{ 'admin.asset.noTickets' | t }}</p>
        }
        <ul class="rows">
          @for (t of tickets(); track t.id) {
            <li>
              <a [routerLink]="['/tickets', t.id]">{{ t.number }}</a>
              <span>{{ t.title }}</span>
              <span>{{ 'status.' + t.status | t }}</span>
              <span>{{ when(t.createdAt) }}</span>
              @if (t.restoredAt) {
                <span>{{ 'admin.asset.restoredAt' | t: { at: when(t.restoredAt) } }}</span>
              }
            </li>
          }
        </ul>
      </section>

      <ls-documents-panel [state]="documents" headingId="asset-documents-heading" />
    }
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      column-gap: 16px;
      max-width: 52rem;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .attribute {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: baseline;
    }
    .attributes {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      margin-bottom: 16px;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    section {
      margin-top: 24px;
    }
    .rows {
      list-style: none;
      padding: 0;
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: center;
        padding: 6px 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssetPageComponent {
  private readonly api = inject(CatalogApiService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route parameters: `siteId` when creating, `assetId` when editing. */
  readonly siteId = input<string>();
  readonly assetId = input<string>();

  protected readonly classes = ASSET_CLASSES;
  protected readonly reasonMax = MAINTENANCE_WINDOW_REASON_MAX;
  protected readonly asset = signal<AssetView | null>(null);
  protected readonly site = signal<SiteView | null>(null);
  protected readonly siblings = signal<AssetView[]>([]);
  protected readonly windows = signal<MaintenanceWindowView[]>([]);
  protected readonly tickets = signal<AssetTicketView[]>([]);
  /** The asset's documents (inspection reports, manuals, photos of the plate): the shared panel's state. */
  protected readonly documents = new DocumentListState(inject(DestroyRef));
  private readonly documentsApi = inject(DocumentsApiService);
  private documentsOf: string | null = null;
  protected readonly locations = signal<LocationRow[]>([]);
  protected readonly attributesMax = ASSET_ATTRIBUTES_MAX;
  protected readonly detailFields = [
    'manufacturer',
    'model',
    'serialNumber',
    'yearBuilt',
    'warrantyUntil',
    'redundancyGroup',
  ] as const;
  protected readonly editing = signal<MaintenanceWindowView | null>(null);
  protected readonly loadFailure = signal<WriteFailure | null>(null);
  protected readonly failure = signal<WriteFailure | null>(null);
  protected readonly problems = computed(() => this.failure()?.fields ?? []);
  protected readonly windowFailure = signal<WriteFailure | null>(null);
  protected readonly windowProblems = computed(() => this.windowFailure()?.fields ?? []);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);

  protected readonly form = this.fb.group({
    code: ['', [Validators.required, Validators.maxLength(60)]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    trade: ['', Validators.required],
    assetClass: ['B' as AssetClass],
    parentId: [''],
    inContract: [true],
    locationId: [''],
    manufacturer: [''],
    model: [''],
    serialNumber: [''],
    yearBuilt: [''],
    warrantyUntil: [''],
    redundancyGroup: [''],
    attributes: this.fb.array<ReturnType<AssetPageComponent['attributeGroup']>>([]),
  });

  private attributeGroup(key: string, value: string) {
    return this.fb.group({ key: [key, Validators.maxLength(60)], value: [value, Validators.maxLength(500)] });
  }

  protected addAttribute(): void {
    this.form.controls.attributes.push(this.attributeGroup('', ''));
  }

  protected removeAttribute(index: number): void {
    this.form.controls.attributes.removeAt(index);
  }

  protected readonly windowForm = this.fb.group({
    startsAt: ['', Validators.required],
    endsAt: ['', Validators.required],
    reason: ['', [Validators.required, Validators.maxLength(MAINTENANCE_WINDOW_REASON_MAX)]],
  });

  constructor() {
    effect(() => {
      const assetId = this.assetId();
      const siteId = this.siteId();
      if (assetId) this.load();
      else if (siteId) this.loadSite(siteId);
    });
  }

  protected when(iso: string): string {
    return new Intl.DateTimeFormat(this.i18n.locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  }

  load(): void {
    const id = this.assetId();
    if (!id) return;
    this.failure.set(null);
    this.api
      .asset(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (asset) => {
          this.show(asset);
          this.loadSite(asset.siteId);
          this.loadWindows();
          this.api
            .assetTickets(asset.id)
            .pipe(takeUntilDestroyed(this.destroyRef))
            .subscribe({ next: (page) => this.tickets.set(page.items), error: () => this.tickets.set([]) });
        },
        error: (error: unknown) => this.loadFailure.set(toWriteFailure(error)),
      });
  }

  private loadSite(siteId: string): void {
    this.api
      .site(siteId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (site) => this.site.set(site), error: () => this.site.set(null) });
    this.api
      .locations(siteId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (tree) => this.locations.set(flattenTree(tree.items)), error: () => this.locations.set([]) });
    this.api
      .assets({ siteId, limit: 200 })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => this.siblings.set(page.items.filter((a) => a.id !== this.assetId())),
        error: () => this.siblings.set([]),
      });
  }

  loadWindows(): void {
    const asset = this.asset();
    if (!asset) return;
    this.windowFailure.set(null);
    this.api
      .maintenanceWindows(asset.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (page) => this.windows.set(page.items), error: () => this.windows.set([]) });
  }

  private show(asset: AssetView): void {
    this.asset.set(asset);
    if (this.documentsOf !== asset.id) {
      const id = asset.id;
      this.documentsOf = id;
      this.documents.connect({
        list: () => this.documentsApi.forAsset(id),
        upload: (r) => this.documentsApi.uploadToAsset(id, r),
        update: (doc, changes) => this.documentsApi.update(doc, changes),
      });
    }
    this.form.controls.attributes.clear({ emitEvent: false });
    for (const [key, value] of Object.entries(asset.attributes ?? {})) {
      this.form.controls.attributes.push(this.attributeGroup(key, value), { emitEvent: false });
    }
    this.form.reset({
      code: asset.code,
      name: asset.name,
      trade: asset.trade,
      assetClass: asset.assetClass,
      parentId: asset.parentId ?? '',
      inContract: asset.inContract,
      locationId: asset.locationId ?? '',
      manufacturer: asset.manufacturer ?? '',
      model: asset.model ?? '',
      serialNumber: asset.serialNumber ?? '',
      yearBuilt: asset.yearBuilt === null ? '' : String(asset.yearBuilt),
      warrantyUntil: asset.warrantyUntil ?? '',
      redundancyGroup: asset.redundancyGroup ?? '',
    });
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const year = v.yearBuilt.trim();
    const body: Omit<CreateAssetRequest, 'siteId'> = {
      code: v.code.trim(),
      name: v.name.trim(),
      trade: v.trade.trim(),
      assetClass: v.assetClass,
      parentId: v.parentId === '' ? null : v.parentId,
      inContract: v.inContract,
      locationId: v.locationId === '' ? null : v.locationId,
      manufacturer: textOrNull(v.manufacturer),
      model: textOrNull(v.model),
      serialNumber: textOrNull(v.serialNumber),
      // A year that is no whole number goes to the API as typed, which names the field.
      yearBuilt: year === '' ? null : /^\d+$/.test(year) ? Number.parseInt(year, 10) : (year as unknown as number),
      warrantyUntil: v.warrantyUntil === '' ? null : v.warrantyUntil,
      redundancyGroup: textOrNull(v.redundancyGroup),
      attributes: toAttributes(v.attributes),
    };
    const asset = this.asset();
    this.saving.set(true);
    this.saved.set(false);
    this.failure.set(null);
    const request = asset
      ? this.api.updateAsset(asset.id, asset.version, body)
      : this.api.createAsset({ ...body, siteId: this.siteId() ?? '' });
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => {
        this.saving.set(false);
        if (asset) {
          this.saved.set(true);
          this.show(saved);
        } else {
          void this.router.navigate(['/admin/assets', saved.id]);
        }
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.failure.set(toWriteFailure(error));
      },
    });
  }

  protected editWindow(w: MaintenanceWindowView): void {
    this.editing.set(w);
    this.windowFailure.set(null);
    this.windowForm.reset({ startsAt: toLocalInput(w.startsAt), endsAt: toLocalInput(w.endsAt), reason: w.reason });
  }

  protected cancelEdit(): void {
    this.editing.set(null);
    this.windowForm.reset({ startsAt: '', endsAt: '', reason: '' });
  }

  protected saveWindow(): void {
    const asset = this.asset();
    if (!asset) return;
    if (this.windowForm.invalid) {
      this.windowForm.markAllAsTouched();
      return;
    }
    const v = this.windowForm.getRawValue();
    const body = { startsAt: fromLocalInput(v.startsAt), endsAt: fromLocalInput(v.endsAt), reason: v.reason.trim() };
    const editing = this.editing();
    this.windowFailure.set(null);
    const request = editing
      ? this.api.updateMaintenanceWindow(editing.id, editing.version, body)
      : this.api.createMaintenanceWindow(asset.id, body);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => {
        this.cancelEdit();
        this.loadWindows();
      },
      error: (error: unknown) => this.windowFailure.set(toWriteFailure(error)),
    });
  }

  protected deleteWindow(w: MaintenanceWindowView): void {
    this.windowFailure.set(null);
    this.api
      .deleteMaintenanceWindow(w.id, w.version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.loadWindows(),
        error: (error: unknown) => this.windowFailure.set(toWriteFailure(error)),
      });
  }
}
