/**
 * pattern: database per service. Profiles' database holds the profiles group of the Conduit schema
 * (`follows`) and nothing else (ADR 0010). Both ids name identity's users: plain integers, no foreign
 * key across a service boundary. Names and bios stay with identity, asked for over HTTP.
 */
export { type ProfilesTables, profilesMigrations } from '@journey/conduit-sql/profiles';
