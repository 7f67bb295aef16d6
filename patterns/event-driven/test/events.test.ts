import { readFileSync } from 'node:fs';
import {
  catalogue,
  catalogueFile,
  consumersOf,
  createEvent,
  EVENT_TYPES,
  InvalidEventError,
  keyOf,
  renderCatalogueMarkdown,
  validateEvent,
} from '@journey/event-driven-events';
import { describe, expect, it } from 'vitest';
import { samplePayloads } from './sample-events.js';

const refusal = (message: unknown) => {
  try {
    validateEvent(message);
  } catch (error) {
    return error as InvalidEventError;
  }
  throw new Error('the message was accepted');
};

describe('event catalogue', () => {
  it('when the catalogue is listed, then it holds the eleven events of issue 5, each at version 1', () => {
    expect(catalogue.map((e) => `${e.type}@${e.version}`)).toEqual([
      'UserRegistered@1',
      'UserProfileChanged@1',
      'UserFollowed@1',
      'UserUnfollowed@1',
      'ArticlePublished@1',
      'ArticleUpdated@1',
      'ArticleDeleted@1',
      'ArticleFavorited@1',
      'ArticleUnfavorited@1',
      'CommentAdded@1',
      'CommentDeleted@1',
    ]);
  });

  it.each(EVENT_TYPES)(
    'when a %s is created from a valid payload, then it validates as is and after JSON',
    (type) => {
      const event = createEvent(type, samplePayloads[type] as never);
      expect(event).toMatchObject({ type, version: 1, payload: samplePayloads[type] });
      expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(validateEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
    },
  );

  it('when a payload field has the wrong type, then the error names the event type, version and field', () => {
    const event = createEvent('ArticleFavorited', samplePayloads.ArticleFavorited);
    const error = refusal({ ...event, payload: { ...event.payload, favoritesCount: 'one' } });
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error.message).toContain('ArticleFavorited v1');
    expect(error.message).toContain('/payload/favoritesCount');
    expect(error).toMatchObject({
      eventType: 'ArticleFavorited',
      eventVersion: 1,
      field: '/payload/favoritesCount',
    });
  });

  it('when a payload misses a field or carries an unknown one, then it is refused naming the field', () => {
    const event = createEvent('UserRegistered', samplePayloads.UserRegistered);
    const { username: _dropped, ...withoutUsername } = event.payload;
    expect(refusal({ ...event, payload: withoutUsername }).field).toBe('/payload/username');
    expect(refusal({ ...event, payload: { ...event.payload, email: 'jake@jake.jake' } }).field).toBe(
      '/payload/email',
    );
  });

  it('when the envelope is wrong (id, timestamp, producer), then the error names that field', () => {
    const event = createEvent('CommentDeleted', samplePayloads.CommentDeleted);
    expect(refusal({ ...event, id: 'not-a-uuid' }).field).toBe('/id');
    expect(refusal({ ...event, occurredAt: 'yesterday' }).field).toBe('/occurredAt');
    expect(refusal({ ...event, producer: 'articles' }).field).toBe('/producer');
  });

  it('when the type or version is unknown, then it is refused as not an event of the catalogue', () => {
    const event = createEvent('UserFollowed', samplePayloads.UserFollowed);
    expect(refusal({ ...event, version: 2 }).message).toMatch(
      /not an event of the catalogue: type "UserFollowed" version 2/,
    );
    expect(refusal({ ...event, type: 'UserPoked' }).field).toBe('/version');
    expect(refusal('UserFollowed').field).toBe('/type');
  });

  it('when events are about one aggregate, then they share its key, whatever their type', () => {
    const published = createEvent('ArticlePublished', samplePayloads.ArticlePublished);
    const deleted = createEvent('ArticleDeleted', samplePayloads.ArticleDeleted);
    expect(keyOf(published)).toBe('article:7');
    expect(keyOf(deleted)).toBe(keyOf(published));
    expect(keyOf(createEvent('UserFollowed', samplePayloads.UserFollowed))).toBe('follower:2');
  });

  it('when the consumers of a type are asked for, then they are the services whose group takes it', () => {
    expect(consumersOf('UserRegistered')).toEqual(['profiles', 'views']);
    expect(consumersOf('ArticleDeleted')).toEqual(['comments', 'views']);
    expect(consumersOf('CommentAdded')).toEqual(['views']);
    // Every event reaches the read side, so a writer always has someone to wait for.
    expect(EVENT_TYPES.filter((type) => !consumersOf(type).includes('views'))).toEqual([]);
  });

  it('when EVENTS.md is compared with the catalogue, then it is up to date', () => {
    expect(readFileSync(catalogueFile, 'utf8')).toBe(renderCatalogueMarkdown());
  });
});
