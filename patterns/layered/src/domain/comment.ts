import { Rules } from '@journey/conduit-rules';
import type { Permission } from './business-rule.js';

export interface Comment {
  id: number;
  articleId: number;
  authorId: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export function draftComment(input: { body: string }): { body: string } {
  new Rules().required('body', input.body).check();
  return { body: input.body };
}

// Ids are serial integers: anything else, or anything past a 32-bit integer column, names no comment.
const MAX_ID = 2_147_483_647;

/** The comment id from a URL, or undefined when it cannot name any comment. */
export function parseCommentId(raw: string): number | undefined {
  if (!/^\d{1,10}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id >= 1 && id <= MAX_ID ? id : undefined;
}

export class OnlyTheAuthorMayDeleteTheComment implements Permission {
  readonly message = 'only the author may delete this comment';
  constructor(
    private readonly comment: Pick<Comment, 'authorId'>,
    private readonly userId: number,
  ) {}
  isGranted() {
    return this.comment.authorId === this.userId;
  }
}
