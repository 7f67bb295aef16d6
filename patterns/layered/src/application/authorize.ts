import type { Permission } from '../domain/business-rule.js';
import { Forbidden } from './errors.js';

/** A permission the domain refuses becomes a 403; the domain itself knows nothing of HTTP statuses. */
export function authorize(permission: Permission): void {
  if (!permission.isGranted()) throw new Forbidden(permission.message);
}
