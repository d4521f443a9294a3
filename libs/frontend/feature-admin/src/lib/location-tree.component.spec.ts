import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { LocationNode } from '@leitstand/api-contracts';
import { setUpAdminTest, type } from './admin-test.fixtures';
import { LocationTreeComponent, flattenTree } from './location-tree.component';

function node(
  id: string,
  kind: LocationNode['kind'],
  name: string,
  children: LocationNode[] = [],
  assetCount = 0,
): LocationNode {
  return {
    id,
    tenantId: 't-1',
    siteId: 's-1',
    parentId: null,
    kind,
    code: null,
    name,
    path: name,
    createdAt: '',
    version: 1,
    assetCount,
    children,
  };
}

const TREE = [
  node('b-1', 'building', 'Haus A', [node('f-1', 'floor', 'EG', [node('r-1', 'room', 'Raum 0.12', [], 2)])]),
];

describe('location tree', () => {
  let http: HttpTestingController | undefined;
  afterEach(() => http?.verify());

  it('flattens building → floor → room with their depth', () => {
    expect(flattenTree(TREE).map((r) => [r.node.name, r.depth])).toEqual([
      ['Haus A', 0],
      ['EG', 1],
      ['Raum 0.12', 2],
    ]);
  });

  it('adds a room on a floor, offers delete only for empty locations, and renames with If-Match', async () => {
    const h = setUpAdminTest('manager');
    http = h;
    const fixture = TestBed.createComponent(LocationTreeComponent);
    fixture.componentRef.setInput('siteId', 's-1');
    await fixture.whenStable();
    h.expectOne('/api/sites/s-1/locations').flush({ siteId: 's-1', items: TREE });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const row = (kind: string) => root.querySelector<HTMLElement>(`li[data-kind=${kind}]`);
    const button = (el: HTMLElement | null, text: string) =>
      Array.from(el?.querySelectorAll<HTMLButtonElement>('button') ?? []).find((b) => b.textContent?.trim() === text);
    // The room holds 2 assets: no delete; a room has no children kind.
    expect(button(row('room'), 'Löschen')).toBeUndefined();
    expect(button(row('room'), 'Raum hinzufügen')).toBeUndefined();

    button(row('floor'), 'Raum hinzufügen')?.click();
    await fixture.whenStable();
    type(root.querySelector('.add input'), ' Raum 0.13 ');
    await fixture.whenStable();
    button(root.querySelector('.add'), 'Anlegen')?.click();
    const post = h.expectOne({ method: 'POST', url: '/api/sites/s-1/locations' });
    expect(post.request.body).toEqual({ kind: 'room', parentId: 'f-1', name: 'Raum 0.13' });
    post.flush(
      { statusCode: 409, error: 'Conflict', message: 'name taken', fields: [{ field: 'name', messages: ['taken'] }] },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(root.querySelector('[data-path=name]')?.textContent?.trim()).toBe('taken');

    button(row('building'), 'Umbenennen')?.click();
    await fixture.whenStable();
    type(row('building')?.querySelector('input') ?? null, 'Haus A (Nord)');
    await fixture.whenStable();
    button(row('building'), 'Speichern')?.click();
    const patch = h.expectOne({ method: 'PATCH', url: '/api/locations/b-1' });
    expect(patch.request.headers.get('If-Match')).toBe('"1"');
    expect(patch.request.body).toEqual({ name: 'Haus A (Nord)' });
    patch.flush({});
    h.expectOne('/api/sites/s-1/locations').flush({ siteId: 's-1', items: [] });
    await fixture.whenStable();
    expect(root.textContent).toContain('Noch keine Orte angelegt.');
  });
});
