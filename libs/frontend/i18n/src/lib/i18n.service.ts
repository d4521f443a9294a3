import { DOCUMENT } from '@angular/common';
import { Injectable, computed, inject, signal } from '@angular/core';
import { DE, type I18nKey } from './dictionary.de';
import { EN } from './dictionary.en';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the chosen language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'ls.language';

/** The formatting locale of each language: German formats, and British English (day before month, 24 h). */
export const LANGUAGE_LOCALES: Readonly<Record<Language, string>> = { de: 'de-DE', en: 'en-GB' };

const DICTIONARIES: Readonly<Record<Language, Record<string, string>>> = { de: { ...DE }, en: { ...EN } };

/**
 * Adds the texts of a lazily loaded feature (German, and English with exactly its keys) to the dictionaries.
 * The feature calls it when its chunk is evaluated, before any of its screens renders; a key already known
 * keeps its text (a feature cannot redefine another's).
 */
export function registerTexts<T extends Readonly<Record<string, string>>>(
  de: T,
  en: Readonly<Record<keyof T, string>>,
): void {
  for (const [language, texts] of [
    ['de', de],
    ['en', en],
  ] as const) {
    const dictionary = DICTIONARIES[language];
    for (const [key, text] of Object.entries(texts)) if (!(key in dictionary)) dictionary[key] = text as string;
  }
}

/** Placeholder values for `{name}` in a text. */
export type I18nParams = Readonly<Record<string, string | number>>;

/**
 * The UI language at runtime: German by default, English on request, switched without a reload (a signal:
 * templates reading `t` re-render). The choice is kept in localStorage and mirrored in `<html lang>`.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>(this.stored());

  /** The UI language. */
  readonly language = this.current.asReadonly();
  /** The formatting locale for Intl (dates, numbers, money). */
  readonly locale = computed(() => LANGUAGE_LOCALES[this.current()]);

  constructor() {
    this.document.documentElement.lang = this.current();
  }

  /** Switches the language, remembers it and updates `<html lang>`. */
  setLanguage(language: Language): void {
    this.current.set(language);
    this.document.documentElement.lang = language;
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Storage may be unavailable (private mode, quota): the choice then lasts for this visit only.
    }
  }

  toggle(): void {
    this.setLanguage(this.current() === 'de' ? 'en' : 'de');
  }

  /**
   * The text for `key` in the current language with `{name}` placeholders filled in. A key missing in the
   * current dictionary falls back to German, and an unknown key to the key itself.
   */
  t(key: I18nKey | string, params?: I18nParams): string {
    const text = DICTIONARIES[this.current()][key] ?? DICTIONARIES.de[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match)) : text;
  }

  private stored(): Language {
    try {
      const value = this.document.defaultView?.localStorage.getItem(LANGUAGE_STORAGE_KEY);
      return value === 'en' || value === 'de' ? value : 'de';
    } catch {
      return 'de';
    }
  }
}
