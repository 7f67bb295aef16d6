/**
 * The canonical data model (../xsd/canonical-v1.xsd) as TypeScript, written by hand to match it
 * element for element: what a service returns and the bus reads once the SOAP kit has turned the
 * XML into values. Conventions: an element with minOccurs="0" is an optional property; a repeated
 * element is an array, always (even of one or none); xs:dateTime is an ISO 8601 string; xs:int,
 * xs:nonNegativeInteger and Id are numbers. The `soap` package converts only leaves typed with a
 * built-in type directly (xs:int and xs:boolean; xs:dateTime becomes a Date): the kit brings the
 * rest to these shapes.
 */

/** A row id of the shared enterprise database (a 32-bit serial, as xs:int). */
export type Id = number;

export interface User {
  id: Id;
  email: string;
  token: string;
  username: string;
  /** Absent: the JSON null. */
  bio?: string;
  image?: string;
}

/** A user as the viewer sees them; `following` is false for an anonymous viewer. */
export interface Profile {
  username: string;
  bio?: string;
  image?: string;
  following: boolean;
}

export interface TagList {
  tag: string[];
}

export interface Article {
  slug: string;
  title: string;
  description: string;
  /** Left out in lists (ListArticles, Feed), as the JSON API does. */
  body?: string;
  tagList: TagList;
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: Profile;
}

export interface Comment {
  id: Id;
  createdAt: string;
  updatedAt: string;
  body: string;
  author: Profile;
}

/** Already bounded by the bus: limit 1..100, offset 0..10^9. */
export interface PageRequest {
  limit: number;
  offset: number;
}

/** The page answered and how many items match in all (the JSON `articlesCount`). */
export interface Page extends PageRequest {
  total: number;
}

/**
 * The `c:CallContext` SOAP header every operation reads: on whose behalf the bus calls (no
 * `viewerId`: anonymous) and the client's Idempotency-Key for a write.
 */
export interface CallContext {
  viewerId?: Id;
  idempotencyKey?: string;
}

export const faultCodes = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_REQUEST',
  'INTERNAL',
] as const;
export type FaultCode = (typeof faultCodes)[number];

/** One `c:field` of `c:errors`: a key of the RealWorld `{"errors":{field:[messages]}}`. */
export interface FieldError {
  name: string;
  message: string[];
}

/** The detail of every declared fault (`c:ServiceFault`). */
export interface ServiceFault {
  code: FaultCode;
  errors: { field: FieldError[] };
}
