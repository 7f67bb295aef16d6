/**
 * Field bounds shared by every pattern. The RealWorld spec sets none; we pick generous ones so that
 * a hostile client cannot store megabytes in a username, and every variant rejects the same inputs.
 */
export const limits = {
  username: 64,
  email: 254,
  password: { min: 8, max: 128 },
  bio: 5_000,
  image: 2_048,
  title: 300,
  description: 1_000,
  body: 100_000,
  tag: 64,
  tagsPerArticle: 20,
  comment: 20_000,
  /** Whole request body, in bytes; larger bodies get 413. */
  requestBody: 512 * 1024,
  pageSize: { default: 20, max: 100 },
} as const;
