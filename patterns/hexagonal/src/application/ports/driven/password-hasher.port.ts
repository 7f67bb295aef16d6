export interface PasswordHasher {
  /** An opaque string that embeds whatever the algorithm needs (salt, parameters) to verify later. */
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash this hasher cannot read; never throws for those. */
  verify(password: string, hash: string): Promise<boolean>;
}
