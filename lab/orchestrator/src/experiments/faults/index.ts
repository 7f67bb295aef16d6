import type { FaultKind, FaultSpec } from '@journey/topology';
import { commandFault } from './command.fault.js';
import { cutInfrastructureFault } from './cut-infrastructure.fault.js';
import { dropFault } from './drop.fault.js';
import type { Fault, FaultSetting } from './fault.js';
import { killFault } from './kill.fault.js';
import { latencyFault } from './latency.fault.js';
import { loseAnswersFault } from './lose-answers.fault.js';

export { type Fault, type FaultControl, FaultRefused, type FaultSetting } from './fault.js';

type Prepare<K extends FaultKind> = (
  spec: Extract<FaultSpec, { kind: K }>,
  setting: FaultSetting,
) => Promise<Fault>;

/** Every kind of fault a topology may declare, each prepared by its own module. */
const FAULT_KINDS: { [K in FaultKind]: Prepare<K> } = {
  kill: killFault,
  'cut-infrastructure': cutInfrastructureFault,
  latency: latencyFault,
  drop: dropFault,
  'lose-answers': loseAnswersFault,
  command: commandFault,
};

/** Readies a declared fault for one run; throws FaultRefused when the copy as chosen cannot take it. */
export const prepareFault = (spec: FaultSpec, setting: FaultSetting): Promise<Fault> =>
  (FAULT_KINDS[spec.kind] as Prepare<FaultKind>)(spec as never, setting);
