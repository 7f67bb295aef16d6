import { describe, expect, it } from 'vitest';
import {
  articleDraft,
  articleEdit,
  isWellFormedSlug,
  needsNewSlug,
  normaliseTags,
  parsePage,
  slugify,
  ValidationFailed,
  withSuffix,
} from '../src/index.js';

describe('slugify', () => {
  it.each([
    ['How to train your dragon', 'how-to-train-your-dragon'],
    ['Crème brûlée, à la carte!', 'creme-brulee-a-la-carte'],
    ["  ' OR 1=1 --  ", 'or-1-1'],
    ['日本語のタイトル', 'article'],
    ['🐉🔥', 'article'],
    ['a\u200Bb', 'a-b'],
  ])('when the title is %j, then the slug is %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
    expect(isWellFormedSlug(slugify(title))).toBe(true);
  });

  it('when a title is very long, then the slug is capped and does not end in a dash', () => {
    const slug = slugify(`${'word '.repeat(100)}end`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('when a suffix is added, then the slug stays well-formed and differs each time', () => {
    const a = withSuffix('dragons');
    expect(isWellFormedSlug(a)).toBe(true);
    expect(a).not.toBe(withSuffix('dragons'));
  });
});

describe('parsePage', () => {
  it('when nothing is given, then the spec defaults apply', () => {
    expect(parsePage({})).toEqual({ limit: 20, offset: 0 });
  });

  it('when limit is above the cap, then it is capped', () => {
    expect(parsePage({ limit: '5000', offset: '3' })).toEqual({ limit: 100, offset: 3 });
  });

  it.each([['-1'], ['abc'], ['1e3'], ['0'], ['2.5']])(
    'when limit is %j, then it is a 422 naming limit',
    (limit) => {
      expect(() => parsePage({ limit })).toThrow(ValidationFailed);
      try {
        parsePage({ limit });
      } catch (error) {
        expect(Object.keys((error as ValidationFailed).errors)).toEqual(['limit']);
      }
    },
  );
});

describe('normaliseTags', () => {
  it('when tags repeat, carry spaces or are blank, then they are trimmed, de-duplicated and sorted', () => {
    expect(normaliseTags([' dragons', 'training', 'dragons ', '', '  '])).toEqual(['dragons', 'training']);
  });
});

describe('articleDraft', () => {
  it('when every field is given, then the title is trimmed and the tags normalised', () => {
    expect(
      articleDraft({ title: '  Dragons ', description: 'd', body: 'b', tagList: [' x', 'x', ''] }),
    ).toEqual({
      title: 'Dragons',
      description: 'd',
      body: 'b',
      tagList: ['x'],
    });
  });

  it('when fields are blank, then each is named in one ValidationFailed', () => {
    expect(() => articleDraft({ title: ' ', description: '', body: 'b' })).toThrow(
      expect.objectContaining({
        name: 'ValidationFailed',
        errors: { title: ["can't be blank"], description: ["can't be blank"] },
      }),
    );
  });
});

describe('articleEdit', () => {
  it('when fields are sent, then only those come back, the title trimmed', () => {
    expect(articleEdit({ title: '  New title ', body: 'b' })).toEqual({ title: 'New title', body: 'b' });
  });

  it('when a sent field is blank, then it is refused by name', () => {
    const error = (() => {
      try {
        articleEdit({ title: ' ', description: '' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationFailed);
    expect(Object.keys((error as ValidationFailed).errors).sort()).toEqual(['description', 'title']);
  });

  it('when the new title slugs to the same words, then the slug stays', () => {
    expect(needsNewSlug({ title: 'Hello, world' }, 'Hello world')).toBe(false);
    expect(needsNewSlug({ title: 'Goodbye world' }, 'Hello world')).toBe(true);
    expect(needsNewSlug({ body: 'x' }, 'Hello world')).toBe(false);
  });
});
