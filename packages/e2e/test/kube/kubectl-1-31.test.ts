// The same flow with the server answering minor 31: the dispatcher runs kubectl 1.31.
import { kubectlFlow } from './kubectl-flow.js';

kubectlFlow('31');
