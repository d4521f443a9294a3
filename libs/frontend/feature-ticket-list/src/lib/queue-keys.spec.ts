import { type KeyPress, ageText, moveSelection, queueKeyAction } from './queue-keys';

function press(key: string, target: EventTarget | null = document.body, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, target, ...mods };
}

function element(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.appendChild(host);
  return host.firstElementChild as HTMLElement;
}

describe('queue keys', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('maps the shortcuts on the page', () => {
    expect(queueKeyAction(press('/'))).toBe('search');
    expect(queueKeyAction(press('n'))).toBe('new');
    expect(queueKeyAction(press('j'))).toBe('next');
    expect(queueKeyAction(press('k'))).toBe('previous');
    expect(queueKeyAction(press('Enter'))).toBe('open');
    expect(queueKeyAction(press('x'))).toBe('toggle');
    expect(queueKeyAction(press('a'))).toBe('accept');
    expect(queueKeyAction(press('?', document.body, { shiftKey: true } as Partial<KeyPress>))).toBe('help');
    expect(queueKeyAction(press('q'))).toBeNull();
    expect(queueKeyAction(press('N'))).toBeNull();
  });

  it('fires none inside text fields, selects, editable content or ARIA text widgets', () => {
    for (const html of [
      '<input type="text" />',
      '<input type="search" />',
      '<textarea></textarea>',
      '<select><option>a</option></select>',
      '<div contenteditable="true"><span>x</span></div>',
      '<div role="combobox" tabindex="0"></div>',
      '<div role="listbox" tabindex="0"></div>',
      '<div role="textbox" tabindex="0"></div>',
    ]) {
      const target = element(html);
      for (const key of ['/', 'n', 'j', 'k', 'Enter', '?', 'x', 'a']) {
        expect([html, key, queueKeyAction(press(key, target))]).toEqual([html, key, null]);
      }
    }
    const inside = element('<div contenteditable="true"><b>x</b></div>').firstElementChild;
    expect(queueKeyAction(press('j', inside))).toBeNull();
  });

  it('fires none with Ctrl, Meta or Alt, or when the key was handled already', () => {
    expect(queueKeyAction(press('n', document.body, { ctrlKey: true }))).toBeNull();
    expect(queueKeyAction(press('n', document.body, { metaKey: true }))).toBeNull();
    expect(queueKeyAction(press('j', document.body, { altKey: true }))).toBeNull();
    expect(queueKeyAction(press('j', document.body, { defaultPrevented: true }))).toBeNull();
  });

  it('leaves Enter to buttons, links and checkboxes, but not the other keys', () => {
    const button = element('<button type="button">ok</button>');
    const link = element('<a href="/tickets/1">2026-000001</a>');
    const checkbox = element('<div role="checkbox" tabindex="0"></div>');
    for (const target of [button, link, checkbox]) {
      expect(queueKeyAction(press('Enter', target))).toBeNull();
      expect(queueKeyAction(press('j', target))).toBe('next');
    }
  });

  it('moves the selection inside the list', () => {
    expect(moveSelection(null, 1, 3)).toBe(0);
    expect(moveSelection(null, -1, 3)).toBe(2);
    expect(moveSelection(0, 1, 3)).toBe(1);
    expect(moveSelection(2, 1, 3)).toBe(2);
    expect(moveSelection(0, -1, 3)).toBe(0);
    expect(moveSelection(null, 1, 0)).toBeNull();
  });

  it('tells the age in minutes, then hours up to two days, then days', () => {
    const at = Date.parse('2026-11-21T12:00:00Z');
    const age = (iso: string) => ageText(iso, at);
    expect(age('2026-11-21T11:59:30Z')).toEqual({ key: 'queue.age.minutes', params: { n: 0 } });
    expect(age('2026-11-21T11:01:00Z')).toEqual({ key: 'queue.age.minutes', params: { n: 59 } });
    expect(age('2026-11-21T11:00:00Z')).toEqual({ key: 'queue.age.hours', params: { n: 1 } });
    expect(age('2026-11-19T12:00:01Z')).toEqual({ key: 'queue.age.hours', params: { n: 47 } });
    expect(age('2026-11-19T12:00:00Z')).toEqual({ key: 'queue.age.days', params: { n: 2 } });
    expect(age('2026-11-21T12:05:00Z')).toEqual({ key: 'queue.age.minutes', params: { n: 0 } }); // clock skew
  });
});
