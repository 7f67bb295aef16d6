import { stringify } from 'yaml';

/** One file of a target's manifests: plain Kubernetes objects, and what the file could not say. */
export interface GeneratedManifest {
  /** `virtual-services.yaml`: the name `journey mesh manifests --out <dir>` writes it under. */
  file: string;
  objects: object[];
  /**
   * Policy the target cannot express, or expresses differently, and settings that belong to its
   * installation rather than to a resource ("Linkerd has no fault injection: …"). Nothing is dropped
   * without one of these.
   */
  notes: string[];
}

/**
 * The files of one target as they fill up. A note about a file that ends up with no object (Linkerd's
 * faults, which have no resource at all) moves to the first file, so every note is printed and written.
 */
export class ManifestSet {
  readonly #files = new Map<string, GeneratedManifest>();

  #file(file: string): GeneratedManifest {
    const manifest = this.#files.get(file) ?? { file, objects: [], notes: [] };
    this.#files.set(file, manifest);
    return manifest;
  }

  add(file: string, ...objects: object[]): void {
    this.#file(file).objects.push(...objects);
  }

  note(file: string, note: string): void {
    this.#file(file).notes.push(note);
  }

  list(): GeneratedManifest[] {
    const all = [...this.#files.values()];
    const kept = all.filter((manifest) => manifest.objects.length > 0);
    const homeless = all.filter((manifest) => manifest.objects.length === 0).flatMap((m) => m.notes);
    if (kept[0]) kept[0] = { ...kept[0], notes: [...kept[0].notes, ...homeless] };
    return kept;
  }
}

/**
 * Multi-document YAML, `kubectl apply -f` ready: each file's name and notes as a comment, then its
 * objects. Several manifests make one stream; the CLI writes one file per manifest with `--out`.
 */
export function manifestsAsYaml(manifests: GeneratedManifest[]): string {
  return manifests
    .map(({ file, objects, notes }) => {
      const header = [file, ...notes.map((note) => `NOTE: ${note}`)].map((line) => `# ${line}\n`).join('');
      return (
        header +
        objects
          .map((object) => `---\n${stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })}`)
          .join('')
      );
    })
    .join('');
}
