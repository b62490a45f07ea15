// The registry's view of the patch module (src/patch): applying every patch type and keeping managedFields.
// A static import, so bundlers (the CLI's esbuild bundle) include it like any other module.
import { applyPatch, updateManagedFields } from '../patch/index.js';
import type { StatusError } from '../errors.js';
import { unsupportedMediaType } from './status-errors.js';

export const patchModule = () => ({ applyPatch, updateManagedFields });

export const unsupportedPatch = (): StatusError =>
  unsupportedMediaType(
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
  );
