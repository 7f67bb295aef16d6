import { conduitFunction } from '../../core/conduit-function.js';
import { addComment, commentsOn, deleteComment } from './comments.js';
import { commentsPlan } from './plan.js';

const comments = conduitFunction(commentsPlan, {
  GetArticleComments: ({ database, viewerId, params }) => commentsOn(database.db, viewerId, params.slug),
  CreateArticleComment: ({ database, viewerId, params, body }) =>
    addComment(database, viewerId, params.slug, body.comment),
  DeleteArticleComment: ({ database, viewerId, params }) =>
    deleteComment(database, viewerId, params.slug, params.id),
});

export const handler = comments.handler;
export const definition = comments;
