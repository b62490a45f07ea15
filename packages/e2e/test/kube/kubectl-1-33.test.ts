// The real kubectl end-to-end (apply, get, watch, describe, patch, edit, diff, explain) with the server answering minor 33: the dispatcher runs kubectl 1.33.
import { kubectlFlow } from './kubectl-flow.js';

kubectlFlow('33', 'apply');
