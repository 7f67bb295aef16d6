import fc from 'fast-check';
import { CALCULATOR_NS, VOLLEY_LIMITS } from './calculator-service.js';
import { type VolleyTarget, xmlName } from './hostile-envelopes.js';
import { ADD_ACTION, addBody } from './raw-soap.js';

const ACTION_BASE = 'urn:journey:test:calculator/';

/** The calculator fixture as a volley's target: Add is the good request, Echo reads a string. */
export const calculatorVolley: VolleyTarget = {
  namespaces: { c: CALCULATOR_NS },
  limits: VOLLEY_LIMITS,
  good: { action: ADD_ACTION, body: addBody() },
  textual: {
    action: `${ACTION_BASE}Echo`,
    body: (text) => `<c:EchoRequest><c:message>${text}</c:message></c:EchoRequest>`,
  },
  actionBase: ACTION_BASE,
  otherActions: [`${ACTION_BASE}Echo`, `${ACTION_BASE}Divide`],
  schemaInvalid: fc
    .oneof(
      xmlName
        .filter((element) => !['a', 'b'].includes(element))
        .map((element) => `<c:AddRequest><c:${element}>1</c:${element}></c:AddRequest>`),
      fc.stringMatching(/^[a-z ]{1,10}$/).map((text) => addBody(text)),
      fc.bigInt({ min: 2n ** 31n, max: 2n ** 62n }).map((n) => addBody(String(n))),
      xmlName
        .map((element) => `<c:${element}Request/>`)
        .filter((body) => !/^<c:(Add|Echo|Divide)Request\/>$/.test(body)),
      fc.constantFrom(
        addBody() + addBody(),
        '',
        '<c:AddRequest/>',
        '<c:AddRequest><c:a>1</c:a></c:AddRequest>',
        '<c:AddRequest><c:b>2</c:b><c:a>1</c:a></c:AddRequest>',
        '<c:AddRequest><c:a>1</c:a><c:a>1</c:a><c:b>2</c:b></c:AddRequest>',
        '<c:AddRequest><c:a><c:x/></c:a><c:b>1</c:b></c:AddRequest>',
        '<c:AddRequest><c:a><![CDATA[one]]></c:a><c:b>1</c:b></c:AddRequest>',
      ),
    )
    .map((body) => ({ body })),
};
