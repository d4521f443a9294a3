import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { DE } from './dictionary.de';
import { EN } from './dictionary.en';
import { I18nService, LANGUAGE_STORAGE_KEY, registerTexts } from './i18n.service';

describe('I18nService', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });

  function create(): I18nService {
    TestBed.configureTestingModule({});
    return TestBed.inject(I18nService);
  }

  it('should speak German by default, with de-DE formats and <html lang="de">', () => {
    const i18n = create();
    expect(i18n.language()).toBe('de');
    expect(i18n.locale()).toBe('de-DE');
    expect(i18n.t('shell.logout')).toBe('Abmelden');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('de');
  });

  it('should switch to English at runtime, update <html lang> and remember the choice', () => {
    const i18n = create();
    i18n.setLanguage('en');
    expect(i18n.t('shell.logout')).toBe('Sign out');
    expect(i18n.locale()).toBe('en-GB');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    i18n.toggle();
    expect(i18n.t('shell.logout')).toBe('Abmelden');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('de');
  });

  it('should start in the stored language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const i18n = create();
    expect(i18n.language()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('should ignore an unknown stored language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(create().language()).toBe('de');
  });

  it('should fall back to German for a key missing in English, and to the key itself when unknown', () => {
    const i18n = create();
    i18n.setLanguage('en');
    // a feature's English texts with a key missing (the type forbids it; a stale chunk could still do it)
    registerTexts({ 'spec.only.de': 'Nur Deutsch' }, {} as Record<'spec.only.de', string>);
    expect(i18n.t('spec.only.de')).toBe('Nur Deutsch');
    expect(i18n.t('no.such.key')).toBe('no.such.key');
  });

  it('should take the texts a lazily loaded feature registers, in both languages, without redefining known keys', () => {
    const i18n = create();
    expect(i18n.t('spec.feature.title')).toBe('spec.feature.title');
    registerTexts(
      { 'spec.feature.title': 'Verwaltung {n}', 'portal.title': 'überschrieben?' },
      { 'spec.feature.title': 'Administration {n}', 'portal.title': 'overwritten?' },
    );
    expect(i18n.t('spec.feature.title', { n: 2 })).toBe('Verwaltung 2');
    expect(i18n.t('portal.title')).toBe(DE['portal.title']);
    i18n.setLanguage('en');
    expect(i18n.t('spec.feature.title', { n: 2 })).toBe('Administration 2');
    expect(i18n.t('portal.title')).toBe(EN['portal.title']);
  });

  it('should fill in placeholders and leave unknown ones visible', () => {
    const i18n = create();
    expect(i18n.t('portal.submitted', { number: '2026-000123' })).toBe('Ihre Störung wurde als 2026-000123 gemeldet.');
    expect(i18n.t('portal.submitted')).toContain('{number}');
  });

  it('should have the same keys in both dictionaries', () => {
    expect(Object.keys(EN).sort()).toEqual(Object.keys(DE).sort());
  });
});
