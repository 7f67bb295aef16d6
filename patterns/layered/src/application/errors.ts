export { Forbidden, NotFound, Unauthorized } from '@journey/conduit-rules';
