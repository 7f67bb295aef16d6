/** The image `podman build` tags for one process, which the local overlay runs with imagePullPolicy Never. */
export const localImage = (slug: string, process: string) => `localhost/journey/${slug}-${process}:dev`;

/**
 * The image a cluster pulls: the same name without a registry, which the learner points at theirs
 * (kustomize `images:`, or the chart's `image.registry`).
 */
export const clusterImage = (slug: string, process: string) => `journey/${slug}-${process}:dev`;
