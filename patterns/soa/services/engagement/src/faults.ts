import { serviceFault } from '@journey/soa-contracts';
import { soapFault } from '@journey/soa-soap-kit';

/** The declared fault for an article or profile that is not there: the bus answers 404 `{what: ['not found']}`. */
export const notFound = (what: 'article' | 'profile', name: string) =>
  soapFault('NOT_FOUND', `${what} ${name} not found`, serviceFault('NOT_FOUND', { [what]: ['not found'] }));

/** A broken rule with its RealWorld field messages: the bus answers 422 `{"errors": errors}`. */
const invalid = (errors: Record<string, string[]>) =>
  soapFault(
    'VALIDATION_FAILED',
    Object.entries(errors)
      .map(([field, messages]) => `${field} ${messages.join(', ')}`)
      .join('; '),
    serviceFault('VALIDATION_FAILED', errors),
  );

/** The rule every Conduit pattern answers with a 422 on `username`. */
export const cannotFollowYourself = () => invalid({ username: ['you cannot follow yourself'] });
