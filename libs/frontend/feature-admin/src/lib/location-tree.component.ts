import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { LocationKind, LocationNode } from '@leitstand/api-contracts';
import { CatalogApiService } from '@leitstand/frontend/data-access';
import { TranslatePipe } from '@leitstand/frontend/i18n';
import { type WriteFailure, toWriteFailure } from './api-problems';
import { FieldProblemsComponent } from './field-problems.component';
import { WriteFailureComponent } from './write-failure.component';

/** What may be added below a location: a floor in a building, a room on a floor, nothing in a room. */
export const CHILD_KIND: Readonly<Record<LocationKind, LocationKind | null>> = {
  building: 'floor',
  floor: 'room',
  room: null,
};

/** One row of the flattened tree (depth for indentation). */
export interface LocationRow {
  node: LocationNode;
  depth: number;
}

export function flattenTree(nodes: readonly LocationNode[], depth = 0): LocationRow[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flattenTree(node.children, depth + 1)]);
}

/**
 * A site's locations as data: buildings → floors → rooms with their asset counts. Add a building, a floor in a
 * building, a room on a floor; rename any (If-Match); delete an empty one (the API refuses others with 409).
 */
@Component({
  selector: 'ls-location-tree',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldProblemsComponent,
    WriteFailureComponent,
  ],
  template: `
    <section class="locations">
      <h2>{{ 'admin.locations' | t }}</h2>
      @if (rows().length === 0) {
        <p>{{ 'admin.locations.empty' | t }}</p>
      }
      <ul class="tree" data-testid="location-tree">
        @for (row of rows(); track row.node.id) {
          <li [style.padding-left.rem]="row.depth * 1.5" [attr.data-kind]="row.node.kind">
            <span class="kind">{{ 'admin.locations.kind.' + row.node.kind | t }}</span>
            @if (renaming() === row.node.id) {
              <mat-form-field class="inline">
                <mat-label>{{ 'admin.locations.name' | t }}</mat-label>
                <input matInput [(ngModel)]="renameText" (keyup.enter)="rename(row.node)" />
              </mat-form-field>
              <button mat-button type="button" (click)="rename(row.node)">{{ 'admin.save' | t }}</button>
              <button mat-button type="button" (click)="renaming.set(null)">{{ 'admin.cancel' | t }}</button>
            } @else {
              <strong>{{ row.node.name }}</strong>
              <span class="count">{{ 'admin.locations.assets' | t: { count: row.node.assetCount } }}</span>
              <button mat-button type="button" (click)="startRename(row.node)">
                {{ 'admin.locations.rename' | t }}
              </button>
              @if (childKind(row.node); as kind) {
                <button mat-button type="button" (click)="startAdd(row.node.id, kind)">
                  {{ 'admin.locations.add.' + kind | t }}
                </button>
              }
              @if (row.node.children.length === 0 && row.node.assetCount === 0) {
                <button mat-button type="button" (click)="remove(row.node)">{{ 'admin.delete' | t }}</button>
              }
            }
          </li>
        }
      </ul>
      @if (adding(); as a) {
        <div class="add">
          <mat-form-field>
            <mat-label>{{ 'admin.locations.newName.' + a.kind | t }}</mat-label>
            <input matInput [(ngModel)]="addText" (keyup.enter)="add()" />
          </mat-form-field>
          <button mat-flat-button type="button" (click)="add()">{{ 'admin.create' | t }}</button>
          <button mat-button type="button" (click)="adding.set(null)">{{ 'admin.cancel' | t }}</button>
        </div>
        <ls-field-problems [problems]="problems()" path="name" />
        <ls-field-problems [problems]="problems()" path="parentId" />
      } @else {
        <button mat-stroked-button type="button" (click)="startAdd(null, 'building')">
          {{ 'admin.locations.add.building' | t }}
        </button>
      }
      <ls-write-failure [failure]="failure()" (reload)="load()" />
    </section>
  `,
  styles: `
    .tree {
      list-style: none;
      padding: 0;
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 12px;
        min-height: 48px;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
    }
    .kind,
    .count {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .add {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: baseline;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LocationTreeComponent {
  private readonly api = inject(CatalogApiService);
  private readonly destroyRef = inject(DestroyRef);

  readonly siteId = input.required<string>();

  protected readonly tree = signal<LocationNode[]>([]);
  protected readonly rows = computed(() => flattenTree(this.tree()));
  protected readonly adding = signal<{ parentId: string | null; kind: LocationKind } | null>(null);
  protected readonly renaming = signal<string | null>(null);
  protected readonly failure = signal<WriteFailure | null>(null);
  protected readonly problems = computed(() => this.failure()?.fields ?? []);
  protected addText = '';
  protected renameText = '';

  constructor() {
    effect(() => {
      this.siteId();
      this.load();
    });
  }

  protected childKind(node: LocationNode): LocationKind | null {
    return CHILD_KIND[node.kind];
  }

  load(): void {
    this.api
      .locations(this.siteId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (tree) => this.tree.set(tree.items),
        error: (error: unknown) => this.failure.set(toWriteFailure(error)),
      });
  }

  protected startAdd(parentId: string | null, kind: LocationKind): void {
    this.failure.set(null);
    this.addText = '';
    this.adding.set({ parentId, kind });
  }

  protected startRename(node: LocationNode): void {
    this.failure.set(null);
    this.renameText = node.name;
    this.renaming.set(node.id);
  }

  private done = {
    next: () => {
      this.adding.set(null);
      this.renaming.set(null);
      this.load();
    },
    error: (error: unknown) => this.failure.set(toWriteFailure(error)),
  };

  protected add(): void {
    const a = this.adding();
    if (!a) return;
    this.failure.set(null);
    this.api
      .createLocation(this.siteId(), { kind: a.kind, parentId: a.parentId, name: this.addText.trim() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(this.done);
  }

  protected rename(node: LocationNode): void {
    this.failure.set(null);
    this.api
      .updateLocation(node.id, node.version, { name: this.renameText.trim() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(this.done);
  }

  protected remove(node: LocationNode): void {
    this.failure.set(null);
    this.api.deleteLocation(node.id).pipe(takeUntilDestroyed(this.destroyRef)).subscribe(this.done);
  }
}
