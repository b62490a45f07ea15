// The real kubectl end-to-end (apply, get, watch, describe, patch, edit, diff, explain) with the server answering minor 31: the dispatcher runs kubectl 1.31.
import { kubectlFlow } from './kubectl-flow.js';

kubectlFlow('31', 'apply');
