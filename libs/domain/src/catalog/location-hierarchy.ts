/**
 * The location tree of a site: building → floor → room. A building is a root, a floor's parent is a
 * building and a room's parent is a floor. Paths name locations from the building down
 * ("Gebäude A / EG / Raum 0.12"); names are unique among siblings.
 */
export type LocationKind = 'building' | 'floor' | 'room';
export const LOCATION_KIND_ORDER: readonly LocationKind[] = ['building', 'floor', 'room'];

/** The kind a parent must have (null: the kind is a root). */
export function parentKindOf(kind: LocationKind): LocationKind | null {
  return kind === 'building' ? null : kind === 'floor' ? 'building' : 'floor';
}

/** True when a location of `kind` may sit under a parent of `parentKind` (null = no parent). */
export function mayNest(kind: LocationKind, parentKind: LocationKind | null): boolean {
  return parentKindOf(kind) === parentKind;
}

export const LOCATION_PATH_SEPARATOR = ' / ';

/** The kind of each segment of a path of 1–3 names: building, floor, room. */
export function kindAtDepth(depth: number): LocationKind | undefined {
  return LOCATION_KIND_ORDER[depth];
}

/**
 * Splits "Gebäude A / EG / Raum 0.12" (also with '/' without blanks) into trimmed names. Returns
 * null for a blank path; empty segments or more than three are the caller's problem to report.
 */
export function splitLocationPath(path: string): string[] | null {
  const trimmed = path.trim();
  if (trimmed === '') return null;
  return trimmed.split('/').map((s) => s.trim());
}

export function joinLocationPath(names: readonly string[]): string {
  return names.join(LOCATION_PATH_SEPARATOR);
}
