import cytoscape from 'cytoscape';
import type { PatternRun, TopologyGraph } from '../api.js';
import { mib, perSecond } from '../dom.js';
import { diagramRows } from './diagram-rows.js';
import { edgeFigures, measuredEdge, proxiesOf } from './traffic-figures.js';

type Node = TopologyGraph['nodes'][number];

/** A fresh embedded log or SQLite file is a few KiB: whole MiB would call it empty. */
const fileSize = (bytes: number) => (bytes < 2 ** 20 ? `${Math.ceil(bytes / 1024)} KiB` : mib(bytes));

/** Infrastructure is probed only while this lab runs the topology; otherwise it is drawn as its kind alone. */
const probedPiece = (node: Node, run: PatternRun) =>
  run.infrastructure.find((piece) => piece.name === node.id);

/** The facts shown on a node, one per line on the canvas, joined with ` · ` for screen readers. */
function factsOf(node: Node, health: Health, run: PatternRun): string[] {
  if (node.kind === 'client') return ['HTTP client'];
  if (node.kind === 'process') {
    const status = run.processes.find((p) => p.name === node.id);
    return [
      health,
      status?.rssBytes ? mib(status.rssBytes) : '',
      status?.requestsPerSecond != null ? perSecond(status.requestsPerSecond) : '',
    ].filter(Boolean);
  }
  const piece = probedPiece(node, run);
  if (!piece) return [node.kind];
  return [
    health,
    piece.choice,
    piece.fileBytes !== null
      ? `${fileSize(piece.fileBytes)} on disk`
      : piece.rssBytes !== null
        ? mib(piece.rssBytes)
        : piece.healthDetail,
  ];
}

/** The units a hosting process reports now (its functions); none while it does not answer. */
function unitsOf(run: PatternRun, process: string) {
  const answer = run.processes.find((p) => p.name === process)?.hostedUnits;
  return answer?.available ? answer.report.units : [];
}

const unitId = (process: string, unit: string) => `${process}/${unit}`;
const unitLabel = (unit: { name: string; instances: number }) => `${unit.name}\n×${unit.instances}`;

/** The proxy a traffic report lists beside a process (a mesh's sidecar), drawn as a small box on its corner. */
const proxyId = (process: string) => `${process}/proxy`;
const proxyFacts = (rssBytes: number | null) => (rssBytes === null ? 'sidecar' : `sidecar ${mib(rssBytes)}`);

const LAYOUT = { name: 'breadthfirst', directed: true, roots: ['client'], spacingFactor: 1.1 } as const;
const NODE_HEIGHT = 76;
const UNIT = { width: 104, height: 34, gap: 8, columns: 3 };
const PROXY = { width: 92, height: 24 };

/** What a node looks like now; also the words screen readers get for it. */
type Health = 'healthy' | 'unhealthy' | 'starting' | 'down' | 'stopped' | 'infrastructure' | 'client';

function healthOf(node: Node, run: PatternRun): Health {
  if (node.kind === 'client') return 'client';
  if (node.kind !== 'process') {
    const piece = probedPiece(node, run);
    return piece ? (piece.healthy ? 'healthy' : 'unhealthy') : 'infrastructure';
  }
  const status = run.processes.find((p) => p.name === node.id);
  if (!status) return 'stopped';
  if (status.state === 'starting') return 'starting';
  if (status.state === 'exited') return 'down';
  if (status.state === 'running' || status.state === 'unknown')
    return status.healthy ? 'healthy' : 'unhealthy';
  return 'stopped';
}

const COLOURS: Record<Health, string> = {
  healthy: '#1b7f3b',
  unhealthy: '#b35900',
  starting: '#1f5fad',
  down: '#b3261e',
  stopped: '#5f6368',
  infrastructure: '#4a3f8c',
  client: '#37474f',
};

/**
 * The topology file drawn as a graph (Cytoscape), each process coloured by its live health. The
 * canvas is described in words through aria-label, kept current, so the diagram is not sight-only.
 */
