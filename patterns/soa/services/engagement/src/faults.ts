import { serviceFault } from '@journey/soa-contracts';
import { soapFault } from '@journey/soa-soap-kit';

/** The declared fault for an article or profile that is not there: the bus answers 404 `{what: ['not found']}`. */
export const notFound = (what: 'article' | 'profile', name: string) =>
  soapFault('NOT_FOUND', `${what} ${name} not found`, serviceFault('NOT_FOUND', { [what]: ['not found'] }));

/** The rule every Conduit pattern answers with a 422 on `username`. */
export const cannotFollowYourself = () =>
  soapFault(
    'VALIDATION_FAILED',
    'you cannot follow yourself',
    serviceFault('VALIDATION_FAILED', { username: ['you cannot follow yourself'] }),
  );
