import { defineTopology } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import { offeredChoices } from '../src/server/infrastructure-choices.js';

const topology = (defaultChoice?: string) =>
  defineTopology({
    id: 'fixture',
    title: 'one process on one database',
    processes: [
      { name: 'app', command: ['node', 'app.js'], portEnv: 'PORT', public: true, health: '/health' },
    ],
    infrastructure: [{ name: 'db', kind: 'database', urlEnv: 'DATABASE_URL', defaultChoice }],
    edges: [{ from: 'app', to: 'db', protocol: 'sql' }],
  });

describe('the start form’s choices', () => {
  it('when the topology names its own default, then the form selects it', () => {
    expect(offeredChoices(topology('postgres'), {})[0]?.defaultChoice).toBe('postgres');
  });

  it('when the lab was started with a choice, then it wins over the topology’s', () => {
    expect(offeredChoices(topology('postgres'), { database: 'sqlite' })[0]?.defaultChoice).toBe('sqlite');
  });

  it('when neither names one, then the kind’s default is selected', () => {
    expect(offeredChoices(topology(), {})[0]?.defaultChoice).toBe('sqlite');
  });

  it('when a topology has a broker, then kafka is offered as what it is here: a mock cluster', () => {
    const withBroker = defineTopology({
      id: 'fixture',
      title: 'one process and a broker',
      processes: [
        { name: 'app', command: ['node', 'app.js'], portEnv: 'PORT', public: true, health: '/health' },
      ],
      infrastructure: [{ name: 'broker', kind: 'broker', urlEnv: 'BROKER_URL' }],
      edges: [{ from: 'app', to: 'broker', protocol: 'events' }],
    });
    const [broker] = offeredChoices(withBroker, {});
    expect(broker?.choices).toContain('kafka');
    expect(broker?.notes.kafka).toBe('Kafka protocol, mock cluster: no persistence or retention');
    expect(broker?.notes.nats).toBeUndefined();
  });
});
