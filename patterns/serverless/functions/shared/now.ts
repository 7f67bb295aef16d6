/** ISO 8601 with milliseconds: the bytes the API returns as createdAt and updatedAt. */
export const now = (): string => new Date().toISOString();
