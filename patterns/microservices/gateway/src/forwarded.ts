import type {
  LoginUser,
  NewArticle,
  NewComment,
  NewUser,
  UpdateArticle,
  UpdateUser,
} from '@journey/contract';

/**
 * Only the fields the contract defines travel on to a service. The contract's schemas do not refuse
 * extra fields, so a client's (possibly huge or deeply nested) extras stop at the gateway instead of
 * being serialised again for every hop.
 */
function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(
    keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]]),
  ) as Pick<T, K>;
}

export const forwarded = {
  newUser: (user: NewUser): NewUser => pick(user, ['username', 'email', 'password']),
  login: (user: LoginUser): LoginUser => pick(user, ['email', 'password']),
  userChanges: (user: UpdateUser): UpdateUser =>
    pick(user, ['email', 'username', 'password', 'bio', 'image']),
  newArticle: (article: NewArticle): NewArticle => pick(article, ['title', 'description', 'body', 'tagList']),
  articleChanges: (article: UpdateArticle): UpdateArticle => pick(article, ['title', 'description', 'body']),
  newComment: (comment: NewComment): NewComment => pick(comment, ['body']),
};
