import type { TSchema } from '@sinclair/typebox';
import * as S from './schemas.js';

export type Auth = 'required' | 'optional' | 'none';

export interface RouteContract {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify-style path, relative to the API root `/api`. */
  path: string;
  auth: Auth;
  status: number;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  response?: TSchema;
}

/**
 * Every Conduit endpoint, keyed by the OpenAPI operationId. A pattern wires its handlers to these
 * entries, so the schemas, auth rule and success status are the same on every architecture.
 */
export const routes = {
  Login: {
    method: 'POST',
    path: '/users/login',
    auth: 'none',
    status: 200,
    body: S.LoginRequest,
    response: S.UserResponse,
  },
  CreateUser: {
    method: 'POST',
    path: '/users',
    auth: 'none',
    status: 201,
    body: S.NewUserRequest,
    response: S.UserResponse,
  },
  GetCurrentUser: { method: 'GET', path: '/user', auth: 'required', status: 200, response: S.UserResponse },
  UpdateCurrentUser: {
    method: 'PUT',
    path: '/user',
    auth: 'required',
    status: 200,
    body: S.UpdateUserRequest,
    response: S.UserResponse,
  },
  GetProfileByUsername: {
    method: 'GET',
    path: '/profiles/:username',
    auth: 'optional',
    status: 200,
    params: S.UsernameParams,
    response: S.ProfileResponse,
  },
  FollowUserByUsername: {
    method: 'POST',
    path: '/profiles/:username/follow',
    auth: 'required',
    status: 200,
    params: S.UsernameParams,
    response: S.ProfileResponse,
  },
  UnfollowUserByUsername: {
    method: 'DELETE',
    path: '/profiles/:username/follow',
    auth: 'required',
    status: 200,
    params: S.UsernameParams,
    response: S.ProfileResponse,
  },
  GetArticlesFeed: {
    method: 'GET',
    path: '/articles/feed',
    auth: 'required',
    status: 200,
    querystring: S.FeedQuery,
    response: S.MultipleArticlesResponse,
  },
  GetArticles: {
    method: 'GET',
    path: '/articles',
    auth: 'optional',
    status: 200,
    querystring: S.ListArticlesQuery,
    response: S.MultipleArticlesResponse,
  },
  CreateArticle: {
    method: 'POST',
    path: '/articles',
    auth: 'required',
    status: 201,
    body: S.NewArticleRequest,
    response: S.SingleArticleResponse,
  },
  GetArticle: {
    method: 'GET',
    path: '/articles/:slug',
    auth: 'optional',
    status: 200,
    params: S.SlugParams,
    response: S.SingleArticleResponse,
  },
  UpdateArticle: {
    method: 'PUT',
    path: '/articles/:slug',
    auth: 'required',
    status: 200,
    params: S.SlugParams,
    body: S.UpdateArticleRequest,
    response: S.SingleArticleResponse,
  },
  DeleteArticle: {
    method: 'DELETE',
    path: '/articles/:slug',
    auth: 'required',
    status: 204,
    params: S.SlugParams,
  },
  GetArticleComments: {
    method: 'GET',
    path: '/articles/:slug/comments',
    auth: 'optional',
    status: 200,
    params: S.SlugParams,
    response: S.MultipleCommentsResponse,
  },
  CreateArticleComment: {
    method: 'POST',
    path: '/articles/:slug/comments',
    auth: 'required',
    status: 200,
    params: S.SlugParams,
    body: S.NewCommentRequest,
    response: S.SingleCommentResponse,
  },
  DeleteArticleComment: {
    method: 'DELETE',
    path: '/articles/:slug/comments/:id',
    auth: 'required',
    status: 204,
    params: S.CommentParams,
  },
  CreateArticleFavorite: {
    method: 'POST',
    path: '/articles/:slug/favorite',
    auth: 'required',
    status: 200,
    params: S.SlugParams,
    response: S.SingleArticleResponse,
  },
  DeleteArticleFavorite: {
    method: 'DELETE',
    path: '/articles/:slug/favorite',
    auth: 'required',
    status: 200,
    params: S.SlugParams,
    response: S.SingleArticleResponse,
  },
  GetTags: { method: 'GET', path: '/tags', auth: 'none', status: 200, response: S.TagsResponse },
} as const satisfies Record<string, RouteContract>;

export type OperationId = keyof typeof routes;
export const API_PREFIX = '/api';
