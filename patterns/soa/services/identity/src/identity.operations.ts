import { loginCredentials, userEdit, userRegistration, wrongCredentials } from '@journey/conduit-rules';
import { hashPassword, type UserTokens, verifyPassword } from '@journey/platform';
import type { IdentityV1, User } from '@journey/soa-contracts';
import { follows, personNamed, profileOf } from '@journey/soa-enterprise-data';
import { callContextOf, type EnterpriseData, idempotent, requireViewer } from '@journey/soa-service-host';
import type { OperationContext, SoapImplementation } from '@journey/soa-soap-kit';
import { type AccountRow, accountRecords } from './account-records.js';
import { answeringRuleFailures, profileNotFound, takenField, viewerGone } from './identity.faults.js';

type Request<Op extends keyof IdentityV1> = IdentityV1[Op]['request'];
type Response<Op extends keyof IdentityV1> = IdentityV1[Op]['response'];

/**
 * IdentityService v1 (identity-v1.wsdl): accounts, sign-in and profiles. The only service that sees
 * emails and password hashes, and the one that issues tokens; the bus verifies them and names the
 * viewer in the CallContext header, so no operation here ever reads a token.
 */
export function identityOperations(data: EnterpriseData, tokens: UserTokens): SoapImplementation {
  const accounts = accountRecords(data);

  /** The canonical User: the account with a fresh token; an absent bio or image is left out (JSON null). */
  const userOf = async (row: AccountRow): Promise<{ user: User }> => ({
    user: {
      id: row.id,
      email: row.email,
      token: await tokens.issue(row.id),
      username: row.username,
      ...(row.bio !== null && { bio: row.bio }),
      ...(row.image !== null && { image: row.image }),
    },
  });

  const operations = {
    async Register(input: Request<'Register'>): Promise<Response<'Register'>> {
      const { username, email, password } = userRegistration(input);
      // Hashed before the write transaction: scrypt's ~30 ms must not hold the database's write lock.
      const passwordHash = await hashPassword(password);
      return userOf(await accounts.create({ username, email, passwordHash }).catch(takenField));
    },

    async Authenticate(input: Request<'Authenticate'>): Promise<Response<'Authenticate'>> {
      const { email, password } = loginCredentials(input);
      const row = await accounts.byEmail(email);
      if (!row || !(await verifyPassword(password, row.password_hash))) throw wrongCredentials();
      return userOf(row);
    },

    async GetCurrentUser(_input: Request<'GetCurrentUser'>, context: OperationContext) {
      const row = await accounts.byId(requireViewer(context));
      if (!row) throw viewerGone(context.operation);
      return userOf(row);
    },

    async UpdateUser(
      input: Request<'UpdateUser'>,
      context: OperationContext,
    ): Promise<Response<'UpdateUser'>> {
      const viewerId = requireViewer(context);
      const { password, ...profile } = userEdit(input);
      const changes = {
        ...profile,
        ...(password !== undefined && { password_hash: await hashPassword(password) }),
      };
      const row = await accounts.change(viewerId, changes).catch(takenField);
      if (!row) throw viewerGone(context.operation);
      return userOf(row);
    },

    // pattern: identity answers `following` itself, reading the follows engagement writes: shared data.
    async GetProfile(
      input: Request<'GetProfile'>,
      context: OperationContext,
    ): Promise<Response<'GetProfile'>> {
      const person = await personNamed(data.db, input.username);
      if (!person) throw profileNotFound(input.username);
      return {
        profile: profileOf(person, await follows(data.db, callContextOf(context).viewerId, person.id)),
      };
    },
  } satisfies SoapImplementation;

  return {
    // Writes a client may retry with its Idempotency-Key (ADR 0011): a repeat gets the first answer.
    Register: idempotent('Register', answeringRuleFailures(operations.Register), data),
    UpdateUser: idempotent('UpdateUser', answeringRuleFailures(operations.UpdateUser), data),
    Authenticate: answeringRuleFailures(operations.Authenticate),
    GetCurrentUser: operations.GetCurrentUser,
    GetProfile: operations.GetProfile,
  };
}
