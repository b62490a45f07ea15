// ACK's resource adoption (runtime pkg/runtime/adoption): the annotations `services.k8s.aws/adoption-policy`
// (adopt | adopt-or-create) and `services.k8s.aws/adoption-fields` bring an existing AWS resource under a CR.
// `adopt` overwrites the CR's spec with what AWS holds; `adopt-or-create` keeps the spec and creates when absent.
import type { KubeObject, ResourceClient } from '@ack-local/kube-apiserver';
import { ANNOTATION_ADOPTED, ANNOTATION_ADOPTION_FIELDS } from './annotations.js';
import { NotFoundError, TerminalError } from './errors.js';
import type { EventRecorder } from './events.js';
import { createMergePatch, pruneUndefined } from './merge-patch.js';
import type { AckResource, ReconcileContext, ResourceManager } from './resource-manager.js';

/** What adoption needs from the reconciler. */
export interface AdoptionSteps {
  manager: ResourceManager;
  kube: ResourceClient;
  events: EventRecorder;
  addFinalizer(object: KubeObject, extraMetadata: Record<string, unknown>): Promise<void>;
  log(object: KubeObject, message: string): void;
}

/** Returns undefined when adopt-or-create found nothing to adopt. */
export async function adopt(
  steps: AdoptionSteps,
  desired: AckResource,
  policy: string,
  ctx: ReconcileContext,
): Promise<{ latest: AckResource; requeueMs?: number } | undefined> {
  if (policy !== 'adopt' && policy !== 'adopt-or-create') {
    throw new TerminalError(
      `unrecognized adoption policy ${policy}. Supported policies are "adopt" and "adopt-or-create"`,
    );
  }
  const raw = desired.object.metadata.annotations?.[ANNOTATION_ADOPTION_FIELDS];
  let fields: Record<string, string> = {};
  if (raw) {
    try {
      fields = JSON.parse(raw) as Record<string, string>;
    } catch {
      throw new TerminalError(`invalid ${ANNOTATION_ADOPTION_FIELDS} annotation: ${raw}`);
    }
  }
  for (const field of steps.manager.identifierFields) {
    if (!fields[field] && !(policy === 'adopt-or-create' && desired.spec[field]))
      throw new TerminalError(`required field missing: ${field}`);
  }
  steps.manager.applyAdoptionFields(desired, fields);
  let read;
  try {
    read = await steps.manager.readOne(desired, ctx);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    if (policy === 'adopt') throw new Error('adopted resource not found');
    await patchIdentifiers(steps, desired);
    return undefined;
  }
  await steps.addFinalizer(desired.object, { annotations: { [ANNOTATION_ADOPTED]: 'true' } });
  if (policy === 'adopt-or-create') await patchIdentifiers(steps, desired);
  if (policy === 'adopt') {
    // The CR's spec becomes what AWS holds, so the first delta after adoption is empty.
    const spec = steps.manager.specForPatch ? steps.manager.specForPatch(read.latest) : read.latest.spec;
    const patch = createMergePatch(pruneUndefined(desired.object.spec ?? {}), pruneUndefined(spec));
    if (patch)
      await steps.kube.patch(
        steps.manager.gvr,
        desired.object.metadata.namespace,
        desired.object.metadata.name!,
        'merge',
        { spec: patch },
      );
  }
  steps.log(desired.object, `adopted ${steps.manager.describe(desired)} (${policy})`);
  await steps.events.record(
    desired.object,
    'Normal',
    'Adopted',
    `Adopted ${steps.manager.describe(desired)} (${policy})`,
  );
  // adopt-or-create comes straight back to reconcile the CR's spec against what it adopted.
  return { latest: read.latest, requeueMs: read.requeue?.delayMs ?? (policy === 'adopt-or-create' ? 1 : undefined) };
}

/**
 * adopt-or-create keeps the CR's spec but must name the resource it adopted or creates: otherwise the next reconcile
 * would look for the spec's name (and create a second resource, or see a rename).
 */
async function patchIdentifiers(steps: AdoptionSteps, desired: AckResource): Promise<void> {
  const current = (desired.object.spec ?? {}) as Record<string, unknown>;
  const identifiers = Object.fromEntries(
    steps.manager.identifierFields
      .filter((f) => f in desired.spec && desired.spec[f] !== current[f])
      .map((f) => [f, desired.spec[f]]),
  );
  if (Object.keys(identifiers).length === 0) return;
  await steps.kube.patch(steps.manager.gvr, desired.object.metadata.namespace, desired.object.metadata.name!, 'merge', {
    spec: identifiers,
  });
}
