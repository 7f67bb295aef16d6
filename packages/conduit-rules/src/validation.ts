import { limits } from '@journey/contract';

export type FieldErrors = Record<string, string[]>;

/** A business-rule failure that maps to the spec's 422 `{"errors":{field:[messages]}}`. */
export class ValidationFailed extends Error {
  constructor(readonly errors: FieldErrors) {
    super(
      `validation failed: ${Object.entries(errors)
        .map(([f, m]) => `${f} ${m.join(', ')}`)
        .join('; ')}`,
    );
    this.name = 'ValidationFailed';
  }
}

export const messages = {
  blank: "can't be blank",
  taken: 'has already been taken',
  invalidEmail: 'is invalid',
  invalidUsername: 'may only contain letters, digits, "_", "-" and "."',
  passwordLength: `must be ${limits.password.min} to ${limits.password.max} characters`,
  credentials: 'is invalid',
} as const;

// Deliberately loose: one "@", something on both sides, a dot in the domain. Real checking is a mail round-trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Usernames appear in URLs (`/profiles/:username`), so they are kept URL-safe.
const USERNAME = /^[\p{L}\p{N}_.-]+$/u;

/** Collects field errors, then throws them all at once so the client sees every problem in one reply. */
export class Rules {
  private readonly errors: FieldErrors = {};

  add(field: string, message: string): this {
    this.errors[field] = [...(this.errors[field] ?? []), message];
    return this;
  }

  required(field: string, value: string | undefined | null): this {
    if (value === undefined || value === null || value.trim() === '') this.add(field, messages.blank);
    return this;
  }

  email(field: string, value: string | undefined): this {
    if (value !== undefined && value.trim() !== '' && !EMAIL.test(value))
      this.add(field, messages.invalidEmail);
    return this;
  }

  username(field: string, value: string | undefined): this {
    if (value !== undefined && value.trim() !== '' && !USERNAME.test(value))
      this.add(field, messages.invalidUsername);
    return this;
  }

  password(field: string, value: string | undefined): this {
    if (
      value !== undefined &&
      value !== '' &&
      (value.length < limits.password.min || value.length > limits.password.max)
    ) {
      this.add(field, messages.passwordLength);
    }
    return this;
  }

  check(): void {
    if (Object.keys(this.errors).length > 0) throw new ValidationFailed(this.errors);
  }
}

/** Normalises an email for uniqueness: case-insensitive, no surrounding space. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Tags are trimmed, de-duplicated, empty ones dropped, and sorted, as in the spec's example response. */
export function normaliseTags(tags: readonly string[] | undefined): string[] {
  const unique = new Set((tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''));
  return [...unique].sort();
}
