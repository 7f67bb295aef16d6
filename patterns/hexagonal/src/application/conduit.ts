import type { DrivenPorts } from './ports/driven/index.js';
import type { Conduit } from './ports/driving/use-cases.port.js';
import { addComment } from './use-cases/add-comment.use-case.js';
import { authenticate } from './use-cases/authenticate.use-case.js';
import { deleteArticle } from './use-cases/delete-article.use-case.js';
import { deleteComment } from './use-cases/delete-comment.use-case.js';
import { editArticle } from './use-cases/edit-article.use-case.js';
import { favoriteArticle } from './use-cases/favorite-article.use-case.js';
import { followUser } from './use-cases/follow-user.use-case.js';
import { getArticle } from './use-cases/get-article.use-case.js';
import { getCurrentUser } from './use-cases/get-current-user.use-case.js';
import { getProfile } from './use-cases/get-profile.use-case.js';
import { identifyUser } from './use-cases/identify-user.use-case.js';
import { listArticles } from './use-cases/list-articles.use-case.js';
import { listComments } from './use-cases/list-comments.use-case.js';
import { listFeed } from './use-cases/list-feed.use-case.js';
import { listTags } from './use-cases/list-tags.use-case.js';
import { logIn } from './use-cases/log-in.use-case.js';
import { publishArticle } from './use-cases/publish-article.use-case.js';
import { registerUser } from './use-cases/register-user.use-case.js';
import { unfavoriteArticle } from './use-cases/unfavorite-article.use-case.js';
import { unfollowUser } from './use-cases/unfollow-user.use-case.js';
import { updateUser } from './use-cases/update-user.use-case.js';

/**
 * The application core: every use case, given whatever adapters fill the driven ports. It knows the
 * ports' names, never the adapters' — `bootstrap.ts` chooses those.
 */
export function createConduit(ports: DrivenPorts): Conduit {
  return {
    registerUser: registerUser(ports),
    logIn: logIn(ports),
    authenticate: authenticate(ports),
    identifyUser: identifyUser(ports),
    getCurrentUser: getCurrentUser(ports),
    updateUser: updateUser(ports),
    getProfile: getProfile(ports),
    followUser: followUser(ports),
    unfollowUser: unfollowUser(ports),
    listArticles: listArticles(ports),
    listFeed: listFeed(ports),
    getArticle: getArticle(ports),
    publishArticle: publishArticle(ports),
    editArticle: editArticle(ports),
    deleteArticle: deleteArticle(ports),
    favoriteArticle: favoriteArticle(ports),
    unfavoriteArticle: unfavoriteArticle(ports),
    listTags: listTags(ports),
    listComments: listComments(ports),
    addComment: addComment(ports),
    deleteComment: deleteComment(ports),
  };
}
