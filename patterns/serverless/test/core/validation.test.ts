import { ValidationFailed } from '@journey/conduit-rules';
import { routes } from '@journey/contract';
import { describe, expect, it } from 'vitest';
import { validated } from '../../core/validation.js';

const errorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.errors;
    throw error;
  }
  throw new Error('expected a ValidationFailed');
};

const NewUser = routes.CreateUser.body;
const UpdateUser = routes.UpdateCurrentUser.body;

describe('validated', () => {
  it('when a body fits its schema, then it comes back without the properties the schema does not name', () => {
    const body = validated(
      NewUser,
      { user: { username: 'a', email: 'a@b.c', password: 'x', admin: true } },
      'body',
    );
    expect(body).toEqual({ user: { username: 'a', email: 'a@b.c', password: 'x' } });
  });

  it('when fields are missing, then each is named with the spec wording', () => {
    expect(errorsOf(() => validated(NewUser, { user: { username: 'a' } }, 'body'))).toEqual({
      email: ["can't be blank"],
      password: ["can't be blank"],
    });
  });

  it('when the body is absent or not an object, then the body is named', () => {
    expect(errorsOf(() => validated(NewUser, undefined, 'body'))).toEqual({
      body: ['must be a JSON object'],
    });
    expect(errorsOf(() => validated(NewUser, [1], 'body'))).toEqual({ body: ['must be a JSON object'] });
  });

  it('when a field has the wrong type or is too long, then that field says so', () => {
    expect(
      errorsOf(() => validated(NewUser, { user: { username: 7, email: 'a@b.c', password: 'x' } }, 'body')),
    ).toEqual({
      username: ['must be a string'],
    });
    const long = 'a'.repeat(65);
    expect(
      errorsOf(() => validated(NewUser, { user: { username: long, email: 'a@b.c', password: 'x' } }, 'body')),
    ).toEqual({
      username: ['is too long (maximum is 64 characters)'],
    });
  });

  it('when a nullable field (bio) is null, then it passes; a number does not', () => {
    expect(validated(UpdateUser, { user: { bio: null } }, 'body')).toEqual({ user: { bio: null } });
    expect(errorsOf(() => validated(UpdateUser, { user: { bio: 5 } }, 'body'))).toEqual({
      bio: ['must be a string or null'],
    });
  });

  it('when any text holds a NUL character, bio included, then it is refused', () => {
    expect(errorsOf(() => validated(UpdateUser, { user: { bio: 'a\u0000b' } }, 'body'))).toEqual({
      bio: ['must not contain NUL characters'],
    });
    expect(errorsOf(() => validated(routes.GetArticles.querystring, { tag: '\u0000' }, 'query'))).toEqual({
      tag: ['must not contain NUL characters'],
    });
  });
});
