import type { ExerciseDeclaration } from '@journey/topology';

/**
 * The SOA stage's exercise (roadmap/soa.md, checkpoint `exercise`): version a contract so that an older
 * consumer keeps passing its tests after the provider changes. pattern.ts declares it as `exercise`.
 */
export const contractVersionExercise: ExerciseDeclaration = {
  title: 'IdentityService v2, and no consumer has to move',
  task: [
    'Publish v2 of the IdentityService contract: GetProfileResponse may carry an optional articlesCount',
    '(xs:nonNegativeInteger, the number of articles the profile wrote). Write libs/contracts/wsdl/identity-v2.wsdl',
    'and libs/contracts/xsd/identity-v2.xsd as a compatible revision under the rule in libs/contracts/README.md',
    '(v1 messages, operations and SOAPActions kept; the message namespace stays urn:journey:conduit:identity:v1).',
    'List it in libs/contracts/src/inventory.ts and type it as IdentityV2 in src/messages.ts. IdentityService',
    'serves both /soap/identity/v1 and /soap/identity/v2, registers 1.0 and 2.0, and v2 fills articlesCount.',
    'A client generated from the v1 WSDL and sent to the v2 endpoint must get exactly what v1 gives.',
  ],
  tests: ['exercise/identity-v2.test.ts'],
  rules: true,
  hints: [
    'Start from the pair that already did this: copy wsdl/engagement-v2.wsdl and xsd/engagement-v2.xsd next to their v1 files and read the diff; identity v2 follows the same steps.',
    'In xsd/identity-v2.xsd keep targetNamespace="urn:journey:conduit:identity:v1" and add <xs:element name="articlesCount" type="xs:nonNegativeInteger" minOccurs="0"/> as the last element of GetProfileResponse\'s sequence; anything else changed there is what the compatibility comparison reports.',
    "In wsdl/identity-v2.wsdl only the WSDL's own namespace (urn:journey:conduit:identity:v2), the schema it imports and the addresses (/soap/identity/v2) change; every soapAction stays urn:journey:conduit:identity:v1/<Op>.",
    'libs/contracts/src/inventory.ts: a second identity entry with version 2, definitionsNamespace v2 and messageNamespace v1; test/contracts/inventory.test.ts lists the contracts and the latest identity version, and samples/identity-v2/ needs one sample per global element for test/contracts/schemas.test.ts.',
    "services/identity/src/app.ts: identityEndpoints returns a second endpoint, { contract: contractOf('identity', 2), implementation }: v1's handlers with only GetProfile replaced, as services/engagement/src/index.ts does for engagement v2. The service host mounts it at /soap/identity/v2 and registers it as 2.0.",
    'articlesCount is a count of the shared articles table by author_id: 0 for a user who wrote nothing, never absent from a v2 answer.',
    'The v1 endpoint must not answer articlesCount: its schema does not declare it, so the SOAP kit refuses to write it (an InternalError fault).',
  ],
  solution: 'exercise/solution.patch',
};
