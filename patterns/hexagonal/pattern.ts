import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'hexagonal',
  sources: ['src'],
  structure: [
    { unit: 'driving ports', filesIn: 'src/application/ports/driving', suffix: '.port.ts' },
    { unit: 'driven ports', filesIn: 'src/application/ports/driven', suffix: '.port.ts' },
    { unit: 'use cases', filesIn: 'src/application/use-cases', suffix: '.use-case.ts' },
  ],
  rules: './architecture.rules.ts',
  exercise: {
    title: 'A file-backed TokenService',
    task: [
      'Write a driven adapter for the TokenService port: src/adapters/file/file-token-service.ts exporting',
      'fileTokenService(file: string): TokenService. It issues opaque random tokens (at least 16 random bytes,',
      'base64url) and keeps them in a JSON Lines file, one {"token","userId"} object per line, so they survive a',
      "restart, two instances on one file see each other's tokens, and deleting a line revokes that token at once.",
      'It must pass the TokenService port contract (test/ports/token-service.contract.ts), each factory call on',
      'its own file. Leave domain/, application/ and the HTTP adapter alone: only a new adapter changes.',
    ],
    tests: ['exercise/file-token-service.test.ts'],
    rules: true,
    hints: [
      'Start from src/adapters/memory/memory-token-service.ts: same port, a Map instead of a file.',
      'A token is 32 bytes from node:crypto randomBytes, .toString("base64url"): unguessable, and it fits "Token <token>".',
      'Append one JSON line per issued token (appendFileSync); rewriting the whole file loses the lines another instance added.',
      'Read the file in verify, not once when the service is made: a deleted line must stop its token without a restart.',
      'A file that does not exist yet means no token was issued: verify answers null, issue creates it.',
      'The rules say an adapter imports only ports and the domain from the core: import TokenService from application/ports/driven.',
    ],
    solution: 'exercise/solution.patch',
  },
});
