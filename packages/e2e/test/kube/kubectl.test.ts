// The real kubectl end-to-end (apply, get, watch, describe, patch, edit, diff, explain) with the default: the dispatcher runs kubectl 1.32.
import { kubectlFlow } from './kubectl-flow.js';

kubectlFlow('32', 'apply');
