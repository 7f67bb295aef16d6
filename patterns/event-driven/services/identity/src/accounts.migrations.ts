/**
 * pattern: database per service. Identity's database holds the users group and nothing else: the
 * same table (and the same migration) a single-database pattern gives its users module, an account
 * being one row of it. Its unique constraints, username in any case and email, are what stops racing
 * registrations: two inserts cannot both pass them.
 */
export { type UsersTable, type UsersTables, usersMigrations } from '@journey/conduit-sql/users';
