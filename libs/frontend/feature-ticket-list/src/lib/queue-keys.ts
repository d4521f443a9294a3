import type { I18nKey } from '@leitstand/frontend/i18n';

/** What a key press in the queue asks for. */
export type QueueKeyAction = 'search' | 'new' | 'next' | 'previous' | 'open' | 'toggle' | 'accept' | 'help';

/** The queue's shortcuts, in the order the help dialog lists them. */
export const QUEUE_SHORTCUTS: ReadonlyArray<{ key: string; label: string; action: QueueKeyAction; text: I18nKey }> = [
  { key: '/', label: '/', action: 'search', text: 'queue.keys.search' },
  { key: 'n', label: 'n', action: 'new', text: 'queue.keys.new' },
  { key: 'j', label: 'j', action: 'next', text: 'queue.keys.next' },
  { key: 'k', label: 'k', action: 'previous', text: 'queue.keys.previous' },
  { key: 'Enter', label: 'Enter', action: 'open', text: 'queue.keys.enter' },
  { key: 'x', label: 'x', action: 'toggle', text: 'queue.keys.toggle' },
  { key: 'a', label: 'a', action: 'accept', text: 'queue.keys.accept' },
  { key: '?', label: '?', action: 'help', text: 'queue.keys.help' },
];

const BY_KEY = new Map(QUEUE_SHORTCUTS.map((s) => [s.key, s.action]));

/** The parts of a KeyboardEvent the decision needs (a plain object in unit specs). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
}

/**
 * The queue action of a key press, or null: nothing fires while the focus is in a text field (input,
 * textarea, select, a contenteditable, or an ARIA textbox/combobox/listbox such as mat-select), on a button or
 * link for Enter (Enter activates them itself), with Ctrl, Meta or Alt held (browser and OS shortcuts), or when
 * something else already handled the key. Shift is allowed: `?` needs it on most layouts.
 */
export function queueKeyAction(event: KeyPress): QueueKeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
    return null;
  }
  const action = BY_KEY.get(event.key) ?? null;
  if (action === null || isTextEntry(event.target)) {
    return null;
  }
  if (action === 'open' && isActivatable(event.target)) {
    return null;
  }
  return action;
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!isElement(target)) {
    return false;
  }
  const tag = target.tagName.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select') {
    return true;
  }
  if (target.isContentEditable || target.closest('[contenteditable=""], [contenteditable="true"]') !== null) {
    return true;
  }
  const role = target.getAttribute('role');
  return role === 'textbox' || role === 'combobox' || role === 'listbox' || role === 'searchbox' || role === 'option';
}

function isActivatable(target: EventTarget | null): boolean {
  return isElement(target) && target.closest('button, a[href], [role="button"], [role="checkbox"]') !== null;
}

function isElement(target: EventTarget | null): target is HTMLElement {
  return typeof HTMLElement !== 'undefined' && target instanceof HTMLElement;
}

/** The row index after moving `delta` from `current` (none selected: the first row), kept inside the list. */
export function moveSelection(current: number | null, delta: 1 | -1, count: number): number | null {
  if (count === 0) {
    return null;
  }
  if (current === null) {
    return delta > 0 ? 0 : count - 1;
  }
  return Math.min(count - 1, Math.max(0, current + delta));
}

/** How old a ticket is, as a short text key: under 1 h in minutes, under 2 days in hours, else in days. */
export function ageText(createdAt: string, nowMs: number): { key: I18nKey; params: { n: number } } {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(createdAt)) / 60_000));
  if (minutes < 60) {
    return { key: 'queue.age.minutes', params: { n: minutes } };
  }
  const hours = Math.floor(minutes / 60);
  return hours < 48
    ? { key: 'queue.age.hours', params: { n: hours } }
    : { key: 'queue.age.days', params: { n: Math.floor(hours / 24) } };
}
