/** The English (or any further) texts of an area: exactly the keys of its German texts. */
export type Texts<T> = Readonly<Record<keyof T, string>>;
