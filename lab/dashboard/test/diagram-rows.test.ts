import { describe, expect, it } from 'vitest';
import { diagramRows } from '../src/web/views/diagram-rows.js';

const edge = (from: string, to: string) => ({ from, to, protocol: 'http' });

describe('the rows of a topology diagram', () => {
  it('when one process stands on one database, then it is three rows: client, process, database', () => {
    expect(diagramRows({ edges: [edge('client', 'app'), edge('app', 'db')] })).toBe(3);
  });

  it('when services called by one entry process share a database and all call a registry, then it is four rows, however few the nodes', () => {
    const services = ['identity', 'publishing'];
    const edges = [
      edge('client', 'bus'),
      edge('bus', 'registry'),
      ...services.flatMap((name) => [edge('bus', name), edge(name, 'registry'), edge(name, 'shared-db')]),
    ];
    expect(diagramRows({ edges })).toBe(4);
  });

  it('when a node is reached by a short and a long path, then it sits one row below the nearest caller', () => {
    const edges = [edge('client', 'a'), edge('a', 'b'), edge('b', 'c'), edge('a', 'c')];
    expect(diagramRows({ edges })).toBe(3);
  });
});
