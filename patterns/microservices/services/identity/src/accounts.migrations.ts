/**
 * pattern: database per service. Identity's database holds the users group of the Conduit schema and
 * nothing else (ADR 0010): an account is one row of `users`, the same table and migration the
 * single-database patterns give their users module. Its unique constraints, username in any case and
 * email, are what stops racing registrations: two inserts cannot both pass them.
 */
export { type UsersTable, type UsersTables, usersMigrations } from '@journey/conduit-sql/users';