export function topologyDiagram(graph: TopologyGraph) {
  const element = document.createElement('div');
  // Services, their databases and a broker or a registry stack up four rows deep: at the usual height
  // each box would shrink below readable text, so a deeper topology gets a taller canvas. Its depth, not
  // its node count: a registry beside three services over one shared database is seven nodes, four rows.
  element.className = graph.nodes.length > 8 || diagramRows(graph) > 3 ? 'diagram tall' : 'diagram';
  element.setAttribute('role', 'img');
  let cy: cytoscape.Core | undefined;
  let shown: PatternRun | undefined;
  // Cytoscape measures its container when it is created: it must be in the page by then.
  const create = () =>
    cytoscape({
      container: element,
      elements: [
        ...graph.nodes.map((node) => ({
          data: { id: node.id, shape: node.shape, label: node.id, health: 'stopped' },
        })),
        ...graph.edges.map((edge) => ({
          data: { id: `${edge.from}->${edge.to}`, source: edge.from, target: edge.to, label: edge.protocol },
        })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'text-wrap': 'wrap',
            'text-valign': 'center',
            'text-halign': 'center',
            color: '#ffffff',
            'font-size': 14,
            width: 150,
            height: 76,
            // Sent by the server (infrastructure by its kind's registry entry), so a new kind draws as declared.
            shape: (node: cytoscape.NodeSingular) => node.data('shape') as cytoscape.Css.NodeShape,
            'background-color': (node: cytoscape.NodeSingular) => COLOURS[node.data('health') as Health],
          },
        },
        // A process hosting units (a function runtime) is drawn around them, its name and facts above.
        {
          selector: ':parent',
          style: { 'text-valign': 'top', color: '#202124', 'font-size': 13, padding: '10px' },
        },
        {
          selector: 'node.unit',
          style: {
            shape: 'round-rectangle',
            width: UNIT.width,
            height: UNIT.height,
            'font-size': 11,
            color: '#202124',
            'background-color': '#ffffff',
            'border-width': 1,
            'border-color': '#5f6368',
          },
        },
        // Two lines of figures along its edge, so the labels of edges fanning out of one process do not cross.
        { selector: 'edge.measured', style: { 'text-rotation': 'autorotate' } },
        {
          selector: 'node.proxy',
          style: {
            shape: 'round-rectangle',
            width: PROXY.width,
            height: PROXY.height,
            'font-size': 10,
            color: '#202124',
            'background-color': '#fff3e0',
            'border-width': 1,
            'border-color': '#b35900',
          },
        },
        {
          selector: 'edge',
          style: {
            label: 'data(label)',
            'text-wrap': 'wrap',
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            width: 2,
            'line-color': '#5f6368',
            'target-arrow-color': '#5f6368',
            'font-size': 11,
            color: '#202124',
            'text-background-color': '#ffffff',
            'text-background-opacity': 1,
          },
        },
      ],
      layout: LAYOUT,
      userZoomingEnabled: false,
      userPanningEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });

  /** Which units and proxies are drawn now, as one key: the diagram is laid out again only when it changes. */
  let drawnKey = '';
  const hosting = graph.nodes.filter((node) => node.hostsUnits);
  const processes = graph.nodes.filter((node) => node.kind === 'process');
  /** The processes a proxy runs beside, by the run's traffic reports, with its figures. */
  const proxiedOf = (run: PatternRun) => {
    const proxies = proxiesOf(run);
    return processes.flatMap((node) => {
      const proxy = proxies.get(node.id);
      return proxy ? [{ process: node.id, rssBytes: proxy.rssBytes }] : [];
    });
  };

  /** A small box on each proxied process's top right corner, where it stands once the units are in. */
  const addProxies = (run: PatternRun) => {
    if (!cy) return;
    for (const { process, rssBytes } of proxiedOf(run)) {
      const box = cy.getElementById(process).boundingBox({});
      cy.add({
        group: 'nodes',
        classes: 'proxy',
        data: { id: proxyId(process), label: proxyFacts(rssBytes) },
        position: { x: box.x2 - PROXY.width / 4, y: box.y1 },
      });
    }
    element.dataset.proxiesDrawn = String(cy.nodes('.proxy').length);
  };

  /**
   * Lays the graph out without units and proxies, then puts each hosting process's units inside it in
   * a grid where the process stood, moving what was below down by the height the process grew, and
   * each proxy on the corner of its process.
   */
  const layOut = (run: PatternRun) => {
    if (!cy) return;
    cy.remove('node.unit, node.proxy');
    cy.layout(LAYOUT).run();
    for (const node of hosting) {
      const units = unitsOf(run, node.id);
      if (units.length === 0) continue;
      const centre = { ...cy.getElementById(node.id).position() };
      const columns = Math.min(UNIT.columns, units.length);
      const rows = Math.ceil(units.length / columns);
      const pitch = { x: UNIT.width + UNIT.gap, y: UNIT.height + UNIT.gap };
      const grown = rows * pitch.y + 30 - NODE_HEIGHT;
      cy.nodes()
        .filter((other) => other.id() !== node.id && other.position().y > centre.y + 1)
        .shift({ x: 0, y: grown });
      cy.add(
        units.map((unit, i) => ({
          group: 'nodes' as const,
          classes: 'unit',
          data: { id: unitId(node.id, unit.name), parent: node.id, label: unitLabel(unit) },
          position: {
            x: centre.x + ((i % columns) - (columns - 1) / 2) * pitch.x,
            y: centre.y + grown / 2 + (Math.floor(i / columns) - (rows - 1) / 2) * pitch.y,
          },
        })),
      );
    }
    addProxies(run);
    cy.fit(undefined, 16);
    // How many units are on the canvas: the words in aria-label say what should be, this what is drawn.
    element.dataset.unitsDrawn = String(cy.nodes('.unit').length);
  };

  const paint = (run: PatternRun) => {
    const unitsKey = hosting.map((node) => unitsOf(run, node.id).map((u) => unitId(node.id, u.name))).join();
    const proxied = proxiedOf(run);
    const key = `${unitsKey}|${proxied.map((p) => p.process).join()}`;
    // Before mount there is no canvas to lay out: mount paints again.
    if (cy && key !== drawnKey) {
      drawnKey = key;
      layOut(run);
    }
    for (const { process, rssBytes } of proxied)
      cy?.getElementById(proxyId(process)).data('label', proxyFacts(rssBytes));
    const proxyWords = new Map(proxied.map((p) => [p.process, proxyFacts(p.rssBytes)]));
    const words: string[] = [];
    for (const node of graph.nodes) {
      const health = healthOf(node, run);
      const facts = factsOf(node, health, run);
      // One fact per line on the canvas, so a long one never spills out of its box.
      const units = node.hostsUnits ? unitsOf(run, node.id) : [];
      // Above a compound node the facts share one line: stacked, they would climb out of the canvas.
      const label = units.length > 0 ? [node.id, ...facts].join(' · ') : [node.id, ...facts].join('\n');
      cy?.getElementById(node.id).data({ health, label });
      for (const unit of units) cy?.getElementById(unitId(node.id, unit.name)).data('label', unitLabel(unit));
      const hosted = units.map((unit) => `${unit.name} ×${unit.instances}`).join(', ');
      const proxy = proxyWords.get(node.id);
      words.push(
        `${node.id}: ${[...facts, ...(hosted ? [`hosts ${hosted}`] : []), ...(proxy ? [proxy] : [])].join(' · ')}`,
      );
    }
    // What the proxies on the edge measured, when a traffic report has it; else what the caller counted
    // (or, from the client, the public process), so each edge has its own rate.
    const edgeFacts = (from: string, to: string): string[] => {
      const measured = measuredEdge(run, from, to);
      if (measured) return edgeFigures(measured);
      const rate = run.edges.find((e) => e.from === from && e.to === to)?.requestsPerSecond;
      return rate != null ? [perSecond(rate)] : [];
    };
    for (const e of graph.edges) {
      const [rate, ...more] = edgeFacts(e.from, e.to);
      // The rate beside the protocol, anything more on a line below: one long line would cross its neighbours'.
      const label = rate
        ? [`${e.protocol} · ${rate}`, ...(more.length > 0 ? [more.join(' · ')] : [])]
        : [e.protocol];
      const edge = cy?.getElementById(`${e.from}->${e.to}`);
      edge?.data('label', label.join('\n'));
      edge?.toggleClass('measured', measuredEdge(run, e.from, e.to) !== undefined);
    }
    const edges = graph.edges
      .map((e) => {
        const facts = edgeFacts(e.from, e.to);
        return `${e.from} → ${e.to} over ${e.protocol}${facts.length > 0 ? `, ${facts.join(' · ')}` : ''}`;
      })
      .join(', ');
    element.setAttribute('aria-label', `Topology diagram. ${words.join('; ')}. Connections: ${edges}.`);
  };

  return {
    element,
    update(run: PatternRun) {
      shown = run;
      paint(run);
    },
    /** Draws the graph; call once the element is in the page. */
    mount() {
      cy = create();
      if (shown) paint(shown);
    },
    destroy: () => cy?.destroy(),
  };
}
