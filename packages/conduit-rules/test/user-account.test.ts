import { describe, expect, it } from 'vitest';
import {
  fieldTaken,
  loginCredentials,
  userEdit,
  userRegistration,
  ValidationFailed,
  wrongCredentials,
} from '../src/index.js';

/** The field errors a rule throws, or undefined when it passes. */
function failures(rule: () => unknown): Record<string, string[]> | undefined {
  try {
    rule();
    return undefined;
  } catch (error) {
    if (error instanceof ValidationFailed) return error.errors;
    throw error;
  }
}

describe('userRegistration', () => {
  it('when the fields are valid, then the email comes back lower-cased and the password untouched', () => {
    expect(
      userRegistration({ username: 'Jake', email: 'Jake@Example.ORG', password: ' secret-pw ' }),
    ).toEqual({ username: 'Jake', email: 'jake@example.org', password: ' secret-pw ' });
  });

  it('when every field is wrong, then every problem is reported at once', () => {
    expect(failures(() => userRegistration({ username: 'a b', email: 'nope', password: 'short' }))).toEqual({
      username: ['may only contain letters, digits, "_", "-" and "."'],
      email: ['is invalid'],
      password: ['must be 8 to 128 characters'],
    });
  });

  it('when fields are blank, then each is "can\'t be blank" and nothing else', () => {
    expect(failures(() => userRegistration({ username: ' ', email: '', password: '' }))).toEqual({
      username: ["can't be blank"],
      email: ["can't be blank"],
      password: ["can't be blank"],
    });
  });
});

describe('userEdit', () => {
  it('when nothing is sent, then nothing changes', () => {
    expect(userEdit({})).toEqual({});
  });

  it('when fields are sent, then only those come back, in stored form', () => {
    expect(userEdit({ email: 'NEW@Example.org', bio: 'I like to skateboard' })).toEqual({
      email: 'new@example.org',
      bio: 'I like to skateboard',
    });
    expect(userEdit({ username: 'jacob', password: 'new-password' })).toEqual({
      username: 'jacob',
      password: 'new-password',
    });
  });

  it('when bio or image is an empty string or null, then it is cleared', () => {
    expect(userEdit({ bio: '', image: null })).toEqual({ bio: null, image: null });
  });

  it('when the password is an empty string, then it stays unchanged and the other fields still apply', () => {
    expect(userEdit({ password: '', bio: 'I like to skateboard' })).toEqual({ bio: 'I like to skateboard' });
    expect(failures(() => userEdit({ password: '', email: '' }))).toEqual({ email: ["can't be blank"] });
  });

  it('when the password is only spaces, then it is still refused as blank', () => {
    expect(failures(() => userEdit({ password: '   ' }))?.password).toContain("can't be blank");
  });

  it('when a sent field breaks a rule, then it is refused by name, and absent fields are not checked', () => {
    expect(failures(() => userEdit({ username: '', email: 'x@y', password: 'short' }))).toEqual({
      username: ["can't be blank"],
      email: ['is invalid'],
      password: ['must be 8 to 128 characters'],
    });
    expect(failures(() => userEdit({ bio: 'only the bio' }))).toBeUndefined();
  });
});

describe('loginCredentials', () => {
  it('when both are sent, then the email comes back as it is stored', () => {
    expect(loginCredentials({ email: ' Jake@Example.org ', password: 'jakejake' })).toEqual({
      email: 'jake@example.org',
      password: 'jakejake',
    });
  });

  it('when either is blank, then it is refused by name', () => {
    expect(failures(() => loginCredentials({ email: '', password: ' ' }))).toEqual({
      email: ["can't be blank"],
      password: ["can't be blank"],
    });
  });
});

describe('fieldTaken and wrongCredentials', () => {
  it('when a unique field clashes, then the 422 names that field', () => {
    expect(fieldTaken('email').errors).toEqual({ email: ['has already been taken'] });
  });

  it('when a login fails, then the 422 does not say whether the email exists', () => {
    expect(wrongCredentials().errors).toEqual({ 'email or password': ['is invalid'] });
  });
});
