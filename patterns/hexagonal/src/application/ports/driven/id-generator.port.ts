/**
 * Short unique strings. Database rows get their ids from the storage adapter; this is for the
 * suffix that makes a taken slug unique (`how-to-train-your-dragon-3f9a1c2e`).
 */
export interface IdGenerator {
  /** Lower-case letters and digits only, so the result is still a well-formed slug part. */
  next(): string;
}
