import { ValidationFailed } from '@journey/conduit-rules';

/**
 * pattern: a business rule is a small named object with a message, so a rule can be read, tested
 * and reused on its own ("you cannot follow yourself") instead of hiding as an `if` in a service.
 */
export interface BusinessRule {
  /** The request field a client should change, as the RealWorld error shape keys it. */
  readonly field: string;
  readonly message: string;
  isBroken(): boolean;
}

/** A broken rule is a 422 in the RealWorld shape: it extends the shared ValidationFailed. */
export class BusinessRuleBroken extends ValidationFailed {
  constructor(readonly rule: BusinessRule) {
    super({ [rule.field]: [rule.message] });
    this.name = 'BusinessRuleBroken';
  }
}

export function checkRule(rule: BusinessRule): void {
  if (rule.isBroken()) throw new BusinessRuleBroken(rule);
}

/**
 * Who may do what. Kept apart from BusinessRule because breaking it means "not you" (403), not
 * "not like this" (422); the application layer decides what a refusal turns into.
 */
export interface Permission {
  readonly message: string;
  isGranted(): boolean;
}
