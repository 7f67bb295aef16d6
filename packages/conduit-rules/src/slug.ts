const MAX_SLUG_BASE = 80;

/**
 * Turns a title into the readable part of a URL slug: lower-case ASCII letters, digits and single
 * dashes. Accents are folded (`Crème brûlée` → `creme-brulee`); titles with no Latin letters at all
 * (`日本語`, emoji) fall back to `article`, and the caller makes the slug unique with `withSuffix`.
 */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_BASE)
    .replace(/-+$/, '');
  return base || 'article';
}

/**
 * A slug for a title whose plain slug is already taken. Web Crypto (a global), not `node:crypto`,
 * so this package stays free of Node I/O modules and a hexagonal core may use it.
 */
export function withSuffix(slug: string): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(4));
  return `${slug}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Slugs we generate only ever contain these characters; anything else cannot exist. */
export function isWellFormedSlug(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}
