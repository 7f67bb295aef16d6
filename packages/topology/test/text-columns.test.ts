import { describe, expect, it } from 'vitest';
import { textColumns } from '../src/text-columns.js';

describe('textColumns', () => {
  it('pads every cell to its column’s widest, two spaces apart, without trailing spaces', () => {
    expect(
      textColumns([
        ['A', 'BB', 'C'],
        ['ccc', 'd', ''],
      ]),
    ).toEqual(['A    BB  C', 'ccc  d']);
  });

  it('prints nothing for no rows', () => {
    expect(textColumns([])).toEqual([]);
  });
});
